package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// One interruption rule for every command (README "Decisions"): on SIGINT
// (Ctrl-C) or SIGTERM the command stops reading, flushes what it has
// written, commits its outputs under their names (a file they replace is
// kept as FILE~, since the new one is partial), removes its temporary
// files, prints its counts (read = written + rejected, for the rows it
// got to), and exits 130 for SIGINT and 143 for SIGTERM (128 + the
// signal number, as shells report). A second signal ends the process at
// once.

// interrupted is the cancellation cause set by a signal.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted by " + signalName(i.sig) }

func signalName(s os.Signal) string {
	if s == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
}

// notifyContext returns a context cancelled, with an interrupted cause,
// by the first SIGINT or SIGTERM; after it the default action is back,
// so a second signal ends the process.
func notifyContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(interrupted{s})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}

// interruptCode is the exit code for a command stopped by ctx: 143 after
// SIGTERM, 130 after SIGINT (or any other cancellation); 0 when ctx is not
// done.
func interruptCode(ctx context.Context) int {
	if ctx.Err() == nil {
		return 0
	}
	var i interrupted
	if errors.As(context.Cause(ctx), &i) && i.sig == syscall.SIGTERM {
		return 143
	}
	return 130
}

// interruptErr is the exit error of an interrupted command; what says what
// was kept ("the 5,837 rows written before the stop are in out.csv").
func interruptErr(ctx context.Context, what string) error {
	cause := context.Cause(ctx)
	var i interrupted
	msg := "interrupted"
	if errors.As(cause, &i) {
		msg = i.Error()
	}
	if what != "" {
		msg += ": " + what
	}
	return &exitError{code: interruptCode(ctx), err: fmt.Errorf("%s", msg)}
}
