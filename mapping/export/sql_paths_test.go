package export

import (
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// pathSource has names that are not identifiers and a nested object, as
// a JSONL source gives them.
func pathSource() *schema.Schema {
	s := &schema.Schema{Name: "people", File: "people.jsonl", Format: "jsonl", Fields: []*schema.Field{
		{Path: "rowno", Name: "rowno", Type: schema.String},
		{Path: "order code", Name: "order code", Type: schema.String, Nullable: true},
		{Path: `it's "q"`, Name: `it's "q"`, Type: schema.String, Nullable: true},
		{Path: "名前", Name: "名前", Type: schema.String, Nullable: true},
		{Path: "customer", Name: "customer", Type: schema.Object, Nullable: true, Children: []*schema.Field{
			{Path: "customer.id", Name: "id", Type: schema.Integer, Nullable: true},
			{Path: "customer.name", Name: "name", Type: schema.String, Nullable: true},
			{Path: "customer.e mail", Name: "e mail", Type: schema.String, Nullable: true},
			{Path: "customer.vip", Name: "vip", Type: schema.Boolean, Nullable: true},
		}},
	}}
	s.Reindex()
	return s
}

func pathMapping() (*mapping.Mapping, *schema.Schema) {
	m := &mapping.Mapping{Seam: 1, Name: "paths", Rules: []*mapping.Rule{
		{Target: "rowno", From: []string{"rowno"}},
		{Target: "code", From: []string{"order code"}, Expr: `upper($env["order code"])`},
		{Target: "q", From: []string{`it's "q"`}, Expr: `$env["it's \"q\""]`},
		{Target: "uni", From: []string{"名前"}, Expr: `$env["名前"] ?? "-"`},
		{Target: "cid", From: []string{"customer"}, Expr: `customer.id`},
		{Target: "cname", From: []string{"customer"}, Expr: `customer?.name`},
		{Target: "cmail", From: []string{"customer"}, Expr: `$env["customer"]["e mail"]`},
		{Target: "cvip", From: []string{"customer"}, Expr: `customer.vip`},
	}}
	dst := &schema.Schema{Name: "out", File: "out.json", Fields: []*schema.Field{{Path: "rowno", Name: "rowno", Type: schema.String, Required: true}}}
	for _, f := range []struct {
		n string
		t schema.Type
	}{{"code", schema.String}, {"q", schema.String}, {"uni", schema.String}, {"cid", schema.Integer}, {"cname", schema.String}, {"cmail", schema.String}, {"cvip", schema.Boolean}} {
		dst.Fields = append(dst.Fields, &schema.Field{Path: f.n, Name: f.n, Type: f.t, Nullable: true})
	}
	dst.Reindex()
	return m, dst
}

// pathRows are JSONL lines; the customer object (or null, or absent)
// becomes a JSON column in SQL.
var pathRows = []string{
	`{"rowno": "1", "order code": "ab-1", "it's \"q\"": "x", "名前": "Jürgen", "customer": {"id": 7, "name": "Ada", "e mail": "a@b.c", "vip": true}}`,
	`{"rowno": "2", "order code": null, "it's \"q\"": "", "customer": null}`,
	`{"rowno": "3", "order code": "Zz"}`,
	`{"rowno": "4", "order code": "", "customer": {"id": 42.0, "name": null}}`,
	`{"rowno": "5", "customer": {"id": "x", "name": "Bob"}}`,
	`{"rowno": "6", "customer": {"id": "12", "vip": false, "e mail": ""}}`,
	`{"rowno": "7", "customer": {}}`,
	`{"rowno": "8", "customer": {"id": 9223372036854775807, "vip": "yes"}}`,
	`{"rowno": "9", "customer": {"id": 1.5, "vip": "maybe"}}`,
}

// TestSQLPathsAndNames: $env["any name"] is the properly quoted column
// (names with spaces, quotes, unicode), nested paths read the JSON column,
// ?. reads like ., and the result equals seam's row for row (SQLite
// always, PostgreSQL when SEAM_TEST_PG is set). Before, $env["order code"]
// became the text "$ENV.ORDER CODE" in SQLite and nested paths were
// dotted column names.
func TestSQLPathsAndNames(t *testing.T) {
	m, dst := pathMapping()
	src := pathSource()
	want := map[string]map[string]string{}
	p, ds := engine.Compile(m, src, dst)
	if p == nil {
		t.Fatalf("engine: %v", ds)
	}
	ex := p.NewExec()
	rd, err := value.NewReader(strings.NewReader(strings.Join(pathRows, "\n")+"\n"), "people.jsonl", "jsonl")
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
		a := ex.Apply(rec)
		id := rec.Get("rowno").S
		if !a.Rejected {
			want[id] = map[string]string{}
			for i, k := range a.Out.Keys {
				want[id][k] = engineText(a.Out.Vals[i])
			}
		}
		row := []any{id}
		for _, k := range []string{"order code", `it's "q"`, "名前"} {
			v := rec.Get(k)
			if v.IsMissing() {
				row = append(row, nil)
			} else {
				row = append(row, v.S)
			}
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(pathRows[len(rows)]), &raw); err != nil {
			t.Fatal(err)
		}
		if c, ok := raw["customer"]; ok && string(c) != "null" {
			row = append(row, string(c))
		} else {
			row = append(row, nil)
		}
		rows = append(rows, row)
	}
	// Rows 2 and 3 read customer.* through a null and an absent parent:
	// null propagation writes them (they were skipped while the engine
	// rejected them with expr's "cannot fetch").
	for _, id := range []string{"2", "3"} {
		if _, ok := want[id]; !ok {
			t.Errorf("row %s: the engine rejects a row whose parent object is null or absent", id)
		}
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			q, unsup, err := SQL(m, src, dst, SQLOptions{Dialect: dialect})
			if err != nil {
				t.Fatal(err)
			}
			if len(unsup) > 0 {
				t.Fatalf("unsupported: %+v", unsup)
			}
			var gotCols []string
			var got [][]string
			create := `CREATE TABLE "people" ("rowno" TEXT, "order code" TEXT, "it's ""q""" TEXT, "名前" TEXT, "customer" ` + map[string]string{"sqlite": "TEXT", "postgres": "JSONB"}[dialect] + `)`
			if dialect == "sqlite" {
				db, err := sql.Open("sqlite", ":memory:")
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				db.SetMaxOpenConns(1)
				if _, err := db.Exec(create); err != nil {
					t.Fatal(err)
				}
				for _, r := range rows {
					if _, err := db.Exec(`INSERT INTO "people" VALUES (?, ?, ?, ?, ?)`, r...); err != nil {
						t.Fatal(err)
					}
				}
				gotCols, got = queryText(t, db, q)
			} else {
				conn := openPG(t)
				pgExec(t, conn, create)
				for _, r := range rows {
					if _, err := conn.Exec(t.Context(), `INSERT INTO "people" VALUES ($1, $2, $3, $4, $5)`, r...); err != nil {
						t.Fatal(err)
					}
				}
				gotCols, got = pgQuery(t, conn, q)
			}
			seen := map[string]bool{}
			for _, g := range got {
				id := g[0]
				seen[id] = true
				w, ok := want[id]
				if !ok {
					t.Errorf("row %s: seam rejects it, %s returns it: %v", id, dialect, g)
					continue
				}
				for i, c := range gotCols {
					if a, b := norm(dst.Lookup(c), w[c], false), norm(dst.Lookup(c), g[i], false); a != b {
						t.Errorf("row %s column %s: seam %q, %s %q", id, c, a, dialect, b)
					}
				}
			}
			for id := range want {
				if !seen[id] {
					t.Errorf("row %s: seam writes it, %s filters it out", id, dialect)
				}
			}
		})
	}
}

