package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair; the test is skipped where there
// is none.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skipf("no pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skipf("no pseudo-terminal: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// runOnTerminal runs seam with stdin, stdout and stderr on a terminal that
// never answers queries (as many do not), as its controlling terminal in
// the foreground, and returns everything seam wrote to it.
func runOnTerminal(t *testing.T, env []string, args ...string) (string, int) {
	t.Helper()
	master, slave := openPTY(t)
	cmd := seamCmd(t.TempDir(), args...)
	cmd.Env = append(cmd.Env, "TERM=xterm-256color", "COLORTERM=truecolor")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var out bytes.Buffer
	copied := make(chan struct{})
	go func() { io.Copy(&out, master); close(copied) }()
	err := cmd.Wait()
	select {
	case <-copied:
	case <-time.After(5 * time.Second):
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), code
}

// TestNoTerminalQueries: commands other than the TUI never query the
// terminal (ESC]11;? for the background colour, ESC[6n for the cursor),
// which stalls every command for seconds on a terminal that does not
// answer (#19.11); with NO_COLOR and without.
func TestNoTerminalQueries(t *testing.T) {
	for _, env := range [][]string{nil, {"NO_COLOR=1"}} {
		for _, args := range [][]string{{"version"}, {"check", "--mapping", "m.seam.yaml"}} {
			t.Run(strings.Join(append(env, args[0]), " "), func(t *testing.T) {
				out, _ := runOnTerminal(t, append(env[:len(env):len(env)], "SEAM_TEST_AS_MAIN=1"), args...)
				if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x1b[6n") {
					t.Errorf("seam %s queried the terminal: %q", args[0], out)
				}
			})
		}
	}
}

// TestXLSXNeverToTerminal: binary output is refused on a terminal, with a
// message asking for -o (#19.12).
func TestXLSXNeverToTerminal(t *testing.T) {
	schemaFile, _ := os.Getwd()
	schemaFile += "/../../testdata/bench/orders.schema.yaml"
	out, code := runOnTerminal(t, []string{"SEAM_TEST_AS_MAIN=1"}, "synth", "--schema", schemaFile, "-n", "3", "--format", "xlsx")
	if code != exitUsage || !strings.Contains(out, "xlsx is binary and stdout is a terminal: use -o FILE.xlsx") {
		t.Errorf("exit %d, output %q", code, out)
	}
	if strings.Contains(out, "PK\x03\x04") {
		t.Error("XLSX bytes reached the terminal")
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestTUIQueriesOnce: the TUI, and only it, asks for the background
// colour: once, before it takes the screen; with NO_COLOR not at all. On
// a terminal that does not answer it starts anyway (ctrl+c then quits).
func TestTUIQueriesOnce(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		t.Run(fmt.Sprintf("NO_COLOR=%v", noColor), func(t *testing.T) {
			master, slave := openPTY(t)
			cmd := seamCmd(t.TempDir(), "tui")
			cmd.Env = append(cmd.Env, "TERM=xterm-256color")
			if !noColor {
				env := cmd.Env[:0]
				for _, kv := range cmd.Env {
					if !strings.HasPrefix(kv, "NO_COLOR=") {
						env = append(env, kv)
					}
				}
				cmd.Env = env
			}
			cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			slave.Close()
			var out syncBuffer
			go io.Copy(&out, master)
			deadline := time.Now().Add(time.Minute)
			for !strings.Contains(out.String(), "\x1b[?1049h") {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("the TUI did not start: %q", out.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			master.Write([]byte{3}) // ctrl+c
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				t.Fatal("ctrl+c did not quit the TUI")
			}
			s := out.String()
			before := s[:strings.Index(s, "\x1b[?1049h")]
			n := strings.Count(s, "\x1b]11;?")
			switch {
			case noColor && n != 0:
				t.Errorf("with NO_COLOR the TUI queried the terminal: %q", before)
			case !noColor && (n != 1 || strings.Count(before, "\x1b]11;?") != 1):
				t.Errorf("want one background query before the alternate screen, got %d: %q", n, before)
			}
		})
	}
}
