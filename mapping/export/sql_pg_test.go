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

// pgExec runs a statement with the simple protocol (several statements
// and comments allowed).
func pgExec(t *testing.T, conn *pgx.Conn, q string) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), q, pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatalf("exec failed: %v\n%s", err, q)
	}
}

// testingPG reports whether a PostgreSQL test server is configured.
func testingPG() bool { return os.Getenv("SEAM_TEST_PG") != "" }
