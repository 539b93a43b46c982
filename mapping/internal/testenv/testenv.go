// Package testenv finds the repository and the shared acceptance data
// (../shared beside the repository) for tests. Tests that need ../shared
// skip with a message when it is absent, so a fresh clone still passes.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot walks up from the test's folder to the one holding go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// Realworld returns ../shared/realworld beside the repository, or skips the
// test with a message saying what is missing.
func Realworld(t testing.TB) string {
	t.Helper()
	d := filepath.Join(RepoRoot(t), "..", "shared", "realworld")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("real-world schemas not available (%s): %v", d, err)
	}
	return d
}
