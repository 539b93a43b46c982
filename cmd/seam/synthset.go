package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
)

// synthTables returns the tables of --schema when it names several (a DDL
// file without a selector, FILE#t1,t2), nil for a one-table synth.
func synthTables(o *synthOptions) ([]*schema.Schema, error) {
	if o.schema == "" || o.mapping != "" || o.schema == "-" {
		return nil, nil
	}
	ss, err := synth.LoadTables(o.schema, schema.Options{AllowPaths: o.allowPaths})
	if err != nil {
		return nil, usageErr(err)
	}
	return ss, nil
}

// mappingTargetTables loads the targets of --mapping as related tables
// (--targets): named as seam run --out-dir names them, their foreign keys
// among each other kept, a target's parent: linked by the column holding
// the parent's key.
func mappingTargetTables(o *synthOptions) ([]*schema.Schema, error) {
	if o.mapping == "" {
		return nil, usagef("--targets needs --mapping (a mapping with several targets)")
	}
	if o.schema != "" || o.tables {
		return nil, usagef("--targets generates the mapping's targets; it does not go with --schema or --tables")
	}
	if o.drift {
		return nil, usagef("--drift works on one table, not with --targets")
	}
	m, err := loadMapping(o.env, o.mapping)
	if err != nil {
		return nil, err
	}
	all, err := m.LoadAll(schema.Options{AllowPaths: o.allowPaths})
	if err != nil {
		return nil, usageErr(err)
	}
	views := m.Targets()
	names := make([]string, len(views))
	for i, v := range views {
		names[i] = v.OutName()
	}
	ss := synth.RenameTables(all.Targets, names)
	for i, v := range views {
		if v.Parent == "" {
			continue
		}
		if err := synth.LinkParent(ss, names[i], v.Parent); err != nil {
			return nil, usagef("--mapping %s: %v", o.mapping, err)
		}
		o.owners = append(o.owners, [2]string{names[i], v.Parent})
	}
	return ss, nil
}

// nestedTables loads --schema and turns its arrays of objects into child
// tables (--tables).
func nestedTables(o *synthOptions) ([]*schema.Schema, error) {
	if o.schema == "" {
		return nil, usagef("--tables needs --schema (a nested JSON Schema, Avro or OpenAPI schema)")
	}
	if o.drift {
		return nil, usagef("--drift works on one table, not with --tables")
	}
	s, err := loadSchema(o.env, o.schema, schema.Options{})
	if err != nil {
		return nil, usageErr(err)
	}
	ss, err := synth.NestedTables(s)
	if err != nil {
		return nil, usageErr(err)
	}
	return ss, nil
}

