package schema

import (
	"github.com/seamhq/seam/mapping/textsafe"
	"strings"

	"github.com/charmbracelet/lipgloss"
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
		bottom = m.open.Input.View()
		if len(m.open.Matches) > 0 {
			bottom += theme.Dim.Render("  " + strings.Join(m.open.Matches, " "))
		}
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
	h := m.bodyHeight()
	t.offset = widgets.Scroll(t.offset, t.cursor, h, len(t.shown))
	end := t.offset + h
	if end > len(t.shown) {
		end = len(t.shown)
	}
	if len(t.shown) == 0 && sc != nil {
		b.WriteString("\n" + theme.Dim.Render("no field matches the filter"))
	}
	nameW := width * 11 / 20
	for i := t.offset; i < end; i++ {
		r := t.rows[t.shown[i]]
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
		line = widgets.Cell(line, width)
		if i == t.cursor && side == m.focus {
			line = widgets.Highlight(line, true)
		}
		b.WriteString("\n" + line)
	}
	return b.String()
}

// fieldLine describes the field under the cursor: path, description, origin.
func (m *Model) fieldLine() string {
	t := &m.trees[m.focus]
	if len(t.shown) == 0 {
		return theme.Dim.Render("o open file · / filter · space fold · tab other side")
	}
	f := t.rows[t.shown[t.cursor]].f
	line := theme.Bold.Render(textsafe.Terminal(f.Path))
	if f.Description != "" {
		line += " — " + textsafe.Terminal(f.Description)
	}
	if !f.Origin.IsZero() {
		line += theme.Dim.Render(" (" + textsafe.Terminal(f.Origin.String()) + ")")
	}
	return line
}
