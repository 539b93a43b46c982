package backend

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
)

// A multi-table dataset generated from Northwind's DDL (GenerateTables,
// the edge profile: orphan lines among them) is read back for the
// order-lines mapping, whose joins read the dataset's orders, customers
// and employees, and run as seam run --dataset runs it (#15.5).
func TestGenerateAndRunDataset(t *testing.T) {
	e := Engine{}
	src, err := schema.Load("../../testdata/schemas/realworld/northwind/northwind.sql#orders", schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := e.Tables(src)
	if err != nil || ts == nil || len(ts.Tables) != 14 {
		t.Fatalf("tables: %v %v", ts, err)
	}
	dir := filepath.Join(t.TempDir(), "nw")
	var seen []string
	res, err := e.GenerateTables(context.Background(), ts, common.TablesPlan{GenPlan: common.GenPlan{Rows: 200, Seed: 3, EdgeRate: 0.2, Profile: "edge"}, Dir: dir},
		func(table string, _ int64) {
			if len(seen) == 0 || seen[len(seen)-1] != table {
				seen = append(seen, table)
			}
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tables) != 14 || len(seen) != 14 {
		t.Fatalf("generated %v, progress of %v", res.Tables, seen)
	}
	m, err := mapping.LoadWith("../../testdata/mappings/dataset/northwind-order-lines.seam.yaml", mapping.LoadOptions{AllowPaths: []string{"../../testdata"}})
	if err != nil {
		t.Fatal(err)
	}
	all, err := m.LoadAll(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.LoadDataset(context.Background(), dir, m)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for i, name := range res.Tables {
		if name == "order_details" {
			lines = int(res.Rows[i])
		}
	}
	if d.Len() != lines || d.Tables == nil || len(d.Tables.JoinFiles) != 3 || d.EdgeRows() == 0 {
		t.Fatalf("dataset: %d rows of %d, tables %+v, %d with edge cases", d.Len(), lines, d.Tables, d.EdgeRows())
	}
	run, err := e.RunTargets(context.Background(), m, all.Source, all.Targets, all.Joins, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if run.Records != int64(lines) || run.Read != run.Written+run.Rejected {
		t.Fatalf("records %d of %d, read %d written %d rejected %d", run.Records, lines, run.Read, run.Written, run.Rejected)
	}
	// the orphan lines the edge profile makes find no order
	misses := 0
	for _, f := range run.Findings {
		if f.Kind == kind.LookupMiss && f.Join == "orders" {
			misses += int(f.Count)
		}
	}
	if misses == 0 || run.Rejected == 0 {
		t.Errorf("no line without its order: %d misses, %d rejected; findings %v", misses, run.Rejected, run.Findings)
	}
	// A table the mapping reads is missing: the error names it.
	if err := os.Remove(filepath.Join(dir, "customers.csv")); err != nil {
		t.Fatal(err)
	}
	if _, err := e.LoadDataset(context.Background(), dir, m); err == nil || !strings.Contains(err.Error(), "customers") {
		t.Errorf("missing customers.csv: %v", err)
	}
}
