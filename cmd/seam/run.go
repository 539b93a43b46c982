package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/spf13/cobra"
)

// runOptions are the flags of seam run.
type runOptions struct {
	*env
	mapping, input, out, rejects string
	format, outFormat            string
	workers                      int
	csvRaw                       bool
	maxRejects                   string
	outDir                       string
	dataset                      string
	joins                        []string
	maxJoinRows                  int
}

func newRunCmd(e *env) *cobra.Command {
	o := &runOptions{env: e}
	cmd := &cobra.Command{
		Use:   "run --mapping M --input D [-o OUT | --out-dir DIR] [--rejects R]",
		Short: "Stream data through a mapping",
		Long: `Read records from --input (CSV, TSV, JSONL, JSON or XLSX by extension, or
--format; - reads standard input), run every rule of the mapping, and write the
target records to -o (stdout by default, in the input's format unless
--out-format says otherwise). Rows that fail a rule go to --rejects as JSON
lines with their input row number, the rule and the reason. Input order is
kept; all cores are used.

Prints read=N written=N rejected=N on stderr; read = written + rejected always,
also when the run stops early (--max-rejects, an error, Ctrl-C).

A mapping with several targets (targets:) writes one file per target with
--out-dir DIR: DIR/<target>.csv (or --out-format tsv|jsonl; xlsx writes one
workbook DIR/<mapping name>.xlsx with a sheet per target) and
DIR/<target>.rejects.jsonl, and prints the counts per target; a target
that iterates an array (each:) counts one row per element. Joins read their
data from the mapping's data: files, or --join NAME=FILE.

` + datasetHelp + `

CSV and TSV cells that a spreadsheet would run as a formula (starting with
= + - @, tab or CR, and not a plain number such as -12.5) get a leading
apostrophe; --csv-raw writes them unchanged.`,
		Example: `  seam run -m orders.seam.yaml -i orders.csv -o out.csv --rejects rejects.jsonl
  seam run -m orders.seam.yaml -i orders.jsonl --out-format csv > out.csv
  cat orders.csv | seam run -m orders.seam.yaml -i - --format csv
  seam run -m orders.seam.yaml -i orders.csv -o out.csv --max-rejects 1%
  seam run -m lines.seam.yaml --dataset northwind/ --out-dir out/`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error { return runRun(c.Context(), o) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.mapping, "mapping", "m", "", "mapping file (*.seam.yaml)")
	fl.StringVarP(&o.input, "input", "i", "", "input data file (- for stdin; the format is sniffed unless --format)")
	fl.StringVarP(&o.out, "output", "o", "", "output file (default stdout)")
	fl.StringVar(&o.rejects, "rejects", "", "write rejected rows as JSON lines to this file")
	fl.StringVar(&o.format, "format", "", "input format: csv, tsv, jsonl, json, xlsx (default from the extension)")
	fl.StringVar(&o.outFormat, "out-format", "", "output format (default from -o's extension, else the input's)")
	fl.IntVar(&o.workers, "workers", 0, "worker goroutines (default: every core; 1 avoids hand-offs on a busy machine)")
	fl.BoolVar(&o.csvRaw, "csv-raw", false, "write CSV/TSV cells unchanged (no formula neutralisation)")
	fl.StringVar(&o.maxRejects, "max-rejects", "", "stop with exit 1 when more rows than N (or P% of the rows read) are rejected")
	fl.StringVar(&o.outDir, "out-dir", "", "write one file per target: DIR/<target>.csv (or --out-format) and DIR/<target>.rejects.jsonl")
	fl.StringVar(&o.dataset, "dataset", "", "read a multi-table dataset: the source table's and every join's file from DIR (instead of --input and data:)")
	fl.StringArrayVar(&o.joins, "join", nil, "`NAME=FILE`: read join NAME's data from FILE instead of its data: (repeatable)")
	fl.IntVar(&o.maxJoinRows, "max-join-rows", engine.DefaultMaxJoinRows, "the most rows one joined dataset may hold in memory")
	completeFormats(cmd, "format", "out-format")
	allowPathFlag(cmd, e)
	return cmd
}

// maxRejects is a parsed --max-rejects: a count, or a percentage of the
// rows read.
type maxRejects struct {
	set, isPercent bool
	n              int64
	percent        float64
}

func parseMaxRejects(s string) (maxRejects, error) {
	if s == "" {
		return maxRejects{}, nil
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || f < 0 || f > 100 {
			return maxRejects{}, usagef("--max-rejects %q: want a count (100) or a percentage between 0%% and 100%% (2.5%%)", s)
		}
		return maxRejects{set: true, isPercent: true, percent: f}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return maxRejects{}, usagef("--max-rejects %q: want a count (100) or a percentage between 0%% and 100%% (2.5%%)", s)
	}
	return maxRejects{set: true, n: n}, nil
}

// exceeded reports whether st breaks the limit. A percentage is judged
// once 1,000 rows are read (and at the end), so that the first rejected
// row alone does not stop a run.
func (m maxRejects) exceeded(st engine.Stats, final bool) bool {
	switch {
	case !m.set:
		return false
	case !m.isPercent:
		return st.Rejected > m.n
	}
	if st.Read == 0 || (!final && st.Read < 1000) {
		return false
	}
	return float64(st.Rejected)*100 > m.percent*float64(st.Read)
}

func (m maxRejects) String() string {
	if m.isPercent {
		return strconv.FormatFloat(m.percent, 'g', -1, 64) + "%"
	}
	return strconv.FormatInt(m.n, 10)
}

// printCounts is the one form in which every command prints row counts:
// read = written + rejected (+ not_processed, shown only when a failed
// write left rows in neither file).
func printCounts(w io.Writer, st engine.Stats) {
	if st.NotProcessed > 0 {
		fmt.Fprintf(w, "read=%d written=%d rejected=%d not_processed=%d\n", st.Read, st.Written, st.Rejected, st.NotProcessed)
		return
	}
	fmt.Fprintf(w, "read=%d written=%d rejected=%d\n", st.Read, st.Written, st.Rejected)
}

// runRun streams o.input through the mapping into o.out and o.rejects.
// Nothing replaces a previous output unless the run completes, or is
// stopped (interrupted, --max-rejects): then what was written is kept,
// and a previous file as FILE~.
func runRun(ctx context.Context, o *runOptions) error {
	if o.mapping == "" || o.input == "" && o.dataset == "" {
		return usagef("run needs --mapping and --input (or --dataset)")
	}
	if o.input != "" && o.dataset != "" {
		return usagef("use --input or --dataset, not both (--dataset reads the source table's file of DIR)")
	}
	limit, err := parseMaxRejects(o.maxRejects)
	if err != nil {
		return err
	}
	m, err := loadMapping(o.env, o.mapping)
	if err != nil {
		return err
	}
	if o.outDir != "" || len(o.joins) > 0 || o.dataset != "" || m.MultiTarget() {
		return runPlan(ctx, o, m, limit)
	}
	outs := []flagPath{{"-o", o.out}, {"--rejects", o.rejects}}
	if err := distinctFiles([]flagPath{{"--mapping", o.mapping}, {"--input", o.input}}, outs); err != nil {
		return err
	}
	prog, err := compileLoaded(o.env, m, outs)
	if err != nil {
		return err
	}
	oFmt := o.outFormat
	if oFmt == "" && o.out != "" {
		oFmt = value.FormatFromPath(o.out)
	}
	rd, in, oFmt, err := o.openInput(oFmt)
	if err != nil {
		return err
	}
	defer in.Close()
	files := &outputs{e: o.env}
	bw, err := files.open(o.out, 1<<20)
	if err != nil {
		return err
	}
	wr, err := value.NewWriterWith(bw, oFmt, prog.TargetKeys(), value.WriterOptions{RawCSV: o.csvRaw})
	if err != nil {
		files.abort()
		return usageErr(err)
	}
	var rejW io.Writer = io.Discard
	if o.rejects != "" {
		if rejW, err = files.open(o.rejects, 4096); err != nil {
			return err
		}
	}
	stop, opts := newRunStop(ctx, limit, o.workers)
	stats, runErr := engine.Run(stop.runCtx, prog, rd, wr, rejW, opts)
	if cerr := wr.Close(); runErr == nil {
		runErr = cerr
	}
	if ferr := files.flush(); runErr == nil {
		runErr = ferr
	}
	printCounts(o.stderr, stats)
	notWritten := ""
	if o.out != "" && o.out != "-" {
		notWritten = o.out + " was not written (any previous file is kept)"
	}
	return stop.finish(o, files, stats, runErr, notWritten, o.rejects == "")
}

// openInput opens --input and its reader, and settles the output format
// (oFmt, else the input's): no binary output to a terminal.
func (o *runOptions) openInput(oFmt string) (value.RecordReader, io.Closer, string, error) {
	in, inFmt, err := openData(o.env, o.input, o.format, "--format")
	if err != nil {
		return nil, nil, "", err
	}
	oFmt = outFormatFor(oFmt, inFmt)
	if err := refuseBinaryToTerminal(o.env, oFmt, o.out); err != nil {
		in.Close()
		return nil, nil, "", err
	}
	rd, err := value.NewReader(in, o.input, inFmt)
	if err != nil {
		in.Close()
		return nil, nil, "", usageErr(err)
	}
	return rd, in, oFmt, nil
}

// compileLoaded loads a loaded mapping's schemas and compiles it; every
// problem is an exit-2 error naming the file and position. outs are the
// command's outputs: none may be a file the mapping reads.
func compileLoaded(e *env, m *mapping.Mapping, outs []flagPath) (*engine.Program, error) {
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		return nil, usageErr(err)
	}
	if err := distinctFiles(mappingFiles(m, src, dst), outs); err != nil {
		return nil, err
	}
	warnInactive(e, m)
	prog, diags := engine.Compile(m, src, dst)
	if err := printDiags(e, diags); err != nil {
		return nil, err
	}
	return prog, nil
}

func openInput(e *env, path string) (io.ReadCloser, error) {
	if path == "-" {
		return io.NopCloser(e.stdin), nil
	}
	if file, _, ok := strings.Cut(path, "#"); ok && value.FormatFromPath(file) == value.FormatXLSX {
		if _, err := os.Stat(path); err != nil {
			// FILE.xlsx#SHEET: the reader reads that sheet
			return value.Open(file)
		}
	}
	return value.Open(path)
}