// runSynthDataset generates several related tables into the folder -o:
// DIR/<table>.<format> for every table, DIR/labels.csv with --labels.
func runSynthDataset(ctx context.Context, o *synthOptions, ss []*schema.Schema, plan synth.Plan) error {
	if o.out == "" || o.out == "-" {
		what := "--schema " + o.schema
		if o.targets {
			what = "--mapping " + o.mapping
		}
		return usagef("%s has %d tables: -o DIR names the folder for one file per table (or -o FILE.xlsx: one workbook, a sheet per table)", what, len(ss))
	}
	format := o.format
	if format == "" {
		format = "csv"
		if value.FormatFromPath(o.out) == "xlsx" {
			format = "xlsx"
		}
	}
	if format != "csv" && format != "tsv" && format != "jsonl" && format != "xlsx" {
		return usagef("--format %s: several tables are written as csv, tsv or jsonl (one file per table) or xlsx (one workbook, a sheet per table)", format)
	}
	// xlsx: -o FILE.xlsx, or -o DIR for DIR/<schema file stem>.xlsx
	dir, book := o.out, ""
	if format == "xlsx" {
		if value.FormatFromPath(o.out) == "xlsx" {
			dir, book = filepath.Dir(o.out), o.out
		} else {
			ref := o.schema
			if ref == "" {
				ref = o.mapping
			}
			stem := strings.TrimSuffix(filepath.Base(fileOf(ref)), filepath.Ext(fileOf(ref)))
			stem = strings.TrimSuffix(stem, ".seam")
			book = filepath.Join(o.out, stem+".xlsx")
		}
	}
	var sp *synth.SetPlan
	if o.planFile != "" {
		in, err := openInput(o.env, o.planFile)
		if err != nil {
			return usageErr(err)
		}
		data, err := io.ReadAll(io.LimitReader(in, 1<<20))
		in.Close()
		if err != nil {
			return usagef("--plan %s: %v", o.planFile, err)
		}
		if sp, err = synth.ParseSetPlan(o.planFile, data); err != nil {
			return usageErr(err)
		}
		if err := sp.ApplyRelations(ss); err != nil {
			return usageErr(err)
		}
	}
	d, err := synth.NewDataset(ss, o.rows)
	if err != nil {
		return usageErr(err)
	}
	for _, ow := range o.owners {
		if err := d.Own(ow[0], ow[1]); err != nil {
			return usageErr(err)
		}
	}
	if sp != nil {
		if err := sp.Apply(d); err != nil {
			return usageErr(err)
		}
	}
	dp := synth.DatasetPlan{Plan: plan, RelRate: o.relRate}
	if !o.relRateSet && plan.Profile != "" && plan.Profile != synth.Realistic {
		dp.RelRate = 0.05
	}
	if err := dp.Validate(); err != nil {
		return usageErr(err)
	}
	if err := ensureDir(dir); err != nil {
		return err
	}
	files := &outputs{e: o.env}
	var label func(synth.RelLabel) error
	var flushLabels func() error
	if o.withLabels || o.labels != "" {
		lp := o.labels
		switch {
		case lp != "":
		case book != "" && book == o.out:
			lp = strings.TrimSuffix(book, filepath.Ext(book)) + ".labels.csv"
		default:
			lp = filepath.Join(dir, "labels.csv")
		}
		lw, err := files.open(lp, 64<<10)
		if err != nil {
			return err
		}
		label, flushLabels = synth.LabelsCSV(lw)
	}
	start := time.Now()
	counts := map[string]int64{}
	var cur *progress
	curTable := ""
	sink := synth.DatasetSink{
		Open: func(table string) (io.Writer, error) {
			return files.open(filepath.Join(dir, table+"."+format), 1<<20)
		},
		Label: label,
		Progress: func(table string, n int64) {
			if table != curTable || cur == nil {
				if cur != nil {
					cur.done()
				}
				cur, curTable = newProgress(o.env, "synth "+table, 0, o.quiet), table
			}
			counts[table] = n
			cur.rows(n)
		},
	}
	if book != "" {
		bw, err := files.open(book, 1<<20)
		if err != nil {
			return err
		}
		sink.Book = bw
	}
	genErr := synth.WriteDataset(ctx, d, dp, o.seed, format, sink)
	if cur != nil {
		cur.done()
	}
	interrupted := ctx.Err() != nil && errors.Is(genErr, ctx.Err())
	if interrupted {
		genErr = nil
	}
	if flushLabels != nil && genErr == nil {
		genErr = flushLabels()
	}
	if err := files.flush(); genErr == nil {
		genErr = err
	}
	if genErr != nil {
		files.abort()
		if errors.Is(genErr, synth.ErrPlan) || errors.Is(genErr, synth.ErrDataset) {
			return usageErr(genErr)
		}
		return genErr
	}
	if err := files.commit(interrupted); err != nil {
		return err
	}
	if interrupted {
		return interruptErr(ctx, "the rows generated before the stop were written")
	}
	if !o.quiet {
		var total int64
		for _, t := range d.Tables {
			fmt.Fprintf(o.stderr, "synth: %s: %d rows\n", t.Name, counts[t.Name])
			total += counts[t.Name]
		}
		where := o.out
		if book != "" {
			where = book
		}
		fmt.Fprintf(o.stderr, "synth: %d tables, %d rows in %s, seed %d, profile %s\n",
			len(d.Tables), total, where, o.seed, orDefault(o.profile, "realistic"))
		_ = start
	}
	return nil
}
