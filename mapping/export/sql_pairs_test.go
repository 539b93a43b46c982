package export

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/internal/testenv"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// The real pairs of testdata/mappings/realworld (cmd/seam's
// realpairs_test.go runs them through seam run): each one's exported SQL
// must return, per target, the rows seam writes. As in the plan
// differential tests, a row seam rejects (a failed cast, a lookup or join
// miss, a parent's reject) is one the SQL filters out by its WHERE clause:
// the SQL returns exactly the written rows, compared column by column.
var sqlPairs = []struct{ dir, mapping, input string }{
	{"p2", "p2.seam.yaml", "orders.jsonl"},
	{"p5", "p5.seam.yaml", "invoices.jsonl"},
	{"p8", "p8.seam.yaml", "customer.csv"},
	{"p9", "p9.seam.yaml", "contacts.jsonl"},
}

// pairFix is one pair loaded: its mapping, schemas, engine plan and the
// source and join tables as rows of text.
type pairFix struct {
	dir    string
	m      *mapping.Mapping
	ss     *mapping.Schemas
	plan   *engine.Plan
	input  string
	tables map[string]pairTable // "src" and every join by name
}

type pairTable struct {
	cols []string
	rows [][]any
	// types are the columns' schema types (text when absent).
	types map[string]schema.Type
}

// colType is the column type a loader gives a field of schema type st:
// numbers and (in PostgreSQL) booleans, dates and timestamps typed,
// objects and arrays JSONB in PostgreSQL, the rest text.
func colType(dialect string, st schema.Type) string {
	pg := dialect == "postgres"
	switch st {
	case schema.Integer:
		return "BIGINT"
	case schema.Decimal:
		if pg {
			return "NUMERIC"
		}
		return "REAL"
	case schema.Float:
		if pg {
			return "DOUBLE PRECISION"
		}
		return "REAL"
	case schema.Boolean, schema.Date, schema.Timestamp:
		if pg {
			return strings.ToUpper(string(st))
		}
	case schema.Object, schema.Array:
		if pg {
			return "JSONB"
		}
	default:
	}
	return "TEXT"
}

// typed reports whether an empty CSV cell of the column is NULL: it is
// in a column of a type other than text, as seam reads it.
func (tb pairTable) typed(c string) bool {
	switch tb.types[c] {
	case "", schema.String, schema.Enum, schema.UUID:
		return false
	default:
	}
	return true
}

func loadPair(t *testing.T, dir, file, input string) *pairFix {
	t.Helper()
	root := testenv.RepoRoot(t)
	d := filepath.Join(root, "testdata", "mappings", "realworld", dir)
	if _, err := os.Stat(filepath.Join(d, file)); err != nil {
		t.Skipf("pair %s not available: %v", dir, err)
	}
	m, err := mapping.Load(filepath.Join(d, file))
	if err != nil {
		t.Fatal(err)
	}
	ss, err := m.LoadAll(schema.Options{AllowPaths: []string{filepath.Join(root, "testdata")}})
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("pair %s: a schema is not available (the AGPL ones are not in every checkout): %v", dir, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	p, ds := engine.CompilePlan(m, ss.Source, ss.Targets, ss.Joins)
	if p == nil || ds.HasErrors() {
		t.Fatalf("pair %s does not compile: %v", dir, ds)
	}
	f := &pairFix{dir: d, m: m, ss: ss, plan: p, input: filepath.Join(d, input), tables: map[string]pairTable{}}
	f.tables["src"] = readTable(t, f.input, ss.Source)
	for _, j := range m.Joins {
		path := filepath.Join(d, j.Data)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.ReadJoin(j.Name, bytes.NewReader(data), path, 0); err != nil {
			t.Fatal(err)
		}
		f.tables[j.Name] = readTable(t, path, ss.Joins[j.Name])
	}
	return f
}

// readTable reads a CSV file's cells as text, or a JSONL file's top-level
// fields (of the schema) as text: strings as themselves, objects and
// arrays as JSON, numbers and booleans as written, null and absent as
// NULL; the way a loader fills a table of text (and JSON) columns.
func readTable(t *testing.T, path string, s *schema.Schema) pairTable {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tb := pairTable{types: map[string]schema.Type{}}
	for _, f := range s.Fields {
		tb.types[f.Path] = f.Type
	}
	if strings.HasSuffix(path, ".csv") {
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		tb.cols = recs[0]
		for _, r := range recs[1:] {
			row := make([]any, len(r))
			for i, c := range r {
				if c != "" || !tb.typed(tb.cols[i]) {
					row[i] = c
				}
			}
			tb.rows = append(tb.rows, row)
		}
		return tb
	}
	for _, f := range s.Fields {
		tb.cols = append(tb.cols, f.Path)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			t.Fatal(err)
		}
		row := make([]any, len(tb.cols))
		for i, c := range tb.cols {
			v, ok := raw[c]
			switch {
			case !ok || string(v) == "null":
			case v[0] == '"':
				var s string
				if err := json.Unmarshal(v, &s); err != nil {
					t.Fatal(err)
				}
				row[i] = s
			default:
				row[i] = string(v)
			}
		}
		tb.rows = append(tb.rows, row)
	}
	return tb
}

