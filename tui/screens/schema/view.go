package schema

import (
	"github.com/seamhq/seam/mapping/textsafe"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// bodyHeight is the number of field rows a pane shows.
func (m *Model) bodyHeight() int {
	h := m.h - 2 - 1 - 1 // borders, summary line, bottom input line
	if h < 1 {
		h = 1
	}
	return h
}

// View implements common.Screen.
func (m *Model) View() string {
	if m.w < 20 || m.h < 5 {
		return ""
	}
	lw := m.w / 2
	rw := m.w - lw
	ph := m.h - 1
	left := widgets.Pane("Source", m.treeView(Source, lw-2), lw, ph, m.focus == Source)
	right := widgets.Pane("Target", m.treeView(Target, rw-2), rw, ph, m.focus == Target)
	bottom := ""
	switch {
	case m.open != nil:
		bottom = m.open.View("  ")
	case m.filtering || m.filter.Value() != "":
		bottom = m.filter.View()
	default:
		bottom = m.fieldLine()
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, left, right) + "\n" + widgets.Cell(bottom, m.w)
}

func (m *Model) treeView(side Side, width int) string {
	t := &m.trees[side]
	sc := m.schemaOf(side)
	var b strings.Builder
	b.WriteString(theme.Dim.Render(widgets.Cell(summary(sc), width)))
	nameW := width * 11 / 20
	b.WriteString("\n" + t.list.View(func(r row) string {
		f := r.f
		mark := "  "
		if len(f.Children) > 0 {
			if t.folded[f.Path] {
				mark = "▸ "
			} else {
				mark = "▾ "
			}
		}
		name := textsafe.Terminal(f.Name)
		if m.filter.Value() != "" {
			name = textsafe.Terminal(f.Path)
		} else {
			name = strings.Repeat("  ", r.depth) + mark + name
		}
		if f.Required {
			name += "*"
		}
		typ := f.TypeString()
		cons := textsafe.Terminal(f.Constraints())
		line := widgets.Cell(name, nameW) + " " + theme.Note.Render(typ)
		if cons != "" {
			line += " " + theme.Dim.Render(cons)
		}
		return line
	}))
	return strings.TrimSuffix(b.String(), "\n")
}

// fieldLine describes the field under the cursor: path, description, origin.
func (m *Model) fieldLine() string {
	r, ok := m.trees[m.focus].list.Selected()
	if !ok {
		return theme.Dim.Render(keys.Hints(m.ShortHelp()...))
	}
	f := r.f
	line := theme.Bold.Render(textsafe.Terminal(f.Path))
	if f.Description != "" {
		line += " — " + textsafe.Terminal(f.Description)
	}
	if !f.Origin.IsZero() {
		line += theme.Dim.Render(" (" + textsafe.Terminal(f.Origin.String()) + ")")
	}
	return line
}
