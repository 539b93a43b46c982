package check

import (
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// DiffCheck is DiffMapping with seam check's own judgement, so that diff
// and check agree on severity for the same change: the static checks run
// on the mapping with the old and with the new schema in place of the
// diffed side (src and dst are the mapping's schemas; either may be nil,
// then only DiffMapping's findings are returned), and every finding the
// change brings is reported with check's kind and severity (a required
// target now fed by a nullable source is nullable_into_required, an
// error). A problem is reported once: a check finding on a rule that
// already has a drift finding (a removed or renamed field) joins that
// finding as evidence; a retyped or constraint change takes the severity
// check gives what it does to the rule (info when nothing).
func DiffCheck(d DiffReport, m *mapping.Mapping, src, dst *schema.Schema) []Finding {
	out := DiffMapping(d, m)
	if m == nil || d.oldS == nil || d.newS == nil {
		return out
	}
	side := diffSide(d, m)
	oldSrc, oldDst, newSrc, newDst := src, dst, src, dst
	if side == "target" {
		oldDst, newDst = d.oldS, d.newS
	} else {
		oldSrc, newSrc = d.oldS, d.newS
	}
	if oldSrc == nil || oldDst == nil {
		return out
	}
	type key struct {
		k            kind.Kind
		rule, target string
	}
	before := map[key]bool{}
	for _, f := range Static(m, oldSrc, oldDst) {
		before[key{f.Kind, f.Rule, f.Target}] = true
	}
	// A retyped or constraint change is judged by what check finds on the
	// rule with the new schema (info when nothing); a removed or renamed
	// field stays an error (check's unknown_field).
	drift := map[string]int{}
	for i, f := range out {
		if f.Kind == kind.Drift && f.Rule != "" {
			drift[f.Rule] = i
			if len(f.Why) > 0 && (strings.Contains(f.Why[0], ": "+ChangeRetyped+" ") || strings.Contains(f.Why[0], ": "+ChangeConstraint+" ")) {
				out[i].Severity = diag.Info
			}
		}
	}
	for _, f := range Static(m, newSrc, newDst) {
		if f.Kind == kind.Drift || before[key{f.Kind, f.Rule, f.Target}] {
			continue
		}
		if i, ok := drift[f.Rule]; ok {
			out[i].Why = append(out[i].Why, string(f.Kind)+": "+f.Message)
			if f.Severity < out[i].Severity {
				out[i].Severity = f.Severity
			}
			continue
		}
		f.Why = append(f.Why, "brought by the change to the "+side+" schema "+d.New)
		out = append(out, f)
	}
	SortFindings(out)
	return out
}
