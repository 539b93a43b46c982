package export

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if string(want) == got {
		return
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Errorf("%s differs from the output at line %d (go test -update rewrites it)\nwant: %.300s\ngot:  %.300s", path, i+1, w, g)
			return
		}
	}
}

func TestSQLGolden(t *testing.T) {
	// the goldens show the target-constraint guards whatever the engine does
	saved := targetConstraints
	targetConstraints = true
	defer func() { targetConstraints = saved }()
	for _, d := range []string{"spark", "mysql", "postgres", "sqlite"} {
		t.Run(d, func(t *testing.T) {
			q, unsup, err := SQL(diffMapping(), diffSource(), diffTarget(), SQLOptions{Dialect: d, View: "sales_v"})
			if err != nil {
				t.Fatal(err)
			}
			if len(unsup) != 0 {
				t.Errorf("unsupported: %+v", unsup)
			}
			golden(t, "diff."+d+".sql.golden", q)

			em, edst := exprMapping()
			q, unsup, err = SQL(em, diffSource(), edst, SQLOptions{Dialect: d, FromTable: "raw.orders"})
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range unsup {
				t.Errorf("unsupported in %s: %s: %s", d, u.Rule, u.Reason)
			}
			golden(t, "exprs."+d+".sql.golden", q)

			pm, pdst := pathMapping()
			q, unsup, err = SQL(pm, pathSource(), pdst, SQLOptions{Dialect: d})
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range unsup {
				t.Errorf("unsupported in %s: %s: %s", d, u.Rule, u.Reason)
			}
			golden(t, "paths."+d+".sql.golden", q)
		})
	}
}

func TestSQLUnsupportedIsReported(t *testing.T) {
	m := &mapping.Mapping{Seam: 1, Name: "u", Lookups: []*mapping.Lookup{{Name: "cur", File: "cur.csv"}}, Rules: []*mapping.Rule{
		{Target: "a", From: []string{"first"}, Expr: `regex_replace(first, "a+", "b")`},
		{Target: "b", From: []string{"first"}, Expr: `trim(first, "-")`},
		{Target: "c", From: []string{"first"}, Expr: `lookup("cur", first)`},
		{Target: "d", From: []string{"born"}, Expr: `parse_date(born, "02-Jan-2006")`},
		{Target: "e", From: []string{"first"}, Expr: `first +`},
		{Target: "f", From: []string{"first", "last"}},
		{Target: "ok", From: []string{"first"}, Expr: `upper(first)`},
	}}
	q, unsup, err := SQL(m, diffSource(), nil, SQLOptions{Dialect: "mysql"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range unsup {
		got[u.Rule] = u.Reason
	}
	for rule, want := range map[string]string{
		"a": "regex_replace has no mysql translation", "b": "character set", "c": "cur.csv",
		"d": "no fixed-width SQL form", "e": "does not parse", "f": "exactly one source field",
	} {
		if !strings.Contains(got[rule], want) {
			t.Errorf("rule %s: reason %q, want it to mention %q", rule, got[rule], want)
		}
		if !strings.Contains(q, "-- UNSUPPORTED in mysql, column left out: rule "+rule+":") {
			t.Errorf("rule %s is not named in a comment of the SQL:\n%s", rule, q)
		}
	}
	if len(unsup) != 6 || !strings.Contains(q, "UPPER(`first`) AS `ok`") {
		t.Errorf("unsupported = %d, sql:\n%s", len(unsup), q)
	}
	if _, _, err := SQL(m, nil, nil, SQLOptions{Dialect: "oracle"}); err == nil || !strings.Contains(err.Error(), "postgres, sqlite, mysql, spark") {
		t.Errorf("unknown dialect: %v", err)
	}
}

func TestSourceTableName(t *testing.T) {
	m := &mapping.Mapping{Source: mapping.SchemaRef{Schema: "schemas/shop.sql#orders"}}
	for _, tc := range []struct {
		from, want string
		src        bool
	}{{"", "orders", false}, {"raw.orders", "raw.orders", false}, {"", "sales", true}} {
		var s *schema.Schema
		if tc.src {
			s = diffTarget() // has Selector "sales"
		}
		if got := sourceTable(m, s, tc.from); got != tc.want {
			t.Errorf("sourceTable(%q) = %q, want %q", tc.from, got, tc.want)
		}
	}
}
