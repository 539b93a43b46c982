package inspect

import (
	"fmt"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/textsafe"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// layout returns the first line of the panes and their height.
func (m *Model) layout() (top, height int) {
	top = 1
	height = (m.h - 1) * 11 / 20
	if height < 6 {
		height = 6
	}
	return
}

// View implements common.Screen.
func (m *Model) View() string {
	if m.w < 30 || m.h < 10 {
		return "window too small"
	}
	if m.draft != nil {
		return m.draftView()
	}
	if m.tests.open {
		return m.testsScreen()
	}
	_, fh := m.layout()
	lw := m.w * 2 / 5
	rw := m.w - lw
	var b strings.Builder
	b.WriteString(m.summary() + "\n")
	left := widgets.Pane(m.findingsTitle(), m.findingsView(), lw, fh, m.focus == paneFindings)
	title, body := m.rightView(rw-2, fh-2)
	right := widgets.Pane(title, body, rw, fh, m.focus == paneRecord)
	b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, left, right) + "\n")
	b.WriteString(widgets.Cell(theme.Bold.Render(m.rowsTitle()), m.w) + "\n")
	if m.s.Run != nil {
		b.WriteString(m.table.View())
	}
	return b.String()
}

func (m *Model) summary() string {
	s := m.s
	switch {
	case m.run.Running():
		return widgets.Cell(m.run.View(m.w, "rows"), m.w)
	case m.loadInput != nil:
		return widgets.Cell(m.loadInput.View("  "), m.w)
	case m.ack != nil:
		return widgets.Cell(m.ack.in.View(), m.w)
	case len(m.problems) > 0:
		return widgets.Cell(theme.Error.Render("the run failed: ")+fmt.Sprintf("%d problems in Findings · %s goes to the rule · %s runs again",
			len(m.problems), keys.Name(keys.Nav.Select), keys.Name(keys.Inspect.Run)), m.w)
	case s.Run == nil && s.Data == nil:
		return widgets.Cell(theme.Dim.Render(fmt.Sprintf("no data: generate (%s) or load a file (%s), then %s runs",
			keys.Name(keys.Global.Screen3), keys.Name(keys.Inspect.Load), keys.Name(keys.Inspect.Run))), m.w)
	case s.Run == nil:
		return widgets.Cell(fmt.Sprintf("data: %s, %d rows · press %s to run", s.Data.Name, s.Data.Len(), keys.Name(keys.Inspect.Run)), m.w)
	}
	r := s.Run
	line := fmt.Sprintf("read %d · written %d · rejected %d · %d findings", r.Read, r.Written, r.Rejected, len(r.Findings))
	if len(r.Targets) > 0 {
		line = multiSummary(r)
	}
	if r.Data != nil {
		line += " · " + r.Data.Name
	}
	if r.Version != s.Version {
		line += " · " + theme.Warning.Render("mapping changed since: "+keys.Name(keys.Inspect.Run)+" reruns")
	}
	return widgets.Cell(line, m.w)
}

func (m *Model) findingsTitle() string {
	if len(m.problems) > 0 {
		return fmt.Sprintf("Run failed (%d)", len(m.problems))
	}
	if m.s.Run == nil {
		return "Findings"
	}
	return fmt.Sprintf("Findings %d", len(m.s.Run.Findings))
}

func (m *Model) findingsView() string {
	if m.s.Run == nil && len(m.problems) == 0 {
		return theme.Dim.Render("run the mapping (" + keys.Name(keys.Inspect.Run) + ") to see findings")
	}
	width := m.w*2/5 - 2
	return m.findings.View(func(it item) string {
		if p := it.problem; p != nil {
			label := p.Subject
			if label == "" {
				label = p.Pos.String()
			}
			return "  " + theme.Severity(p.Severity.String()).Render(textsafe.Terminal(label)) + "  " + theme.Dim.Render(textsafe.Terminal(strings.Join(strings.Fields(p.Summary), " ")))
		}
		if it.finding < 0 {
			sev := strings.SplitN(it.header, " ", 2)[0]
			return theme.Severity(sev).Render(widgets.Cell(it.header, width))
		}
		f := m.s.Run.Findings[it.finding]
		label := findingLabel(&f)
		cnt := ""
		if f.Count > 0 {
			cnt = " ×" + strconv.FormatInt(f.Count, 10)
		}
		if f.Acknowledged != nil {
			cnt += " (ack)"
		}
		return "  " + label + cnt + "  " + theme.Dim.Render(textsafe.Terminal(f.Message))
	})
}

