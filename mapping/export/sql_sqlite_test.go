package export

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// loadRows creates table name with text columns and inserts rows.
// execQuerier is what the row helpers need from *sql.DB or a connection.
type execQuerier interface {
	Exec(q string, args ...any) (sql.Result, error)
	Query(q string, args ...any) (*sql.Rows, error)
}

func loadRows(t *testing.T, db execQuerier, name string, cols []string, rows [][]any, ph func(int) string) {
	t.Helper()
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `" TEXT`
	}
	if _, err := db.Exec(`DROP TABLE IF EXISTS "` + name + `"`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE "` + name + `" (` + strings.Join(q, ", ") + `)`); err != nil {
		t.Fatal(err)
	}
	p := make([]string, len(cols))
	for i := range p {
		p[i] = ph(i + 1)
	}
	ins := `INSERT INTO "` + name + `" VALUES (` + strings.Join(p, ", ") + `)`
	if sdb, ok := db.(*sql.DB); ok {
		// one transaction, one prepared statement: fast
		tx, err := sdb.Begin()
		if err != nil {
			t.Fatal(err)
		}
		st, err := tx.Prepare(ins)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if _, err := st.Exec(r...); err != nil {
				t.Fatalf("insert %v: %v", r, err)
			}
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, r := range rows {
		if _, err := db.Exec(ins, r...); err != nil {
			t.Fatalf("insert %v: %v", r, err)
		}
	}
}

// queryText runs q and renders every cell as text, NULL as "<null>",
// numbers in shortest form, dates as YYYY-MM-DD, booleans as true/false.
func queryText(t *testing.T, db execQuerier, q string) ([]string, [][]string) {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("query failed: %v\n%s", err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		rec := make([]string, len(cols))
		for i, v := range vals {
			rec[i] = sqlText(v)
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("query failed: %v\n%s", err, q)
	}
	return cols, out
}

func sqlText(v any) string {
	switch x := v.(type) {
	case nil:
		return "<null>"
	case []byte:
		return string(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02T15:04:05")
	case float64:
		return fmt.Sprint(x)
	case bool:
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

func sourceCols() []string {
	var cs []string
	for _, f := range diffSource().Fields {
		cs = append(cs, f.Path)
	}
	return cs
}