// engineRows runs the pair's input through seam's plan: the written rows
// per target, rendered and sorted, and the rejected count.
func (f *pairFix) engineRows(t *testing.T, approx bool) ([][]string, []int) {
	t.Helper()
	in, err := os.Open(f.input)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	rd, err := value.NewReader(in, f.input, value.FormatFromPath(f.input))
	if err != nil {
		t.Fatal(err)
	}
	n := len(f.plan.Targets())
	rows := make([][]string, n)
	rejected := make([]int, n)
	x := f.plan.NewExec(false)
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		x.Apply(rec, func(r engine.PlanRow) {
			if r.Result.Rejected {
				rejected[r.Target]++
				return
			}
			dst := f.ss.Targets[r.Target]
			cells := map[string]string{}
			for i, k := range r.Result.Out.Keys {
				v := r.Result.Out.Vals[i]
				txt := engineText(v)
				if v.K == value.Array || v.K == value.Object {
					txt = string(v.AppendJSON(nil))
				}
				cells[k] = pairNorm(dst.Lookup(k), txt, approx)
			}
			rows[r.Target] = append(rows[r.Target], pairRow(dst, cells))
		})
	}
	for i := range rows {
		sort.Strings(rows[i])
	}
	return rows, rejected
}

// pairNorm is norm, and JSON in one form (keys sorted), and a zoned
// timestamp as its instant in UTC (a date, which SQL passes through into
// a zoned timestamp as written, as its midnight in UTC: a database reads
// it so in a session in UTC, seam casts it so).
func pairNorm(f *schema.Field, s string, approx bool) string {
	if s == "<null>" || f == nil {
		return s
	}
	switch f.Type {
	case schema.Array, schema.Object:
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return "bad JSON " + s
		}
		b, _ := json.Marshal(v)
		return string(b)
	case schema.TimestampTZ:
		for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z07", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02"} {
			if ts, err := time.Parse(l, s); err == nil {
				return ts.UTC().Format(time.RFC3339Nano)
			}
		}
	default:
	}
	return norm(f, s, approx)
}

// pairRow renders a row's cells in one order, a target column without a
// cell as null: the SQL leaves out the columns no rule fills, seam writes
// them null.
func pairRow(dst *schema.Schema, cells map[string]string) string {
	for _, f := range dst.Fields {
		if _, ok := cells[f.Path]; !ok {
			cells[f.Path] = "<null>"
		}
	}
	keys := make([]string, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + cells[k] + " ")
	}
	return b.String()
}

// comparePair compares one target's SQL rows with seam's written rows.
func comparePair(t *testing.T, dialect, name string, dst *schema.Schema, want []string, rejected int, cols []string, got [][]string) {
	t.Helper()
	var have []string
	for _, g := range got {
		cells := map[string]string{}
		for i, c := range cols {
			cells[c] = pairNorm(dst.Lookup(c), g[i], dialect == "sqlite")
		}
		have = append(have, pairRow(dst, cells))
	}
	sort.Strings(have)
	wi, hi := 0, 0
	for wi < len(want) || hi < len(have) {
		switch {
		case hi >= len(have) || wi < len(want) && want[wi] < have[hi]:
			t.Errorf("%s: seam writes %s; %s does not", name, want[wi], dialect)
			wi++
		case wi >= len(want) || have[hi] < want[wi]:
			t.Errorf("%s: %s returns %s; seam does not write it", name, dialect, have[hi])
			hi++
		default:
			wi++
			hi++
		}
	}
	t.Logf("%s %s: seam wrote %d rows and rejected %d; SQL returned %d", dialect, name, len(want), rejected, len(have))
	if len(want) == 0 || rejected == 0 {
		t.Errorf("%s: the pair's data exercises too little: %d written, %d rejected", name, len(want), rejected)
	}
}

