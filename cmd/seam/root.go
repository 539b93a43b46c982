package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/seamhq/seam/mapping/textsafe"

	"github.com/spf13/cobra"
)

// Exit codes of SPEC.md.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// exitError carries an exit code with an optional message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErr wraps err as an exit-2 error (bad usage or unreadable input).
func usageErr(err error) error {
	if err == nil {
		return nil
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return err
	}
	return &exitError{code: exitUsage, err: err}
}

func usagef(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// env is what every command's options embed: the streams, passed in so
// tests can drive them, and what every command shares. The context is
// not kept here: each command function gets it as its first argument.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// allowPaths are the --allow-path folders (allowpath.go).
	allowPaths []string
	// temps are the temporary files of outputs not yet committed, which
	// a second signal removes (signals.go); nil in tests that run
	// commands in-process.
	temps *tempFiles
}

// version is set at build time with -ldflags "-X main.version=..."; the
// module version from the build info is used otherwise.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// versionLine is what seam version prints: the module version, then the
// VCS commit the binary was built from (with "modified" when the working
// tree had uncommitted changes) and the Go version, from the build info.
func versionLine() string {
	s := "seam " + versionString()
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return s
	}
	var rev, modified, at string
	for _, kv := range bi.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.modified":
			modified = kv.Value
		case "vcs.time":
			at = kv.Value
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += " commit " + rev
		if at != "" {
			s += " (" + at + ")"
		}
		if modified == "true" {
			s += " modified"
		}
	}
	return s + " " + bi.GoVersion
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "seam",
		Short: "Map, test and check data flowing between two systems",
		Long: `seam closes the integration gap between two systems: load a source and a
target schema, accept explained mapping suggestions, write transforms, generate
edge-case data, run it through the mapping and read every mismatch.

With no command, seam opens the terminal UI on an embedded demo.`,
		Example: `  seam                                   # the terminal UI on the demo
  seam suggest -s orders.schema.json -t 'erp.sql#orders' -o m.seam.yaml
  seam accept -m m.seam.yaml --min-confidence 0.8
  seam check -m m.seam.yaml --synth 10000 --seed 1`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return runTUI(c.Context(), &tuiOptions{env: e, demo: true})
		},
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageErr(err) })
	root.AddCommand(
		newVersionCmd(e),
		newSchemaCmd(e),
	)
	addCommands(root, e)
	return root
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print seam's version, commit and Go version",
		Long: `Print the module version, the VCS commit the binary was built from (with
"modified" when the tree had uncommitted changes) and the Go version.`,
		Example: `  seam version`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(e.stdout, versionLine())
			return err
		},
	}
}

// run executes seam with args and returns the process exit code.
func run(ctx context.Context, e *env, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "seam: internal error: %v\n%s", r, debug.Stack())
			code = exitUsage
		}
	}()
	root := newRoot(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(e.stderr, "seam: %s\n", safeLines(ee.err.Error()))
		}
		return ee.code
	}
	// cobra's own argument and unknown-command errors are usage errors.
	fmt.Fprintf(e.stderr, "seam: %s\n", safeLines(err.Error()))
	return exitUsage
}

// safeLines is textsafe.Terminal for a message of several lines: error
// messages quote names and values from files, which must not reach the
// terminal raw; the line breaks between diagnostics are kept.
func safeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = textsafe.Terminal(l)
	}
	return strings.Join(lines, "\n")
}