// TestSQLRefusesUnknownNames: a name the source lacks, $env as a whole,
// an index, and other nodes without SQL form are listed as unsupported,
// never written as text.
func TestSQLRefusesUnknownNames(t *testing.T) {
	src := pathSource()
	for _, e := range []string{`nosuch`, `$env`, `$env["nosuch"]`, `customer.nosuch`, `customer`, `customer["id"] in ["a", 1]`, `customer["id"] in customer`, `"a" matches "b"`, `let x = nosuch; x`, `[1, 2]`, `{"a": 1}`, `customer.id ** 2`} {
		m := &mapping.Mapping{Seam: 1, Name: "x", Rules: []*mapping.Rule{{Target: "code", From: []string{"rowno"}, Expr: e}}}
		dst := &schema.Schema{Name: "out", Fields: []*schema.Field{{Path: "code", Name: "code", Type: schema.String, Nullable: true}}}
		dst.Reindex()
		for _, d := range Dialects() {
			q, unsup, err := SQL(m, src, dst, SQLOptions{Dialect: d})
			if err != nil {
				t.Fatalf("%s %s: %v", d, e, err)
			}
			if len(unsup) != 1 {
				t.Errorf("%s: %s is not refused:\n%s", d, e, q)
			}
		}
	}
}

// regexCases are regex_extract calls in the portable subset.
var regexCases = []exprCase{
	{"rx_digits", schema.String, `regex_extract(amount, "\\d+")`, ""},
	{"rx_group", schema.String, `regex_extract(email, "^(\\w+)@(\\w+)\\.", 2)`, ""},
	{"rx_opt", schema.String, `regex_extract(email, "([A-Z])?([a-z]+)", 1)`, ""},
	{"rx_dot", schema.String, `regex_extract(first, "^.y", 0)`, ""},
	{"rx_end", schema.String, `regex_extract(amount, "[\\d.]+$")`, ""},
	{"rx_space", schema.String, `regex_extract(first, "\\s+(\\S+)", 1)`, ""},
}

