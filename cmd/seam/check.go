package main

import (
	"bufio"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
	"github.com/spf13/cobra"
)

func newCheckCmd(e *env) *cobra.Command {
	var (
		mpath, input, inFormat, format, failOn, out, profile string
		synthRows, seed                                      int64
		edgeRate                                             float64
	)
	cmd := &cobra.Command{
		Use:   "check --mapping M [--input D | --synth N --seed K] [--format F] [--fail-on error|warn]",
		Short: "Static and data checks of a mapping: the CI gate",
		Long: `Run the static detectors (schemas + mapping), then, with --input or --synth,
run rows through the engine and the data detectors. Findings are grouped by
severity and kind; data findings carry example rows and, for synthetic rows,
the edge case that caused them.

Exit 0 when no unacknowledged finding is at or above --fail-on (default
error), 1 when one is, 2 when the mapping, a schema or the data cannot be read.
Formats: text (default), json (SPEC's findings document), markdown (a pull
request comment), junit (one test case per rule), xlsx (-o required).`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if mpath == "" {
				return usagef("check needs --mapping")
			}
			if input != "" && c.Flags().Changed("synth") {
				return usagef("use --input or --synth, not both")
			}
			if synthRows < 0 {
				return usagef("--synth must be 0 or more rows, got %d", synthRows)
			}
			if edgeRate < 0 || edgeRate > 1 {
				return usagef("--edge-rate: edge rate must be between 0 and 1, got %g", edgeRate)
			}
			switch format {
			case "text", "json", "markdown", "junit", "xlsx":
			default:
				return usagef("unknown --format %q (want text, json, markdown, junit or xlsx)", format)
			}
			if format == "xlsx" && (out == "" || out == "-") {
				return usagef("--format xlsx needs -o FILE.xlsx")
			}
			if _, ok := check.ParseSeverity(failOn); !ok {
				return usagef("unknown --fail-on %q (want error, warn or info)", failOn)
			}
			m, err := mapping.Load(mpath)
			if err != nil {
				return usageErr(err)
			}
			src, dst, err := m.LoadSchemas(schema.Options{})
			if err != nil {
				return usageErr(err)
			}
			findings := check.Static(m, src, dst)
			var rows check.Rows
			// The mapping is always compiled: an expression that cannot
			// compile (unknown function, missing lookup table, type error)
			// fails the gate with exit 2 even without data, after the static
			// report is written.
			prog, diags := mapping.Compile(m, src, dst)
			if compileErr := diags.Err(); compileErr != nil {
				rep := check.NewReport(mpath, m, src, dst, findings)
				check.ApplyAcks(rep, m.Acknowledged)
				if format != "xlsx" {
					_ = check.Write(e.stdout, rep, format)
				}
				return usageErr(compileErr)
			}
			if input != "" || synthRows > 0 {
				data := check.NewData(prog, check.DataOptions{Source: src, Target: dst})
				if input != "" {
					rows, err = checkInput(e, prog, data, input, inFormat)
				} else {
					rows, err = checkSynth(e, prog, data, src, dst, synthRows, seed, edgeRate, profile)
				}
				if err != nil {
					return err
				}
				findings = append(findings, data.Findings()...)
			}
			rep := check.NewReport(mpath, m, src, dst, findings)
			rep.Rows = rows
			check.ApplyAcks(rep, m.Acknowledged)
			w, closeOut, err := createOutput(e, out)
			if err != nil {
				return usageErr(err)
			}
			werr := check.Write(w, rep, format)
			if cerr := closeOut(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				return werr
			}
			if code := rep.ExitCode(failOn); code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&mpath, "mapping", "m", "", "mapping file (*.seam.yaml)")
	fl.StringVarP(&input, "input", "i", "", "data file to run through the mapping")
	fl.StringVar(&inFormat, "input-format", "", "format of --input (default from its extension)")
	fl.Int64Var(&synthRows, "synth", 0, "generate N synthetic rows from the source schema and check them")
	fl.Int64Var(&seed, "seed", 1, "seed for --synth")
	fl.Float64Var(&edgeRate, "edge-rate", 0.1, "edge-case share for --synth, 0..1")
	fl.StringVar(&profile, "profile", "edge", "synth profile for --synth: realistic | edge | hostile")
	fl.StringVar(&format, "format", "text", "text | json | markdown | junit | xlsx")
	fl.StringVar(&failOn, "fail-on", "error", "exit 1 at or above this severity: error | warn | info")
	fl.StringVarP(&out, "output", "o", "", "write the report to this file (default stdout)")
	return cmd
}

