package export

import (
	"database/sql"
	"math/rand"
	"strconv"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// formatCols are source fields carrying every Field.Format that inference
// and schemas write (shared conventions), with the spellings to try.
var formatCols = []struct {
	name, format string
	typ          schema.Type
	pool         []any
}{
	{"n_de", "number:,.", schema.Decimal, []any{"1.234,5", "1234,5", "1.234", "1,5", "1.5", "12.34,5", "1.234.567,89", ",5", "5,", "-1.234,5", "+1,5e2", "", nil, " 1.234,5 ", "1 234,5", "1.234,5.6", "1,2,3", "1..234"}},
	{"i_de", "number:,.", schema.Integer, []any{"1.234", "1.234.567", "1234", "1.234,00", "1.234,5", "1.23", "-1.000", "", nil, "9.223.372.036.854.775.807", "9.223.372.036.854.775.808"}},
	{"n_fr", "number:, ", schema.Float, []any{"1 234,5", "1\u00a0234,5", "1\u202f234,5", "1234,5", "1 23,5", "1.5", "1 234 567", "", nil, "  1 234,5\t"}},
	{"n_comma", "number:,", schema.Decimal, []any{"1,5", "1.5", "1,5e2", ",5", "1,2,3", "-0,0", "", nil, "1 5"}},
	{"b_ja", "boolean:ja/nein", schema.Boolean, []any{"ja", "JA", " Nein ", "nein", "yes", "true", "1", "", nil, "j"}},
	{"d_us", "date:01/02/2006", schema.Date, []any{"12/31/2024", "1/2/2024", "02/29/2023", "02/29/2024", "2024-12-31", "", nil, "13/01/2024", "00/10/2024"}},
	{"ts", "datetime:2006-01-02 15:04:05", schema.Timestamp, []any{"2024-12-31 10:30:00", "2024-12-31 24:00:00", "2024-12-31T10:30:00", "2024-12-31 10:30", "", nil, "2024-02-30 00:00:00", "2024-02-29 23:59:59"}},
	{"s_de", "number:,.", schema.String, []any{"1.234,5", "1.5", "x", "", nil}},
	{"s_ja", "boolean:ja/nein", schema.String, []any{"ja", "nein", "yes", "", nil}},
}

func formatSource() *schema.Schema {
	s := &schema.Schema{Name: "fmt", File: "fmt.csv", Format: "csv", Fields: []*schema.Field{{Path: "rowno", Name: "rowno", Type: schema.String}}}
	for _, c := range formatCols {
		s.Fields = append(s.Fields, &schema.Field{Path: c.name, Name: c.name, Type: c.typ, Format: c.format, Nullable: true})
	}
	s.Reindex()
	return s
}

// formatMapping: checked casts of every formatted field, into its own type
// and into others, and expressions over the converted values.
func formatMapping() (*mapping.Mapping, *schema.Schema) {
	m := &mapping.Mapping{Seam: 1, Name: "exprs", Rules: []*mapping.Rule{{Target: "rowno", From: []string{"rowno"}}}}
	dst := &schema.Schema{Name: "out", Fields: []*schema.Field{{Path: "rowno", Name: "rowno", Type: schema.Integer, Required: true}}}
	add := func(target string, t schema.Type, from, expr string) {
		m.Rules = append(m.Rules, &mapping.Rule{Target: target, From: []string{from}, Expr: expr, OnError: "null"})
		dst.Fields = append(dst.Fields, &schema.Field{Path: target, Name: target, Type: t, Nullable: true})
	}
	add("de_dec", schema.Decimal, "n_de", "")
	add("de_float", schema.Float, "n_de", "")
	add("de_x2", schema.Decimal, "n_de", "n_de * 2")
	add("ide_int", schema.Integer, "i_de", "")
	add("ide_dec", schema.Decimal, "i_de", "")
	add("fr_float", schema.Float, "n_fr", "")
	add("comma_dec", schema.Decimal, "n_comma", "")
	add("ja_bool", schema.Boolean, "b_ja", "")
	add("ja_not", schema.Boolean, "b_ja", "not b_ja")
	add("us_date", schema.Date, "d_us", "")
	add("us_text", schema.String, "d_us", `format_date(d_us, "2006-01-02")`)
	add("ts_ts", schema.Timestamp, "ts", "")
	add("ts_date", schema.Date, "ts", "")
	add("sde_dec", schema.Decimal, "s_de", "")
	add("sja_bool", schema.Boolean, "s_ja", "")
	dst.Reindex()
	return m, dst
}

func formatRows(n int, seed int64) [][]any {
	rng := rand.New(rand.NewSource(seed))
	var rows [][]any
	add := func(pick func(i int) any) {
		r := []any{strconv.Itoa(len(rows) + 1)}
		for i := range formatCols {
			r = append(r, pick(i))
		}
		rows = append(rows, r)
	}
	for i, c := range formatCols {
		for _, v := range c.pool {
			add(func(j int) any {
				if j == i {
					return v
				}
				return formatCols[j].pool[0]
			})
		}
	}
	for len(rows) < n {
		add(func(j int) any { p := formatCols[j].pool; return p[rng.Intn(len(p))] })
	}
	return rows
}

// TestDifferentialFormats: every Field.Format a field can carry
// (number:DG, boolean:T/F, date:LAYOUT, datetime:LAYOUT) is read by the
// exported SQL as seam reads it, row for row, on SQLite and PostgreSQL;
// SQLite, without regular expressions, lists the grouping formats as
// unsupported (never silently wrong).
func TestDifferentialFormats(t *testing.T) {
	m, dst := formatMapping()
	src := formatSource()
	var names []string
	for _, f := range src.Fields {
		names = append(names, f.Path)
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			q, unsup, err := SQL(m, src, dst, SQLOptions{Dialect: dialect})
			if err != nil {
				t.Fatal(err)
			}
			left := map[string]bool{}
			for _, u := range unsup {
				left[u.Rule] = true
			}
			want := map[string]bool{}
			if dialect == "sqlite" {
				want = map[string]bool{"de_dec": true, "de_float": true, "de_x2": true, "ide_int": true, "ide_dec": true, "fr_float": true, "sde_dec": true}
			}
			for r := range want {
				if !left[r] {
					t.Errorf("%s: rule %s should be listed as unsupported", dialect, r)
				}
			}
			for _, u := range unsup {
				if !want[u.Rule] {
					t.Errorf("%s: rule %s unsupported: %s", dialect, u.Rule, u.Reason)
				}
			}
			// compare the rules the dialect expresses
			mm := *m
			mm.Rules = nil
			for _, r := range m.Rules {
				if !left[r.Name()] {
					mm.Rules = append(mm.Rules, r)
				}
			}
			rows := formatRows(200, 5)
			var cols []string
			var got [][]string
			if dialect == "sqlite" {
				db, err := sql.Open("sqlite", ":memory:")
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				db.SetMaxOpenConns(1)
				loadRows(t, db, "fmt", names, rows, func(int) string { return "?" })
				cols, got = queryText(t, db, q)
			} else {
				conn := openPG(t)
				pgLoad(t, conn, "fmt", names, rows)
				cols, got = pgQuery(t, conn, q)
			}
			compareWithEngine(t, dialect, &mm, src, dst, cols, got, rows)
		})
	}
}
