package guard

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/internal/testenv"
)

func TestCheckYAMLDepth(t *testing.T) {
	block := func(d int) string {
		var b strings.Builder
		for i := 0; i < d; i++ {
			b.WriteString(strings.Repeat(" ", i) + "p:\n")
		}
		return b.String()
	}
	tests := []struct {
		name string
		in   string
		bad  bool
	}{
		{"flow ok", "a: " + strings.Repeat("[", 100) + strings.Repeat("]", 100), false},
		{"flow bomb", "a: " + strings.Repeat("[", 100000), true},
		{"flow map bomb", strings.Repeat("{a: ", 600), true},
		{"json bomb", strings.Repeat(`{"properties":`, 20000), true},
		{"block ok", block(200), false},
		{"block bomb", block(600), true},
		{"compact seq bomb", strings.Repeat("- ", 600) + "x\n", true},
		{"compact seq ok", strings.Repeat("- ", 20) + "x\n", false},
		{"brackets in plain scalars", strings.Repeat("pattern: ^[a-z]+$ [x\n", 2000), false},
		{"brackets in quotes", strings.Repeat("a: \"[[[[\"\nb: '{{{{'\n", 1000), false},
		{"brackets in comments", strings.Repeat("a: 1 # [[[[\n", 1000), false},
		{"brackets in block scalar", "a: |\n" + strings.Repeat("  [[[[\n", 1000) + "b: 1\n", false},
		{"deep block scalar text", "a: |\n  " + strings.ReplaceAll(block(1000), "\n", "\n  ") + "\nb: 1\n", false},
		{"anchored flow bomb", "a: &x " + strings.Repeat("[", 1000), true},
		{"flow after tag", "a: !!seq " + strings.Repeat("[", 1000), true},
		{"quoted flow", `a: [` + strings.Repeat(`"x", [`, 600), true},
		{"aliases", "a: &x 1\nb: [" + strings.Repeat("*x, ", 10001) + "]\n", true},
		{"token bomb", strings.Repeat("- 1\n", MaxTokens/2+1), true},
		{"many docs", strings.Repeat("---\n"+block(100), 20), false},
	}
	for _, tc := range tests {
		err := CheckYAML([]byte(tc.in))
		if (err != nil) != tc.bad {
			t.Errorf("%s: err = %v, want error %v", tc.name, err, tc.bad)
		}
	}
}

// TestCheckYAMLFixtures: no YAML or JSON file of the repository or of the
// shared real-world schemas is refused.
func TestCheckYAMLFixtures(t *testing.T) {
	dirs := []string{testenv.RepoRoot(t)}
	if d := filepath.Join(testenv.RepoRoot(t), "..", "shared", "realworld"); dirExists(d) {
		dirs = append(dirs, d)
	}
	n := 0
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil //nolint:nilerr // unreadable folders are skipped, not failed
			}
			switch filepath.Ext(p) {
			case ".yaml", ".yml", ".json", ".avsc":
			default:
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil //nolint:nilerr // unreadable files are skipped, not failed
			}
			n++
			if err := CheckYAML(data); err != nil {
				t.Errorf("%s: %v", p, err)
			}
			return nil
		})
	}
	t.Logf("%d files scanned", n)
	if n < 10 {
		t.Fatalf("only %d fixtures scanned", n)
	}
}

func dirExists(d string) bool {
	st, err := os.Stat(d)
	return err == nil && st.IsDir()
}
