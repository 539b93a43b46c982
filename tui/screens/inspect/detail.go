package inspect

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// rightView is the right pane: the selected finding in full (d), else the
// current record, scrolled by recOff to show height lines; the title
// says where the scroll is when the content is longer than the pane.
func (m *Model) rightView(width, height int) (string, string) {
	var title, body string
	if f := m.SelectedFinding(); m.detail && f != nil && len(m.problems) == 0 {
		title, body = "Finding "+string(f.Kind), m.findingDetail(f, width)
	} else {
		title, body = m.recordView(width)
	}
	lines := strings.Split(body, "\n")
	if len(lines) <= height {
		m.recOff = 0
		return title, body
	}
	m.recOff = min(m.recOff, len(lines)-height)
	end := m.recOff + height
	// The place comes first so that a long title is cut, not the place.
	title = fmt.Sprintf("↕%d-%d/%d ", m.recOff+1, end, len(lines)) + title
	return widgets.Cell(title, width-3), strings.Join(lines[m.recOff:end], "\n")
}

// findingDetail shows a finding in full: severity, kind, table and field,
// rule, count, the message and every reason, each example with its row,
// edge case, value and reason, and the acknowledgement.
func (m *Model) findingDetail(f *check.Finding, width int) string {
	var b strings.Builder
	sev := f.Severity.String()
	b.WriteString(theme.Severity(sev).Render(sev+" "+string(f.Kind)) + " on " + theme.Bold.Render(textsafe.Terminal(findingLabel(f))))
	if f.Rule != "" && f.Rule != f.Target {
		b.WriteString(" · rule " + textsafe.Terminal(f.Rule))
	}
	if len(f.Source) > 0 {
		b.WriteString(" ← " + textsafe.Terminal(strings.Join(f.Source, ", ")))
	}
	if f.Count > 0 {
		b.WriteString(fmt.Sprintf(" · %d rows", f.Count))
	}
	b.WriteString("\n" + textsafe.Terminal(f.Message))
	for _, w := range f.Why {
		b.WriteString("\n" + theme.Dim.Render("why: "+textsafe.Terminal(w)))
	}
	if a := f.Acknowledged; a != nil {
		b.WriteString("\n" + theme.Dim.Render("acknowledged by "+textsafe.Terminal(a.By)+": "+textsafe.Terminal(a.Why)))
	}
	for _, e := range f.Examples {
		line := fmt.Sprintf("row %d", e.Row)
		if e.EdgeCase != "" {
			line += " " + theme.Suggest.Render("⚑ "+textsafe.Terminal(e.EdgeCase))
		}
		if len(e.Source) > 0 {
			var in []string
			for _, nv := range e.Source {
				in = append(in, nv.Name+"="+check.Render(nv.Value))
			}
			line += " " + textsafe.Terminal(strings.Join(in, " "))
		}
		if e.Reason != "" {
			line += ": " + textsafe.Terminal(e.Reason)
		}
		b.WriteString("\n" + line)
	}
	b.WriteString("\n" + theme.Dim.Render(keys.Hints(keys.Inspect.AllRows, keys.Inspect.Jump, keys.Inspect.Ack, keys.Inspect.Detail)))
	return ansi.Wrap(b.String(), width, " ")
}
