package export

import (
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// engineResult is what seam does with each source row: the rendered
// output (by target key) or the rejection with its reasons.
type engineResult struct {
	out      map[string]string
	rejected bool
	errs     []string
}

// runEngine maps rows through seam's engine (engine.Compile + Exec.Apply).
func runEngine(t *testing.T, m *mapping.Mapping, src, dst *schema.Schema, rows [][]any) map[string]*engineResult {
	t.Helper()
	p, ds := engine.Compile(m, src, dst)
	if p == nil {
		t.Fatalf("the engine does not compile the mapping:\n%v", ds)
	}
	ex := p.NewExec()
	var keys []string
	for _, f := range src.Fields {
		keys = append(keys, f.Path)
	}
	res := map[string]*engineResult{}
	for _, r := range rows {
		rec := value.NewRecord(keys)
		for i, v := range r {
			if v == nil {
				rec.Vals[i] = value.NullV()
			} else {
				rec.Vals[i] = value.Str(v.(string))
			}
		}
		a := ex.Apply(rec)
		er := &engineResult{out: map[string]string{}, rejected: a.Rejected}
		for _, e := range a.Errors {
			er.errs = append(er.errs, fmt.Sprintf("%s: %s (%s, %s)", e.Target, e.Reason, e.Kind, e.Action))
		}
		if a.Out != nil {
			for i, k := range a.Out.Keys {
				er.out[k] = engineText(a.Out.Vals[i])
			}
		}
		res[r[0].(string)] = er
	}
	return res
}

func engineText(v value.Value) string {
	if v.IsMissing() {
		return "<null>"
	}
	return v.Text()
}

// norm brings a rendered value of a target type to one form: numbers
// compared as decimals (to 15 significant digits for SQLite's REAL), booleans
// as true/false, dates as YYYY-MM-DD.
func norm(f *schema.Field, s string, approx bool) string {
	if s == "<null>" || f == nil {
		return s
	}
	switch f.Type {
	case schema.Decimal, schema.Float:
		d, err := decimal.NewFromString(s)
		if err != nil {
			return "bad number " + strconv.Quote(s)
		}
		if approx {
			// SQLite computes decimals as REAL: 15 significant digits
			return strconv.FormatFloat(d.InexactFloat64(), 'g', 15, 64)
		}
		return d.String()
	case schema.Integer:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
	case schema.Boolean:
		switch strings.ToLower(s) {
		case "1", "t", "true":
			return "true"
		case "0", "f", "false":
			return "false"
		}
	case schema.Date:
		if len(s) >= 10 {
			return s[:10]
		}
	case schema.Timestamp:
		// seam writes 2006-01-02T15:04:05.999; databases use a space and
		// may print .000
		for _, l := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07", "2006-01-02T15:04:05.999999999Z07:00"} {
			if t, err := time.Parse(l, s); err == nil {
				return t.UTC().Format("2006-01-02T15:04:05.999999999")
			}
		}
	default:
	}
	return s
}

