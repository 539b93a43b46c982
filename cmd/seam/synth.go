package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
	"github.com/spf13/cobra"
)

// synthOptions are the flags of seam synth.
type synthOptions struct {
	*env
	schema, mapping, format, out, labels, profile string
	planFile                                      string
	rows, seed                                    int64
	edgeRate, relRate                             float64
	edgeRateSet, withLabels, drift, quiet, csvRaw bool
	relRateSet                                    bool
	// tables: a nested schema's arrays of objects as child tables
	tables bool
	// targets: a multi-target mapping's targets as related tables;
	// owners are the child -> parent pairs of their parent: keys
	targets bool
	owners  [][2]string
	// --for-tests (synthtests.go)
	forTests            int64
	rowsSet, profileSet bool
}

func newSynthCmd(e *env) *cobra.Command {
	o := &synthOptions{env: e}
	cmd := &cobra.Command{
		Use:   "synth --schema S [--rows N] [--seed K] [--edge-rate R] [--profile P] [--format F] [-o F]",
		Short: "Generate realistic rows plus every edge case that breaks integrations",
		Long: `Generate reproducible synthetic data for a schema: realistic values chosen by
field meaning (names, emails, addresses, amounts, dates...) within the field's
constraints, plus edge cases (over-long strings, unicode traps, leap days, DST
gaps, int overflow, unknown enum members, null/absent/empty...) at --edge-rate.
Profiles: realistic (rare-but-real edges), edge (every applicable class in every
field), hostile (adds injection and naughty strings).

--mapping M derives edge cases from the target field each source field feeds
(a field that feeds VARCHAR(15) gets 15- and 16-character values); its source
schema is used when --schema is not given.
--labels writes which edge case went into which field of which row to a
sidecar CSV (row,field,edge_case), named OUT.labels.csv or --labels-file.
--drift makes the feed drift half way through (renamed, missing, retyped,
extra fields). Same seed and arguments give byte-identical output.

Several related tables: --schema names a DDL file of several tables (or
FILE#t1,t2) and -o a folder; every table goes to DIR/<table>.csv (tsv, jsonl),
parents first, keys unique, every foreign key resolving, a child's dates after
its parents'. --format xlsx (or -o FILE.xlsx) writes one workbook instead, a
sheet per table (names cut to Excel's 31 characters), FILE.labels.csv beside
it; -o DIR with --format xlsx writes DIR/<schema file stem>.xlsx. --rows counts the rows of each table that is not a child table;
a child table (its primary key holds a foreign key: order_details) gets 1..5
rows per owner row. --plan FILE sets rows per table, children per parent
(per: orders, min: 1, max: 20, dist: uniform or zipf), added relations,
dates in order and columns that agree. With --profile edge or hostile, --rel-rate of the rows carry a
relational edge case (orphan child, duplicate key, ...); --labels writes
DIR/labels.csv (table,row,field,edge_case).

A nested source (JSON Schema, Avro, OpenAPI with arrays of objects) gives
nested documents by default: one JSONL line per record, arrays inline.
--tables -o DIR writes it as related tables instead: DIR/<root>.csv with the
record's fields (nested objects as dotted columns, arrays of scalars as JSON
text) and DIR/<root>_<array>.csv per array of objects, each row holding its
parent's key (<root>_id, the root's id column or an added one), its 1-based
position in the array and the element's fields; arrays inside elements give
grandchild tables the same way. --rows counts root records; each gets 1..5
elements per array (--plan: per: <root>, min, max).

--mapping M --targets -o DIR generates the targets of a multi-target mapping
as related tables instead of its source: DIR/<target>.csv per target, named
as seam run --out-dir names them, foreign keys among the targets' schemas
resolving, and a target with parent: P generated 1..5 rows per row of P
through its column that holds P's key (order_id, or P_id for a key id).

CSV and TSV cells a spreadsheet would run as a formula (starting with = + - @,
tab or CR, and not a plain number) get a leading apostrophe; --csv-raw writes
them unchanged (the hostile profile's injection payloads exactly). XLSX is
never written to a terminal. Ctrl-C keeps the rows generated so far (exit 130).

--for-tests N (with --mapping) writes starting examples for seam test instead
of data: it generates a pool of rows (--rows, default 2000; --profile edge at
--edge-rate 0.1 unless given), runs each through the mapping counting what it
exercises (rules that write a value, rules that reject, branches of ?:, ??,
coalesce and default, lookup entries, edge classes that reach a rule), picks
at most N rows that together cover all of it the pool reaches (greedy set
cover) and writes them as a tests: file (NAME.seam.test.yaml, -o or stdout):
each picked row a test whose given is the row and whose expect and
expect_rejects are what the mapping does now. Review them: they record the
current behaviour, not the intended one. stderr says what they cover.`,
		Example: `  seam synth --schema orders.schema.yaml --rows 1000 --seed 7 -o orders.csv --labels
  seam synth --mapping m.seam.yaml --profile hostile -n 500 -o hostile.jsonl
  seam synth --schema 'shop.sql#customers' -n 100 --format xlsx -o customers.xlsx
  seam synth --schema northwind.sql -n 10000 --plan northwind.plan.yaml -o data/
  seam synth --schema invoices.schema.json --tables -n 1000 -o invoices/
  seam synth --mapping orders.seam.yaml --for-tests 8 -o orders.seam.test.yaml`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			o.edgeRateSet = c.Flags().Changed("edge-rate")
			o.relRateSet = c.Flags().Changed("rel-rate")
			o.rowsSet, o.profileSet = c.Flags().Changed("rows"), c.Flags().Changed("profile")
			if c.Flags().Changed("for-tests") {
				return runSynthForTests(c.Context(), o)
			}
			return runSynth(c.Context(), o)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.schema, "schema", "s", "", "schema FILE[#SELECTOR] to generate rows for (- for stdin)")
	fl.StringVarP(&o.mapping, "mapping", "m", "", "mapping whose target constraints shape the edge cases")
	fl.Int64VarP(&o.rows, "rows", "n", 100, "rows to generate")
	fl.Int64Var(&o.seed, "seed", 1, "random seed (same seed, same bytes)")
	fl.Float64Var(&o.edgeRate, "edge-rate", 0.05, "share of values that are edge cases, 0..1 (default 1 with --profile edge or hostile)")
	fl.Float64Var(&o.relRate, "rel-rate", 0, "several tables: share of rows with a relational edge case, 0..1 (default 0.05 with --profile edge or hostile; realistic keeps every key intact)")
	fl.BoolVar(&o.tables, "tables", false, "a nested schema: write its arrays of objects as child tables (DIR/<root>_<array>.csv with the parent's key and a position) instead of nested documents")
	fl.BoolVar(&o.targets, "targets", false, "with --mapping: generate the mapping's targets as related tables (DIR/<target>.csv), a target with parent: holding its parent's key")
	fl.StringVar(&o.planFile, "plan", "", "several tables: plan FILE (rows per table, children per parent, relations, dates in order, columns that agree; see README)")
	fl.StringVar(&o.profile, "profile", "realistic", "realistic | edge | hostile")
	fl.StringVar(&o.format, "format", "", "csv | tsv | jsonl | xlsx (default from -o, else csv)")
	fl.StringVarP(&o.out, "output", "o", "", "output file (default stdout)")
	fl.BoolVar(&o.withLabels, "labels", false, "write the edge-case labels sidecar (OUT.labels.csv)")
	fl.StringVar(&o.labels, "labels-file", "", "write the labels sidecar to this file")
	fl.BoolVar(&o.drift, "drift", false, "emit schema drift half way through")
	fl.BoolVarP(&o.quiet, "quiet", "q", false, "no progress or summary on stderr")
	fl.BoolVar(&o.csvRaw, "csv-raw", false, "write CSV/TSV cells unchanged (no formula neutralisation)")
	fl.Int64Var(&o.forTests, "for-tests", 0, "with --mapping: write a tests file of at most `N` rows that cover every rule, reject, branch, lookup entry and edge class the generated rows reach")
	completeFixed(cmd, "profile", "realistic", "edge", "hostile")
	completeFixed(cmd, "format", "csv", "tsv", "jsonl", "xlsx")
	_ = cmd.RegisterFlagCompletionFunc("schema", completeSchemaRef)
	allowPathFlag(cmd, e)
	return cmd
}

