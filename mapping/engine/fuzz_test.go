package engine

import (
	"github.com/seamhq/seam/mapping"
	"strings"
	"testing"
)

// FuzzCompile compiles arbitrary expressions against the test schemas and
// runs what compiles on a sample row: errors are fine, panics are not.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		`trim(name) + " " + lower(email)`, `email | trim() | lower()`, `to_decimal(cents) / 100`,
		`lookup("st", code, "unknown")`, `price * 3 > 10 ? "big" : "small"`, `{"a": name}`,
		`split(name, ",")`, `len(name) > 2 and code == "P"`, `filter(tags, # != nil)`,
		`let x = trim(name); x + x`, `is_absent(email)`, `((((((name))))))`, `name[0:2]`,
		`coalesce(email, name, "x")`, `parse_date(name, "MM/DD/YYYY")`, `1 / 0`, `to_decimal("1") / 0`,
		`repeat("x", 1000000000)`, `$env.name`, `addr.city ?? "none"`, "name +", `"\u00e9" + name`,
	} {
		f.Add(s)
	}
	src, dst := testSchemas()
	m := mustParse(f, head+"  - {target: status, from: [name], expr: name}\n")
	in := rec("name", "Ada, Lovelace", "email", nil, "cents", "1999", "price", "2.5", "code", "P")
	f.Fuzz(func(t *testing.T, e string) {
		r := &mapping.Rule{Target: "status", Expr: e}
		rp, ds := CompileRule(m, r, src, dst)
		if rp == nil {
			if !ds.HasErrors() {
				t.Fatal("no program and no error")
			}
			return
		}
		rp.Eval(in)
	})
}

// FuzzParse parses arbitrary mapping files; what parses must print and
// parse again.
func FuzzParse(f *testing.F) {
	f.Add([]byte(head + "  - {target: a, from: [b]}\n"))
	f.Add([]byte("seam: 1\nrules:\n  - target: x\n    expr: |\n      a +\n        b\n"))
	f.Add([]byte("seam: 1\nlookups:\n  s: {file: x.csv, default: u}\n"))
	// Depth bombs just over and under the pre-scan's bound, and aliases.
	f.Add([]byte("seam: 1\nrules: " + strings.Repeat("[", 600)))
	f.Add([]byte("seam: 1\nrules: " + strings.Repeat("[", 500) + strings.Repeat("]", 500)))
	f.Add([]byte("seam: 1\nrules:\n  " + strings.Repeat("- ", 600) + "x\n"))
	f.Add([]byte("seam: 1\nx: &a {target: a}\nrules: [*a, *a, {target: '[', expr: \"{\"}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := mapping.Parse("f.seam.yaml", data)
		if err != nil {
			return
		}
		out, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := mapping.Parse("f.seam.yaml", out); err != nil {
			t.Fatalf("printed mapping does not parse: %v\n%s", err, out)
		}
	})
}