func (m *Model) rowsTitle() string {
	if m.s.Run == nil {
		return "Rows"
	}
	switch m.rowsView {
	case viewFailing:
		return fmt.Sprintf("Failing rows: %d of %d (%s shows all)", m.table.Len(), m.s.Run.Len(), keys.Name(keys.Inspect.Failing))
	case viewExamples:
		if f := m.SelectedFinding(); f != nil {
			return fmt.Sprintf("Examples of %s on %s: %d · %s every row · %s all rows · %s the rule", f.Kind, f.Target, m.table.Len(), keys.Name(keys.Inspect.AllRows), keys.Name(keys.Nav.Back), keys.Name(keys.Nav.Select))
		}
	case viewEvery:
		if f := m.SelectedFinding(); f != nil {
			return fmt.Sprintf("Every row of %s on %s: %d · %s examples only · %s all rows", f.Kind, f.Target, m.table.Len(), keys.Name(keys.Inspect.AllRows), keys.Name(keys.Nav.Back))
		}
	}
	return fmt.Sprintf("All rows: %d (%s shows failing only)", m.table.Len(), keys.Name(keys.Inspect.Failing))
}

func (m *Model) rowCells(i int) []string {
	r := m.rowAt(i)
	run := m.s.Run
	row := run.Row(r)
	if row == nil {
		return nil
	}
	res := rowResult(row)
	var kinds []string
	seen := map[kind.Kind]bool{}
	for _, e := range row.Errors {
		if !seen[e.Kind] {
			seen[e.Kind] = true
			k := string(e.Kind) + "(" + e.Target + ")"
			if handled(e) {
				k += "→" + e.Action
			}
			kinds = append(kinds, k)
		}
	}
	if len(row.Children) > 0 || len(run.Targets) > 0 {
		kinds = []string{childProblems(row, run)}
	}
	var ls []string
	if run.Data != nil {
		for _, l := range run.Data.RowLabels(r) {
			ls = append(ls, l.Field+":"+l.Case)
		}
	}
	return []string{strconv.Itoa(r + 1), res, strings.Join(kinds, " "), strings.Join(ls, " ")}
}

// recordView shows the source record and the target record of the
// current row side by side, aligned by rule.
func (m *Model) recordView(width int) (string, string) {
	if p := m.selectedProblem(); p != nil {
		return "Problem", m.problemView(p, width)
	}
	run := m.s.Run
	r := m.CurrentRow()
	if run == nil || r < 0 {
		return "Record", theme.Dim.Render("select a row to compare source and target")
	}
	if len(run.Targets) > 0 {
		return m.multiRecordView(r, width)
	}
	row := run.Row(r)
	tw := width / 4
	sw := (width - tw) / 2
	var b strings.Builder
	b.WriteString(theme.Bold.Render(widgets.Cell("target", tw) + " " + widgets.Cell("source", sw) + " value"))
	errs := map[string]engine.RowError{}
	for _, e := range row.Errors {
		if _, ok := errs[e.Target]; !ok {
			errs[e.Target] = e
		}
	}
	// When the row is an example of the selected finding, mark the
	// finding's target and say why the row is an example.
	var sel *check.Finding
	var ex *check.Example
	if m.rowsView == viewExamples || m.rowsView == viewEvery {
		if sel = m.SelectedFinding(); sel != nil {
			for i := range sel.Examples {
				if sel.Examples[i].Row == int64(r+1) {
					ex = &sel.Examples[i]
				}
			}
		}
	}
	for _, rule := range m.s.Mapping.Rules {
		if !rule.Active() {
			continue
		}
		var src []string
		var first value.Value
		edge := ""
		for j, f := range rule.From {
			v := row.In.Path(f)
			if j == 0 {
				first = v
			}
			src = append(src, f+"="+textsafe.Terminal(check.Render(v)))
			if run.Data != nil && edge == "" {
				edge = run.Data.LabelFor(r, f)
			}
		}
		out := value.Value{}
		if row.Out != nil {
			out = row.Out.Get(rule.Target)
		}
		val := textsafe.Terminal(check.Render(out))
		e, failed := errs[rule.Target]
		switch {
		case failed && handled(e):
			// on_error null, default or keep: the row was written with
			// this value; say what was written and why.
			val = theme.Warning.Render(val + " ← on_error " + e.Action + ": " + string(e.Kind) + ": " + textsafe.Terminal(e.Reason))
		case failed && e.Kind == kind.Truncation:
			val = theme.Truncated.Render(val) + " " + theme.Warning.Render("truncated: "+e.Reason)
		case failed:
			val = theme.Failed.Render("✗ " + string(e.Kind) + ": " + textsafe.Terminal(e.Reason))
		case out.IsMissing():
			val = theme.Null.Render(val)
		case len(rule.From) > 0 && out.Text() != first.Text():
			val = theme.Changed.Render(val)
		}
		if edge != "" {
			// Keep the edge case in sight: cut the value, not the label.
			vw := width - tw - sw - 2
			label := widgets.Cell("⚑ "+edge, vw/2)
			val = widgets.Cell(val, vw-lipgloss.Width(label)-1) + " " + theme.Suggest.Render(label)
		}
		name := widgets.Cell(rule.Target, tw)
		if sel != nil && sel.Target == rule.Target {
			name = theme.Warning.Render(widgets.Cell("◆ "+rule.Target, tw))
		}
		b.WriteString("\n" + name + " " + widgets.Cell(textsafe.Terminal(strings.Join(src, " ")), sw) + " " + val)
	}
	if ex != nil {
		why := string(sel.Kind)
		if ex.EdgeCase != "" {
			why += " " + theme.Suggest.Render("⚑ "+ex.EdgeCase)
		}
		if ex.Reason != "" {
			why += ": " + textsafe.Terminal(ex.Reason)
		}
		b.WriteString("\n" + ansi.Wrap(theme.Warning.Render("◆ ")+why, width, " "))
	}
	return fmt.Sprintf("Row %d: %s", r+1, rowTitle(row)), b.String()
}

