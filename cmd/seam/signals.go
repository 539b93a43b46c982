package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
// signal number, as shells report). A second signal, while the first one
// is being handled, ends the process at once: the temporary files of
// outputs not yet committed are removed (those outputs keep their
// previous content) and the exit code is the first signal's.

// interrupted is the cancellation cause set by a signal.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted by " + signalName(i.sig) }

func signalName(s os.Signal) string {
	if s == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
}

// signalCode is the exit code after s: 143 for SIGTERM, 130 otherwise.
func signalCode(s os.Signal) int {
	if s == syscall.SIGTERM {
		return 143
	}
	return 130
}

// notifyContext returns a context cancelled, with an interrupted cause,
// by the first SIGINT or SIGTERM, and the temporary files of the outputs
// the command opens (and the files libraries keep in the process's own
// temporary folder): a second signal removes them, says so on stderr and
// exits with the first signal's code. stop ends the handling and removes
// that folder.
func notifyContext(stderr io.Writer) (ctx context.Context, temps *tempFiles, stop func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	temps = &tempFiles{}
	temps.useOwnTempDir()
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		var first os.Signal
		for {
			select {
			case s := <-ch:
				if first == nil {
					first = s
					cancel(interrupted{s})
					continue
				}
				n := temps.removeAll()
				fmt.Fprintf(stderr, "\nseam: %s again: stopped at once (%s removed; outputs not yet committed keep their previous content)\n",
					signalName(s), plural(n, "temporary file", "temporary files"))
				os.Exit(signalCode(first))
			case <-done:
				return
			}
		}
	}()
	return ctx, temps, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
		temps.removeDir()
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
	if errors.As(context.Cause(ctx), &i) {
		return signalCode(i.sig)
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
	return &exitError{code: interruptCode(ctx), err: errors.New(msg)}
}
