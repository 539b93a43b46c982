package check

import (
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// CompileEach compiles the mapping so that every problem shows at once: a
// rule that does not compile becomes a compile_error finding (its message
// and position) and the program is compiled again without it, so the
// other rules still run on the data. ds holds every diagnostic of the
// first compile (for stderr, with file:line:col). prog is nil only when a
// problem concerns no single rule (a schema missing, an error outside the
// rules); the findings then still list what could be placed.
func CompileEach(m *mapping.Mapping, src, dst *schema.Schema) (prog *engine.Program, fs []Finding, ds diag.List) {
	prog, ds = engine.Compile(m, src, dst)
	if !ds.HasErrors() {
		return prog, nil, ds
	}
	cur := m
	errs := ds
	for range 3 {
		byName := map[string][]*mapping.Rule{}
		for _, r := range cur.Rules {
			if r.Active() {
				byName[r.Name()] = append(byName[r.Name()], r)
			}
		}
		drop := map[*mapping.Rule]bool{}
		placed := true
		for _, d := range errs {
			if d.Severity != diag.Error {
				continue
			}
			rs := byName[d.Subject]
			if len(rs) == 0 {
				placed = false
				continue
			}
			r := rs[0]
			for _, x := range rs {
				if x.Pos.Line <= d.Pos.Line && x.Pos.Line >= r.Pos.Line {
					r = x // the rule the position lies in
				}
			}
			drop[r] = true
			why := []string{"at " + d.Pos.String()}
			if d.Detail != "" {
				why = append(why, d.Detail)
			}
			fs = append(fs, Finding{Kind: kind.CompileError, Severity: diag.Error, Rule: r.Name(), Target: r.Target,
				Source: append([]string{}, r.From...), Message: d.Summary + "; the rule writes nothing, the other rules run", Why: why})
		}
		if !placed || len(drop) == 0 {
			return nil, fs, ds
		}
		next := cur.Clone()
		for i, r := range cur.Rules {
			if drop[r] {
				next.Rules[i].Status = mapping.StatusRejected
			}
		}
		cur = next
		prog, errs = engine.Compile(cur, src, dst)
		if !errs.HasErrors() {
			return prog, fs, ds
		}
	}
	return nil, fs, ds
}