// problemView shows one problem of a failed run in full, wrapped: where,
// which rule, what, and the key that goes there.
func (m *Model) problemView(p *diag.Diagnostic, width int) string {
	var b strings.Builder
	b.WriteString(theme.Severity(p.Severity.String()).Render(p.Severity.String()))
	if !p.Pos.IsZero() {
		b.WriteString(" at " + textsafe.Terminal(p.Pos.String()))
	}
	if p.Subject != "" {
		b.WriteString("\nrule " + theme.Bold.Render(textsafe.Terminal(p.Subject)))
		for _, r := range m.s.Mapping.Rules {
			if r.Name() == p.Subject && r.Expr != "" {
				b.WriteString("\nexpr " + textsafe.Terminal(r.Expr))
			}
		}
	}
	b.WriteString("\n" + lines(p.Summary))
	if p.Detail != "" {
		b.WriteString("\n" + theme.Dim.Render(lines(p.Detail)))
	}
	if p.Subject != "" {
		b.WriteString("\n\n" + theme.Dim.Render(keys.Name(keys.Nav.Select)+" goes to the rule"))
	}
	return ansi.Wrap(b.String(), width, " ")
}

// lines makes each line of s safe for the terminal, keeping the breaks.
func lines(s string) string {
	ls := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range ls {
		ls[i] = textsafe.Terminal(l)
	}
	return strings.Join(ls, "\n")
}

// handled reports an error on_error dealt with by writing something
// (null, a default, the value kept) instead of rejecting the row.
func handled(e engine.RowError) bool {
	return e.Action != "" && e.Action != mapping.OnErrorReject
}

// rowResult says what became of a row: rejected; handled (written, every
// error dealt with by on_error null, default or keep); failed (an error
// that did not reject); ok. The record pane's title says more.
func rowResult(row *common.RunRow) string {
	r := rowTitle(row)
	if strings.HasPrefix(r, "written") {
		return "handled"
	}
	return r
}

// rowTitle is rowResult in full: "written, 1 error handled by on_error".
func rowTitle(row *common.RunRow) string {
	if row.Rejected {
		return "rejected"
	}
	n := 0
	for _, e := range row.Errors {
		if !handled(e) {
			return "failed"
		}
		n++
	}
	if n == 1 {
		return "written, 1 error handled by on_error"
	}
	if n > 0 {
		return fmt.Sprintf("written, %d errors handled by on_error", n)
	}
	return "ok"
}
