package export

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// openPG connects to the server named by SEAM_TEST_PG, in a private schema
// dropped afterwards. Without SEAM_TEST_PG, or when the server does not
// answer, the test skips, except in CI (CI=true with SEAM_TEST_PG set),
// where that is a failure. Start a server with .ci/pg.sh.
func openPG(t *testing.T) *pgx.Conn {
	t.Helper()
	dsn := os.Getenv("SEAM_TEST_PG")
	if dsn == "" {
		t.Skip("SEAM_TEST_PG is not set: skipping the PostgreSQL test (start a server with `export SEAM_TEST_PG=$(bash .ci/pg.sh start)`)")
	}
	fail := t.Skipf
	if os.Getenv("CI") == "true" {
		fail = t.Fatalf
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		fail("PostgreSQL at SEAM_TEST_PG=%q is unreachable: %v", dsn, err)
	}
	name := "seam_export_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	for _, q := range []string{"CREATE SCHEMA " + name, "SET search_path TO " + name} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		conn.Exec(context.Background(), "DROP SCHEMA "+name+" CASCADE")
		conn.Close(context.Background())
	})
	return conn
}

// pgLoad creates a table of text columns and inserts rows.
func pgLoad(t *testing.T, conn *pgx.Conn, name string, cols []string, rows [][]any) {
	t.Helper()
	ctx := context.Background()
	q := make([]string, len(cols))
	p := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `" TEXT`
		p[i] = "$" + strconv.Itoa(i+1)
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE "`+name+`" (`+strings.Join(q, ", ")+`)`); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if _, err := conn.Exec(ctx, `INSERT INTO "`+name+`" VALUES (`+strings.Join(p, ", ")+`)`, r...); err != nil {
			t.Fatalf("insert %v: %v", r, err)
		}
	}
}

// pgQuery runs q with the simple protocol, so every cell arrives as text;
// NULL is "<null>", booleans are true/false.
func pgQuery(t *testing.T, conn *pgx.Conn, q string) ([]string, [][]string) {
	t.Helper()
	rows, err := conn.Query(context.Background(), q, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		t.Fatalf("query failed: %v\n%s", err, q)
	}
	defer rows.Close()
	var cols []string
	for _, f := range rows.FieldDescriptions() {
		cols = append(cols, f.Name)
	}
	var out [][]string
	for rows.Next() {
		raw := rows.RawValues()
		rec := make([]string, len(raw))
		for i, b := range raw {
			switch {
			case b == nil:
				rec[i] = "<null>"
			case rows.FieldDescriptions()[i].DataTypeOID == 16: // bool
				rec[i] = map[string]string{"t": "true", "f": "false"}[string(b)]
			default:
				rec[i] = string(b)
			}
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("query failed: %v\n%s", err, q)
	}
	return cols, out
}

func TestPostgresRuns(t *testing.T) {
	conn := openPG(t)
	q, unsup, err := SQL(diffMapping(), diffSource(), diffTarget(), SQLOptions{Dialect: "postgres", View: "sales_v"})
	if err != nil {
		t.Fatal(err)
	}
	if len(unsup) != 0 {
		t.Fatalf("unsupported: %+v", unsup)
	}
	pgLoad(t, conn, "orders", sourceCols(), diffRows)
	if _, err := conn.Exec(context.Background(), q, pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatalf("create view: %v\n%s", err, q)
	}
	_, got := pgQuery(t, conn, `SELECT * FROM sales_v`)
	wantIDs := []string{"1", "2", "3", "8", "9", "10"}
	if len(got) != len(wantIDs) {
		t.Fatalf("got %d rows, want %d:\n%v\n%s", len(got), len(wantIDs), got, q)
	}
	for i, id := range wantIDs {
		if got[i][0] != id {
			t.Errorf("row %d: order_no %s, want %s", i, got[i][0], id)
		}
	}
	want1 := []string{"1", "19.99", "3", "pending", "Ada LOVELACE", "ada@example.com", "1815-12-10", "1815-12-10", "00042", "hello", "true", "A"}
	if strings.Join(got[0], "|") != strings.Join(want1, "|") {
		t.Errorf("row 1 = %q\nwant    %q", got[0], want1)
	}
	if got[5][1] != "10.00" {
		t.Errorf("1e3 cents = %q, want 10.00", got[5][1])
	}
	if got[4][4] != "Gü ÖZ" {
		t.Errorf("unicode upper = %q", got[4][4])
	}
}
