package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/value"
	"github.com/spf13/cobra"
)

// checkOptions are the flags of seam check.
type checkOptions struct {
	*env
	mapping, input, inFormat, format, failOn, out, profile string
	dataset                                                string
	synthRows, seed                                        int64
	synthSet, quiet                                        bool
	edgeRate                                               float64
	cover                                                  coverFlags
	joins                                                  []string
	maxJoinRows                                            int
}

func newCheckCmd(e *env) *cobra.Command {
	o := &checkOptions{env: e}
	cmd := &cobra.Command{
		Use:   "check --mapping M [--input D | --synth N --seed K] [--format F] [--fail-on error|warn]",
		Short: "Static and data checks of a mapping: the CI gate",
		Long: `Run the static detectors (schemas + mapping), then, with --input or --synth,
run rows through the engine and the data detectors. Findings are grouped by
severity and kind; data findings carry example rows and, for synthetic rows,
the edge case that caused them. Suggested rules that are not yet accepted do
not run; every report counts them (seam accept accepts them).

Exit 0 when no unacknowledged finding is at or above --fail-on (default
error), 1 when one is, 2 when the mapping, a schema or the data cannot be read,
130/143 when interrupted (the report then covers the rows checked so far).
Formats: text (default), json (SPEC's findings document), markdown (a pull
request comment), junit (one test case per rule), xlsx (-o required).
Progress goes to stderr when it is a terminal or for --synth of 100,000 rows
or more, never with -q.

--coverage counts what the rows exercised: per rule the rows it wrote a
value for and the edge classes that reached it, the lookup entries hit and
never hit, the branches of ?:, ??, coalesce and default taken; the report
gets a summary line (for the demo: "coverage: rules 4/4 (100.0%), lookup
entries 3/3, branches 0/0, edge classes 47/91") and its details (JSON
"coverage", Markdown, JUnit properties, an XLSX Coverage sheet). --min-coverage N
exits 1 when fewer than N percent of the rules wrote a value on some row.

` + datasetHelp + `
DIR/labels.csv (seam synth --labels), when there, labels the rows of the
tables the mapping reads so that findings name their edge cases. With
--dataset the report adds the dataset's referential problems: lookup_miss
per join (the rows that found no parent, with examples and edge cases),
duplicate_key for a join's table that repeats a key (the repeating rows
and the rows kept), and parent_rejected for a join keyed on an earlier
join's field (customer on order.customer_id) that finds no row: the
child's parent row names a row that does not exist.`,
		Example: `  seam check --mapping m.seam.yaml
  seam check --mapping m.seam.yaml --synth 10000 --seed 1
  seam check --mapping m.seam.yaml --input orders.csv --format json -o report.json
  seam check --mapping m.seam.yaml --format junit -o seam-junit.xml --fail-on warn
  seam check --mapping m.seam.yaml --synth 10000 --coverage --min-coverage 90
  seam check --mapping lines.seam.yaml --dataset northwind/ --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			o.synthSet = c.Flags().Changed("synth")
			return runCheck(c.Context(), o)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.mapping, "mapping", "m", "", "mapping file (*.seam.yaml; - for stdin)")
	fl.StringVarP(&o.input, "input", "i", "", "data file to run through the mapping (- for stdin)")
	fl.StringVar(&o.inFormat, "input-format", "", "format of --input (default from its extension, or sniffed on stdin)")
	fl.Int64Var(&o.synthRows, "synth", 0, "generate N synthetic rows from the source schema and check them")
	fl.Int64Var(&o.seed, "seed", 1, "seed for --synth")
	fl.Float64Var(&o.edgeRate, "edge-rate", 0.1, "edge-case share for --synth, 0..1")
	fl.StringVar(&o.profile, "profile", "edge", "synth profile for --synth: realistic | edge | hostile")
	fl.StringVar(&o.format, "format", "text", "text | json | markdown | junit | xlsx")
	fl.StringVar(&o.failOn, "fail-on", "error", "exit 1 at or above this severity: error | warn | info")
	fl.StringVarP(&o.out, "output", "o", "", "write the report to this file (default stdout)")
	fl.BoolVarP(&o.quiet, "quiet", "q", false, "no progress on stderr")
	fl.StringVar(&o.dataset, "dataset", "", "check on a multi-table dataset: the source table's and every join's file from DIR, labels from DIR/labels.csv")
	fl.StringArrayVar(&o.joins, "join", nil, "`NAME=FILE`: read join NAME's data from FILE instead of its data: (repeatable)")
	fl.IntVar(&o.maxJoinRows, "max-join-rows", engine.DefaultMaxJoinRows, "the most rows one joined dataset may hold in memory")
	o.cover.bind(cmd)
	completeFixed(cmd, "format", "text", "json", "markdown", "junit", "xlsx")
	completeFixed(cmd, "fail-on", "error", "warn", "info")
	completeFixed(cmd, "profile", "realistic", "edge", "hostile")
	completeFormats(cmd, "input-format")
	allowPathFlag(cmd, e)
	return cmd
}

// runCheck runs the static checks and, with --input or --synth, the data
// checks (check.Run), and writes the report.
func runCheck(ctx context.Context, o *checkOptions) error {
	if o.mapping == "" {
		return usagef("check needs --mapping")
	}
	if o.input != "" && o.synthSet {
		return usagef("use --input or --synth, not both")
	}
	if o.dataset != "" && (o.input != "" || o.synthSet) {
		return usagef("use --dataset alone: it reads the source table's file of DIR (not --input or --synth)")
	}
	if o.mapping == "-" && o.input == "-" {
		return usagef("--mapping and --input cannot both read standard input")
	}
	if o.synthRows < 0 {
		return usagef("--synth must be 0 or more rows, got %d", o.synthRows)
	}
	if o.edgeRate < 0 || o.edgeRate > 1 {
		return usagef("--edge-rate: edge rate must be between 0 and 1, got %g", o.edgeRate)
	}
	switch o.format {
	case "text", "json", "markdown", "junit", "xlsx":
	default:
		return usagef("unknown --format %q (want text, json, markdown, junit or xlsx)", o.format)
	}
	if o.format == "xlsx" && (o.out == "" || o.out == "-") {
		return usagef("--format xlsx needs -o FILE.xlsx")
	}
	if err := o.cover.validate(o.input != "" || o.synthSet || o.dataset != ""); err != nil {
		return err
	}
	if _, ok := check.ParseSeverity(o.failOn); !ok {
		return usagef("unknown --fail-on %q (want error, warn or info)", o.failOn)
	}
	outs := []flagPath{{"-o", o.out}}
	if err := distinctFiles([]flagPath{{"--mapping", o.mapping}, {"--input", o.input}}, outs); err != nil {
		return err
	}
	m, err := loadMapping(o.env, o.mapping)
	if err != nil {
		return err
	}
	if m.MultiTarget() || len(o.joins) > 0 || o.dataset != "" {
		return runCheckPlan(ctx, o, m, outs)
	}
	src, dst, err := m.LoadSchemas(schemaOpts(o.env))
	if err != nil {
		return usageErr(err)
	}
	if err := distinctFiles(mappingFiles(m, src, dst), outs); err != nil {
		return err
	}
	warnInactive(o.env, m)
	// The mapping is always compiled. A rule that does not compile is a
	// compile_error finding and the other rules still run on the data;
	// the diagnostics go to stderr with file:line:col. Only a problem
	// that no rule carries stops the data checks.
	prog, compileFs, diags := check.CompileEach(m, src, dst)
	if diags.HasErrors() {
		fmt.Fprintln(o.stderr, "seam: "+diags.Error())
	}
	if prog == nil {
		rep := check.NewReport(o.mapping, m, src, dst, append(check.Static(m, src, dst), compileFs...))
		check.ApplyAcks(rep, m.Acknowledged)
		if err := writeReport(o.env, o.out, false, func(w io.Writer) error { return check.Write(w, rep, o.format) }); err != nil {
			return err
		}
		return usageErr(diags.Err())
	}
	var rd value.RecordReader
	if open := o.opener(m, src, dst); open != nil {
		r, c, err := open()
		if err != nil {
			return err
		}
		defer c.Close()
		rd = r
	}
	opts := check.RunOptions{Name: o.mapping, Workers: runtime.GOMAXPROCS(0), Mapping: m, Findings: compileFs, Coverage: o.cover.on()}
	var pr *progress
	if rd != nil {
		pr = newProgress(o.env, "check", o.synthRows, o.quiet)
		opts.Progress = pr.stats
	}
	rep, stats, err := check.Run(ctx, prog, rd, opts)
	if pr != nil {
		pr.done()
	}
	if err != nil && ctx.Err() == nil {
		if o.input != "" {
			return usageErr(err)
		}
		return err
	}
	if err := writeReport(o.env, o.out, ctx.Err() != nil, func(w io.Writer) error { return check.Write(w, rep, o.format) }); err != nil {
		return err
	}
	if ctx.Err() != nil {
		printCounts(o.stderr, stats)
		return interruptErr(ctx, "the report covers the rows checked before the stop")
	}
	return o.exit(rep)
}

// exit is how seam check ends after its report: exit 1 (or the code
// ExitCode gives) when a finding is at or above --fail-on, else the
// coverage gate's error (--min-coverage), else success.
func (o *checkOptions) exit(rep *check.Report) error {
	code := rep.ExitCode(o.failOn)
	if err := o.cover.gate(rep.RunCoverage); err != nil && code == 0 {
		return err
	}
	if code != 0 {
		return &exitError{code: code}
	}
	return nil
}
