package check

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/diag"
)

// TestIdiomsPrecisionRecall reads the realistic mappings of
// testdata/mappings/idioms: a correct mapping of a real pair written with
// seam's idioms (substr to the target's length, lookups, to_utc ...) must
// raise no static finding at warn or above but its WANT lines; a copy with
// planted mistakes must raise every WANT line (kind@target). MISS lines
// are planted mistakes the checks do not find yet; the test logs the
// precision and recall so the README's figures can be rerun.
func TestIdiomsPrecisionRecall(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "mappings", "idioms", "*.seam.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no idiom mappings: %v", err)
	}
	var alarms, raised, planted, found int
	for _, path := range files {
		file := filepath.Join("idioms", filepath.Base(path))
		want, miss := wantLines(t, path)
		m, src, dst := loadPair(t, file)
		got := map[string]bool{}
		for _, f := range Static(m, src, dst) {
			if f.Severity > diag.Warn {
				continue
			}
			key := string(f.Kind) + "@" + f.Target
			got[key] = true
			raised++
			if !want[key] {
				alarms++
				t.Errorf("%s: false alarm %s %s: %s", file, f.Severity, key, f.Message)
			}
		}
		for k := range want {
			planted++
			if got[k] {
				found++
			} else {
				t.Errorf("%s: planted mistake %s not found", file, k)
			}
		}
		planted += len(miss)
	}
	t.Logf("static findings at warn or above: %d, false alarms %d; planted mistakes %d, found %d", raised, alarms, planted, found)
}

// wantLines reads "# WANT kind@target" and "# MISS kind@target" lines.
func wantLines(t *testing.T, path string) (want, miss map[string]bool) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, miss = map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 3 && fs[0] == "#" && fs[1] == "WANT" {
			want[fs[2]] = true
		} else if len(fs) >= 3 && fs[0] == "#" && fs[1] == "MISS" {
			miss[fs[2]] = true
		}
	}
	return want, miss
}
