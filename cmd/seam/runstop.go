package main

import (
	"context"
	"fmt"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
)

// runStop is what seam run does around one engine run, with one target
// or several: it stops the run when --max-rejects is exceeded, and once
// the run ends it commits or abandons the outputs and says why the run
// stopped.
type runStop struct {
	ctx     context.Context // the command's: done on Ctrl-C
	runCtx  context.Context // the run's: also done at --max-rejects
	cancel  context.CancelFunc
	limit   maxRejects
	stopped bool
}

// newRunStop derives the run's context from ctx and returns the engine
// options that watch limit while the run goes.
func newRunStop(ctx context.Context, limit maxRejects, workers int) (*runStop, engine.RunOptions) {
	s := &runStop{ctx: ctx, limit: limit}
	s.runCtx, s.cancel = context.WithCancel(ctx)
	opts := engine.RunOptions{Workers: workers}
	if limit.set {
		opts.Progress = func(st engine.Stats) {
			if !s.stopped && limit.exceeded(st, false) {
				s.stopped = true
				s.cancel()
			}
		}
	}
	return s, opts
}

// finish ends a run whose counts (over every target) are sum and whose
// error is runErr: a failed run abandons files (printing notWritten, when
// set) and is an exit-2 error; an interrupted or stopped one keeps what
// was written. hint says to mention --rejects when rows were rejected.
func (s *runStop) finish(o *runOptions, files *outputs, sum engine.Stats, runErr error, notWritten string, hint bool) error {
	defer s.cancel()
	interrupted := s.ctx.Err() != nil
	if !s.stopped && !interrupted && s.limit.exceeded(sum, true) {
		s.stopped = true
	}
	if runErr != nil && !interrupted && (!s.stopped || s.runCtx.Err() == nil) {
		files.abort()
		if notWritten != "" {
			fmt.Fprintf(o.stderr, "seam: %s\n", notWritten)
		}
		return usageErr(runErr)
	}
	if err := files.commit(interrupted || s.stopped); err != nil {
		return err
	}
	if interrupted {
		return interruptErr(s.ctx, fmt.Sprintf("the %d rows written before the stop were flushed", sum.Written))
	}
	if s.stopped {
		return &exitError{code: exitFindings, err: fmt.Errorf("stopped: %d of %d rows read were rejected, more than --max-rejects %s; the rows up to the stop were written", sum.Rejected, sum.Read, s.limit)}
	}
	if hint && sum.Rejected > 0 {
		fmt.Fprintf(o.stderr, "seam: %d rows rejected; pass --rejects FILE to keep them with their reasons\n", sum.Rejected)
	}
	return nil
}

// outFormatFor is the output format when neither --out-format nor the
// output's extension names one: the input's, JSON Lines for JSON.
func outFormatFor(oFmt, inFmt string) string {
	if oFmt != "" {
		return oFmt
	}
	if inFmt == "json" {
		return "jsonl"
	}
	return inFmt
}

// printDiags prints compile diagnostics that are not errors, and returns
// the errors as an exit-2 error.
func printDiags(e *env, diags diag.List) error {
	for _, d := range diags {
		if d.Severity != 0 {
			fmt.Fprintf(e.stderr, "%s\n", safeLines(d.Error()))
		}
	}
	if err := diags.Err(); err != nil {
		return usageErr(err)
	}
	return nil
}
