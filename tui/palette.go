package tui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// paletteCommands are the command palette's commands with their help.
var paletteCommands = []struct{ name, help string }{
	{"open source", "open a source schema file (PATH optional)"},
	{"open target", "open a target schema file (PATH optional)"},
	{"save", "save the mapping (PATH optional: save as)"},
	{"run", "run the mapping over the dataset"},
	{"generate", "generate a synthetic dataset"},
	{"suggest", "suggest rules for unmapped targets"},
	{"threshold", "confidence for A (accept all), e.g. threshold 0.7"},
	{"lookups", "edit lookup tables"},
	{"drift", "load a new version of a schema and see what breaks"},
	{"help", "show the key bindings"},
	{"quit", "quit (asks when there are unsaved changes)"},
}

// palette is the `:` command line.
type palette struct {
	input   textinput.Model
	matches []string
}

func newPalette() *palette {
	ti := widgets.NewInput("")
	ti.Prompt = keys.Name(keys.Global.Palette)
	ti.Focus()
	p := &palette{input: ti}
	p.refresh()
	return p
}

func (p *palette) refresh() {
	v := strings.TrimSpace(p.input.Value())
	p.matches = p.matches[:0]
	for _, c := range paletteCommands {
		if strings.HasPrefix(c.name, v) || strings.HasPrefix(v, c.name+" ") || v == c.name {
			p.matches = append(p.matches, c.name)
		}
	}
	sort.Strings(p.matches)
}

// update handles a key; done reports that the palette closes, and cmd is
// the command to run (nil when cancelled).
func (p *palette) update(msg tea.KeyMsg) (cmd tea.Cmd, done bool) {
	switch {
	case key.Matches(msg, keys.Input.Cancel):
		return nil, true
	case key.Matches(msg, keys.Input.Complete):
		if len(p.matches) > 0 {
			p.input.SetValue(p.matches[0] + " ")
			p.input.CursorEnd()
			p.refresh()
		}
		return nil, false
	case key.Matches(msg, keys.Input.Accept):
		return parseCommand(p.input.Value(), p.matches), true
	}
	var c tea.Cmd
	p.input, c = p.input.Update(msg)
	p.refresh()
	return c, false
}

// parseCommand splits "open source x.json" into name and argument; a
// unique prefix names a command.
func parseCommand(line string, matches []string) tea.Cmd {
	line = strings.TrimSpace(line)
	if line == "" {
		return nil
	}
	for _, c := range paletteCommands {
		if line == c.name || strings.HasPrefix(line, c.name+" ") {
			arg := strings.TrimSpace(strings.TrimPrefix(line, c.name))
			return func() tea.Msg { return common.CommandMsg{Name: c.name, Arg: arg} }
		}
	}
	if len(matches) == 1 {
		name := matches[0]
		return func() tea.Msg { return common.CommandMsg{Name: name} }
	}
	return common.Errorf("unknown command %q: try %s", line, strings.Join(commandNames(), ", "))
}

func commandNames() []string {
	out := make([]string, len(paletteCommands))
	for i, c := range paletteCommands {
		out[i] = c.name
	}
	return out
}

func (p *palette) view(width int) string {
	var b strings.Builder
	b.WriteString(p.input.View())
	for _, name := range p.matches {
		for _, c := range paletteCommands {
			if c.name == name {
				b.WriteString("\n" + widgets.Cell("  "+name+" — "+c.help, width-4))
			}
		}
	}
	return b.String()
}
