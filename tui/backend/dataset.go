package backend

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/common"
)

// datasetExts are the extensions a dataset table's file may have, in the
// order seam run --dataset looks for them.
var datasetExts = []string{"csv", "tsv", "jsonl", "json", "xlsx"}

// tableFile is the one file of table in dir.
func tableFile(dir, table, what string) (string, error) {
	if table == "" || strings.ContainsAny(table, `/\`) || table == "." || table == ".." {
		return "", fmt.Errorf("dataset %s: %s %q cannot name a file", dir, what, table)
	}
	var found []string
	for _, ext := range datasetExts {
		p := filepath.Join(dir, table+"."+ext)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("dataset %s: no file for table %s (%s): want %s.csv (or .tsv, .jsonl, .json, .xlsx)", dir, table, what, filepath.Join(dir, table))
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("dataset %s: table %s (%s) has several files (%s); keep one", dir, table, what, strings.Join(found, ", "))
}

// LoadDataset reads the source table of the dataset in dir with its edge
// cases (DIR/labels.csv) and notes where m's joins' tables are: the
// files seam run --dataset DIR reads.
func (e Engine) LoadDataset(ctx context.Context, dir string, m *mapping.Mapping) (*common.Dataset, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, fmt.Errorf("dataset %s: not a folder (a dataset is a folder with a file per table: seam synth -o DIR)", dir)
	}
	dt := &common.DatasetTables{Dir: dir, Source: mapping.TableName(m.Source.Schema), JoinFiles: map[string]string{}, JoinTables: map[string]string{}}
	src, err := tableFile(dir, dt.Source, "the source's table")
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{dt.Source: true}
	for _, j := range m.Joins {
		table := mapping.TableName(j.Schema)
		dt.JoinTables[j.Name], keep[table] = table, true
		if dt.JoinFiles[j.Name], err = tableFile(dir, table, "join "+j.Name+"'s table"); err != nil {
			return nil, err
		}
	}
	if lp := filepath.Join(dir, "labels.csv"); fileExists(lp) {
		f, err := value.Open(lp)
		if err != nil {
			return nil, err
		}
		dt.Labels, err = check.ReadDatasetLabels(f, lp, keep)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	d, err := e.loadData(ctx, src, func(row int64) []common.FieldLabel {
		ls := dt.Labels.Row(dt.Source, row)
		if len(ls) == 0 {
			return nil
		}
		out := make([]common.FieldLabel, 0, len(ls))
		for f, c := range ls {
			out = append(out, common.FieldLabel{Field: f, Case: c})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
		return out
	})
	if err != nil {
		return nil, err
	}
	d.Name = filepath.Base(filepath.Clean(dir)) + "/" + filepath.Base(src)
	d.Tables = dt
	return d, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// loadDatasetJoins reads every join's table of a dataset into the plan:
// a repeated key keeps its first row and is reported (KeepFirst).
func loadDatasetJoins(m *mapping.Mapping, p *engine.Plan, dt *common.DatasetTables) error {
	for _, j := range m.Joins {
		path := dt.JoinFiles[j.Name]
		f, err := value.Open(path)
		if err != nil {
			return err
		}
		err = p.ReadJoinWith(j.Name, f, path, engine.JoinLoadOptions{MaxRows: maxJoinRows, KeepFirst: true})
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
