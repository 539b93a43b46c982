package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// seamCmd runs this test binary as seam, with main's signal handling.
func seamCmd(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SEAM_TEST_AS_MAIN=1", "NO_COLOR=1")
	cmd.Dir = dir
	return cmd
}

// waitForTemp waits until seam's temporary file for out holds data: the
// command is then in the middle of writing.
func waitForTemp(t *testing.T, dir, out string, done <-chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		m, _ := filepath.Glob(filepath.Join(dir, "."+out+".tmp*"))
		for _, f := range m {
			if st, err := os.Stat(f); err == nil && st.Size() > 0 {
				return
			}
		}
		select {
		case <-done:
			t.Fatal("the command ended before it was interrupted")
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatal("no output appeared")
}

func countLines(t *testing.T, path string) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return int64(bytes.Count(b, []byte("\n")))
}

func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp*"))
	if len(m) > 0 {
		t.Errorf("temporary files left behind: %v", m)
	}
}

var signals = []struct {
	name string
	sig  syscall.Signal
	code int
}{{"SIGINT", syscall.SIGINT, 130}, {"SIGTERM", syscall.SIGTERM, 143}}

// TestSynthInterrupted: SIGINT and SIGTERM stop synth with 130 and 143;
// the rows generated so far are a valid file under the name, the previous
// file is kept as FILE~, the summary counts them, and no temporary file is
// left behind (#20.12).
func TestSynthInterrupted(t *testing.T) {
	schemaFile, err := filepath.Abs("../../testdata/bench/orders.schema.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range signals {
		t.Run(s.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "out.jsonl"), []byte("previous\n"), 0o644)
			cmd := seamCmd(dir, "synth", "--schema", schemaFile, "-n", "100000000", "-o", "out.jsonl", "--labels")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			var werr error
			go func() { werr = cmd.Wait(); close(done) }()
			waitForTemp(t, dir, "out.jsonl", done)
			cmd.Process.Signal(s.sig)
			<-done
			if code := cmd.ProcessState.ExitCode(); code != s.code {
				t.Fatalf("exit %d (%v), want %d; stderr:\n%s", code, werr, s.code, stderr.String())
			}
			m := regexp.MustCompile(`synth: (\d+) of 100000000 rows, seed 1 \(interrupted\)`).FindStringSubmatch(stderr.String())
			if m == nil || !strings.Contains(stderr.String(), "interrupted by "+s.name) {
				t.Fatalf("no summary with counts on stderr:\n%s", stderr.String())
			}
			n, _ := strconv.ParseInt(m[1], 10, 64)
			if got := countLines(t, filepath.Join(dir, "out.jsonl")); got != n || n == 0 {
				t.Errorf("out.jsonl holds %d rows, the summary says %d", got, n)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "out.jsonl~")); string(b) != "previous\n" {
				t.Errorf("out.jsonl~ = %q, want the previous file", b)
			}
			if _, err := os.Stat(filepath.Join(dir, "out.labels.csv")); err != nil {
				t.Errorf("labels sidecar: %v", err)
			}
			noTempFiles(t, dir)
		})
	}
}

// TestRunInterrupted: the same rule for run reading standard input: exit
// 130/143, read = written + rejected on stderr, the output and the rejects
// hold exactly those rows, FILE~ keeps the previous output, no temporary
// file is left (#20.12, #20.13).
func TestRunInterrupted(t *testing.T) {
	for _, s := range signals {
		t.Run(s.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"src.yaml":    "seam_schema: 1\nname: src\nfields:\n  - {name: id, type: string, required: true}\n",
				"dst.yaml":    "seam_schema: 1\nname: dst\nfields:\n  - {name: id, type: integer, required: true}\n",
				"m.seam.yaml": "seam: 1\nname: m\nsource: {schema: src.yaml}\ntarget: {schema: dst.yaml}\nrules:\n  - target: id\n    from: [id]\n",
				"out.csv":     "previous\n",
			}
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cmd := seamCmd(dir, "run", "-m", "m.seam.yaml", "-i", "-", "--format", "csv", "-o", "out.csv", "--rejects", "rej.jsonl")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() {
				w := bufio.NewWriter(stdin)
				io.WriteString(w, "id\n")
				for i := 0; ; i++ {
					v := strconv.Itoa(i)
					if i%10 == 3 {
						v = "x" + v
					}
					if _, err := fmt.Fprintln(w, v); err != nil {
						return
					}
				}
			}()
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			waitForTemp(t, dir, "out.csv", done)
			cmd.Process.Signal(s.sig)
			<-done
			stdin.Close()
			if code := cmd.ProcessState.ExitCode(); code != s.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, s.code, stderr.String())
			}
			_, written, rejected := countsAddUp(t, stderr.String())
			if written == 0 {
				t.Errorf("nothing written before the stop:\n%s", stderr.String())
			}
			if got := countLines(t, filepath.Join(dir, "out.csv")) - 1; got != written {
				t.Errorf("out.csv holds %d rows, stderr says written=%d", got, written)
			}
			if got := countLines(t, filepath.Join(dir, "rej.jsonl")); got != rejected {
				t.Errorf("rej.jsonl holds %d rows, stderr says rejected=%d", got, rejected)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "out.csv~")); string(b) != "previous\n" {
				t.Errorf("out.csv~ = %q, want the previous file", b)
			}
			if !strings.Contains(stderr.String(), "interrupted by "+s.name) {
				t.Errorf("stderr does not name the signal:\n%s", stderr.String())
			}
			noTempFiles(t, dir)
		})
	}
}

