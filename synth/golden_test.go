package synth

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden pins the output for one seed: a change in generation shows
// up as a diff of testdata/golden (rewrite with go test -update).
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format string
		plan   Plan
	}{
		{"orders_edge", "csv", Plan{Rows: 25, EdgeRate: 0.3, Profile: Edge}},
		{"all_hostile_drift", "jsonl", Plan{Rows: 12, EdgeRate: 0.25, Profile: Hostile, Drift: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := ordersSchema()
			if tc.name != "orders_edge" {
				s = allTypes()
			}
			data, labels := write(t, s, tc.plan, 1, tc.format)
			for _, f := range []struct {
				path string
				got  []byte
			}{
				{filepath.Join("testdata", "golden", tc.name+"."+tc.format), data},
				{filepath.Join("testdata", "golden", tc.name+".labels.csv"), labels},
			} {
				if *update {
					if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(f.path, f.got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(f.path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(want, f.got) {
					t.Errorf("%s differs from the golden file (go test -update rewrites it)\ngot:\n%s", f.path, f.got)
				}
			}
		})
	}
}
