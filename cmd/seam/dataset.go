package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/value"
)

// datasetHelp is what seam run and seam check say about --dataset.
const datasetHelp = `--dataset DIR reads a multi-table dataset (seam synth -o DIR over several
tables): the source records from DIR/<source table>.<csv|tsv|jsonl|json|xlsx>
(the table is the source schema's #selector, else its file stem), every
join's rows from DIR/<the join schema's table>.<ext>, replacing the
mapping's data: (the dataset is the data under test; data: is the
mapping's own fixture); --join NAME=FILE still wins for that join. A key
that a join's table repeats does not stop the run: the first row with the
key is joined (what a primary key keeps) and the repeat is reported.
A table without its file is an error naming the file and the table.`

// datasetExts are the extensions a dataset table's file may have, in the
// order they are looked for.
var datasetExts = []string{"csv", "tsv", "jsonl", "json", "xlsx"}

// datasetFiles is a --dataset DIR resolved for a mapping.
type datasetFiles struct {
	dir         string
	sourceTable string
	input       string            // the source table's file
	joins       map[string]string // join name -> its table's file (the --join flags kept)
	joinTables  map[string]string // join name -> its table
	labels      string            // DIR/labels.csv, "" when there is none
	sheets      []string          // a workbook's sheets (--dataset FILE.xlsx), nil for a folder
}

// resolveDataset finds the files of dir that m reads: the source table's
// and every join's whose data --join (joinFlags) does not give.
func resolveDataset(dir string, m *mapping.Mapping, joinFlags map[string]string) (*datasetFiles, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, usagef("--dataset %s: %v", dir, unwrapPath(err))
	}
	d := &datasetFiles{dir: dir, joins: map[string]string{}, joinTables: map[string]string{}}
	switch {
	case st.Mode().IsRegular() && value.FormatFromPath(dir) == value.FormatXLSX:
		// one workbook, a sheet per table (seam synth --format xlsx)
		for _, c := range selectorCandidates(dir) {
			d.sheets = append(d.sheets, strings.TrimPrefix(c, dir+"#"))
		}
		if len(d.sheets) == 0 {
			return nil, usagef("--dataset %s: not a readable workbook with sheets", dir)
		}
	case !st.IsDir():
		return nil, usagef("--dataset %s: not a folder (a dataset is a folder with a file per table, or an XLSX workbook with a sheet per table: seam synth -o DIR)", dir)
	}
	for name, f := range joinFlags {
		d.joins[name] = f // checked against the mapping's joins with the plan
	}
	d.sourceTable = mapping.TableName(m.Source.Schema)
	if d.input, err = d.tableFile(d.sourceTable, "the source's table"); err != nil {
		return nil, err
	}
	for _, j := range m.Joins {
		table := mapping.TableName(j.Schema)
		d.joinTables[j.Name] = table
		if f := joinFlags[j.Name]; f != "" {
			d.joins[j.Name] = f
			continue
		}
		if d.joins[j.Name], err = d.tableFile(table, "join "+j.Name+"'s table"); err != nil {
			return nil, err
		}
	}
	lp := filepath.Join(dir, "labels.csv")
	if d.sheets != nil {
		lp = strings.TrimSuffix(dir, filepath.Ext(dir)) + ".labels.csv"
	}
	if st, err := os.Stat(lp); err == nil && st.Mode().IsRegular() {
		d.labels = lp
	}
	return d, nil
}

// tableFile is the one file of table in the dataset.
func (d *datasetFiles) tableFile(table, what string) (string, error) {
	if table == "" || strings.ContainsAny(table, `/\`) || table == "." || table == ".." {
		return "", usagef("--dataset %s: %s %q cannot name a file", d.dir, what, table)
	}
	if d.sheets != nil {
		return d.tableSheet(table, what)
	}
	var found []string
	for _, ext := range datasetExts {
		p := filepath.Join(d.dir, table+"."+ext)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return "", usagef("--dataset %s: no file for table %s (%s): want %s.csv (or .tsv, .jsonl, .json, .xlsx)", d.dir, table, what, filepath.Join(d.dir, table))
	case 1:
		return found[0], nil
	}
	return "", usagef("--dataset %s: table %s (%s) has several files (%s); keep one", d.dir, table, what, strings.Join(found, ", "))
}

// tableSheet is table's sheet of the workbook: the sheet of that name,
// else of the name as seam synth cuts it (31 characters, []:*?/\ as _,
// case aside).
func (d *datasetFiles) tableSheet(table, what string) (string, error) {
	cut := []rune(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, table))
	short := string(cut[:min(len(cut), 31)])
	for _, sh := range d.sheets {
		if sh == table {
			return d.dir + "#" + sh, nil
		}
	}
	for _, sh := range d.sheets {
		if strings.EqualFold(sh, short) {
			return d.dir + "#" + sh, nil
		}
	}
	return "", usagef("--dataset %s: no sheet for table %s (%s); sheets: %s", d.dir, table, what, strings.Join(d.sheets, ", "))
}

// readLabels reads the dataset's labels of the tables the mapping reads
// (nil without DIR/labels.csv).
func (d *datasetFiles) readLabels() (*check.DatasetLabels, error) {
	if d.labels == "" {
		return nil, nil
	}
	f, err := value.Open(d.labels)
	if err != nil {
		return nil, usageErr(err)
	}
	defer f.Close()
	keep := map[string]bool{d.sourceTable: true}
	for _, t := range d.joinTables {
		keep[t] = true
	}
	ls, err := check.ReadDatasetLabels(f, d.labels, keep)
	if err != nil {
		return nil, usageErr(err)
	}
	return ls, nil
}

// joinLoad is how a dataset's joins are loaded: a repeated key keeps its
// first row and is reported.
func (d *datasetFiles) joinLoad(maxRows int) engine.JoinLoadOptions {
	return engine.JoinLoadOptions{MaxRows: maxRows, KeepFirst: d != nil}
}

// warnDuplicates tells seam run's user, on stderr, which joins' tables
// repeated a key (the first row of each key was joined).
func warnDuplicates(w io.Writer, p *engine.Plan) {
	for _, j := range p.Mapping().Joins {
		name := j.Name
		dups, n := p.JoinDuplicates(name)
		if n == 0 {
			continue
		}
		d := dups[0]
		fmt.Fprintf(w, "seam: join %s: %s repeats %d key(s), first row %d (key %q, first at row %d); each repeating row is left out and the first row with the key is joined\n",
			name, p.JoinPath(name), n, d.Row, d.Key, d.First)
	}
}
