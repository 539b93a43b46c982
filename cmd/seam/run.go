package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/spf13/cobra"
)

func newRunCmd(e *env) *cobra.Command {
	var mpath, input, out, rejects, format, outFormat string
	var workers int
	cmd := &cobra.Command{
		Use:   "run --mapping M --input D [-o OUT] [--rejects R]",
		Short: "Stream data through a mapping",
		Long: `Read records from --input (CSV, TSV, JSONL, JSON or XLSX by extension, or
--format), run every rule of the mapping, and write the target records to -o
(stdout by default, in the input's format unless --out-format says otherwise).
Rows that fail a rule go to --rejects as JSON lines with their input row number,
the rule and the reason. Input order is kept; all cores are used.
Prints read=N written=N rejected=N on stderr; read = written + rejected always.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if mpath == "" || input == "" {
				return usagef("run needs --mapping and --input")
			}
			prog, err := compileMapping(e, mpath)
			if err != nil {
				return err
			}
			inFmt := format
			if inFmt == "" {
				inFmt = value.FormatFromPath(input)
			}
			if inFmt == "" {
				return usagef("%s: cannot tell the data format from the extension; use --format csv|tsv|jsonl|json|xlsx", input)
			}
			oFmt := outFormat
			if oFmt == "" && out != "" {
				oFmt = value.FormatFromPath(out)
			}
			if oFmt == "" {
				oFmt = inFmt
				if oFmt == "json" {
					oFmt = "jsonl"
				}
			}
			in, err := openInput(e, input)
			if err != nil {
				return usageErr(err)
			}
			defer in.Close()
			rd, err := value.NewReader(in, input, inFmt)
			if err != nil {
				return usageErr(err)
			}
			// Open the outputs; nothing replaces a previous file unless the
			// run completes (or is interrupted, when what was written is kept).
			ow, err := openOutput(e, out)
			if err != nil {
				return usageErr(err)
			}
			var rej *outFile
			abort := func() {
				ow.Abort()
				if rej != nil {
					rej.Abort()
				}
			}
			bw := bufio.NewWriterSize(ow, 1<<20)
			wr, err := value.NewWriter(bw, oFmt, prog.TargetKeys())
			if err != nil {
				abort()
				return usageErr(err)
			}
			var rejW io.Writer = io.Discard
			var rejBuf *bufio.Writer
			if rejects != "" {
				if rej, err = openOutput(e, rejects); err != nil {
					abort()
					return usageErr(err)
				}
				rejBuf = bufio.NewWriter(rej)
				rejW = rejBuf
			}
			stats, runErr := mapping.Run(e.ctx, prog, rd, wr, rejW, mapping.RunOptions{Workers: workers})
			if cerr := wr.Close(); runErr == nil {
				runErr = cerr
			}
			if ferr := bw.Flush(); runErr == nil {
				runErr = ferr
			}
			if rejBuf != nil {
				if ferr := rejBuf.Flush(); runErr == nil {
					runErr = ferr
				}
			}
			fmt.Fprintf(e.stderr, "read=%d written=%d rejected=%d\n", stats.Read, stats.Written, stats.Rejected)
			interrupted := e.ctx.Err() != nil
			if runErr != nil && !interrupted {
				abort()
				if out != "" && out != "-" {
					fmt.Fprintf(e.stderr, "seam: %s was not written (any previous file is kept)\n", out)
				}
				return usageErr(runErr)
			}
			if cerr := ow.Commit(); cerr != nil {
				abort()
				return usageErr(cerr)
			}
			if rej != nil {
				if cerr := rej.Commit(); cerr != nil {
					return usageErr(cerr)
				}
			}
			if interrupted {
				return &exitError{code: 130, err: fmt.Errorf("interrupted: the %d rows written before the stop were flushed", stats.Written)}
			}
			if rejects == "" && stats.Rejected > 0 {
				fmt.Fprintf(e.stderr, "seam: %d rows rejected; pass --rejects FILE to keep them with their reasons\n", stats.Rejected)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&mpath, "mapping", "m", "", "mapping file (*.seam.yaml)")
	cmd.Flags().StringVarP(&input, "input", "i", "", "input data file (- for stdin; needs --format)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file (default stdout)")
	cmd.Flags().StringVar(&rejects, "rejects", "", "write rejected rows as JSON lines to this file")
	cmd.Flags().StringVar(&format, "format", "", "input format: csv, tsv, jsonl, json, xlsx (default from the extension)")
	cmd.Flags().StringVar(&outFormat, "out-format", "", "output format (default from -o's extension, else the input's)")
	cmd.Flags().IntVar(&workers, "workers", 0, "worker goroutines (default: every core; 1 avoids hand-offs on a busy machine)")
	return cmd
}

// compileMapping loads a mapping and its schemas and compiles it; every
// problem is an exit-2 error naming the file and position.
func compileMapping(e *env, path string) (*mapping.Program, error) {
	m, err := mapping.Load(path)
	if err != nil {
		return nil, usageErr(err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		return nil, usageErr(err)
	}
	prog, diags := mapping.Compile(m, src, dst)
	for _, d := range diags {
		if d.Severity != 0 {
			fmt.Fprintf(e.stderr, "%s\n", safeLines(d.Error()))
		}
	}
	if err := diags.Err(); err != nil {
		return nil, usageErr(err)
	}
	return prog, nil
}

func openInput(e *env, path string) (io.ReadCloser, error) {
	if path == "-" {
		return io.NopCloser(e.stdin), nil
	}
	return os.Open(path)
}