// checkInput streams a data file through the engine into the data detectors.
func checkInput(e *env, prog *mapping.Program, data *check.Data, input, inFormat string) (check.Rows, error) {
	if inFormat == "" {
		inFormat = value.FormatFromPath(input)
	}
	if inFormat == "" {
		return check.Rows{}, usagef("%s: cannot tell the data format; use --input-format", input)
	}
	f, err := openInput(e, input)
	if err != nil {
		return check.Rows{}, usageErr(err)
	}
	defer f.Close()
	rd, err := value.NewReader(bufio.NewReaderSize(f, 1<<20), input, inFormat)
	if err != nil {
		return check.Rows{}, usageErr(err)
	}
	// The detectors run beside the engine on shards of the target fields
	// (check.Feed): OnRow only queues the row, so the engine's pipeline
	// does not wait for them. Run hands OnRow fresh records and results.
	feed := check.NewFeed(data, checkShards())
	stats, err := mapping.Run(e.ctx, prog, rd, discardWriter{}, io.Discard, mapping.RunOptions{
		Workers: runtime.GOMAXPROCS(0),
		OnRow:   func(row int64, in *value.Record, res mapping.Result) { feed.Observe(row, in, res, nil) },
	})
	feed.Close()
	if err != nil {
		return check.Rows{}, usageErr(err)
	}
	return check.Rows{Read: stats.Read, Written: stats.Written, Rejected: stats.Rejected}, nil
}

// checkShards is the number of detector goroutines for checkInput: half
// the CPUs (the engine's workers use the rest), at least 1.
func checkShards() int {
	return max(1, runtime.GOMAXPROCS(0)/2)
}

// checkSynth generates rows with their edge-case labels and streams them
// through the engine (all cores) into the data detectors, so findings name
// the edge case that caused them.
func checkSynth(e *env, prog *mapping.Program, data *check.Data, src, dst *schema.Schema, n, seed int64, edgeRate float64, profile string) (check.Rows, error) {
	plan := synth.Plan{Rows: n, EdgeRate: edgeRate, Profile: synth.Profile(profile)}
	plan.Targets = feeds(prog.Mapping(), src, dst)
	if err := plan.Validate(); err != nil {
		return check.Rows{}, usageErr(err)
	}
	g, err := synth.NewGenerator(src, plan, seed)
	if err != nil {
		return check.Rows{}, usageErr(err)
	}
	rd := &synthReader{g: g}
	feed := check.NewFeed(data, checkShards())
	stats, err := mapping.Run(e.ctx, prog, rd, discardWriter{}, io.Discard, mapping.RunOptions{
		OnRow: func(row int64, in *value.Record, res mapping.Result) {
			feed.Observe(row, in, res, rd.labelsFor(row))
		},
	})
	feed.Close()
	rows := check.Rows{Read: stats.Read, Written: stats.Written, Rejected: stats.Rejected}
	if err != nil {
		if e.ctx.Err() != nil {
			return rows, &exitError{code: 130, err: errors.New("interrupted")}
		}
		return rows, err
	}
	return rows, nil
}

// synthReader serves generated rows to mapping.Run and keeps each row's
// edge-case labels until the detectors see that row. Run reads ahead of
// OnRow by at most its pipeline depth, so the queue stays short.
type synthReader struct {
	g   *synth.Generator
	row int64
	mu  sync.Mutex
	q   []rowLabels // labelled rows read and not yet observed, in row order
}

type rowLabels struct {
	row    int64
	labels map[string]string
}

func (r *synthReader) Read() (*value.Record, error) {
	row, ok := r.g.Next()
	if !ok {
		return nil, io.EOF
	}
	r.row = row.N
	if len(row.Labels) > 0 {
		m := make(map[string]string, len(row.Labels))
		for _, l := range row.Labels {
			m[l.Field] = l.Case
		}
		r.mu.Lock()
		r.q = append(r.q, rowLabels{row.N, m})
		r.mu.Unlock()
	}
	return row.Rec, nil
}

func (r *synthReader) Row() int64 { return r.row }

// labelsFor returns the labels of row (called in row order) and forgets
// every row before it.
func (r *synthReader) labelsFor(row int64) map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := 0
	for i < len(r.q) && r.q[i].row < row {
		i++
	}
	var m map[string]string
	if i < len(r.q) && r.q[i].row == row {
		m = r.q[i].labels
		i++
	}
	r.q = r.q[i:]
	if len(r.q) == 0 {
		r.q = r.q[:0:0]
	}
	return m
}

// discardWriter drops records: check only observes them.
type discardWriter struct{}

func (discardWriter) Write(*value.Record) error { return nil }
func (discardWriter) Close() error              { return nil }