// runSynth generates the rows of o's plan into o.out (and the labels
// sidecar); interrupted, it keeps the rows generated so far.
func runSynth(ctx context.Context, o *synthOptions) error {
	plan := synth.Plan{Rows: o.rows, EdgeRate: o.edgeRate, Profile: synth.Profile(o.profile), Drift: o.drift, RawCSV: o.csvRaw}
	if !o.edgeRateSet && o.profile != "" && o.profile != "realistic" {
		// Every value an edge case: with rows >= classes, every
		// applicable class then appears in every field.
		plan.EdgeRate = 1
	}
	ss, err := synthTables(o)
	if err != nil {
		return err
	}
	if o.targets {
		if ss, err = mappingTargetTables(o); err != nil {
			return err
		}
	}
	if o.tables && len(ss) == 0 {
		if ss, err = nestedTables(o); err != nil {
			return err
		}
	}
	if len(ss) > 1 || o.tables || o.targets {
		if o.drift {
			return usagef("--drift works on one table; --schema %s has %d", o.schema, len(ss))
		}
		return runSynthDataset(ctx, o, ss, plan)
	}
	format := o.format
	if format == "" {
		format = value.FormatFromPath(o.out)
		if format == "" || format == "json" {
			format = "csv"
		}
	}
	labels := o.labels
	if o.withLabels && labels == "" {
		if o.out == "" || o.out == "-" {
			return usagef("--labels needs -o OUT (the sidecar is OUT.labels.csv) or --labels-file")
		}
		labels = strings.TrimSuffix(o.out, "."+format) + ".labels.csv"
	}
	outs := []flagPath{{"-o", o.out}, {"--labels-file", labels}}
	if err := distinctFiles([]flagPath{{"--schema", fileOf(o.schema)}, {"--mapping", o.mapping}}, outs); err != nil {
		return err
	}
	s, err := synthSchema(o, &plan, outs)
	if err != nil {
		return err
	}
	if err := plan.Validate(); err != nil {
		return usageErr(err)
	}
	if err := synth.ValidateFormat(format); err != nil {
		return usageErr(err)
	}
	if err := refuseBinaryToTerminal(o.env, format, o.out); err != nil {
		return err
	}
	files := &outputs{e: o.env}
	bw, err := files.open(o.out, 1<<20)
	if err != nil {
		return err
	}
	var lw io.Writer
	if labels != "" {
		if lw, err = files.open(labels, 4096); err != nil {
			return err
		}
	}
	start := time.Now()
	prog := newProgress(o.env, "synth", o.rows, o.quiet)
	var done int64
	genErr := synth.Write(ctx, s, plan, o.seed, bw, format, lw, func(n int64) { done = n; prog.rows(n) })
	prog.done()
	interrupted := ctx.Err() != nil && errors.Is(genErr, ctx.Err())
	if interrupted {
		genErr = nil
	}
	if err := files.flush(); genErr == nil {
		genErr = err
	}
	if genErr != nil {
		files.abort()
		if errors.Is(genErr, synth.ErrPlan) {
			return usageErr(genErr)
		}
		return genErr
	}
	if err := files.commit(interrupted); err != nil {
		return err
	}
	if interrupted {
		fmt.Fprintf(o.stderr, "synth: %d of %d rows, seed %d (interrupted)\n", done, o.rows, o.seed)
		return interruptErr(ctx, fmt.Sprintf("the %d rows generated before the stop were written", done))
	}
	if !o.quiet {
		fmt.Fprintf(o.stderr, "synth: %d rows, seed %d, profile %s, edge rate %g in %s\n",
			o.rows, o.seed, orDefault(o.profile, "realistic"), plan.EdgeRate, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// synthSchema loads the schema synth generates rows for: --schema, else
// --mapping's source schema; with --mapping, the plan's targets are the
// fields each source field feeds. Files named inside the mapping must
// not be among the outputs.
func synthSchema(o *synthOptions, plan *synth.Plan, outs []flagPath) (*schema.Schema, error) {
	var s *schema.Schema
	if o.mapping != "" {
		m, src, dst, err := loadMappingSchemas(o.env, o.mapping, outs)
		if err != nil {
			return nil, err
		}
		s = src
		plan.Targets = m.Feeds(src, dst)
		plan.Keys = check.LookupKeys(m)
	}
	if o.schema != "" {
		var err error
		if s, err = loadSchema(o.env, o.schema, schema.Options{}); err != nil {
			return nil, usageErr(err)
		}
	}
	if s == nil {
		return nil, usagef("synth needs --schema (or --mapping)")
	}
	return s, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
