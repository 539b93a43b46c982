// Command seam closes the integration gap between two systems: it loads a
// source and a target schema, maps fields with explained suggestions,
// generates edge-case data, runs it through the mapping and reports every
// mismatch. With no arguments it opens the terminal UI on an embedded demo.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