func (f *pairFix) opts(dialect string) SQLOptions {
	o := SQLOptions{Dialect: dialect, FromTable: "src", JoinTables: map[string]string{}}
	for _, j := range f.m.Joins {
		o.JoinTables[j.Name] = j.Name
	}
	return o
}

// TestSQLPairsSQLite: each real pair's SQL, run on SQLite over the pair's
// input (and joined files), returns the rows seam writes, per target.
func TestSQLPairsSQLite(t *testing.T) {
	for _, pc := range sqlPairs {
		t.Run(pc.dir, func(t *testing.T) {
			f := loadPair(t, pc.dir, pc.mapping, pc.input)
			db, err := sql.Open("sqlite", ":memory:")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.SetMaxOpenConns(1)
			for name, tb := range f.tables {
				var defs []string
				for _, c := range tb.cols {
					defs = append(defs, `"`+c+`" `+colType("sqlite", tb.types[c]))
				}
				if _, err := db.Exec(`CREATE TABLE "` + name + `" (` + strings.Join(defs, ", ") + `)`); err != nil {
					t.Fatal(err)
				}
				ph := strings.TrimSuffix(strings.Repeat("?, ", len(tb.cols)), ", ")
				for _, r := range tb.rows {
					if _, err := db.Exec(`INSERT INTO "`+name+`" VALUES (`+ph+`)`, r...); err != nil {
						t.Fatalf("insert %v: %v", r, err)
					}
				}
			}
			ts, unsup, err := PlanSQL(f.m, f.ss.Source, f.ss.Targets, f.ss.Joins, f.opts("sqlite"))
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range unsup {
				t.Errorf("unsupported: %+v", u)
			}
			want, rejected := f.engineRows(t, true)
			for i, tq := range ts {
				gc, got := queryText(t, db, tq.SQL)
				comparePair(t, "sqlite", tq.Name, f.ss.Targets[i], want[i], rejected[i], gc, got)
			}
			if t.Failed() {
				t.Log(PlanScript(ts))
			}
		})
	}
}

// TestSQLPairsPostgres does the same on PostgreSQL (SEAM_TEST_PG), through
// views; object and array columns are JSONB.
func TestSQLPairsPostgres(t *testing.T) {
	if !testingPG() {
		openPG(t) // skips with the reason
	}
	for _, pc := range sqlPairs {
		t.Run(pc.dir, func(t *testing.T) {
			f := loadPair(t, pc.dir, pc.mapping, pc.input)
			conn := openPG(t)
			for name, tb := range f.tables {
				var defs, ph []string
				for i, c := range tb.cols {
					defs = append(defs, `"`+c+`" `+colType("postgres", tb.types[c]))
					ph = append(ph, "$"+strconv.Itoa(i+1))
				}
				pgExec(t, conn, `CREATE TABLE "`+name+`" (`+strings.Join(defs, ", ")+`)`)
				for _, r := range tb.rows {
					if _, err := conn.Exec(t.Context(), `INSERT INTO "`+name+`" VALUES (`+strings.Join(ph, ", ")+`)`, r...); err != nil {
						t.Fatalf("insert %v: %v", r, err)
					}
				}
			}
			o := f.opts("postgres")
			o.View = "v"
			ts, unsup, err := PlanSQL(f.m, f.ss.Source, f.ss.Targets, f.ss.Joins, o)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range unsup {
				t.Errorf("unsupported: %+v", u)
			}
			pgExec(t, conn, PlanScript(ts))
			want, rejected := f.engineRows(t, false)
			for i, tq := range ts {
				view := "v"
				if len(ts) > 1 {
					view += "_" + tq.Name
				}
				gc, got := pgQuery(t, conn, `SELECT * FROM "`+view+`"`)
				comparePair(t, "postgres", tq.Name, f.ss.Targets[i], want[i], rejected[i], gc, got)
			}
			if t.Failed() {
				t.Log(PlanScript(ts))
			}
		})
	}
}

