package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/mtest"
	"github.com/spf13/cobra"
)

// testOptions are the flags of seam test.
type testOptions struct {
	*env
	format, out string
	update      bool
	joins       []string
	maxJoinRows int
	args        []string
	cover       coverFlags
}

func newTestCmd(e *env) *cobra.Command {
	o := &testOptions{env: e}
	cmd := &cobra.Command{
		Use:   "test [MAPPING... | DIR]",
		Short: "Run a mapping's example tests (given records, expected rows, rejects, findings)",
		Long: `Run the tests of each mapping: its tests: section and the NAME.seam.test.yaml
file beside it (mapping/FORMAT.md, "Tests"). A DIR is searched for *.seam.yaml
files; with no argument, the working directory. Each test runs its given
records through every target of the mapping and compares what was written,
rejected and found with what it expects; values are compared by the output
type (decimals exactly, dates as dates, null, absent and "" distinct).

Exit 0 when every test passes, 1 when one fails, 2 when a mapping, a schema
or a test file cannot be read (the message names file:line:col).
--update writes what the mapping did into the expectations of every test
(expect and expect_rejects) after a change you have reviewed; never by default.
Formats: text (default, like go test -v), json, junit.
--coverage adds, per mapping, what the tests' rows exercised (rules, lookup
entries, branches of ?:, ??, coalesce and default: seam check --help);
--min-coverage N exits 1 when fewer than N percent of the rules wrote a
value in some test.`,
		Example: `  seam test
  seam test testdata/mappings/realworld
  seam test orders.seam.yaml --format junit -o seam-tests.xml
  seam test orders.seam.yaml --update
  seam test testdata/mappings --coverage --min-coverage 100`,
		RunE: func(c *cobra.Command, args []string) error {
			o.args = args
			return runTest(c.Context(), o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.format, "format", "text", "text | json | junit")
	fl.StringVarP(&o.out, "output", "o", "", "write the report to this file (default stdout)")
	fl.BoolVar(&o.update, "update", false, "write the actual output into the tests' expectations")
	fl.StringArrayVar(&o.joins, "join", nil, "`NAME=FILE`: read join NAME's data from FILE instead of its data: (repeatable)")
	fl.IntVar(&o.maxJoinRows, "max-join-rows", engine.DefaultMaxJoinRows, "the most rows one joined dataset may hold in memory")
	o.cover.bind(cmd)
	completeFixed(cmd, "format", "text", "json", "junit")
	allowPathFlag(cmd, e)
	return cmd
}

// runTest runs the tests of every mapping the arguments name.
func runTest(ctx context.Context, o *testOptions) error {
	switch o.format {
	case "text", "json", "junit":
	default:
		return usagef("unknown --format %q (want text, json or junit)", o.format)
	}
	if err := o.cover.validate(true); err != nil {
		return err
	}
	if o.update && len(o.joins) > 0 {
		return usagef("--update with --join would write expectations from other join data than the mapping names; leave out --join")
	}
	paths, err := testMappings(o.args)
	if err != nil {
		return err
	}
	joinFiles, err := parseJoinFlags(o.joins)
	if err != nil {
		return err
	}
	var suites []*mtest.Suite
	var bad []error
	for _, p := range paths {
		s, err := testOne(ctx, o, p, joinFiles)
		if err != nil {
			// Like go test with several packages: the other mappings
			// still run; the exit code says one could not be read.
			if len(paths) == 1 {
				return err
			}
			fmt.Fprintf(o.stderr, "seam: %s\n", safeLines(err.Error()))
			bad = append(bad, err)
			continue
		}
		if s != nil {
			suites = append(suites, s)
		}
	}
	if len(suites) == 0 {
		fmt.Fprintf(o.stderr, "seam: no tests in %s (give a mapping a tests: section or a NAME.seam.test.yaml file)\n", strings.Join(paths, ", "))
	}
	write := func(w io.Writer) error {
		switch o.format {
		case "json":
			return mtest.WriteJSON(w, suites)
		case "junit":
			return mtest.WriteJUnit(w, suites)
		}
		return mtest.WriteText(w, suites)
	}
	if err := writeReport(o.env, o.out, false, write); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interruptErr(ctx, "the report covers the tests run before the stop")
	}
	if len(bad) > 0 {
		return usagef("%d of %d mappings could not be tested (see above)", len(bad), len(paths))
	}
	for _, s := range suites {
		for _, r := range s.Results {
			if r.Err != nil {
				return usagef("%d tests could not run: %s", countErrs(suites), r.Err)
			}
		}
	}
	for _, s := range suites {
		if s.Failed() > 0 && !o.update {
			return &exitError{code: exitFindings}
		}
	}
	for _, s := range suites {
		if err := o.cover.gate(s.Coverage); err != nil {
			return &exitError{code: exitFindings, err: fmt.Errorf("%s: %w", s.Mapping, err)}
		}
	}
	return nil
}

// testMappings expands the arguments: files as given, folders searched
// for *.seam.yaml (in name order), no argument the working directory.
func testMappings(args []string) ([]string, error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, usagef("%s: %s", a, describeStatErr(err))
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != a && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if !d.IsDir() && d.Type().IsRegular() && (strings.HasSuffix(d.Name(), ".seam.yaml") || strings.HasSuffix(d.Name(), ".seam.yml")) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, usagef("%s: %v", a, err)
		}
		sort.Strings(found)
		if len(found) == 0 {
			return nil, usagef("%s: no *.seam.yaml mapping files in this folder", a)
		}
		out = append(out, found...)
	}
	return out, nil
}

