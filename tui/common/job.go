package common

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
)

// Work is background work for a Job. It runs in a command's goroutine,
// never touches the UI, stops soon after ctx is done, may report how far
// it got with progress, and returns the message its screen handles.
type Work func(ctx context.Context, progress func(done int64)) tea.Msg

// Job runs a screen's background work (generate, run, check, load,
// suggest, preview, save) one piece at a time: a context derived from
// the program's, progress messages, cancel, and a request number so that
// the result of work that was cancelled or replaced is dropped. A panic
// in the work becomes an error in the status line and ends the job.
//
// A screen keeps a Job per kind of work and passes it every message:
//
//	case common.JobMsg:
//		return m.job.Update(msg)
//
// The work's own result message then arrives like any other.
type Job struct {
	seq     int
	running bool
	cancel  context.CancelFunc
	ch      chan tea.Msg
	done    int64
	total   int64
	bar     *progress.Model
	// start is when the work started, for the time left (View).
	start time.Time
	// Clock tells the time (time.Now when nil); tests set it.
	Clock func() time.Time
}

func (j *Job) now() time.Time {
	if j.Clock != nil {
		return j.Clock()
	}
	return time.Now()
}

// JobMsg is a message of a Job's machinery: progress or completion.
type JobMsg interface{ jobMsg() }

type jobProgressMsg struct {
	job  *Job
	seq  int
	done int64
}

type jobDoneMsg struct {
	job    *Job
	seq    int
	result tea.Msg
}

func (jobProgressMsg) jobMsg() {}
func (jobDoneMsg) jobMsg()     {}

// Start cancels the work in progress, if any, and starts work under
// parent (the program's context: see Session.Context). total is the
// amount progress counts up to, 0 when the work reports none.
func (j *Job) Start(parent context.Context, total int64, work Work) tea.Cmd {
	j.Cancel()
	j.seq++
	seq := j.seq
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan tea.Msg, 1)
	j.cancel, j.running, j.ch, j.done, j.total = cancel, true, ch, 0, total
	j.start = j.now()
	run := func() (msg tea.Msg) {
		defer close(ch)
		defer func() {
			if r := recover(); r != nil {
				msg = jobDoneMsg{job: j, seq: seq, result: StatusMsg{Text: fmt.Sprintf("internal error: %v", r), Err: true}}
			}
		}()
		res := work(ctx, func(n int64) {
			select {
			case ch <- jobProgressMsg{job: j, seq: seq, done: n}:
			default: // the UI has not taken the last one yet
			}
		})
		return jobDoneMsg{job: j, seq: seq, result: res}
	}
	return tea.Batch(run, listen(ch))
}

func listen(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// Update handles the job's messages: progress is recorded, and when the
// work ends its result is sent on as a message. Messages of other jobs,
// and of work that was cancelled or replaced, are dropped.
func (j *Job) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case jobProgressMsg:
		if msg.job != j || msg.seq != j.seq || !j.running {
			return nil
		}
		j.done = msg.done
		return listen(j.ch)
	case jobDoneMsg:
		if msg.job != j || msg.seq != j.seq || !j.running {
			return nil
		}
		j.running = false
		j.cancel()
		res := msg.result
		return func() tea.Msg { return res }
	}
	return nil
}

// Cancel stops the work in progress and drops its result; it reports
// whether there was any.
func (j *Job) Cancel() bool {
	if !j.running {
		return false
	}
	j.cancel()
	j.running = false
	j.seq++
	return true
}

// Running reports work in progress.
func (j *Job) Running() bool { return j.running }

// Progress returns how far the work got and the amount it counts up to.
func (j *Job) Progress() (done, total int64) { return j.done, j.total }

// Left estimates the time the work still needs from its pace so far
// (elapsed × left / done); ok is false before the first progress or
// without a total.
func (j *Job) Left() (time.Duration, bool) {
	if !j.running || j.done <= 0 || j.total <= 0 || j.done >= j.total {
		return 0, false
	}
	el := j.now().Sub(j.start)
	return time.Duration(float64(el) * float64(j.total-j.done) / float64(j.done)), true
}

// View renders the progress in width cells: a bar, "done/total unit",
// the time left when it can be estimated and the key that cancels; the
// bar takes what the text leaves.
func (j *Job) View(width int, unit string) string {
	if j.bar == nil {
		b := progress.New(progress.WithSolidFill(theme.ProgressFill), progress.WithoutPercentage())
		j.bar = &b
	}
	eta := ""
	if d, ok := j.Left(); ok {
		eta = " · " + Duration(d) + " left"
	}
	text := fmt.Sprintf(" %d/%d %s%s · %s", j.done, j.total, unit, eta, keys.Hint(keys.CancelJob))
	j.bar.Width = max(width-lipgloss.Width(text), 10)
	pct := 0.0
	if j.total > 0 {
		pct = float64(j.done) / float64(j.total)
	}
	return j.bar.ViewAs(pct) + text
}

// Duration writes a time left as people read it: "45s", "3m10s",
// "1h05m"; under a second is "<1s".
func Duration(d time.Duration) string {
	switch {
	case d < time.Second:
		return "<1s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}
