package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
)

// TestRepositoryMappingTests runs seam test on every mapping of the
// repository that has tests (a tests: section or a NAME.seam.test.yaml
// beside it): the examples written for them must keep passing.
func TestRepositoryMappingTests(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"testdata", "tui"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "scripts" {
				return filepath.SkipDir
			}
			if strings.HasSuffix(p, ".seam.yaml") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	shared := filepath.Join(root, "..", "shared")
	ran := 0
	for _, f := range files {
		m, err := mapping.Parse(f, mustRead(t, f))
		if err != nil {
			continue // other tests own broken fixtures
		}
		if m.Tests == "" {
			if _, err := os.Stat(m.TestSidecar()); err != nil {
				continue
			}
		}
		rel, _ := filepath.Rel(root, f)
		t.Run(rel, func(t *testing.T) {
			if strings.Contains(string(mustRead(t, f)), "../shared/") {
				if _, err := os.Stat(shared); err != nil {
					t.Skipf("names ../shared, absent here: %v", err)
				}
			}
			// runMain points TMPDIR at its own folder and removes it at
			// the end: restore it for the tests that follow.
			t.Setenv("TMPDIR", os.Getenv("TMPDIR"))
			if code := runMain([]string{"test", "--allow-path", shared, rel}); code != 0 {
				t.Errorf("seam test %s: exit %d (the report is above)", rel, code)
			}
		})
		ran++
	}
	if ran == 0 {
		t.Fatal("no mapping in the repository has tests")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
