package check

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/value"
)

// Dataset says that a plan's data is a multi-table dataset (seam check
// --dataset DIR): the source records are one table of it and every join
// reads another. RunPlan then reports what only a dataset has:
//
//   - duplicate_key (error), one finding per join whose rows repeat a key
//     (loaded with engine.JoinLoadOptions.KeepFirst: the first row is the
//     one kept), each example naming the repeating row and the kept one;
//   - parent_rejected instead of lookup_miss for a join keyed on an
//     earlier join's field (customer on order.customer_id) that found no
//     row although the earlier join did: the child's parent row (the
//     order) names a row that does not exist, so a database refuses that
//     parent and the child has none.
type Dataset struct {
	// Labels are the dataset's edge-case labels (DIR/labels.csv); nil
	// when there are none.
	Labels *DatasetLabels
	// JoinTables names, per join, the dataset table its rows come from
	// (the labels of a repeated key's row are that table's).
	JoinTables map[string]string
}

// DatasetLabels are the labels sidecar of a dataset written by seam synth
// (DIR/labels.csv: table,row,field,edge_case): per table and 1-based row,
// the edge case behind each labelled field.
type DatasetLabels struct {
	rows map[string]map[int64]map[string]string
}

// ReadDatasetLabels reads a labels sidecar from r (named path in errors),
// keeping the tables keep names (every table when keep is nil). A line
// that is not table,row,field,edge_case with a positive row is an error
// naming the file, line and field.
func ReadDatasetLabels(r io.Reader, path string, keep map[string]bool) (*DatasetLabels, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // counted here, for a clearer error
	cr.ReuseRecord = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return &DatasetLabels{rows: map[string]map[int64]map[string]string{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(head) != 4 || strings.TrimPrefix(head[0], "\ufeff") != "table" || head[1] != "row" || head[2] != "field" || head[3] != "edge_case" {
		return nil, fmt.Errorf("%s:1: want the header table,row,field,edge_case (seam synth --labels), got %s", path, strings.Join(head, ","))
	}
	d := &DatasetLabels{rows: map[string]map[int64]map[string]string{}}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return d, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != 4 {
			return nil, fmt.Errorf("%s:%d: want 4 fields (table,row,field,edge_case), got %d", path, line, len(rec))
		}
		if keep != nil && !keep[rec[0]] {
			continue
		}
		row, err := strconv.ParseInt(rec[1], 10, 64)
		if err != nil || row < 1 {
			return nil, fmt.Errorf("%s:%d: row %q: want a row number from 1", path, line, rec[1])
		}
		if rec[2] == "" || rec[3] == "" {
			return nil, fmt.Errorf("%s:%d: a label needs a field and an edge_case", path, line)
		}
		t := d.rows[rec[0]]
		if t == nil {
			t = map[int64]map[string]string{}
			d.rows[rec[0]] = t
		}
		fs := t[row]
		if fs == nil {
			fs = map[string]string{}
			t[row] = fs
		}
		fs[rec[2]] = rec[3]
	}
}

// Row returns the labels of row of table by field (nil for none).
func (d *DatasetLabels) Row(table string, row int64) map[string]string {
	if d == nil {
		return nil
	}
	return d.rows[table][row]
}

// Reader returns r labelled with table's labels (a LabelledReader, so
// that findings' examples and edge-case counts name them); r itself when
// the table has none.
func (d *DatasetLabels) Reader(table string, r value.RecordReader) value.RecordReader {
	if d == nil || len(d.rows[table]) == 0 {
		return r
	}
	return &labelledTable{RecordReader: r, rows: d.rows[table]}
}

// labelledTable is a dataset table's reader with its labels.
type labelledTable struct {
	value.RecordReader
	rows map[int64]map[string]string
}

// Labels returns row's labels by field.
func (l *labelledTable) Labels(row int64) map[string]string { return l.rows[row] }
