package synth

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

func itoa(i int) string { return strconv.Itoa(i) }

func join(xs []string) string { return strings.Join(xs, " ") }

// formLines is the number of lines above the rows table: title, the
// form, the action line and the dataset summary.
const formLines = 1 + nFields + 1 + 1

// tableHeight is the rows table's height, its header included.
func (m *Model) tableHeight() int { return m.h - formLines }

// View implements common.Screen.
func (m *Model) View() string {
	if m.detail {
		return m.detailView()
	}
	var b strings.Builder
	src := "(no source schema)"
	if m.s.Src != nil {
		src = m.s.Src.Ref()
	}
	b.WriteString(theme.Title.Render("Generate synthetic data") + theme.Dim.Render("  for "+src) + "\n")
	for i := 0; i < nFields; i++ {
		label := widgets.Cell(" "+labels[i], 12)
		val := m.inputs[i].View()
		if !m.editing || i != m.focus {
			val = m.inputs[i].Value()
		}
		line := label + " " + widgets.Cell(val, 16)
		if i == fProfile {
			line += theme.Dim.Render(" (" + keys.Name(keys.Synth.Edit) + " cycles: " + strings.Join(Profiles, ", ") + ")")
		}
		if i == m.focus && !m.editing {
			// The settings' cursor reads as one only while they have the
			// focus; with the rows focused it stays, blurred.
			line = widgets.Highlight(widgets.Cell(line, 40), !m.onRows)
		}
		b.WriteString(line + "\n")
	}
	switch {
	case m.tv.on:
		b.WriteString(m.tablesAction() + "\n")
		m.tablesView(&b)
		return widgets.Fit(b.String(), m.w, m.h)
	case m.gen.Running():
		b.WriteString(m.gen.View(m.w, "rows"))
	case m.save != nil:
		b.WriteString(m.save.View("  "))
	case m.onRows:
		b.WriteString(theme.Dim.Render(keys.Hints(keys.SynthRows.Detail, keys.SynthRows.Right, keys.Global.NextPane, keys.Synth.Start)))
	default:
		b.WriteString(theme.Dim.Render(keys.Hints(keys.Synth.Edit, keys.Synth.Start, keys.Synth.SaveData, keys.Global.NextPane, keys.Synth.Tables)))
	}
	b.WriteString("\n")
	d := m.s.Data
	if d == nil {
		b.WriteString(theme.Dim.Render("no dataset yet: press " + keys.Name(keys.Synth.Start) + " to generate one"))
		return widgets.Fit(b.String(), m.w, m.h)
	}
	summary := theme.Bold.Render(fmt.Sprintf("%s: %d rows, %d with edge cases", d.Name, d.Len(), d.EdgeRows()))
	if from, to := m.shown(); from > 0 || to < len(d.Keys) {
		// a window over the columns: where it stands comes first, so a
		// narrow terminal cuts the summary rather than the position
		b.WriteString(m.columnsLabel() + " · " + summary)
	} else {
		b.WriteString(summary + " · " + m.columnsLabel())
	}
	if tl := topLabels(d, 4); len(tl) > 0 {
		b.WriteString(theme.Dim.Render("  top: " + strings.Join(tl, ", ")))
	}
	b.WriteString("\n")
	b.WriteString(m.table.View())
	return widgets.Fit(b.String(), m.w, m.h)
}