// TestCheckInterrupted: check --synth stopped by SIGINT writes its report
// for the rows checked so far (counts that add up, in the report and on
// stderr) and exits 130 (#20.12, #20.13).
func TestCheckInterrupted(t *testing.T) {
	m, err := filepath.Abs("../../testdata/bench/orders.seam.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := seamCmd(dir, "check", "-m", m, "--synth", "100000000", "--format", "json", "-o", "r.json")
	stderr, done := start(t, cmd)
	waitFor(t, done, func() bool { return strings.Contains(stderr.String(), "check: ") })
	cmd.Process.Signal(syscall.SIGINT)
	<-done
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Fatalf("exit %d, want 130:\n%s", code, stderr.String())
	}
	read, _, _ := countsAddUp(t, stderr.String())
	if read == 0 {
		t.Errorf("no row read before the stop:\n%s", stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "r.json"))
	if err != nil || !strings.Contains(string(b), fmt.Sprintf(`"read": %d`, read)) {
		t.Errorf("report missing or with other counts (%v):\n%.300s", err, b)
	}
	noTempFiles(t, dir)
}

// TestSecondSignal: a second signal while the first one is being handled
// (the command is held before it commits its outputs) still removes the
// temporary files, its own and those in its TMPDIR, leaves the previous
// outputs as they were, says so, and exits with the first signal's code
// (#20.12).
func TestSecondSignal(t *testing.T) {
	bench, err := filepath.Abs("../../testdata/bench")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		out    string // the output that must keep its previous content
		second syscall.Signal
	}{
		{"synth", []string{"synth", "--schema", filepath.Join(bench, "orders.schema.yaml"), "-n", "100000000", "-o", "out.jsonl", "--labels"}, "out.jsonl", syscall.SIGINT},
		{"check", []string{"check", "-m", filepath.Join(bench, "orders.seam.yaml"), "--synth", "100000000", "--format", "json", "-o", "out.json"}, "out.json", syscall.SIGTERM},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tc.out), []byte("previous\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			marker := filepath.Join(dir, "held")
			tmp := filepath.Join(dir, "tmp") // TMPDIR: libraries' temporary files
			if err := os.Mkdir(tmp, 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := seamCmd(dir, tc.args...)
			cmd.Env = append(cmd.Env, "SEAM_TEST_HOLD_COMMIT="+marker, "TMPDIR="+tmp)
			stderr, done := start(t, cmd)
			// synth writes its output as it goes; check writes its report
			// at the end, so it is interrupted once it reports progress.
			if tc.name == "synth" {
				waitForTemp(t, dir, tc.out, done)
			} else {
				waitFor(t, done, func() bool { return strings.Contains(stderr.String(), "check: ") })
			}
			cmd.Process.Signal(syscall.SIGINT)
			waitFor(t, done, func() bool { _, err := os.Stat(marker); return err == nil })
			if m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp*")); len(m) == 0 {
				t.Fatal("held before the commit, but no temporary file exists")
			}
			cmd.Process.Signal(tc.second)
			<-done
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Fatalf("exit %d, want 130 (the first signal's); stderr:\n%s", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), signalName(tc.second)+" again: stopped at once") {
				t.Errorf("stderr does not say the second signal stopped seam:\n%s", stderr.String())
			}
			noTempFiles(t, dir)
			if es, _ := os.ReadDir(tmp); len(es) > 0 {
				t.Errorf("left in TMPDIR: %v", es)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, tc.out)); string(b) != "previous\n" {
				t.Errorf("%s = %.100q, want the previous content", tc.out, b)
			}
		})
	}
}

// countsAddUp reads "read=N written=N rejected=N" from stderr and checks
// that read = written + rejected.
func countsAddUp(t *testing.T, stderr string) (read, written, rejected int64) {
	t.Helper()
	m := regexp.MustCompile(`read=(\d+) written=(\d+) rejected=(\d+)`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no counts on stderr:\n%s", stderr)
	}
	read, _ = strconv.ParseInt(m[1], 10, 64)
	written, _ = strconv.ParseInt(m[2], 10, 64)
	rejected, _ = strconv.ParseInt(m[3], 10, 64)
	if read != written+rejected {
		t.Errorf("counts do not add up: %s", m[0])
	}
	return read, written, rejected
}

// start starts cmd with its stderr captured; done is closed when it
// ends. A command still running when the test ends is killed.
func start(t *testing.T, cmd *exec.Cmd) (stderr *syncBuffer, done <-chan struct{}) {
	t.Helper()
	stderr = &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{})
	go func() { cmd.Wait(); close(ch) }()
	t.Cleanup(func() {
		select {
		case <-ch:
		default:
			cmd.Process.Kill()
			<-ch
		}
	})
	return stderr, ch
}

// waitFor polls cond until it holds; the command must not end first.
func waitFor(t *testing.T, done <-chan struct{}, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		select {
		case <-done:
			t.Fatal("the command ended first")
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}
