package suggest

import (
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/seamhq/seam/mapping/internal/testenv"
)

// TestSuggestionsRunUnderCheckSynth: for every pair the evaluation scores
// (realPairs and heldOutPairs), seam suggest writes a mapping, seam accept
// accepts every rule, and seam check --synth runs it on generated rows:
// no compile error, every row read (#16.5). Skips when ../shared is absent.
func TestSuggestionsRunUnderCheckSynth(t *testing.T) {
	if testing.Short() {
		t.Skip("builds seam and runs it per pair")
	}
	dir := sharedDir(t)
	bin := testenv.SeamBinary(t)
	pairs := append(append([]struct{ pair, src, dst, truth string }{}, realPairs...), heldOutPairs...)
	for _, p := range pairs {
		t.Run(p.pair, func(t *testing.T) {
			work := t.TempDir()
			run := func(args ...string) ([]byte, int) {
				cmd := exec.Command(bin, args...)
				cmd.Dir = work
				cmd.Env = append(cmd.Environ(), "NO_COLOR=1")
				out, err := cmd.Output()
				code := 0
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					code = ee.ExitCode()
					if code == 2 {
						t.Fatalf("seam %v: exit 2\n%s", args, ee.Stderr)
					}
				} else if err != nil {
					t.Fatalf("seam %v: %v", args, err)
				}
				return out, code
			}
			m := filepath.Join(work, "m.seam.yaml")
			run("suggest", "-s", filepath.Join(dir, p.src), "-t", filepath.Join(dir, p.dst), "-o", m)
			if _, code := run("accept", "-m", m); code != 0 {
				t.Fatalf("seam accept: exit %d", code)
			}
			out, _ := run("check", "-m", m, "--synth", "100", "--seed", "1", "--format", "json", "--allow-path", dir)
			var rep struct {
				Rows struct {
					Read int `json:"read"`
				} `json:"rows"`
				Findings []struct {
					Kind, Severity, Message string
				} `json:"findings"`
			}
			if err := json.Unmarshal(out, &rep); err != nil {
				t.Fatalf("check output: %v\n%s", err, out)
			}
			if rep.Rows.Read != 100 {
				t.Errorf("check read %d rows, want 100", rep.Rows.Read)
			}
			for _, f := range rep.Findings {
				if f.Kind == "compile" || f.Kind == "compile_error" {
					t.Errorf("compile error: %s", f.Message)
				}
			}
		})
	}
}
