package main

import (
	"fmt"
	"io"
	"time"

	"github.com/seamhq/seam/mapping/engine"
)

// progress prints "what: N/TOTAL rows (P%)" (or "what: N rows" when the
// total is unknown) on one stderr line at most once a second, like synth:
// only when stderr is a terminal or total >= 100,000, never when quiet.
type progress struct {
	w       io.Writer
	what    string
	total   int64
	on      bool
	printed bool
	last    time.Time
}

func newProgress(e *env, what string, total int64, quiet bool) *progress {
	return &progress{w: e.stderr, what: what, total: total, on: !quiet && (isTerminal(e.stderr) || total >= 100000), last: time.Now()}
}

// stats is a engine.RunOptions.Progress callback.
func (p *progress) stats(st engine.Stats) { p.rows(st.Read) }

func (p *progress) rows(done int64) {
	if !p.on || time.Since(p.last) < time.Second {
		return
	}
	p.last = time.Now()
	p.printed = true
	if p.total > 0 {
		fmt.Fprintf(p.w, "\r%s: %d/%d rows (%.0f%%)", p.what, done, p.total, 100*float64(done)/float64(p.total))
		return
	}
	fmt.Fprintf(p.w, "\r%s: %d rows", p.what, done)
}

// done ends the progress line.
func (p *progress) done() {
	if p.printed {
		fmt.Fprintln(p.w)
		p.printed = false
	}
}