// pairExprCases are the constructs the real pairs brought to the SQL
// export (part, title, join(split(...)[k:]), in, let), over the
// differential fixture's values: nulls, empties, apostrophes, white space,
// indexes out of range.
var pairExprCases = []exprCase{
	{"part0", schema.String, `part(day, "-", 0)`, ""},
	{"part2", schema.String, `part(day, "-", 2)`, ""},
	{"part5", schema.String, `part(day, "-", 5)`, ""},
	{"part_last", schema.String, `part(day, "-", -1)`, ""},
	{"part_mail", schema.String, `part(email, "@", -1)`, ""},
	{"part_multi", schema.String, `part(day, "-0", 1)`, ""},
	{"ttl_last", schema.String, `title(last)`, ""},
	{"ttl_mail", schema.String, `title(email)`, ""},
	{"ttl_first", schema.String, `title(first)`, ""},
	{"join_split", schema.String, `join(split(day, "-"), "/")`, ""},
	{"join_rest", schema.String, `join(split(day, "-")[1:], "/")`, "null"},
	{"join_rest2", schema.String, `join(split(email, ".")[2:], "+")`, "null"},
	{"in_str", schema.Boolean, `status in ["P", "S", "C "]`, ""},
	{"in_int", schema.Boolean, `to_int(qty) in [3, 0, -2]`, "null"},
	{"not_in", schema.Boolean, `not (lower(status) in ["p"])`, ""},
	{"let_int", schema.Integer, `let q = to_int(qty); q == nil ? 0 : q * 2`, "null"},
	{"let_two", schema.String, `let a = trim(first); let b = upper(a); b == "" ? nil : concat(a, "/", b)`, ""},
	{"rnd_fl", schema.Float, `round(to_float(amount) / 7, 3)`, "null"},
}

// TestDifferentialPairExprs compares pairExprCases with seam row for row
// on SQLite and PostgreSQL; MySQL and Spark list what they cannot express
// (title; Spark also join of a slice), never write it.
func TestDifferentialPairExprs(t *testing.T) {
	m := &mapping.Mapping{Seam: 1, Name: "pair-exprs", Rules: []*mapping.Rule{{Target: "rowno", From: []string{"rowno"}}}}
	dst := &schema.Schema{Name: "pair_exprs", Fields: []*schema.Field{{Path: "rowno", Name: "rowno", Type: schema.Integer, Required: true}}}
	for _, c := range pairExprCases {
		m.Rules = append(m.Rules, &mapping.Rule{Target: c.target, From: []string{"id"}, Expr: c.expr, OnError: c.onErr})
		dst.Fields = append(dst.Fields, &schema.Field{Path: c.target, Name: c.target, Type: c.typ, Nullable: true})
	}
	dst.Reindex()
	for d, want := range map[string][]string{"mysql": {"rnd_fl", "ttl_first", "ttl_last", "ttl_mail"}, "spark": {"join_rest", "join_rest2", "ttl_first", "ttl_last", "ttl_mail"}} {
		_, unsup, err := SQL(m, diffSource(), dst, SQLOptions{Dialect: d})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range unsup {
			got = append(got, u.Rule)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: unsupported %v, want %v", d, got, want)
		}
	}
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
			rows := diffRows(300, 12, dialect == "postgres")
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

// TestSQLPairsDialects: every dialect renders every pair; what MySQL and
// Spark cannot express is listed (target/rule), never written as a guess.
func TestSQLPairsDialects(t *testing.T) {
	want := map[string]map[string][]string{
		"mysql": {"p2": {"order_details/discount"}, "p8": {"customer/first_name", "customer/last_name"}},
		"spark": {"p8": {"customer/first_name", "customer/last_name"}, "p9": {"contacts/addresses", "contacts/email_addresses", "contacts/phone_numbers"}},
	}
	for _, pc := range sqlPairs {
		t.Run(pc.dir, func(t *testing.T) {
			f := loadPair(t, pc.dir, pc.mapping, pc.input)
			for _, d := range Dialects() {
				_, unsup, err := PlanSQL(f.m, f.ss.Source, f.ss.Targets, f.ss.Joins, f.opts(d))
				if err != nil {
					t.Fatalf("%s: %v", d, err)
				}
				var got []string
				for _, u := range unsup {
					got = append(got, u.Target+"/"+u.Rule)
				}
				sort.Strings(got)
				if strings.Join(got, " ") != strings.Join(want[d][pc.dir], " ") {
					t.Errorf("%s: unsupported %v, want %v", d, got, want[d][pc.dir])
				}
			}
		})
	}
}
