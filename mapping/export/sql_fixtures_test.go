package export

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// sqlColType is the column type a source field gets in the smoke tables.
func sqlColType(dialect string, t schema.Type) string {
	pg := map[schema.Type]string{schema.Integer: "BIGINT", schema.Decimal: "NUMERIC", schema.Float: "DOUBLE PRECISION",
		schema.Boolean: "BOOLEAN", schema.Date: "DATE", schema.Timestamp: "TIMESTAMP", schema.TimestampTZ: "TIMESTAMPTZ"}
	lite := map[schema.Type]string{schema.Integer: "INTEGER", schema.Decimal: "REAL", schema.Float: "REAL", schema.Boolean: "INTEGER"}
	m := lite
	if dialect == "postgres" {
		m = pg
	}
	if s, ok := m[t]; ok {
		return s
	}
	return "TEXT"
}

// createSource renders CREATE TABLE for the source schema's leaves.
func createSource(dialect, table string, src *schema.Schema) string {
	var cols []string
	for _, f := range src.Leaves() {
		if strings.Contains(f.Path, "[]") {
			continue // array elements are not columns
		}
		cols = append(cols, `"`+strings.ReplaceAll(f.Path, `"`, `""`)+`" `+sqlColType(dialect, f.Type))
	}
	return `CREATE TABLE "` + table + `" (` + strings.Join(cols, ", ") + `)`
}

// TestSQLFixturesRun exports every fixture mapping whose schemas load, in
// every dialect, and runs the SQLite and PostgreSQL forms on an empty
// source table: the SQL is valid and names only existing columns. Rules a
// dialect cannot express are listed, never dropped silently.
func TestSQLFixturesRun(t *testing.T) {
	for _, path := range mappingFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			m, err := mapping.Load(path)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			src, dst, err := m.LoadSchemas(schema.Options{})
			if err != nil {
				t.Skipf("schemas do not load here (shared fixtures absent?): %v", err)
			}
			for _, d := range Dialects() {
				q, unsup, err := SQL(m, src, dst, SQLOptions{Dialect: d, FromTable: "src"})
				if err != nil {
					t.Fatalf("%s: %v", d, err)
				}
				active := 0
				for _, r := range m.Rules {
					if r.Active() {
						active++
					}
				}
				cols := strings.Count(q[strings.LastIndex(q, "\nSELECT\n"):], " AS ")
				if cols+len(unsup) < active-dupTargets(m) {
					t.Errorf("%s: %d columns + %d unsupported for %d active rules", d, cols, len(unsup), active)
				}
				for _, u := range unsup {
					if !strings.Contains(q, "rule "+u.Rule+":") {
						t.Errorf("%s: unsupported rule %s not named in the SQL", d, u.Rule)
					}
				}
				t.Logf("%s: %d rules as SQL columns, %d unsupported %v", d, cols, len(unsup), unsup)
				switch d {
				case "sqlite":
					db, err := sql.Open("sqlite", ":memory:")
					if err != nil {
						t.Fatal(err)
					}
					if _, err := db.Exec(createSource(d, "src", src)); err != nil {
						t.Fatal(err)
					}
					if rows, err := db.Query(q); err != nil {
						t.Errorf("sqlite rejects the exported SQL: %v\n%s", err, q)
					} else {
						rows.Close()
					}
					db.Close()
				case "postgres":
					if testingPG() {
						conn := openPG(t)
						pgExec(t, conn, createSource(d, "src", src))
						if _, err := conn.Exec(context.Background(), q); err != nil {
							t.Errorf("postgres rejects the exported SQL: %v\n%s", err, q)
						}
					}
				}
			}
		})
	}
}

func dupTargets(m *mapping.Mapping) int {
	seen, n := map[string]bool{}, 0
	for _, r := range m.Rules {
		if r.Active() {
			if seen[r.Target] {
				n++
			}
			seen[r.Target] = true
		}
	}
	return n
}
