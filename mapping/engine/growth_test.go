package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// chain writes "let v1 = step(name); let v2 = step(v1); ... vN" with
// step's %s standing for the previous value: growth from one field, the
// expression text linear in n.
func chain(step string, n int) string {
	var b strings.Builder
	prev := "name"
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "let v%d = %s; ", i, strings.ReplaceAll(step, "%s", prev))
		prev = fmt.Sprintf("v%d", i)
	}
	return b.String() + prev
}

// nest writes step(step(...step(name))) n deep: chained calls, which the
// native path runs.
func nest(step string, n int) string {
	e := "name"
	for i := 0; i < n; i++ {
		e = strings.ReplaceAll(step, "%s", e)
	}
	return e
}

// TestValueGrowthBounded: a rule that builds a value beyond
// transform.MaxValueBytes fails on that row with value_too_large and a
// reason naming the rule, handled by on_error, on the native path and the
// VM alike; no value of that size is ever built (#20.7).
func TestValueGrowthBounded(t *testing.T) {
	src := &schema.Schema{Name: "src", Fields: []*schema.Field{{Path: "name", Name: "name", Type: schema.String}}}
	dst := &schema.Schema{Name: "dst", Fields: []*schema.Field{
		{Path: "out", Name: "out", Type: schema.String, Nullable: true},
		{Path: "list", Name: "list", Type: schema.Array, Nullable: true},
	}}
	src.Reindex()
	dst.Reindex()
	in := &value.Record{Keys: []string{"name"}, Vals: []value.Value{value.Str("aaaaaaaaaaaaaaaa")}}
	grow := []struct {
		name, target, expr string
		native             bool // runs on the native path unless forced
		once               bool // slow (a regexp over megabytes): one run
	}{
		{"+ in a let chain", "out", chain("%s + %s", 33), false, false},
		{"concat in a let chain", "out", chain("concat(%s, %s, %s)", 33), false, false},
		{"+ in nested calls", "out", nest("trim(%s) + \"x\" + trim(%s)", 1), true, true},
		{"replace nested", "out", nest(`replace(%s, "a", "aaaaaaaa")`, 12), true, false},
		{"regex_replace nested", "out", nest(`regex_replace(%s, "^(.*)$", "$1$1")`, 33), true, true},
		{"regex_replace of every position", "out", nest(`regex_replace(%s, "", "-")`, 25), true, true},
		{"join of one long value many times", "out", `let a = pad_right(name, 1000000, "é"); join(map(1..100, a), "")`, false, false},
		{"array sharing one value", "list", chain("[%s, %s]", 40), false, false},
		{"upper", "out", `let a = pad_right(name, 1000000, "ɐ"); upper(a + a + a + a + a + a)`, false, true},
	}
	for _, c := range grow {
		for _, onError := range []string{"reject", "null"} {
			for _, vm := range []bool{false, true} {
				if c.once && (vm || onError != "reject") {
					continue
				}
				if c.name == "+ in nested calls" {
					// name itself is short: make it 10 MiB so one + passes the bound.
					in.Vals[0] = value.Str(strings.Repeat("a", 10<<20))
				} else {
					in.Vals[0] = value.Str("aaaaaaaaaaaaaaaa")
				}
				m := mustParse(t, fmt.Sprintf("seam: 1\nsource: {schema: s.json}\ntarget: {schema: t.json}\nrules:\n  - {id: grow, target: %s, from: [name], on_error: %s, expr: '%s'}\n", c.target, onError, c.expr))
				p, ds := compileFor(m, src, dst, vm)
				if ds.HasErrors() {
					t.Fatalf("%s: %v", c.name, ds)
				}
				if !vm && (p.rules[0].native != nil) != c.native {
					t.Errorf("%s: native=%v, want %v", c.name, p.rules[0].native != nil, c.native)
				}
				res := p.NewExec().Apply(in)
				if len(res.Errors) != 1 {
					t.Fatalf("%s vm=%v: errors %+v", c.name, vm, res.Errors)
				}
				e := res.Errors[0]
				if e.Kind != kind.ValueTooLarge || !strings.HasPrefix(e.Reason, "rule grow: a value grew beyond 16 MiB") {
					t.Errorf("%s vm=%v: %s: %s", c.name, vm, e.Kind, e.Reason)
				}
				if res.Rejected != (onError == "reject") {
					t.Errorf("%s vm=%v on_error %s: rejected=%v", c.name, vm, onError, res.Rejected)
				}
				if got := res.Out.Path(c.target); onError == "null" && got.K != value.Null {
					t.Errorf("%s vm=%v: on_error null wrote %s", c.name, vm, got.K)
				}
			}
		}
	}

	// Values up to the bound pass, and + keeps its meaning elsewhere.
	ok := []struct{ expr, want string }{
		{chain("%s + %s", 20), strings.Repeat("a", 16<<20)},
		{`name + "-" + name`, "aaaaaaaaaaaaaaaa-aaaaaaaaaaaaaaaa"},
		{`to_string(len(name) + 1) + "!"`, "17!"},
		{`to_string(to_decimal("1.5") + 1)`, "2.5"},
		{`regex_replace(name, "a", "${0}b")`, strings.Repeat("ab", 16)},
		{`let xs = split(name + "-b", "-"); xs[0] + xs[1]`, "aaaaaaaaaaaaaaaab"},
	}
	in.Vals[0] = value.Str("aaaaaaaaaaaaaaaa")
	for _, vm := range []bool{false, true} {
		for _, c := range ok {
			m := mustParse(t, "seam: 1\nsource: {schema: s.json}\ntarget: {schema: t.json}\nrules:\n  - {id: r, target: out, from: [name], expr: '"+c.expr+"'}\n")
			p, ds := compileFor(m, src, dst, vm)
			if ds.HasErrors() {
				t.Fatalf("%s: %v", c.expr, ds)
			}
			res := p.NewExec().Apply(in)
			if len(res.Errors) > 0 {
				t.Errorf("%s vm=%v: %+v", c.expr, vm, res.Errors[0].Reason)
				continue
			}
			if got := res.Out.Path("out"); got.S != c.want {
				t.Errorf("%s vm=%v: got %d bytes %.40q", c.expr, vm, len(got.S), got.S)
			}
		}
	}
}
