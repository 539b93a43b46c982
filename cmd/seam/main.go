// Command seam closes the integration gap between two systems: it loads a
// source and a target schema, maps fields with explained suggestions,
// generates edge-case data, runs it through the mapping and reports every
// mismatch. With no arguments it opens the terminal UI on an embedded demo.
package main

import "os"

func main() {
	setMemoryLimit()
	os.Exit(runMain(os.Args[1:]))
}

// runMain is main with signal handling: SIGINT and SIGTERM cancel the
// command's context (see signals.go) and decide the exit code.
func runMain(args []string) int { return runMainWith(args, nil) }

// runMainWith is runMain with the tests' hook that holds an interrupted
// command before it commits its outputs (tempFiles.holdPartial).
func runMainWith(args []string, holdPartial func()) int {
	ctx, temps, stop := notifyContext(os.Stderr)
	defer stop()
	temps.holdPartial = holdPartial
	return run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, temps: temps}, args)
}