// compareWithEngine checks SQL output against seam, row for row: the same
// rows pass (the rest are seam's rejects) and every column is equal.
func compareWithEngine(t *testing.T, dialect string, m *mapping.Mapping, src, dst *schema.Schema, cols []string, got [][]string, rows [][]any) {
	t.Helper()
	want := runEngine(t, m, src, dst, rows)
	srcRow := map[string][]any{}
	for _, r := range rows {
		srcRow[r[0].(string)] = r
	}
	ri := -1
	for i, c := range cols {
		if c == "rowno" {
			ri = i
		}
	}
	if ri < 0 {
		t.Fatalf("no rowno column in %v", cols)
	}
	show := func(id string) string {
		var b strings.Builder
		for i, c := range src.Fields {
			fmt.Fprintf(&b, "%s=%s ", c.Path, quoteAny(srcRow[id][i]))
		}
		return b.String()
	}
	seen := map[string]bool{}
	written, mismatches := 0, 0
	for _, g := range got {
		id := g[ri]
		seen[id] = true
		w := want[id]
		if w == nil {
			t.Errorf("%s returned row %s, which is not a source row", dialect, id)
			continue
		}
		if w.rejected {
			t.Errorf("row %s: seam rejects it (%s) but %s returns it\n  source: %s", id, strings.Join(w.errs, "; "), dialect, show(id))
			mismatches++
			continue
		}
		written++
		for i, c := range cols {
			f := dst.Lookup(c)
			a, b := norm(f, w.out[c], dialect == "sqlite"), norm(f, g[i], dialect == "sqlite")
			if a != b {
				mismatches++
				t.Errorf("row %s column %s: seam %q, %s %q\n  source: %s", id, c, a, dialect, b, show(id))
			}
		}
	}
	rejected := 0
	ids := make([]string, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { a, _ := strconv.Atoi(ids[i]); b, _ := strconv.Atoi(ids[j]); return a < b })
	for _, id := range ids {
		w := want[id]
		if w.rejected {
			rejected++
			continue
		}
		if !seen[id] {
			mismatches++
			t.Errorf("row %s: seam writes it but %s filters it out\n  source: %s", id, dialect, show(id))
		}
	}
	t.Logf("%s: %d source rows, seam wrote %d and rejected %d; SQL returned %d; %d mismatches", dialect, len(rows), len(rows)-rejected, rejected, len(got), mismatches)
	if written == 0 || rejected == 0 && m.Name != "exprs" {
		t.Errorf("the data exercises too little: %d written, %d rejected", written, rejected)
	}
}

func quoteAny(v any) string {
	if v == nil {
		return "null"
	}
	return strconv.Quote(v.(string))
}

// TestDifferentialSQLite runs the exported SQLite SQL (modernc.org/sqlite)
// and seam's engine on the same edge-case rows and compares them.
func TestDifferentialSQLite(t *testing.T) {
	rows := diffRows(400, 20261127, false)
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	loadRows(t, db, "orders", sourceCols(), rows, func(int) string { return "?" })
	q, unsup, err := SQL(diffMapping(), diffSource(), diffTarget(), SQLOptions{Dialect: "sqlite"})
	if err != nil {
		t.Fatal(err)
	}
	if len(unsup) != 0 {
		t.Fatalf("unsupported: %+v", unsup)
	}
	cols, got := queryText(t, db, q)
	compareWithEngine(t, "sqlite", diffMapping(), diffSource(), diffTarget(), cols, got, rows)
}

// TestDifferentialPostgres does the same on a real PostgreSQL server
// (SEAM_TEST_PG; see .ci/pg.sh), through a view.
func TestDifferentialPostgres(t *testing.T) {
	conn := openPG(t)
	rows := diffRows(400, 20261127, true)
	pgLoad(t, conn, "orders", sourceCols(), rows)
	q, unsup, err := SQL(diffMapping(), diffSource(), diffTarget(), SQLOptions{Dialect: "postgres", View: "sales_v"})
	if err != nil {
		t.Fatal(err)
	}
	if len(unsup) != 0 {
		t.Fatalf("unsupported: %+v", unsup)
	}
	pgExec(t, conn, q)
	cols, got := pgQuery(t, conn, `SELECT * FROM sales_v`)
	compareWithEngine(t, "postgres", diffMapping(), diffSource(), diffTarget(), cols, got, rows)
}

// TestDifferentialExprs compares every expression form the SQL export
// translates, on SQLite and (when reachable) PostgreSQL.
func TestDifferentialExprs(t *testing.T) {
	m, dst := exprMapping()
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			q, unsup, err := SQL(m, diffSource(), dst, SQLOptions{Dialect: dialect})
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range unsup {
				t.Errorf("unsupported in %s: %s: %s", dialect, u.Rule, u.Reason)
			}
			var cols []string
			var got [][]string
			rows := diffRows(300, 7, dialect == "postgres")
			if dialect == "sqlite" {
				db, err := sql.Open("sqlite", ":memory:")
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				db.SetMaxOpenConns(1)
				loadRows(t, db, "orders", sourceCols(), rows, func(int) string { return "?" })
				cols, got = queryText(t, db, q)
			} else {
				conn := openPG(t)
				pgLoad(t, conn, "orders", sourceCols(), rows)
				cols, got = pgQuery(t, conn, q)
			}
			compareWithEngine(t, dialect, m, diffSource(), dst, cols, got, rows)
		})
	}
}
