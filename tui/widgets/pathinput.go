package widgets

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
)

// PathInput is a text input for a file path; Tab completes the path from
// the file system (in a command, so Update never reads a directory).
type PathInput struct {
	Input textinput.Model
	// Matches holds the candidates of the last completion when several fit.
	Matches []string
}

// PathCompletedMsg carries the result of a completion to the input that
// asked for it (another input, or a later one, ignores it).
type PathCompletedMsg struct {
	input   *PathInput
	value   string
	matches []string
}

// NewPathInput returns a focused path input with a prompt.
func NewPathInput(prompt, value string) *PathInput {
	ti := NewInput(prompt)
	ti.SetValue(value)
	ti.CursorEnd()
	ti.Focus()
	return &PathInput{Input: ti}
}

// Value returns the text.
func (p *PathInput) Value() string { return strings.TrimSpace(p.Input.Value()) }

// Update handles Tab (complete), the result of a completion, and every
// other key as text. A nil input (no prompt open) ignores msg.
func (p *PathInput) Update(msg tea.Msg) tea.Cmd {
	if p == nil {
		return nil
	}
	switch msg := msg.(type) {
	case PathCompletedMsg:
		if msg.input == p {
			if msg.value != "" {
				p.Input.SetValue(msg.value)
				p.Input.CursorEnd()
			}
			p.Matches = msg.matches
		}
		return nil
	case tea.KeyMsg:
		if key.Matches(msg, keys.Input.Complete) {
			v := p.Input.Value()
			return func() tea.Msg {
				val, m := CompletePath(v)
				return PathCompletedMsg{input: p, value: val, matches: m}
			}
		}
	}
	var cmd tea.Cmd
	p.Input, cmd = p.Input.Update(msg)
	return cmd
}

// PromptKey routes a key to the open prompt *p: Input.Cancel closes it,
// Input.Accept closes it and submits its path (when not empty), every
// other key edits or completes. The one place a path prompt's keys are
// read, for every screen that asks for a file.
func PromptKey(p **PathInput, msg tea.KeyMsg, submit func(path string) tea.Cmd) tea.Cmd {
	in := *p
	switch {
	case key.Matches(msg, keys.Input.Cancel):
		*p = nil
		return nil
	case key.Matches(msg, keys.Input.Accept):
		*p = nil
		if v := in.Value(); v != "" {
			return submit(v)
		}
		return nil
	}
	return in.Update(msg)
}

// View renders the input and, after sep, the candidates of the last
// completion when several fit.
func (p *PathInput) View(sep string) string {
	v := p.Input.View()
	if len(p.Matches) > 0 {
		v += sep + theme.Dim.Render(strings.Join(p.Matches, " "))
	}
	return v
}

// CompletePath completes a partial path: the longest common prefix of the
// entries that start with it (a lone directory gets a trailing slash), and
// the candidates when more than one fits. A path with a "#selector" is
// left alone: the file part is complete by then.
func CompletePath(partial string) (string, []string) {
	if strings.Contains(partial, "#") {
		return partial, nil
	}
	dir, base := filepath.Split(partial)
	readDir := dir
	if readDir == "" {
		readDir = "."
	}
	ents, err := os.ReadDir(readDir)
	if err != nil {
		return partial, nil
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if !strings.HasPrefix(n, base) || (strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		if e.IsDir() {
			n += string(filepath.Separator)
		}
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return partial, nil
	}
	if len(names) == 1 {
		return dir + names[0], nil
	}
	prefix := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	return dir + prefix, names
}
