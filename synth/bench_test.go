package synth

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// BenchmarkGenerateOrders measures generation only (Next) for the bench
// "orders" schema of WORKLOAD.md, realistic profile, 5% edge rate.
func BenchmarkGenerateOrders(b *testing.B) {
	g, err := NewGenerator(ordersSchema(), Plan{Rows: int64(b.N), EdgeRate: 0.05, Profile: Realistic}, 20240601)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for {
		r, ok := g.Next()
		if !ok {
			break
		}
		n += len(r.Rec.Vals)
	}
	if n != 15*b.N {
		b.Fatalf("%d values", n)
	}
}

// BenchmarkFillOrders is BenchmarkGenerateOrders through Fill, the
// allocation-free path that Write uses.
func BenchmarkFillOrders(b *testing.B) {
	g, err := NewGenerator(ordersSchema(), Plan{Rows: int64(b.N), EdgeRate: 0.05, Profile: Realistic}, 20240601)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var r Row
	n := 0
	for g.Fill(&r) {
		n += len(r.Rec.Vals)
	}
	if n != 15*b.N {
		b.Fatalf("%d values", n)
	}
}

// BenchmarkGofakeitOrders is the baseline: the plain gofakeit calls of
// /work/shared/bench/gen for the same 15 fields (its Next, without the
// deliberately bad values), in the same process.
func BenchmarkGofakeitOrders(b *testing.B) {
	f := gofakeit.NewUnlocked(20240601)
	lo := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	currencies := []string{"usd", "eur", "gbp", "jpy", "cad", "Usd", "eur "}
	statuses := []string{"P", "P", "S", "S", "S", "S", "C"}
	discounts := []string{"0.05", "0.10", "0.15", "0.25", "0.5", "0"}
	b.ReportAllocs()
	b.ResetTimer()
	sink := 0
	for i := 1; i <= b.N; i++ {
		rec := []string{
			strconv.Itoa(i), strconv.Itoa(f.IntRange(1, 500000)), f.FirstName(), f.LastName(), f.Email(),
			f.PhoneFormatted(), f.DateRange(lo, hi).Format("01/02/2006"), strconv.Itoa(f.IntRange(1, 9999999)),
			f.RandomString(currencies), f.RandomString(statuses), f.Country(), f.Sentence(f.IntRange(3, 10)),
			f.DateRange(lo, hi).Format("01/02/2006"), strconv.Itoa(f.IntRange(1, 20)), f.RandomString(discounts),
		}
		sink += len(rec[11])
	}
	if sink < 0 {
		b.Fatal(sink)
	}
}

// BenchmarkWriteOrdersCSV measures generation plus CSV encoding.
func BenchmarkWriteOrdersCSV(b *testing.B) {
	b.ReportAllocs()
	err := Write(context.Background(), ordersSchema(), Plan{Rows: int64(b.N), EdgeRate: 0.05}, 20240601, io.Discard, "csv", nil, nil)
	if err != nil {
		b.Fatal(err)
	}
}

// TestCompareWithGen is the "one run" comparison with the gofakeit
// baseline of /work/shared/bench/gen (`gen -n N -discard`): it runs the
// gen binary and synth's generation of the same 15-field orders schema
// alternately, three times each, and logs the medians (CPU and wall time)
// and their ratio. It is opt-in (SEAM_SYNTH_BENCH=N rows, e.g. 1000000)
// and never fails on timing.
//
//	SEAM_SYNTH_BENCH=1000000 go test -run CompareWithGen -v ./synth/
func TestCompareWithGen(t *testing.T) {
	n, _ := strconv.ParseInt(os.Getenv("SEAM_SYNTH_BENCH"), 10, 64)
	if n <= 0 {
		t.Skip("set SEAM_SYNTH_BENCH=ROWS to compare with /work/shared/bench/gen")
	}
	bin := os.Getenv("SEAM_GEN_BIN")
	if bin == "" {
		bin = "/tmp/bench-data/bin/gen"
	}
	if _, err := os.Stat(bin); err != nil {
		dir := filepath.Join(sharedDir(t), "bench", "gen")
		bin = filepath.Join(t.TempDir(), "gen")
		cmd := exec.Command("go", "build", "-o", bin, ".")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("cannot build %s: %v\n%s", dir, err, out)
		}
	}
	var genWall, genCPU, synWall, synCPU []float64
	for i := 0; i < 3; i++ {
		cmd := exec.Command(bin, "-n", strconv.FormatInt(n, 10), "-discard")
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", bin, err, out)
		}
		genWall = append(genWall, time.Since(start).Seconds())
		genCPU = append(genCPU, (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds())

		cpu0 := processCPU()
		start = time.Now()
		g, err := NewGenerator(ordersSchema(), Plan{Rows: n, EdgeRate: 0.05}, 20240601)
		if err != nil {
			t.Fatal(err)
		}
		var r Row
		for g.Fill(&r) {
		}
		synWall = append(synWall, time.Since(start).Seconds())
		synCPU = append(synCPU, processCPU()-cpu0)
	}
	med := func(xs []float64) float64 { sort.Float64s(xs); return xs[len(xs)/2] }
	gw, gc, sw, sc := med(genWall), med(genCPU), med(synWall), med(synCPU)
	t.Logf("%d rows, median of 3: gen -discard %.2fs wall (%.0f rows/s), %.2fs CPU; synth %.2fs wall (%.0f rows/s), %.2fs CPU; ratio wall %.2fx, CPU %.2fx",
		n, gw, float64(n)/gw, gc, sw, float64(n)/sw, sc, sw/gw, sc/gc)
}

// processCPU returns this process's user+system CPU seconds.
func processCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
