package tui

import (
	"context"
	"runtime"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// The benchmarks of #14.14: key presses and their View while a
// 1,000,000-row job runs in the background, on the UI goroutine as
// tea.Program runs it (testkit.Loop). Each op is one key and one View;
// between keys the benchmark waits gap (typing speed) with its timer
// stopped, so that the job moves on and its progress messages arrive.
// Reported: the median, p99 and slowest key+View (ms), the slowest
// handling of any other message, and the heap in use at the end (MB).
// Run with -benchtime=300x; they fail when the job ends before the keys.

const (
	loadRows = 1_000_000
	gap      = 3 * time.Millisecond
)

// keysUnderLoad sends b.N keys (cycling through names) while running()
// holds and reports the figures.
func keysUnderLoad(b *testing.B, m *model, loop *testkit.Loop, running func() bool, names ...string) {
	ds := make([]time.Duration, 0, b.N)
	worst := map[string]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !running() {
			b.Fatalf("the job ended after %d keys: raise the rows or lower -benchtime", i)
		}
		name := names[i%len(names)]
		d := loop.Key(testkit.Key(name), m.View)
		ds = append(ds, d)
		worst[name] = max(worst[name], d)
		b.StopTimer()
		time.Sleep(gap)
		b.StartTimer()
	}
	b.StopTimer()
	b.Logf("slowest key+View by key: %v; slowest other message: %s", worst, loop.SlowestMsg)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	slowest := testkit.Percentile(ds, 100)
	b.ReportMetric(float64(testkit.Percentile(ds, 50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(testkit.Percentile(ds, 99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(slowest.Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(loop.Slowest.Microseconds())/1000, "slowest-msg-ms")
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
}

// BenchmarkKeysWhileGenerating: generating 1,000,000 rows of the
// 368-column warehouse export (screens/synth/testdata/wide.sql) while
// the keys move in the Generate form, the Mapper (368 fields a side) and
// the Run screen.
func BenchmarkKeysWhileGenerating(b *testing.B) {
	testkit.Pin()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(UIProcs()))
	wide := "screens/synth/testdata/wide.sql"
	tm, err := New(Options{Source: wide, Target: wide})
	if err != nil {
		b.Fatal(err)
	}
	m := tm.(*model)
	up := func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c }
	testkit.Settle(b, up, m.Init())
	testkit.Drive(b, up, tea.WindowSizeMsg{Width: 80, Height: 24}, "3")
	m.synth.SetForm(loadRows, 42, 0.2, "edge")
	loop := testkit.NewLoop(up)
	loop.Start(m.synth.Start())
	defer m.synth.Cancel()
	for !m.synth.Running() {
		loop.Pump()
	}
	keysUnderLoad(b, m, loop, m.synth.Running, "j", "j", "k", "2", "j", "j", "tab", "j", "tab", "4", "3", "k")
}

// BenchmarkKeysWhileRunning: running the demo mapping over 1,000,000
// rows (the default dataset's 1,000 rows a thousand times, kept on disk)
// while the keys move in the Run screen, the Mapper and Generate.
func BenchmarkKeysWhileRunning(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(UIProcs()))
	m, up := newDemo(b, 80, 24)
	small, err := m.s.Eng.Generate(context.Background(), m.s.Src, common.DefaultPlan(), nil)
	if err != nil {
		b.Fatal(err)
	}
	bl := common.NewDatasetBuilder(&common.Dataset{Name: "1M rows", Keys: small.Keys}, "")
	for i := range loadRows {
		if err := bl.Add(small.Row(i%small.Len()), small.RowLabels(i%small.Len())); err != nil {
			b.Fatal(err)
		}
	}
	data, err := bl.Done()
	if err != nil {
		b.Fatal(err)
	}
	defer data.Close()
	m.s.Data = data
	testkit.Drive(b, up, common.DataChangedMsg{}, "4")
	loop := testkit.NewLoop(up)
	loop.Start(m.inspect.Run())
	defer m.inspect.Cancel()
	for !m.inspect.Running() {
		loop.Pump()
	}
	keysUnderLoad(b, m, loop, m.inspect.Running, "j", "j", "tab", "j", "k", "tab", "2", "j", "3", "j", "4", "k")
}
