package check

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/synth"
)

// runSynth generates rows for the pair's source (edge cases aimed at the
// mapped targets), runs them through the engine and the data detectors.
func runSynth(t *testing.T, m *mapping.Mapping, src, dst *schema.Schema, rows int64) (*Data, []Finding) {
	t.Helper()
	p, ds := engine.Compile(m, src, dst)
	if p == nil {
		t.Fatalf("compile: %v", ds)
	}
	targets := map[string]*schema.Field{}
	for _, r := range m.Rules {
		if len(r.From) == 1 && r.Active() && dst.Lookup(r.Target) != nil {
			tf := *dst.Lookup(r.Target)
			if n, _ := MaxLength(&tf); n > 0 && tf.MaxLength == nil {
				tf.MaxLength = &n // a limit stated only in the description
			}
			targets[r.From[0]] = &tf
		}
	}
	g, err := synth.NewGenerator(src, synth.Plan{Rows: rows, EdgeRate: 0.2, Profile: synth.Edge, Targets: targets}, 7)
	if err != nil {
		t.Fatalf("synth: %v", err)
	}
	d := NewData(p, DataOptions{Source: src, Target: dst})
	x := p.NewExec()
	for row := range g.All() {
		labels := map[string]string{}
		for _, l := range row.Labels {
			labels[l.Field] = l.Case
		}
		d.Observe(row.N, row.Rec, x.Apply(row.Rec), labels)
	}
	return d, d.Findings()
}

// TestRealPairsData runs synthetic edge-case rows through the hand mappings
// of P1 and P3: the data detectors confirm what the catalogue lists
// (truncation of FirstName/LastName, inverted IsDeleted, details lost in
// Description) and every example names the edge case behind it.
func TestRealPairsData(t *testing.T) {
	cases := []struct {
		file string
		want []string // kind@target
	}{
		{"p1-hubspot-salesforce.seam.yaml", []string{"truncation@FirstName", "truncation@LastName"}},
		{"p3-zendesk-salesforce.seam.yaml", []string{"polarity@IsDeleted", "collision@Description"}},
	}
	for _, tc := range cases {
		t.Run(strings.TrimSuffix(tc.file, ".seam.yaml"), func(t *testing.T) {
			m, src, dst := loadPair(t, tc.file)
			d, fs := runSynth(t, m, src, dst, 400)
			have := map[string]*Finding{}
			for i := range fs {
				have[string(fs[i].Kind)+"@"+fs[i].Target] = &fs[i]
			}
			for _, w := range tc.want {
				f := have[w]
				if f == nil {
					logFindings(t, fs)
					t.Errorf("data run missed %s", w)
					continue
				}
				if f.Count == 0 || len(f.Examples) == 0 {
					t.Errorf("%s: count %d, %d examples", w, f.Count, len(f.Examples))
				}
			}
			if tr := have["truncation@FirstName"]; tr != nil && tr.Examples[0].EdgeCase == "" {
				t.Errorf("truncation example carries no edge case: %+v", tr.Examples[0])
			}
			if r := d.Rows(); r.Read != 400 || r.Read != r.Written+r.Rejected {
				t.Errorf("rows = %+v", r)
			}
		})
	}
}
