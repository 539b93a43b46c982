package main

import (
	"bufio"
	"context"
	"io"
	"runtime"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
)

// runCheckPlan is seam check for a mapping with several targets, an
// iteration or joins: it opens the data (--input, or --synth generated
// afresh with the same seed each time it is read) and hands the plan to
// check.RunPlan, the check the TUI runs too. Findings carry the target's
// name (JSON target_table); text and Markdown reports have one section
// per target.
func runCheckPlan(ctx context.Context, o *checkOptions, m *mapping.Mapping, outs []flagPath) error {
	if o.input == "-" {
		return usagef("a mapping with several targets reads --input once per target: give a file, not -")
	}
	joinFiles, err := parseJoinFlags(o.joins)
	if err != nil {
		return err
	}
	var ds *datasetFiles
	var cds *check.Dataset
	if o.dataset != "" {
		if ds, err = resolveDataset(o.dataset, m, joinFiles); err != nil {
			return err
		}
		joinFiles, o.input = ds.joins, ds.input
		if err := distinctFiles([]flagPath{{"--dataset's table " + ds.sourceTable, ds.input}}, outs); err != nil {
			return err
		}
		cds = &check.Dataset{JoinTables: ds.joinTables}
		if cds.Labels, err = ds.readLabels(); err != nil {
			return err
		}
	}
	plan, err := compilePlanWith(o.env, m, joinFiles, ds.joinLoad(o.maxJoinRows), outs)
	if err != nil {
		return err
	}
	_, first := plan.Targets()[0].Program.Schemas()
	open := o.opener(m, plan.Source(), first)
	if cds != nil && cds.Labels != nil {
		inner := open
		open = func() (value.RecordReader, io.Closer, error) {
			rd, c, err := inner()
			if err != nil {
				return nil, nil, err
			}
			return cds.Labels.Reader(ds.sourceTable, rd), c, nil
		}
	}
	pr, err := check.RunPlan(ctx, plan, check.PlanOptions{Name: o.mapping, Open: open, Workers: runtime.GOMAXPROCS(0), Coverage: o.cover.on(), Dataset: cds})
	if err != nil && ctx.Err() == nil {
		return usageErr(err)
	}
	write := func(w io.Writer) error { return check.WritePlan(w, pr, o.format) }
	if err := writeReport(o.env, o.out, ctx.Err() != nil, write); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interruptErr(ctx, "the report covers the rows checked before the stop")
	}
	return o.exit(pr.Merged())
}

// opener returns what opens seam check's data each time it is called:
// --input read afresh, or --synth rows generated from src with the seed
// (the same rows each time; fed as the first target dst is); nil without
// either.
func (o *checkOptions) opener(m *mapping.Mapping, src, dst *schema.Schema) func() (value.RecordReader, io.Closer, error) {
	switch {
	case o.input != "":
		return func() (value.RecordReader, io.Closer, error) {
			f, format, err := openData(o.env, o.input, o.inFormat, "--input-format")
			if err != nil {
				return nil, nil, err
			}
			rd, err := value.NewReader(bufio.NewReaderSize(f, 1<<20), o.input, format)
			if err != nil {
				f.Close()
				return nil, nil, usageErr(err)
			}
			return rd, f, nil
		}
	case o.synthRows > 0:
		return func() (value.RecordReader, io.Closer, error) {
			sp := synth.Plan{Rows: o.synthRows, EdgeRate: o.edgeRate, Profile: synth.Profile(o.profile), Targets: m.Feeds(src, dst), Keys: check.LookupKeys(m)}
			if err := sp.Validate(); err != nil {
				return nil, nil, usageErr(err)
			}
			g, err := synth.NewGenerator(src, sp, o.seed)
			if err != nil {
				return nil, nil, usageErr(err)
			}
			return synth.NewReader(g), io.NopCloser(nil), nil
		}
	}
	return nil
}
