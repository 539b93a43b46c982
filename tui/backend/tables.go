package backend

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/synth"
	"github.com/seamhq/seam/tui/common"
)

// Tables loads every table of src's file when it has several (a DDL
// without a selector: synth.LoadTables) and relates them as seam synth
// does (synth.NewDataset): generation order, foreign keys, which tables
// are made per row of a parent.
func (Engine) Tables(src *schema.Schema) (*common.TableSet, error) {
	if src == nil || src.File == "" {
		return nil, nil
	}
	ss, err := synth.LoadTables(src.File, schema.Options{})
	if err != nil || len(ss) < 2 {
		return nil, err
	}
	d, err := synth.NewDataset(ss, 1)
	if err != nil {
		return nil, err
	}
	ts := &common.TableSet{File: src.File, Schemas: ss}
	for _, t := range d.Tables {
		ti := common.TableInfo{Name: t.Name, Columns: len(t.Schema.Fields)}
		if t.Owner != nil {
			ti.Owner, ti.Min, ti.Max, ti.Dist = t.Owner.Parent.Name, t.Card.Min, t.Card.Max, t.Card.Dist
		}
		ts.Tables = append(ts.Tables, ti)
		for _, fk := range t.FKs {
			ts.Relations = append(ts.Relations, common.Relation{Child: t.Name, Cols: cols(fk.Cols), Parent: fk.Parent.Name,
				RefCols: cols(fk.RefCols), Owner: fk == t.Owner, Self: fk.Self(), Nullable: fk.Nullable})
		}
	}
	return ts, nil
}

func cols(fs []*schema.Field) string {
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += ","
		}
		s += f.Name
	}
	return s
}

// GenerateTables writes every table of ts as CSV into plan.Dir (one file
// per table, labels.csv with the edge cases) through synth.WriteDataset,
// the writer of seam synth -o DIR: plan.Rows rows per table without a
// parent, 1..5 per parent row for a child table; the relational edge
// cases at 5% of the rows outside the realistic profile, as seam synth
// does.
func (Engine) GenerateTables(ctx context.Context, ts *common.TableSet, plan common.TablesPlan, progress func(string, int64)) (res *common.TablesResult, err error) {
	if ts == nil || len(ts.Schemas) == 0 {
		return nil, errors.New("no tables to generate")
	}
	if plan.Dir == "" {
		return nil, errors.New("generate tables: name a folder")
	}
	d, err := synth.NewDataset(ts.Schemas, int64(plan.Rows))
	if err != nil {
		return nil, err
	}
	dp := synth.DatasetPlan{Plan: synth.Plan{Rows: int64(plan.Rows), EdgeRate: plan.EdgeRate, Profile: synth.Profile(plan.Profile)}}
	if plan.Profile != string(synth.Realistic) {
		dp.RelRate = 0.05
	}
	if err := dp.Validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(plan.Dir, 0o755); err != nil {
		return nil, err
	}
	var files []*os.File
	var bufs []*bufio.Writer
	defer func() {
		for i, f := range files {
			if ferr := bufs[i].Flush(); ferr != nil && err == nil {
				err = ferr
			}
			if ferr := f.Close(); ferr != nil && err == nil {
				err = ferr
			}
		}
		if err != nil {
			res = nil
		}
	}()
	open := func(name string) (io.Writer, error) {
		f, err := os.Create(filepath.Join(plan.Dir, name))
		if err != nil {
			return nil, err
		}
		bw := bufio.NewWriterSize(f, 1<<16)
		files, bufs = append(files, f), append(bufs, bw)
		return bw, nil
	}
	lw, err := open("labels.csv")
	if err != nil {
		return nil, err
	}
	label, flush := synth.LabelsCSV(lw)
	res = &common.TablesResult{Dir: plan.Dir}
	rows := map[string]int64{}
	sink := synth.DatasetSink{
		Open:  func(table string) (io.Writer, error) { return open(table + ".csv") },
		Label: label,
		Progress: func(table string, n int64) {
			rows[table] = n
			if progress != nil {
				progress(table, n)
			}
		},
	}
	if err := synth.WriteDataset(ctx, d, dp, plan.Seed, "csv", sink); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	for _, t := range d.Tables {
		res.Tables = append(res.Tables, t.Name)
		res.Rows = append(res.Rows, rows[t.Name])
	}
	return res, nil
}
