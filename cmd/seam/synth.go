package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
	"github.com/spf13/cobra"
)

func newSynthCmd(e *env) *cobra.Command {
	var (
		schemaRef, mpath, format, out, labels, profile string
		rows, seed                                     int64
		edgeRate                                       float64
		withLabels, drift, quiet                       bool
	)
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
extra fields). Same seed and arguments give byte-identical output.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			var plan synth.Plan
			plan.Rows = rows
			plan.EdgeRate = edgeRate
			plan.Profile = synth.Profile(profile)
			plan.Drift = drift
			if !c.Flags().Changed("edge-rate") && profile != "" && profile != "realistic" {
				// Every value an edge case: with rows >= classes, every
				// applicable class then appears in every field.
				plan.EdgeRate = 1
			}
			var s *schema.Schema
			if mpath != "" {
				m, err := mapping.Load(mpath)
				if err != nil {
					return usageErr(err)
				}
				src, dst, err := m.LoadSchemas(schema.Options{})
				if err != nil {
					return usageErr(err)
				}
				s = src
				plan.Targets = feeds(m, src, dst)
			}
			if schemaRef != "" {
				var err error
				if s, err = schema.Load(schemaRef, schema.Options{}); err != nil {
					return usageErr(err)
				}
			}
			if s == nil {
				return usagef("synth needs --schema (or --mapping)")
			}
			if err := plan.Validate(); err != nil {
				return usageErr(err)
			}
			if format == "" {
				format = value.FormatFromPath(out)
				if format == "" || format == "json" {
					format = "csv"
				}
			}
			if err := synth.ValidateFormat(format); err != nil {
				return usageErr(err)
			}
			var lf *outFile
			if withLabels || labels != "" {
				if labels == "" {
					if out == "" || out == "-" {
						return usagef("--labels needs -o OUT (the sidecar is OUT.labels.csv) or --labels-file")
					}
					labels = strings.TrimSuffix(out, "."+format) + ".labels.csv"
				}
				var err error
				if lf, err = openOutput(e, labels); err != nil {
					return usageErr(err)
				}
			}
			ow, err := openOutput(e, out)
			if err != nil {
				if lf != nil {
					lf.Abort()
				}
				return usageErr(err)
			}
			bw := bufio.NewWriterSize(ow, 1<<20)
			var lw io.Writer
			var lbw *bufio.Writer
			if lf != nil {
				lbw = bufio.NewWriter(lf)
				lw = lbw
			}
			start := time.Now()
			var progress func(int64)
			if !quiet && rows >= 100000 {
				last := time.Now()
				progress = func(done int64) {
					if time.Since(last) >= time.Second || done == rows {
						last = time.Now()
						fmt.Fprintf(e.stderr, "\rsynth: %d/%d rows (%.0f%%)", done, rows, 100*float64(done)/float64(rows))
					}
				}
			}
			genErr := synth.Write(e.ctx, s, plan, seed, bw, format, lw, progress)
			if progress != nil {
				fmt.Fprintln(e.stderr)
			}
			if err := bw.Flush(); genErr == nil {
				genErr = err
			}
			if lbw != nil {
				if err := lbw.Flush(); genErr == nil {
					genErr = err
				}
			}
			if genErr == nil {
				genErr = ow.Commit()
			}
			if genErr == nil && lf != nil {
				genErr = lf.Commit()
			}
			if genErr != nil {
				ow.Abort()
				if lf != nil {
					lf.Abort()
				}
				if errors.Is(genErr, synth.ErrPlan) {
					return usageErr(genErr)
				}
				return genErr
			}
			if !quiet {
				fmt.Fprintf(e.stderr, "synth: %d rows, seed %d, profile %s, edge rate %g in %s\n",
					rows, seed, orDefault(profile, "realistic"), plan.EdgeRate, time.Since(start).Round(time.Millisecond))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&schemaRef, "schema", "s", "", "schema FILE[#SELECTOR] to generate rows for")
	fl.StringVarP(&mpath, "mapping", "m", "", "mapping whose target constraints shape the edge cases")
	fl.Int64VarP(&rows, "rows", "n", 100, "rows to generate")
	fl.Int64Var(&seed, "seed", 1, "random seed (same seed, same bytes)")
	fl.Float64Var(&edgeRate, "edge-rate", 0.05, "share of values that are edge cases, 0..1 (default 1 with --profile edge or hostile)")
	fl.StringVar(&profile, "profile", "realistic", "realistic | edge | hostile")
	fl.StringVar(&format, "format", "", "csv | tsv | jsonl | xlsx (default from -o, else csv)")
	fl.StringVarP(&out, "output", "o", "", "output file (default stdout)")
	fl.BoolVar(&withLabels, "labels", false, "write the edge-case labels sidecar (OUT.labels.csv)")
	fl.StringVar(&labels, "labels-file", "", "write the labels sidecar to this file")
	fl.BoolVar(&drift, "drift", false, "emit schema drift half way through")
	fl.BoolVarP(&quiet, "quiet", "q", false, "no progress or summary on stderr")
	return cmd
}

// feeds maps each source path to the target field its rule writes, for
// edge cases shaped by the target's constraints.
func feeds(m *mapping.Mapping, src, dst *schema.Schema) map[string]*schema.Field {
	out := map[string]*schema.Field{}
	for _, r := range m.Rules {
		if !r.Active() {
			continue
		}
		t := dst.Lookup(r.Target)
		if t == nil {
			continue
		}
		for _, f := range r.From {
			if src.Lookup(f) != nil {
				if _, seen := out[f]; !seen {
					out[f] = t
				}
			}
		}
	}
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
