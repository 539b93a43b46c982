package inspect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// A run of several targets (targets:, each:, joins) shows per target
// what each record made: the summary counts written and rejected rows per
// target; the record pane puts the source record (arrays element by
// element) beside its rows per target (each child row with its element
// position; a rejected one with its reason, parent_rejected included).

// multiSummary is the summary line of a run of several targets.
func multiSummary(r *common.RunResult) string {
	parts := []string{fmt.Sprintf("%d records", r.Records)}
	for _, t := range r.Targets {
		parts = append(parts, fmt.Sprintf("%s %d ok %d rej", t.Name, t.Written, t.Rejected))
	}
	return strings.Join(parts, " · ") + fmt.Sprintf(" · %d findings", len(r.Findings))
}

// findingLabel names a finding's field, with its target table in a run
// of several targets.
func findingLabel(f *check.Finding) string {
	label := f.Target
	if label == "" {
		label = strings.Join(f.Source, ",")
	}
	if f.TargetTable != "" && label != f.TargetTable {
		label = f.TargetTable + "." + label
	}
	return label
}

// childProblems lists the kinds of a record's failing child rows for the
// rows table: kind(target.field#element).
func childProblems(row *common.RunRow, run *common.RunResult) string {
	var out []string
	seen := map[string]bool{}
	for _, c := range row.Children {
		for _, e := range c.Errors {
			where := run.Targets[c.Target].Name
			if e.Target != "" {
				where += "." + e.Target
			}
			if n := elem(c.Elements); n != "" {
				where += "#" + n
			}
			s := string(e.Kind) + "(" + where + ")"
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return strings.Join(out, " ")
}

// elem writes element positions as 2 or 2.1 (nested each).
func elem(es []int) string {
	ss := make([]string, len(es))
	for i, e := range es {
		ss[i] = strconv.Itoa(e)
	}
	return strings.Join(ss, ".")
}

// multiRecordView puts the source record beside the rows it made in
// every target.
func (m *Model) multiRecordView(r int, width int) (string, string) {
	run := m.s.Run
	row := run.Row(r)
	lw := width * 2 / 5
	rw := width - lw - 1
	var src []string
	src = append(src, theme.Bold.Render(widgets.Cell("source", lw)))
	for _, l := range flatten(row.In) {
		src = append(src, widgets.Cell(textsafe.Terminal(l), lw))
	}
	var dst []string
	parts := []string{}
	for ti, t := range run.Targets {
		var kids []common.ChildRow
		for _, c := range row.Children {
			if c.Target == ti {
				kids = append(kids, c)
			}
		}
		rej := 0
		for _, c := range kids {
			if c.Rejected {
				rej++
			}
		}
		head := t.Name
		if t.Each != "" {
			head += fmt.Sprintf(" ∀%s[]: %d", t.Each, len(kids))
		}
		st := theme.OK
		switch {
		case rej > 0:
			head += fmt.Sprintf(", %d rejected", rej)
			st = theme.Error
		case len(kids) == 0:
			head += " (no element)"
			st = theme.Dim
		}
		parts = append(parts, fmt.Sprintf("%s %d/%d", t.Name, len(kids)-rej, len(kids)))
		dst = append(dst, st.Render(widgets.Cell(textsafe.Terminal(head), rw)))
		for _, c := range kids {
			dst = append(dst, childLines(c, t.Each != "", rw)...)
		}
	}
	n := max(len(src), len(dst))
	lines := make([]string, n)
	for i := range lines {
		l := strings.Repeat(" ", lw)
		if i < len(src) {
			l = src[i]
		}
		d := ""
		if i < len(dst) {
			d = dst[i]
		}
		lines[i] = l + " " + d
	}
	return fmt.Sprintf("Record %d: %s", r+1, strings.Join(parts, " · ")), strings.Join(lines, "\n")
}

// childLines draws one child row: its element, ✓ and its values, or ✗
// and each error (kind, field, reason; on_error null shows what was
// written).
func childLines(c common.ChildRow, each bool, width int) []string {
	pre := " "
	if each {
		pre = " #" + elem(c.Elements) + " "
	}
	if !c.Rejected && len(c.Errors) == 0 {
		var vals []string
		if c.Out != nil {
			for i, k := range c.Out.Keys {
				vals = append(vals, k+"="+check.Render(c.Out.Vals[i]))
			}
		}
		return []string{widgets.Cell(pre+theme.OK.Render("✓")+" "+textsafe.Terminal(strings.Join(vals, " ")), width)}
	}
	var out []string
	for _, e := range c.Errors {
		mark, st := "✗", theme.Failed
		if !c.Rejected || (e.Action != "" && e.Action != "reject") {
			mark, st = "~", theme.Warning
		}
		text := string(e.Kind)
		if e.Target != "" {
			text += " " + e.Target
		}
		if e.Kind != kind.ParentRejected || e.Reason != "" {
			text += ": " + e.Reason
		}
		if e.Action != "" && e.Action != "reject" {
			text += " (" + e.Action + ")"
		}
		out = append(out, widgets.Cell(pre+st.Render(mark+" "+textsafe.Terminal(text)), width))
	}
	return out
}

// flatten lists a record's fields as path=value, arrays element by
// element (lineItems[1].sku=TEA-01).
func flatten(r *value.Record) []string {
	var out []string
	var walk func(prefix string, v value.Value)
	walk = func(prefix string, v value.Value) {
		switch {
		case v.K == value.Object && v.Obj != nil:
			for i, k := range v.Obj.Keys {
				walk(prefix+"."+k, v.Obj.Vals[i])
			}
		case v.K == value.Array:
			if len(v.Arr) == 0 {
				out = append(out, prefix+"=[]")
			}
			for i, e := range v.Arr {
				walk(prefix+"["+strconv.Itoa(i+1)+"]", e)
			}
		default:
			out = append(out, prefix+"="+check.Render(v))
		}
	}
	if r == nil {
		return nil
	}
	for i, k := range r.Keys {
		if i < len(r.Vals) {
			walk(k, r.Vals[i])
		}
	}
	for i, l := range out {
		out[i] = strings.TrimPrefix(l, ".")
	}
	return out
}
