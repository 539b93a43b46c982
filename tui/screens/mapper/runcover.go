package mapper

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
)

// ruleCoverage is what the last run exercised of rule r (of the active
// target, when the mapping has several), nil before a run or for a rule
// the run did not have.
func (m *Model) ruleCoverage(r *mapping.Rule) *check.RuleCoverage {
	run := m.s.Run
	if run == nil || run.Coverage == nil || !r.Active() {
		return nil
	}
	table := ""
	if m.s.Multi() {
		if ts, i := m.s.Mapping.Targets(), m.s.ActiveTarget(); i >= 0 && i < len(ts) {
			table = ts[i].OutName()
		}
	}
	for i := range run.Coverage.Rules {
		rc := &run.Coverage.Rules[i]
		if rc.Table != table {
			continue
		}
		if rc.Rule == r.Name() || (rc.Rule == "" && rc.Target == r.Target) {
			return rc
		}
	}
	return nil
}

// coverageMark is the rules column's mark of a rule the last run never
// made write a value (every row null or failed, or no row), "" else.
func (m *Model) coverageMark(r *mapping.Rule) string {
	if rc := m.ruleCoverage(r); rc != nil && rc.Rows == 0 {
		return "∅"
	}
	return ""
}

// ruleCoverageLine says what the last run exercised of the rule: rows
// that wrote a value, wrote null, failed, and the edge classes that
// reached it; whether the mapping changed since.
func (m *Model) ruleCoverageLine(r *mapping.Rule) string {
	rc := m.ruleCoverage(r)
	if rc == nil {
		return ""
	}
	line := fmt.Sprintf("last run: %d rows wrote a value · %d null · %d failed", rc.Rows, rc.Nulls, rc.Errors)
	if rc.Rows == 0 {
		line = theme.Warning.Render(line + " (never a value)")
	}
	if n := len(rc.EdgeClasses); n > 0 {
		show := rc.EdgeClasses
		if n > 4 {
			show = show[:4]
		}
		line += "\nedge classes that reached it (" + fmt.Sprint(n) + "): " + textsafe.Terminal(strings.Join(show, ", "))
		if n > 4 {
			line += fmt.Sprintf(" +%d", n-4)
		}
	} else if m.s.Run.Coverage.Labelled {
		line += "\n" + theme.Dim.Render("no edge class reached it")
	}
	if m.s.Run.Version != m.s.Version {
		line += "\n" + theme.Dim.Render("the mapping changed since the run ("+keys.Name(keys.Global.Screen4)+", "+keys.Name(keys.Inspect.Run)+" runs again)")
	}
	return line
}
