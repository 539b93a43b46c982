package common

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

type resultMsg struct{ n int }

// drain runs cmd and what the job answers until the work's result comes
// out, the way Bubble Tea would; it returns the messages the screen sees.
func drain(t *testing.T, j *Job, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case JobMsg:
			queue = append(queue, j.Update(msg))
		case nil:
		default:
			seen = append(seen, msg)
		}
	}
	return seen
}

func TestJobResultAndProgress(t *testing.T) {
	var j Job
	release := make(chan struct{})
	cmd := j.Start(context.Background(), 10, func(ctx context.Context, progress func(int64)) tea.Msg {
		progress(4)
		<-release
		return resultMsg{7}
	})
	if !j.Running() {
		t.Fatal("not running after Start")
	}
	batch := cmd().(tea.BatchMsg)
	result := make(chan tea.Msg, 1)
	go func() { result <- batch[0]() }()
	// The listener sees the progress before the work ends.
	if cmd := j.Update(batch[1]()); cmd == nil {
		t.Fatal("progress gave no next listen")
	}
	if done, total := j.Progress(); done != 4 || total != 10 {
		t.Fatalf("progress %d/%d", done, total)
	}
	if v := j.View(60, "rows"); !strings.Contains(v, "4/10 rows") || !strings.Contains(v, "esc cancel") || lipgloss.Width(v) != 60 {
		t.Fatalf("view %q", v)
	}
	close(release)
	done := <-result
	seen := drain(t, &j, func() tea.Msg { return done })
	if len(seen) != 1 || seen[0] != (resultMsg{7}) || j.Running() {
		t.Fatalf("result %v, running %v", seen, j.Running())
	}
}

func TestJobCancelDropsResultAndStopsWork(t *testing.T) {
	var j Job
	parent, stop := context.WithCancel(context.Background())
	defer stop()
	cmd := j.Start(parent, 0, func(ctx context.Context, _ func(int64)) tea.Msg {
		<-ctx.Done() // work that only ends when cancelled
		return resultMsg{1}
	})
	if !j.Cancel() || j.Running() {
		t.Fatal("Cancel did not stop the job")
	}
	if seen := drain(t, &j, cmd); len(seen) != 0 {
		t.Fatalf("a cancelled job delivered %v", seen)
	}
	if j.Cancel() {
		t.Fatal("Cancel of an idle job reported work")
	}
	// The program's context ends the work too.
	cmd = j.Start(parent, 0, func(ctx context.Context, _ func(int64)) tea.Msg {
		<-ctx.Done()
		return resultMsg{2}
	})
	stop()
	if seen := drain(t, &j, cmd); len(seen) != 1 || seen[0] != (resultMsg{2}) {
		t.Fatalf("after the parent ended: %v", seen)
	}
}

func TestJobReplacedAndForeign(t *testing.T) {
	var j, other Job
	first := j.Start(context.Background(), 0, func(context.Context, func(int64)) tea.Msg { return resultMsg{1} })
	second := j.Start(context.Background(), 0, func(context.Context, func(int64)) tea.Msg { return resultMsg{2} })
	if seen := drain(t, &j, first); len(seen) != 0 {
		t.Fatalf("replaced work delivered %v", seen)
	}
	// Another job's messages are not this one's.
	done := second().(tea.BatchMsg)[0]()
	if other.Update(done) != nil {
		t.Fatal("a job took another job's message")
	}
	if msg := j.Update(done)(); msg != (resultMsg{2}) {
		t.Fatalf("result %v", msg)
	}
}

func TestJobPanicBecomesError(t *testing.T) {
	var j Job
	cmd := j.Start(context.Background(), 0, func(context.Context, func(int64)) tea.Msg { panic("boom") })
	seen := drain(t, &j, cmd)
	st, ok := seen[0].(StatusMsg)
	if len(seen) != 1 || !ok || !st.Err || !strings.Contains(st.Text, "boom") || j.Running() {
		t.Fatalf("after a panic: %v, running %v", seen, j.Running())
	}
}

// TestJobTimeLeft: the time left follows the pace so far (a quarter done
// in 10 s leaves 30 s), and the progress line says it.
func TestJobTimeLeft(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	j := &Job{Clock: func() time.Time { return now }}
	release := make(chan struct{})
	j.Start(context.Background(), 1000, func(ctx context.Context, _ func(int64)) tea.Msg { <-release; return nil })
	defer close(release)
	if _, ok := j.Left(); ok {
		t.Fatal("a time left before any progress")
	}
	j.Update(jobProgressMsg{job: j, seq: j.seq, done: 250})
	now = now.Add(10 * time.Second)
	d, ok := j.Left()
	if !ok || d != 30*time.Second {
		t.Fatalf("left %v %v, want 30s", d, ok)
	}
	if v := j.View(80, "rows"); !strings.Contains(v, "250/1000 rows · 30s left") {
		t.Fatalf("progress line %q", v)
	}
	for _, c := range []struct {
		d    time.Duration
		want string
	}{{500 * time.Millisecond, "<1s"}, {59 * time.Second, "59s"}, {190 * time.Second, "3m10s"}, {3900 * time.Second, "1h05m"}} {
		if got := Duration(c.d); got != c.want {
			t.Errorf("Duration(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}
