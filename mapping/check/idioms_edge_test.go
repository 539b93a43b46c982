package check

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/synth"
)

// TestIdiomsEdgeTraceable runs the correct mappings of
// testdata/mappings/idioms on synthetic rows of the edge profile (keys
// into lookups drawn from the tables, check.LookupKeys): every finding at
// warn or above but the mapping's WANT lines must be a data finding whose
// every example names the edge class that produced its row, so each one
// is traceable to a named edge case; the test logs them per class.
func TestIdiomsEdgeTraceable(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "mappings", "idioms", "*-correct.seam.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("correct idiom mappings: %v (%d files)", err, len(files))
	}
	sort.Strings(files)
	for _, path := range files {
		in := readIdiom(t, path)
		name := filepath.Base(path)
		m, src, dst := loadIdiom(t, name)
		prog, compileFs, _ := CompileEach(m, src, dst)
		if prog == nil {
			t.Fatalf("%s: no program", name)
		}
		plan := synth.Plan{Rows: 2000, EdgeRate: 0.2, Profile: synth.Edge, Targets: m.Feeds(src, dst), Keys: LookupKeys(m)}
		g, err := synth.NewGenerator(src, plan, 7)
		if err != nil {
			t.Fatal(err)
		}
		rep, _, err := Run(context.Background(), prog, synth.NewReader(g), RunOptions{Mapping: m, Findings: compileFs, Workers: 1, Shards: 1})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range rep.Findings {
			key := string(f.Kind) + "@" + f.Target
			if f.Severity > diag.Warn || in.want[key] {
				continue
			}
			if why, ok := in.synth[key]; ok {
				t.Logf("%s: %s %s x%d: a limit of synthetic data (%s)", name, f.Severity, key, f.Count, why)
				continue
			}
			if len(f.Examples) == 0 {
				t.Errorf("%s: %s %s has no example (a static finding on a correct mapping): %s", name, f.Severity, key, f.Message)
				continue
			}
			classes := map[string]bool{}
			for _, e := range f.Examples {
				if e.EdgeCase == "" {
					t.Errorf("%s: %s row %d is in no edge class: %s", name, key, e.Row, e.Reason)
				}
				classes[e.EdgeCase] = true
			}
			for _, ec := range f.EdgeCases {
				if ec.Case == "" {
					t.Errorf("%s: %s has %d rows in no edge class (realistic rows): %s", name, key, ec.Rows, f.Message)
				}
			}
			if len(f.EdgeCases) == 0 && f.Count > 0 {
				t.Errorf("%s: %s counts %d rows but no edge classes", name, key, f.Count)
			}
			var cs []string
			for c := range classes {
				cs = append(cs, c)
			}
			sort.Strings(cs)
			t.Logf("%s: %s %s x%d <- %s (examples: %s)", name, f.Severity, key, f.Count, edgeSummary(f.EdgeCases), strings.Join(cs, ", "))
		}
	}
}
