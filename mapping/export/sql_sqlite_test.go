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

func TestSQLiteRuns(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	loadRows(t, db, "orders", sourceCols(), diffRows, func(int) string { return "?" })
	q, unsup, err := SQL(diffMapping(), diffSource(), diffTarget(), SQLOptions{Dialect: "sqlite"})
	if err != nil {
		t.Fatal(err)
	}
	if len(unsup) != 0 {
		t.Fatalf("unsupported: %+v", unsup)
	}
	cols, got := queryText(t, db, q)
	if strings.Join(cols, ",") != "order_no,total,quantity,state,full_name,mail,birth,birth_text,code_padded,note_or,active,initial" {
		t.Errorf("columns = %v", cols)
	}
	// Rows 4 (lookup miss), x5 (id), 6 (amount), 7 (overflow) are rejected;
	// 10 (1e3) too in SQLite (no exponent form).
	wantIDs := []string{"1", "2", "3", "8", "9"}
	if len(got) != len(wantIDs) {
		t.Fatalf("got %d rows, want %d:\n%v\n%s", len(got), len(wantIDs), got, q)
	}
	for i, id := range wantIDs {
		if got[i][0] != id {
			t.Errorf("row %d: order_no %s, want %s", i, got[i][0], id)
		}
	}
	want1 := []string{"1", "19.99", "3", "pending", "Ada LOVELACE", "ada@example.com", "1815-12-10", "1815-12-10", "00042", "hello", "1", "A"}
	if strings.Join(got[0], "|") != strings.Join(want1, "|") {
		t.Errorf("row 1 = %q\nwant    %q", got[0], want1)
	}
	// row 3: qty "x" -> default 0; born 29.02.2023 -> null / kept text; flag maybe -> null
	if got[2][2] != "0" || got[2][6] != "<null>" || got[2][7] != "29.02.2023" || got[2][10] != "<null>" || got[2][9] != "other" {
		t.Errorf("row 3 = %q", got[2])
	}
	// all-null row: nulls flow through, null lookups are null, not misses
	if got[3][3] != "<null>" || got[3][4] != " " || got[3][8] != "<null>" {
		t.Errorf("null row = %q", got[3])
	}
}
