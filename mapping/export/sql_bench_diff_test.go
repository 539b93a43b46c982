package export

import (
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// benchCase loads the peer workload's mapping and its 10,000-row sample,
// with a rowno column (source and target) to compare row for row.
func benchCase(t *testing.T) (*mapping.Mapping, *schema.Schema, *schema.Schema, [][]any) {
	t.Helper()
	const dir = "../../testdata/bench/"
	if _, err := os.Stat(dir + "orders.seam.yaml"); err != nil {
		t.Skipf("no bench fixtures: %v", err)
	}
	m, err := mapping.Load(dir + "orders.seam.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rowno := func(s *schema.Schema) *schema.Schema {
		c := *s
		c.Fields = append([]*schema.Field{{Path: "rowno", Name: "rowno", Type: schema.Integer, Required: true}}, s.Fields...)
		c.Reindex()
		return &c
	}
	src, dst = rowno(src), rowno(dst)
	src.Fields[0].Type = schema.String
	mm := plain(m)
	mm.Rules = append([]*mapping.Rule{{Target: "rowno", From: []string{"rowno"}}}, mm.Rules...)

	fh, err := os.Open(dir + "orders10k.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := value.NewReader(zr, "orders10k.csv", "csv")
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]any
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		row := []any{strconv.Itoa(len(rows) + 1)}
		for _, f := range src.Fields[1:] {
			v := rec.Get(f.Path)
			if v.IsMissing() {
				row = append(row, nil)
			} else {
				row = append(row, v.Text())
			}
		}
		rows = append(rows, row)
	}
	return mm, src, dst, rows
}

func srcNames(s *schema.Schema) []string {
	var out []string
	for _, f := range s.Fields {
		out = append(out, f.Path)
	}
	return out
}

// TestDifferentialBench runs the peer workload's mapping over its
// 10,000-row sample in seam and in the exported SQL (SQLite always,
// PostgreSQL when SEAM_TEST_PG is set) and compares them row for row.
func TestDifferentialBench(t *testing.T) {
	m, src, dst, rows := benchCase(t)
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			q, unsup, err := SQL(m, src, dst, SQLOptions{Dialect: dialect, FromTable: "orders"})
			if err != nil {
				t.Fatal(err)
			}
			if len(unsup) > 0 {
				t.Fatalf("unsupported: %+v", unsup)
			}
			var cols []string
			var got [][]string
			if dialect == "sqlite" {
				db, err := sql.Open("sqlite", ":memory:")
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				db.SetMaxOpenConns(1)
				loadRows(t, db, "orders", srcNames(src), rows, func(int) string { return "?" })
				cols, got = queryText(t, db, q)
			} else {
				conn := openPG(t)
				pgExec(t, conn, createSource("postgres", "orders", src))
				data := make([][]any, len(rows))
				copy(data, rows)
				if _, err := conn.CopyFrom(context.Background(), pgx.Identifier{"orders"}, srcNames(src), pgx.CopyFromRows(data)); err != nil {
					t.Fatal(err)
				}
				cols, got = pgQuery(t, conn, q)
			}
			compareWithEngine(t, dialect, m, src, dst, cols, got, rows)
		})
	}
}
