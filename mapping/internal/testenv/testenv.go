// Package testenv finds the repository and the shared acceptance data
// (../shared beside the repository) for tests. Tests that need ../shared
// skip with a message when it is absent, so a fresh clone still passes.
// SeamBinary and RunLimited run the built seam command under a bounded
// address space, for tests that hostile input ends in a clear error.
package testenv

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
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

// SeamBinary builds the seam command into a folder of the test's and
// returns its path. Tests that run seam as a user would (under a memory
// limit, with signals) use it; cmd/seam's own scripts use testscript.
func SeamBinary(t testing.TB) string {
	t.Helper()
	// go test puts its own GOROOT/bin first on the PATH.
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on the PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "seam")
	cmd := exec.Command(goBin, "build", "-o", bin, "./cmd/seam")
	cmd.Dir = RepoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/seam: %v\n%s", err, out)
	}
	return bin
}

// Limited is the outcome of RunLimited.
type Limited struct {
	Stdout, Stderr string
	// ExitCode is the process's exit status; -1 when a signal killed it.
	ExitCode int
	// MaxRSS is the peak resident set size in bytes (0 where unknown).
	MaxRSS int64
}

// RunLimited runs bin with args in dir with its memory limited to limit
// bytes (ulimit -d, RLIMIT_DATA, in a POSIX shell that then execs bin), so
// a program that tries to take more fails instead of taking the machine.
// RLIMIT_DATA rather than the address space (ulimit -v): a Go program
// reserves about 1.2 GB of address space up front without using it, so -v
// would measure reservations rather than memory. MaxRSS comes from GNU
// time when /usr/bin/time exists (a child started from the test process
// inherits the test's own high-water mark in its rusage).
// It skips the test where no shell with ulimit exists (non-Unix). A run
// longer than two minutes is killed and fails the test: a bound that
// hangs is as bad as one that allocates.
func RunLimited(t testing.TB, limit int64, dir, bin string, args ...string) Limited {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("ulimit -v needs a Unix shell")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh for ulimit -v")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	kb := strconv.FormatInt(limit/1024, 10)
	argv := append([]string{bin}, args...)
	rssFile := ""
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		rssFile = filepath.Join(t.TempDir(), "rss")
		argv = append([]string{"/usr/bin/time", "-o", rssFile, "-f", "%M"}, argv...)
	}
	cmd := exec.CommandContext(ctx, sh, append([]string{"-c", `ulimit -d "$0" && exec "$@"`, kb}, argv...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "GOMAXPROCS=2")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %v: killed after two minutes", filepath.Base(bin), args)
	}
	r := Limited{Stdout: stdout.String(), Stderr: stderr.String()}
	if cmd.ProcessState == nil {
		t.Fatalf("%s: %v", bin, err)
	}
	r.ExitCode = cmd.ProcessState.ExitCode()
	if rssFile != "" {
		b, _ := os.ReadFile(rssFile)
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if kb, err := strconv.ParseInt(lines[len(lines)-1], 10, 64); err == nil {
			r.MaxRSS = kb * 1024
		}
	}
	return r
}