func describeStatErr(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file or folder"
	}
	return unwrapPath(err).Error()
}

// testOne runs one mapping's tests; nil when it has none.
func testOne(ctx context.Context, o *testOptions, path string, joinFiles map[string]string) (*mtest.Suite, error) {
	m, err := loadMapping(o.env, path)
	if err != nil {
		return nil, err
	}
	cases, err := mtest.Load(m)
	if err != nil {
		return nil, usageErr(err)
	}
	if len(cases) == 0 {
		return nil, nil
	}
	own := map[string]string{}
	for name, f := range joinFiles {
		if m.JoinNamed(name) != nil {
			own[name] = f
		}
	}
	plan, err := compilePlan(o.env, m, own, o.maxJoinRows, []flagPath{{"-o", o.out}})
	if err != nil {
		return nil, err
	}
	s := &mtest.Suite{Mapping: path}
	env := mtest.Env{Plan: plan, Mapping: m}
	if o.cover.on() {
		env.Coverage = engine.NewCoverage()
	}
	for _, c := range cases {
		if ctx.Err() != nil {
			break
		}
		s.Results = append(s.Results, mtest.Run(ctx, env, c))
	}
	if env.Coverage != nil {
		s.Coverage = testCoverage(env.Coverage, plan)
	}
	if o.update {
		if err := updateTests(o, m, s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// updateTests writes each test's actual output into its expectations:
// the mapping file's tests: section replaced in place (every other byte
// of the file kept), the sidecar file rewritten whole.
func updateTests(o *testOptions, m *mapping.Mapping, s *mtest.Suite) error {
	byFile := map[string][]*mtest.Case{}
	var order []string
	for _, r := range s.Results {
		f := r.Case.File
		if _, ok := byFile[f]; !ok {
			order = append(order, f)
		}
		byFile[f] = append(byFile[f], mtest.Update(r))
	}
	for _, f := range order {
		text := mtest.Render(byFile[f])
		if f == m.Path {
			if err := m.SaveTests(text); err != nil {
				return usageErr(err)
			}
		} else if err := writeFileAtomic(o.env, f, []byte(text)); err != nil {
			return err
		}
		fmt.Fprintf(o.stderr, "seam: updated the expectations of %d tests in %s\n", len(byFile[f]), f)
	}
	return nil
}

// writeFileAtomic replaces a file through the output rule (temporary file
// renamed into place).
func writeFileAtomic(e *env, path string, data []byte) error {
	out, err := openOutput(e, path)
	if err != nil {
		return usageErr(err)
	}
	if _, err := out.Write(data); err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}

func countErrs(suites []*mtest.Suite) int {
	n := 0
	for _, s := range suites {
		for _, r := range s.Results {
			if r.Err != nil {
				n++
			}
		}
	}
	return n
}
