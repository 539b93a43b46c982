package engine

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"github.com/seamhq/seam/mapping"
	"io"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

const benchDir = "../../testdata/bench/"

func gunzip(t testing.TB, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func benchProgram(t testing.TB) *Program {
	t.Helper()
	m, err := mapping.Load(benchDir + "orders.seam.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, ds := Compile(m, src, dst)
	if p == nil {
		t.Fatal(ds)
	}
	if len(ds) > 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	return p
}

// TestPeerWorkload runs the WORKLOAD.md mapping on the committed
// 10,000-row slice and compares with handgo's reference output byte for
// byte: same rows in the same order, 21 rejects.
func TestPeerWorkload(t *testing.T) {
	p := benchProgram(t)
	for _, format := range []string{"csv", "jsonl"} {
		for _, workers := range []int{1, 3} {
			t.Run(format, func(t *testing.T) {
				in := gunzip(t, benchDir+"orders10k."+format+".gz")
				want := gunzip(t, benchDir+"ref10k."+format+".gz")
				r, err := value.NewReader(bytes.NewReader(in), "orders10k."+format, format)
				if err != nil {
					t.Fatal(err)
				}
				var out, rej bytes.Buffer
				w, err := value.NewWriter(&out, format, p.TargetKeys())
				if err != nil {
					t.Fatal(err)
				}
				st, err := Run(context.Background(), p, r, w, &rej, RunOptions{Workers: workers, BatchSize: 100})
				if err != nil {
					t.Fatal(err)
				}
				w.Close()
				if st.Read != 10000 || st.Written != 9979 || st.Rejected != 21 {
					t.Fatalf("stats %+v, want read=10000 written=9979 rejected=21", st)
				}
				if !bytes.Equal(out.Bytes(), want) {
					gl, wl := strings.Split(out.String(), "\n"), strings.Split(string(want), "\n")
					for i := range min(len(gl), len(wl)) {
						if gl[i] != wl[i] {
							t.Fatalf("line %d differs:\n got %s\nwant %s", i+1, gl[i], wl[i])
						}
					}
					t.Fatalf("output differs in length: %d lines, want %d", len(gl), len(wl))
				}
				checkRejects(t, rej.Bytes(), 21)
			})
		}
	}
}

type rejectLine struct {
	Row    int64 `json:"row"`
	Line   int64 `json:"line"`
	Errors []struct {
		Rule, Target, Kind, Reason string
	} `json:"errors"`
	Source map[string]any `json:"source"`
}

func checkRejects(t *testing.T, b []byte, n int) []rejectLine {
	t.Helper()
	var out []rejectLine
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rl rejectLine
		if err := json.Unmarshal(sc.Bytes(), &rl); err != nil {
			t.Fatalf("rejects line %q: %v", sc.Text(), err)
		}
		if rl.Row <= 0 || len(rl.Errors) == 0 || rl.Source == nil {
			t.Fatalf("incomplete rejects line %q", sc.Text())
		}
		for _, e := range rl.Errors {
			if e.Kind == "" || e.Reason == "" || kind.Kind(e.Kind) != kind.MalformedRow && (e.Target == "" || e.Rule == "") {
				t.Fatalf("incomplete error in %q", sc.Text())
			}
		}
		out = append(out, rl)
	}
	if len(out) != n {
		t.Fatalf("%d rejects lines, want %d", len(out), n)
	}
	return out
}

// BenchmarkApply maps one workload record per op.
func BenchmarkApply(b *testing.B) {
	p := benchProgram(b)
	in := gunzip(b, benchDir+"orders10k.csv.gz")
	r, _ := value.NewReader(bytes.NewReader(in), "orders10k.csv", "csv")
	var recs []*value.Record
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		recs = append(recs, rec)
	}
	x := p.NewExec()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Apply(recs[i%len(recs)])
	}
}

// BenchmarkCompile compiles the workload mapping.
func BenchmarkCompile(b *testing.B) {
	m, err := mapping.Load(benchDir + "orders.seam.yaml")
	if err != nil {
		b.Fatal(err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if p, ds := Compile(m, src, dst); p == nil {
			b.Fatal(ds)
		}
	}
}

// BenchmarkRunCSV runs the 10,000-row slice CSV to CSV.
func BenchmarkRunCSV(b *testing.B) { benchRun(b, "csv") }

// BenchmarkRunJSONL runs the 10,000-row slice JSONL to JSONL.
func BenchmarkRunJSONL(b *testing.B) { benchRun(b, "jsonl") }

func benchRun(b *testing.B, format string) {
	p := benchProgram(b)
	in := gunzip(b, benchDir+"orders10k."+format+".gz")
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	rows := int64(0)
	for i := 0; i < b.N; i++ {
		r, _ := value.NewReader(bytes.NewReader(in), "in", format)
		w, _ := value.NewWriter(io.Discard, format, p.TargetKeys())
		st, err := Run(context.Background(), p, r, w, io.Discard, RunOptions{})
		if err != nil {
			b.Fatal(err)
		}
		rows += st.Read
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	reportPerRow(b, rows, cpuTime()-cpu0, ms1.Mallocs-ms0.Mallocs)
}

// reportPerRow adds the CPU time (user + sys, every goroutine: the cost
// on a shared machine) and the allocations per row to a benchmark.
func reportPerRow(b *testing.B, rows int64, cpu time.Duration, mallocs uint64) {
	if rows == 0 {
		return
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(rows), "cpu-ns/row")
	b.ReportMetric(float64(mallocs)/float64(rows), "allocs/row")
}

// cpuTime is the process's user + system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
