package synth

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/seamhq/seam/mapping/schema"
)

// openPG connects to SEAM_TEST_PG in a private schema dropped afterwards;
// without SEAM_TEST_PG the test skips (in CI, CI=true, an unreachable
// server fails it). Start one with `export SEAM_TEST_PG=$(bash .ci/pg.sh start)`.
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
	name := "seam_synth_" + strconv.FormatInt(time.Now().UnixNano(), 36)
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

// pgExec runs a script of several statements (simple protocol).
func pgExec(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.PgConn().Exec(context.Background(), sql).ReadAll(); err != nil {
		t.Fatalf("%v\n%.400s", err, sql)
	}
}

// runOriginalDDL runs a real-world DDL file as it is, but for what would
// leave the private schema or the session: psql meta commands, CREATE and
// DROP DATABASE, SET search_path.
func runOriginalDDL(t *testing.T, conn *pgx.Conn, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("%s: %v", path, err)
	}
	var keep []string
	for _, line := range strings.Split(string(data), "\n") {
		l := strings.TrimSpace(strings.ToUpper(line))
		if strings.HasPrefix(l, `\`) || strings.HasPrefix(l, "DROP DATABASE") || strings.HasPrefix(l, "CREATE DATABASE") ||
			strings.HasPrefix(l, "SET SEARCH_PATH") {
			continue
		}
		// objects named public.x are created in the private schema
		keep = append(keep, strings.ReplaceAll(line, "public.", ""))
	}
	pgExec(t, conn, strings.Join(keep, "\n"))
}

type pgConstraint struct{ table, name, kind, def string }

// pgConstraints lists the constraints of the private schema, foreign keys
// last.
func pgConstraints(t *testing.T, conn *pgx.Conn) []pgConstraint {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT conrelid::regclass::text, conname, contype::text, pg_get_constraintdef(oid)
		FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conrelid <> 0
		ORDER BY contype = 'f', conrelid::regclass::text, conname`)
	if err != nil {
		t.Fatal(err)
	}
	var out []pgConstraint
	for rows.Next() {
		var c pgConstraint
		if err := rows.Scan(&c.table, &c.name, &c.kind, &c.def); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// writeDatasetFiles generates d into dir/<table>.csv.
func writeDatasetFiles(t *testing.T, d *Dataset, plan DatasetPlan, seed int64, dir string) []RelLabel {
	t.Helper()
	var files []*os.File
	var labels []RelLabel
	sink := DatasetSink{
		Open: func(table string) (io.Writer, error) {
			f, err := os.Create(filepath.Join(dir, table+".csv"))
			files = append(files, f)
			return f, err
		},
		Label: func(l RelLabel) error { labels = append(labels, l); return nil },
	}
	err := WriteDataset(context.Background(), d, plan, seed, "csv", sink)
	for _, f := range files {
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return labels
}

// pgCopy loads dir/<table>.csv into table with COPY and returns the
// number of rows loaded.
func pgCopy(t *testing.T, conn *pgx.Conn, dir, table string) int64 {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, table+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hdr, err := csv.NewReader(f).Read()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	cols := make([]string, len(hdr))
	for i, h := range hdr {
		cols[i] = pgx.Identifier{h}.Sanitize()
	}
	q := fmt.Sprintf("COPY %s (%s) FROM STDIN WITH (FORMAT csv, HEADER true)", pgx.Identifier{table}.Sanitize(), strings.Join(cols, ", "))
	tag, err := conn.PgConn().CopyFrom(context.Background(), f, q)
	if err != nil {
		t.Fatalf("COPY %s: %v", table, err)
	}
	return tag.RowsAffected()
}

func pgCount(t *testing.T, conn *pgx.Conn, table string) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPGLoadRealistic: a realistic dataset of the real-world DDL loads
// into PostgreSQL with every constraint of the original DDL enforced:
// NOT NULL, primary and unique keys while COPY loads the tables, foreign
// keys validated when they are added back after the load (as the DDL
// files themselves do: ALTER TABLE ... ADD CONSTRAINT after the data).
func TestPGLoadRealistic(t *testing.T) {
	for _, c := range []struct {
		name, file, plan string
		rows             int64
		driver           string
	}{
		{"northwind", realworldDDL("northwind", "northwind.sql"), "../testdata/synth/northwind.plan.yaml", 10000, "orders"},
		{"chinook", realworldDDL("chinook", "Chinook_PostgreSql.sql"), "", 10000, "invoice"},
		// Sakila without its six payment_p2007_* inheritance partitions:
		// their rows belong in payment, and their CHECK on payment_date
		// (one month each) is not a field constraint seam reads.
		{"sakila", realworldDDL("sakila", "postgres-sakila-schema.sql"), "", 10000, "rental"},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn := openPG(t)
			runOriginalDDL(t, conn, c.file)
			cons := pgConstraints(t, conn)
			ss, err := LoadTables(c.file, schema.Options{})
			if err != nil {
				t.Fatal(err)
			}
			kept := ss[:0]
			for _, s := range ss {
				if !strings.HasPrefix(s.Name, "payment_p2007_") {
					kept = append(kept, s)
				}
			}
			d, err := NewDataset(kept, c.rows)
			if err != nil {
				t.Fatal(err)
			}
			if c.plan != "" {
				data, err := os.ReadFile(c.plan)
				if err != nil {
					t.Fatal(err)
				}
				sp, err := ParseSetPlan(c.plan, data)
				if err != nil {
					t.Fatal(err)
				}
				if err := sp.Apply(d); err != nil {
					t.Fatal(err)
				}
			}
			var names []string
			for _, tb := range d.Tables {
				names = append(names, pgx.Identifier{tb.Name}.Sanitize())
			}
			for _, k := range cons {
				if k.kind == "f" {
					pgExec(t, conn, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", k.table, pgx.Identifier{k.name}.Sanitize()))
				}
			}
			pgExec(t, conn, "TRUNCATE "+strings.Join(names, ", "))
			dir := t.TempDir()
			writeDatasetFiles(t, d, DatasetPlan{Plan: Plan{EdgeRate: 0.05}}, 1, dir)
			for _, tb := range d.Tables {
				n := pgCopy(t, conn, dir, tb.Name)
				if got := pgCount(t, conn, tb.Name); got != n || n == 0 {
					t.Fatalf("%s: COPY loaded %d, count %d", tb.Name, n, got)
				}
			}
			fks := 0
			for _, k := range cons {
				if k.kind == "f" {
					pgExec(t, conn, fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s %s", k.table, pgx.Identifier{k.name}.Sanitize(), k.def))
					fks++
				}
			}
			if fks == 0 {
				t.Fatal("the DDL has no foreign keys")
			}
			if got := pgCount(t, conn, c.driver); got != c.rows {
				t.Fatalf("%s: %d rows, want %d", c.driver, got, c.rows)
			}
			var all int64
			for _, tb := range d.Tables {
				all += pgCount(t, conn, tb.Name)
			}
			t.Logf("%d tables, %d rows, %d foreign keys enforced", len(d.Tables), all, fks)
		})
	}
}

// TestPGRefusesExactlyTheLabelledRows: Northwind with relational edge
// cases (and no field edge cases) is loaded into the original tables with
// every constraint dropped; the rows labelled with a refusing class are
// set aside; every constraint of the DDL is then added back, which
// PostgreSQL accepts (no unlabelled row breaks a key), and each row set
// aside, inserted again, is refused (every labelled row breaks one).
func TestPGRefusesExactlyTheLabelledRows(t *testing.T) {
	conn := openPG(t)
	ctx := context.Background()
	file := realworldDDL("northwind", "northwind.sql")
	runOriginalDDL(t, conn, file)
	cons := pgConstraints(t, conn)
	d := loadDataset(t, file, 300)
	for i := len(cons) - 1; i >= 0; i-- {
		k := cons[i]
		pgExec(t, conn, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", k.table, pgx.Identifier{k.name}.Sanitize()))
	}
	rows, err := conn.Query(ctx, `SELECT table_name::text, column_name::text FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_nullable = 'NO' ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	var notNull [][2]string
	for rows.Next() {
		var tc [2]string
		if err := rows.Scan(&tc[0], &tc[1]); err != nil {
			t.Fatal(err)
		}
		notNull = append(notNull, tc)
	}
	rows.Close()
	for _, tc := range notNull {
		pgExec(t, conn, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL", pgx.Identifier{tc[0]}.Sanitize(), pgx.Identifier{tc[1]}.Sanitize()))
	}
	var names []string
	for _, tb := range d.Tables {
		names = append(names, pgx.Identifier{tb.Name}.Sanitize())
	}
	pgExec(t, conn, "TRUNCATE "+strings.Join(names, ", "))
	for _, n := range names {
		pgExec(t, conn, "ALTER TABLE "+n+" ADD COLUMN seam_row bigint GENERATED ALWAYS AS IDENTITY")
	}
	dir := t.TempDir()
	labels := writeDatasetFiles(t, d, DatasetPlan{Plan: Plan{Profile: Edge}, RelRate: 0.1}, 5, dir)
	refused := map[string][]int64{}
	classes := map[string]int{}
	seen := map[string]bool{}
	for _, l := range labels {
		if !Refused(l.Case) {
			continue
		}
		classes[l.Case]++
		k := l.Table + "#" + strconv.FormatInt(l.Row, 10)
		if !seen[k] {
			seen[k] = true
			refused[l.Table] = append(refused[l.Table], l.Row)
		}
	}
	for _, c := range []string{RelDangling, RelDuplicateKey, RelKeyCase, RelNullKeyPart, RelParentRefused, RelOrphan} {
		if classes[c] == 0 {
			t.Errorf("no row labelled %s", c)
		}
	}
	cols := map[string]string{}
	for _, tb := range d.Tables {
		pgCopy(t, conn, dir, tb.Name)
		f, err := os.Open(filepath.Join(dir, tb.Name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		hdr, _ := csv.NewReader(f).Read()
		f.Close()
		var q []string
		for _, h := range hdr {
			q = append(q, pgx.Identifier{h}.Sanitize())
		}
		cols[tb.Name] = strings.Join(q, ", ")
		n := pgx.Identifier{tb.Name}.Sanitize()
		pgExec(t, conn, fmt.Sprintf("CREATE TABLE %s AS SELECT * FROM %s WHERE false", pgx.Identifier{tb.Name + "__refused"}.Sanitize(), n))
		if rs := refused[tb.Name]; len(rs) > 0 {
			if _, err := conn.Exec(ctx, fmt.Sprintf("WITH gone AS (DELETE FROM %s WHERE seam_row = ANY($1) RETURNING *) INSERT INTO %s SELECT * FROM gone",
				n, pgx.Identifier{tb.Name + "__refused"}.Sanitize()), rs); err != nil {
				t.Fatal(err)
			}
		}
		pgExec(t, conn, "ALTER TABLE "+n+" DROP COLUMN seam_row")
	}
	// every constraint back: PostgreSQL accepts every row not labelled
	for _, tc := range notNull {
		pgExec(t, conn, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", pgx.Identifier{tc[0]}.Sanitize(), pgx.Identifier{tc[1]}.Sanitize()))
	}
	for _, k := range cons {
		pgExec(t, conn, fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s %s", k.table, pgx.Identifier{k.name}.Sanitize(), k.def))
	}
	// and refuses every labelled row, inserted again one at a time
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	total := 0
	for _, tb := range d.Tables {
		for _, row := range refused[tb.Name] {
			if _, err := tx.Exec(ctx, "SAVEPOINT one"); err != nil {
				t.Fatal(err)
			}
			_, err := tx.Exec(ctx, fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s WHERE seam_row = $1",
				pgx.Identifier{tb.Name}.Sanitize(), cols[tb.Name], cols[tb.Name], pgx.Identifier{tb.Name + "__refused"}.Sanitize()), row)
			if err == nil {
				t.Errorf("%s row %d is labelled as refused, but PostgreSQL accepts it", tb.Name, row)
			}
			if _, err := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT one"); err != nil {
				t.Fatal(err)
			}
			total++
		}
	}
	t.Logf("%d rows refused, by class %v", total, classes)
}
