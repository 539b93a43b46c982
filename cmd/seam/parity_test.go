package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/backend"
	"github.com/seamhq/seam/tui/common"
)

// TestCLIAndTUIAgree runs every mapping in testdata/mappings and the demo
// mapping through the TUI's path (its backend generates a dataset, then
// runs it: Run for one target, RunTargets for a plan with several targets,
// each:, joins or group_by) and through the CLI (seam check --synth with
// the same plan and seed) and requires the same row counts (per target
// too, read = written + rejected) and the same findings, equal in the
// report's JSON.
func TestCLIAndTUIAgree(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	// Every mapping below testdata/mappings, in subfolders too (idioms/,
	// realworld/...).
	err = filepath.WalkDir(filepath.Join(root, "testdata", "mappings"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".seam.yaml") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(root, "tui", "demo", "demo.seam.yaml"))
	if len(files) == 0 {
		t.Fatal("no mappings in testdata/mappings")
	}
	// The mappings name schemas in testdata/schemas and in ../shared (the
	// real-world files, absent on a fresh clone: those mappings skip).
	t.Chdir(root)
	allow := []string{root, filepath.Join(root, "..", "shared")}
	const rows, seed, edge = 1000, 7, 0.2
	compared := 0
	for _, f := range files {
		name, _ := filepath.Rel(filepath.Join(root, "testdata", "mappings"), f)
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			m, err := mapping.LoadWith(f, mapping.LoadOptions{AllowPaths: allow})
			if err != nil {
				t.Fatal(err)
			}
			ss, err := m.LoadAll(schema.Options{})
			if err != nil {
				t.Skipf("schemas do not load here: %v", err)
			}
			src, dst := ss.Source, ss.Targets[0]
			eng := backend.Engine{}
			plan := common.GenPlan{Rows: rows, Seed: seed, EdgeRate: edge, Profile: "edge", Targets: m.Feeds(src, dst), Keys: check.LookupKeys(m)}
			data, err := eng.Generate(context.Background(), src, plan, nil)
			if err != nil {
				t.Fatal(err)
			}
			var res *common.RunResult
			if m.MultiTarget() {
				res, err = eng.RunTargets(context.Background(), m, src, ss.Targets, ss.Joins, data, nil)
			} else {
				res, err = eng.Run(context.Background(), m, src, dst, data, nil)
			}
			if err != nil {
				t.Skipf("does not run: %v", err)
			}
			tuiFindings, err := json.Marshal(res.Findings)
			if err != nil {
				t.Fatal(err)
			}

			var out, errOut bytes.Buffer
			cmd := newRoot(&env{stdout: &out, stderr: &errOut})
			cmd.SetArgs([]string{"check", "--mapping", f, "--synth", strconv.Itoa(rows), "--seed", strconv.Itoa(seed),
				"--edge-rate", strconv.FormatFloat(edge, 'g', -1, 64), "--profile", "edge", "--format", "json", "-q",
				"--allow-path", allow[0], "--allow-path", allow[1]})
			if err := cmd.ExecuteContext(context.Background()); err != nil {
				var ee *exitError
				if !errors.As(err, &ee) || ee.code != 1 {
					t.Fatalf("seam check: %v\n%s", err, errOut.String())
				}
			}
			type rowsJSON struct {
				Read, Written, Rejected int64
			}
			var rep struct {
				Rows    rowsJSON `json:"rows"`
				Records int64    `json:"records"`
				Targets []struct {
					Name string   `json:"name"`
					Rows rowsJSON `json:"rows"`
				} `json:"targets"`
				Findings json.RawMessage `json:"findings"`
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("report: %v\n%s", err, out.String())
			}
			if rep.Rows.Read != res.Read || rep.Rows.Written != res.Written || rep.Rows.Rejected != res.Rejected {
				t.Errorf("rows: CLI read=%d written=%d rejected=%d, TUI read=%d written=%d rejected=%d",
					rep.Rows.Read, rep.Rows.Written, rep.Rows.Rejected, res.Read, res.Written, res.Rejected)
			}
			if rep.Records != res.Records || len(rep.Targets) != len(res.Targets) {
				t.Errorf("records/targets: CLI %d records, %d targets; TUI %d records, %d targets", rep.Records, len(rep.Targets), res.Records, len(res.Targets))
			}
			for i := range min(len(rep.Targets), len(res.Targets)) {
				c, u := rep.Targets[i], res.Targets[i]
				if c.Name != u.Name || c.Rows != (rowsJSON{u.Read, u.Written, u.Rejected}) {
					t.Errorf("target %d: CLI %s %+v, TUI %s read=%d written=%d rejected=%d", i, c.Name, c.Rows, u.Name, u.Read, u.Written, u.Rejected)
				}
				if c.Rows.Read != c.Rows.Written+c.Rows.Rejected {
					t.Errorf("target %s: read %d != written %d + rejected %d", c.Name, c.Rows.Read, c.Rows.Written, c.Rows.Rejected)
				}
			}
			if !jsonEqual(t, rep.Findings, tuiFindings) {
				t.Errorf("findings differ\nCLI: %s\nTUI: %s", rep.Findings, tuiFindings)
			}
			compared++
		})
	}
	if compared == 0 {
		t.Fatal("no mapping could be compared")
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
