package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

// memSink collects a dataset in memory: one buffer per table, the labels.
type memSink struct {
	files  map[string]*bytes.Buffer
	order  []string
	labels []RelLabel
}

func (m *memSink) sink() DatasetSink {
	m.files = map[string]*bytes.Buffer{}
	return DatasetSink{
		Open: func(t string) (io.Writer, error) {
			b := &bytes.Buffer{}
			m.files[t] = b
			m.order = append(m.order, t)
			return b, nil
		},
		Label: func(l RelLabel) error { m.labels = append(m.labels, l); return nil },
	}
}

// rows parses table t's CSV into header and rows.
func (m *memSink) rows(t *testing.T, table string) ([]string, [][]string) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(m.files[table].Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	return recs[0], recs[1:]
}

func realworldDDL(parts ...string) string {
	return filepath.Join(append([]string{"..", "testdata", "schemas", "realworld"}, parts...)...)
}

func loadDataset(t *testing.T, ref string, rows int64) *Dataset {
	t.Helper()
	ss, err := LoadTables(ref, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) < 2 {
		t.Fatalf("%s: %d tables", ref, len(ss))
	}
	d, err := NewDataset(ss, rows)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func genDataset(t *testing.T, d *Dataset, plan DatasetPlan, seed int64) *memSink {
	t.Helper()
	m := &memSink{}
	if err := WriteDataset(context.Background(), d, plan, seed, "csv", m.sink()); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestNorthwindKeysResolve(t *testing.T) {
	d := loadDataset(t, realworldDDL("northwind", "northwind.sql"), 300)
	if len(d.Tables) != 14 {
		var n []string
		for _, x := range d.Tables {
			n = append(n, x.Name)
		}
		t.Fatalf("tables %v", n)
	}
	m := genDataset(t, d, DatasetPlan{Plan: Plan{EdgeRate: 0.05}}, 7)
	if len(m.labels) == 0 {
		t.Log("no labels")
	}
	pos := map[string]int{}
	for i, n := range m.order {
		pos[n] = i
	}
	keys := map[string]map[string]bool{}
	for _, tb := range d.Tables {
		hdr, rows := m.rows(t, tb.Name)
		col := map[string]int{}
		for i, h := range hdr {
			col[h] = i
		}
		t.Logf("%s: %d rows", tb.Name, len(rows))
		if len(tb.Key) == 1 {
			seen := map[string]bool{}
			for _, r := range rows {
				k := r[col[tb.Key[0].Name]]
				if seen[k] {
					t.Fatalf("%s: key %s twice", tb.Name, k)
				}
				seen[k] = true
			}
			keys[tb.Name] = seen
		}
		for _, fk := range tb.FKs {
			if len(fk.Cols) != 1 {
				continue
			}
			if pos[fk.Parent.Name] > pos[tb.Name] {
				t.Fatalf("%s before its parent %s", tb.Name, fk.Parent.Name)
			}
			for i, r := range rows {
				v := r[col[fk.Cols[0].Name]]
				if v == "" {
					continue
				}
				if fk.Self() {
					if _, err := strconv.Atoi(v); err != nil {
						t.Fatal(v)
					}
					continue
				}
				if !keys[fk.Parent.Name][v] {
					t.Fatalf("%s row %d: %s=%q has no parent in %s", tb.Name, i+1, fk.Cols[0].Name, v, fk.Parent.Name)
				}
			}
		}
	}
}
