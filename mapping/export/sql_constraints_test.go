package export

import (
	"database/sql"
	"os"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestMain compares the SQL with the engine as it is: the target
// constraint guards are on when seam's engine enforces target constraints
// (the engine branch adds that), off before.
func TestMain(m *testing.M) {
	targetConstraints = engineEnforcesConstraints()
	os.Exit(m.Run())
}

// engineEnforcesConstraints probes the engine with a value over a target's
// max_length.
func engineEnforcesConstraints() bool {
	src := &schema.Schema{Name: "s", Fields: []*schema.Field{{Path: "a", Name: "a", Type: schema.String}}}
	dst := &schema.Schema{Name: "d", Fields: []*schema.Field{{Path: "a", Name: "a", Type: schema.String, MaxLength: schema.IntP(2)}}}
	src.Reindex()
	dst.Reindex()
	p, _ := engine.Compile(&mapping.Mapping{Seam: 1, Name: "probe", Rules: []*mapping.Rule{{Target: "a", From: []string{"a"}}}}, src, dst)
	if p == nil {
		return false
	}
	rec := value.NewRecord([]string{"a"})
	rec.Vals[0] = value.Str("abc")
	return p.NewExec().Apply(rec).Rejected
}

func constraintCase() (*mapping.Mapping, *schema.Schema, *schema.Schema) {
	src := &schema.Schema{Name: "c", File: "c.csv", Fields: []*schema.Field{}}
	for _, n := range []string{"rowno", "name", "small", "amount", "kind", "cap"} {
		src.Fields = append(src.Fields, &schema.Field{Path: n, Name: n, Type: schema.String})
	}
	lo, hi := 0.0, 100.0
	dst := &schema.Schema{Name: "t", Fields: []*schema.Field{
		{Path: "rowno", Name: "rowno", Type: schema.Integer, Required: true},
		{Path: "name", Name: "name", Type: schema.String, MaxLength: schema.IntP(3)},
		{Path: "small", Name: "small", Type: schema.Integer, Bits: 16, Nullable: true},
		{Path: "amount", Name: "amount", Type: schema.Decimal, Precision: schema.IntP(5), Scale: schema.IntP(2), Nullable: true},
		{Path: "kind", Name: "kind", Type: schema.Enum, EnumValues: []string{"a", "b"}},
		{Path: "cap", Name: "cap", Type: schema.Integer, Min: &lo, Max: &hi, Nullable: true},
	}}
	src.Reindex()
	dst.Reindex()
	m := &mapping.Mapping{Seam: 1, Name: "constraints", Rules: []*mapping.Rule{
		{Target: "rowno", From: []string{"rowno"}},
		{Target: "name", From: []string{"name"}, Expr: "trim(name)"},
		{Target: "small", From: []string{"small"}, OnError: "null"},
		{Target: "amount", From: []string{"amount"}, Expr: "to_decimal(amount) / 100", OnError: "default(0)"},
		{Target: "kind", From: []string{"kind"}},
		{Target: "cap", From: []string{"cap"}, OnError: "null"},
	}}
	return m, src, dst
}

// constraintRows: each row breaks at most one constraint.
var constraintRows = [][]any{
	{"1", "abc", "5", "12345", "a", "0"},
	{"2", "abcd", "5", "1", "a", "1"},      // truncation: rejected
	{"3", "äöü", "5", "1", "b", "1"},       // three code points: fits
	{"4", "ab", "32768", "1", "a", "1"},    // range_violation: null
	{"5", "ab", "-32768", "1", "a", "1"},   // fits 16 bits
	{"6", "ab", "1", "12345.6", "a", "1"},  // 123.456: precision_loss: default 0
	{"7", "ab", "1", "100000", "a", "1"},   // 1000.00: range_violation: default 0
	{"8", "ab", "1", "12340", "a", "1"},    // 123.40 fits (trailing zero)
	{"9", "ab", "1", "1", "c", "1"},        // enum_violation: rejected
	{"10", "ab", "1", "1", "a", "101"},     // over max: null
	{"11", "ab", "1", "1", "a", "-1"},      // under min: null
	{"12", "ab", "1", "99999", "a", "100"}, // 999.99 and 100 fit
	{"13", "ab", "1", "-99999", "a", "1"},  // -999.99 fits
	{"14", "ab", "1", "-100000", "a", "1"}, // -1000.00: range_violation
	{"15", "", "1", "1", "a", "1"},         // empty fits
	{"16", nil, nil, nil, "a", nil},        // nulls pass
}

// TestSQLTargetConstraints: the exported SQL refuses what the target
// refuses, by the shared rule, and on_error decides (before, every value
// was written). Checked on SQLite against the rule itself; compared with
// seam row for row when the engine enforces the rule.
func TestSQLTargetConstraints(t *testing.T) {
	saved := targetConstraints
	targetConstraints = true
	defer func() { targetConstraints = saved }()
	m, src, dst := constraintCase()
	q, unsup, err := SQL(m, src, dst, SQLOptions{Dialect: "sqlite"})
	if err != nil || len(unsup) > 0 {
		t.Fatalf("%v %+v", err, unsup)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var names []string
	for _, f := range src.Fields {
		names = append(names, f.Path)
	}
	loadRows(t, db, "c", names, constraintRows, func(int) string { return "?" })
	_, got := queryText(t, db, q)
	var lines []string
	for _, r := range got {
		lines = append(lines, strings.Join(r, "|"))
	}
	want := []string{
		"1|abc|5|123.45|a|0",
		"3|äöü|5|0.01|b|1",
		"4|ab|<null>|0.01|a|1",
		"5|ab|-32768|0.01|a|1",
		"6|ab|1|0|a|1",
		"7|ab|1|0|a|1",
		"8|ab|1|123.4|a|1",
		"10|ab|1|0.01|a|<null>",
		"11|ab|1|0.01|a|<null>",
		"12|ab|1|999.99|a|100",
		"13|ab|1|-999.99|a|1",
		"14|ab|1|0|a|1",
		"15||1|0.01|a|1",
		"16|<null>|<null>|<null>|a|<null>",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("sqlite:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if testingPG() {
		// the same rows pass in PostgreSQL
		conn := openPG(t)
		pgLoad(t, conn, "c", names, constraintRows)
		pq, _, _ := SQL(m, src, dst, SQLOptions{Dialect: "postgres"})
		_, pgot := pgQuery(t, conn, pq)
		var ids, wantIDs []string
		for _, r := range pgot {
			ids = append(ids, r[0]+"|"+r[2]+"|"+r[5])
		}
		for _, r := range got {
			wantIDs = append(wantIDs, r[0]+"|"+r[2]+"|"+r[5])
		}
		if strings.Join(ids, " ") != strings.Join(wantIDs, " ") {
			t.Errorf("postgres rows %v, sqlite rows %v", ids, wantIDs)
		}
	}
	if !saved {
		t.Log("the engine does not enforce target constraints yet: no comparison with seam")
		return
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			q, _, _ := SQL(m, src, dst, SQLOptions{Dialect: dialect})
			var cols []string
			var got [][]string
			if dialect == "sqlite" {
				cols, got = queryText(t, db, q)
			} else {
				conn := openPG(t)
				pgLoad(t, conn, "c", names, constraintRows)
				cols, got = pgQuery(t, conn, q)
			}
			compareWithEngine(t, dialect, m, src, dst, cols, got, constraintRows)
		})
	}
}

// TestSQLIntegerOverflowNoError: integer arithmetic past 64 bits fails the
// guard (null with on_error null) instead of raising a database error in
// PostgreSQL ("bigint out of range", which stopped the whole query before),
// and seam's engine fails it the same way (range_violation; it wrapped
// around before).
func TestSQLIntegerOverflowNoError(t *testing.T) {
	src := &schema.Schema{Name: "o", Fields: []*schema.Field{{Path: "rowno", Name: "rowno", Type: schema.String}, {Path: "n", Name: "n", Type: schema.String}}}
	dst := &schema.Schema{Name: "d", Fields: []*schema.Field{
		{Path: "rowno", Name: "rowno", Type: schema.Integer, Required: true},
		{Path: "plus", Name: "plus", Type: schema.Integer, Nullable: true},
		{Path: "times", Name: "times", Type: schema.Integer, Nullable: true},
		{Path: "minus", Name: "minus", Type: schema.Integer, Nullable: true},
	}}
	src.Reindex()
	dst.Reindex()
	m := &mapping.Mapping{Seam: 1, Name: "o", Rules: []*mapping.Rule{
		{Target: "rowno", From: []string{"rowno"}},
		{Target: "plus", From: []string{"n"}, Expr: "to_int(n) + 1", OnError: "null"},
		{Target: "times", From: []string{"n"}, Expr: "to_int(n) * 2", OnError: "null"},
		{Target: "minus", From: []string{"n"}, Expr: "to_int(n) - 1"},
	}}
	rows := [][]any{{"1", "9223372036854775807"}, {"2", "-9223372036854775808"}, {"3", "3"}, {"4", "4611686018427387904"}, {"5", "-4611686018427387904"}}
	// row 2: - 1 overflows and on_error reject filters it
	want := "1|<null>|<null>|9223372036854775806 3|4|6|2 4|4611686018427387905|<null>|4611686018427387903 5|-4611686018427387903|-9223372036854775808|-4611686018427387905"
	for _, dialect := range []string{"sqlite", "postgres"} {
		q, _, err := SQL(m, src, dst, SQLOptions{Dialect: dialect})
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		var got [][]string
		if dialect == "sqlite" {
			db, err := sql.Open("sqlite", ":memory:")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			loadRows(t, db, "o", []string{"rowno", "n"}, rows, func(int) string { return "?" })
			cols, got = queryText(t, db, q)
		} else {
			if !testingPG() {
				continue
			}
			conn := openPG(t)
			pgLoad(t, conn, "o", []string{"rowno", "n"}, rows)
			cols, got = pgQuery(t, conn, q)
		}
		compareWithEngine(t, dialect, m, src, dst, cols, got, rows)
		var lines []string
		for _, r := range got {
			lines = append(lines, strings.Join(r, "|"))
		}
		if s := strings.Join(lines, " "); s != want {
			t.Errorf("%s: %s\nwant %s", dialect, s, want)
		}
	}
}

// TestSQLDefaultChecked: an on_error default the target refuses is an
// error of the export, as it is a compile error of seam's engine (it was
// written into the SQL as it stood); every such rule is named at once.
func TestSQLDefaultChecked(t *testing.T) {
	src := &schema.Schema{Name: "s", File: "s.csv", Fields: []*schema.Field{{Path: "a", Name: "a", Type: schema.String}}}
	dst := &schema.Schema{Name: "d", Fields: []*schema.Field{
		{Path: "amt", Name: "amt", Type: schema.Decimal, Precision: schema.IntP(4), Scale: schema.IntP(2), Nullable: true},
		{Path: "code", Name: "code", Type: schema.String, MaxLength: schema.IntP(3)},
		{Path: "n", Name: "n", Type: schema.Integer, Bits: 16},
		{Path: "st", Name: "st", Type: schema.Enum, EnumValues: []string{"A", "B"}},
		{Path: "day", Name: "day", Type: schema.Date},
		{Path: "ok", Name: "ok", Type: schema.Decimal, Precision: schema.IntP(4), Scale: schema.IntP(2)},
	}}
	src.Reindex()
	dst.Reindex()
	rule := func(target, def string) *mapping.Rule {
		return &mapping.Rule{Target: target, From: []string{"a"}, OnError: "default(" + def + ")"}
	}
	m := &mapping.Mapping{Seam: 1, Name: "d", Rules: []*mapping.Rule{
		rule("amt", "123.456"), rule("code", "ABCD"), rule("n", "99999"), rule("st", "C"), rule("day", "yesterday"), rule("ok", "12.5"),
	}}
	for _, dialect := range Dialects() {
		_, _, err := SQL(m, src, dst, SQLOptions{Dialect: dialect})
		if err == nil {
			t.Fatalf("%s: no error for defaults the target refuses", dialect)
		}
		for _, want := range []string{"rule amt: on_error default(123.456) does not fit the target decimal(4,2)", "(precision_loss)",
			"rule code:", "(truncation)", "rule n:", "(range_violation)", "rule st:", "(enum_violation)", "rule day:", "(type_incompatible)"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error lacks %q:\n%v", dialect, want, err)
			}
		}
		if strings.Contains(err.Error(), "rule ok:") {
			t.Errorf("%s: a default that fits is refused: %v", dialect, err)
		}
	}
}
