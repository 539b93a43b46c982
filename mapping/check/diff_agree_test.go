package check

import (
	"testing"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// TestDiffAgreesWithCheck applies schema changes and runs both: the worst
// severity seam diff gives the change (DiffCheck) is the worst severity of
// the findings seam check raises with the new schema and not with the old
// (info when none), and diff's change list never contradicts itself.
func TestDiffAgreesWithCheck(t *testing.T) {
	src := func(mods ...mod) *schema.Schema {
		return S("s", F("full_name", schema.String, append([]mod{req, maxlen(35)}, mods...)...), F("code", schema.String, req, maxlen(5)))
	}
	dst := func(name, code *schema.Field) *schema.Schema { return S("d", name, code) }
	name := func(mods ...mod) *schema.Field { return F("name", schema.String, mods...) }
	code := func(mods ...mod) *schema.Field { return F("status", schema.String, mods...) }
	m := M(R("name", "", "full_name"), R("status", "", "code"))
	base := dst(name(req, maxlen(40)), code(maxlen(10)))
	tests := []struct {
		name       string
		side       string
		old, new   *schema.Schema
		want       diag.Severity
		noDetail   string // a change detail that must not appear
		wantChange string // a change kind that must appear
	}{
		{"target narrowed 40 -> 30", "target", base, dst(name(req, maxlen(30)), code(maxlen(10))), diag.Warn, "safe both ways", ChangeConstraint},
		{"target widened 40 -> 60", "target", base, dst(name(req, maxlen(60)), code(maxlen(10))), diag.Info, "safe both ways", ChangeConstraint},
		{"source now nullable into a required target", "source", src(), src(null), diag.Error, "", ChangeConstraint},
		{"string -> enum on the target", "target", base, dst(name(req, maxlen(40)), F("status", schema.Enum, enum("open", "closed"))), diag.Warn, "enum values added", ChangeRetyped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Diff(tt.old, tt.new)
			found := false
			for _, c := range d.Changes {
				if tt.noDetail != "" && c.Detail == tt.noDetail || c.Detail == "enum values added: open, closed" {
					t.Errorf("contradicting change %+v", c)
				}
				found = found || c.Kind == tt.wantChange
			}
			if !found {
				t.Errorf("no %s change in %+v", tt.wantChange, d.Changes)
			}
			s, ds := src(), base
			if tt.side == "source" {
				s = tt.old
			}
			fs := DiffCheck(d, m, s, ds)
			oldS, oldD, newS, newD := s, ds, s, ds
			if tt.side == "target" {
				oldD, newD = tt.old, tt.new
			} else {
				oldS, newS = tt.old, tt.new
			}
			before := map[kind.Kind]bool{}
			for _, f := range Static(m, oldS, oldD) {
				before[f.Kind] = true
			}
			checkSev := diag.Info
			for _, f := range Static(m, newS, newD) {
				if !before[f.Kind] && f.Severity < checkSev {
					checkSev = f.Severity
				}
			}
			diffSev := diag.Info
			for _, f := range fs {
				if f.Severity < diffSev {
					diffSev = f.Severity
				}
			}
			if diffSev != checkSev || diffSev != tt.want {
				t.Errorf("diff says %s, check says %s, want %s; diff findings:", diffSev, checkSev, tt.want)
				for _, f := range fs {
					t.Logf("  %s %s@%s: %s %v", f.Severity, f.Kind, f.Target, f.Message, f.Why)
				}
			}
		})
	}
}
