// Command seam closes the integration gap between two systems: it loads a
// source and a target schema, maps fields with explained suggestions,
// generates edge-case data, runs it through the mapping and reports every
// mismatch. With no arguments it opens the terminal UI on an embedded demo.
package main

import "os"

func main() {
	os.Exit(runMain(os.Args[1:]))
}

// runMain is main with signal handling: SIGINT and SIGTERM cancel the
// command's context (see signals.go) and decide the exit code.
func runMain(args []string) int {
	ctx, stop := notifyContext()
	defer stop()
	return run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
}
