package mapping

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseHostile: a mapping file nested without end, with millions of
// tokens or aliases, is refused before the YAML parser (whose memory grows
// with the square of the depth) sees it; errors name file:line:col (#20.5).
func TestParseHostile(t *testing.T) {
	cases := []struct {
		name, data string
		want       []string
	}{
		{"flow depth", "seam: 1\nrules: " + strings.Repeat("[", 100000), []string{"m.seam.yaml:2:", "nested deeper than 512 levels"}},
		{"block depth", "seam: 1\nrules:\n" + func() string {
			var b strings.Builder
			for i := 1; i < 700; i++ {
				b.WriteString(strings.Repeat(" ", i) + "- \n")
			}
			return b.String()
		}(), []string{"m.seam.yaml:", "nested deeper"}},
		{"compact depth", "seam: 1\nrules:\n  " + strings.Repeat("- ", 1000) + "x\n", []string{"m.seam.yaml:3:", "nested deeper"}},
		{"tokens", "seam: 1\nrules:\n" + strings.Repeat("- 1\n", 1000001), []string{"m.seam.yaml:", "more than 2000000 tokens"}},
		{"aliases", "seam: 1\nx: &a [1]\nrules: [" + strings.Repeat("*a, ", 10001) + "]", []string{"m.seam.yaml:3:", "more than 10000 aliases"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("m.seam.yaml", []byte(c.data))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestLoadBounds: the mapping file itself must be a regular file of at
// most 64 MiB (#20.8).
func TestLoadBounds(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.seam.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(65 << 20) // sparse: no disk, no time
	f.Close()
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "file is 65 MiB; at most 64 MiB can be read") {
		t.Errorf("big: %v", err)
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "is a directory, not a regular file") {
		t.Errorf("dir: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := Load("/dev/zero"); err == nil || !strings.Contains(err.Error(), "/dev/zero: is a device, not a regular file") {
			t.Errorf("/dev/zero: %v", err)
		}
	}
}