// TestDifferentialRegex: regex_extract on PostgreSQL equals seam row for
// row; SQLite, which has no regular expressions, lists it as unsupported;
// patterns outside the portable subset are refused in every dialect.
func TestDifferentialRegex(t *testing.T) {
	m := &mapping.Mapping{Seam: 1, Name: "exprs", Rules: []*mapping.Rule{{Target: "rowno", From: []string{"rowno"}}}}
	dst := &schema.Schema{Name: "rx", Fields: []*schema.Field{{Path: "rowno", Name: "rowno", Type: schema.Integer, Required: true}}}
	for _, c := range regexCases {
		m.Rules = append(m.Rules, &mapping.Rule{Target: c.target, From: []string{"id"}, Expr: c.expr})
		dst.Fields = append(dst.Fields, &schema.Field{Path: c.target, Name: c.target, Type: c.typ, Nullable: true})
	}
	dst.Reindex()
	_, unsup, err := SQL(m, diffSource(), dst, SQLOptions{Dialect: "sqlite"})
	if err != nil || len(unsup) != len(regexCases) {
		t.Errorf("sqlite: want every regex_extract listed as unsupported, got %d (%v)", len(unsup), err)
	}
	for _, bad := range []string{`(?i)a`, `a+?`, `\bx`, `\pL`, `[[:alpha:]]`, `(a)\1`} {
		bm := &mapping.Mapping{Seam: 1, Name: "x", Rules: []*mapping.Rule{{Target: "rx_digits", From: []string{"id"}, Expr: `regex_extract(id, "` + strings.ReplaceAll(bad, `\`, `\\`) + `")`}}}
		for _, d := range Dialects() {
			if _, unsup, _ := SQL(bm, diffSource(), dst, SQLOptions{Dialect: d}); len(unsup) != 1 {
				t.Errorf("%s: pattern %s is not refused", d, bad)
			}
		}
	}
	conn := openPG(t)
	rows := diffRows(300, 11, true)
	pgLoad(t, conn, "orders", sourceCols(), rows)
	q, unsup, err := SQL(m, diffSource(), dst, SQLOptions{Dialect: "postgres"})
	if err != nil || len(unsup) > 0 {
		t.Fatalf("postgres: %v %+v", err, unsup)
	}
	cols, got := pgQuery(t, conn, q)
	compareWithEngine(t, "postgres", m, diffSource(), dst, cols, got, rows)
}
