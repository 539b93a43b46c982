package engine

import (
	"fmt"
	"math"
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestIntegerOverflow: + - * on integers beyond the 64-bit range reject
// the row with kind range_violation, as the exported SQL's guard does;
// they used to wrap around silently (9223372036854775807 + 1 was
// -9223372036854775808). Typed operands (integer fields, literals) and
// unknown ones (children of an untyped object) alike, on the VM and the
// native path.
func TestIntegerOverflow(t *testing.T) {
	src := &schema.Schema{Name: "s", Fields: []*schema.Field{
		{Path: "a", Name: "a", Type: schema.Integer},
		{Path: "b", Name: "b", Type: schema.Integer},
		{Path: "o", Name: "o", Type: schema.Object},
	}}
	dst := &schema.Schema{Name: "d", Fields: []*schema.Field{
		{Path: "x", Name: "x", Type: schema.Integer, Nullable: true},
	}}
	maxI, minI := int64(math.MaxInt64), int64(math.MinInt64)
	cases := []struct {
		expr string
		a, b int64
		want string // the written value, or "range_violation"
	}{
		{"a + b", 1, 2, "3"},
		{"a + b", maxI, 1, "range_violation"},
		{"a + b", minI, -1, "range_violation"},
		{"a + b", maxI, minI, "-1"},
		{"a - b", minI, 1, "range_violation"},
		{"a - b", 0, minI, "range_violation"},
		{"a - b", -1, maxI, fmt.Sprint(minI)},
		{"a * b", 1 << 62, 2, "range_violation"},
		{"a * b", -1, minI, "range_violation"},
		{"a * b", 1 << 31, 1 << 31, "4611686018427387904"},
		{"a * 2", maxI, 0, "range_violation"},
		{"a + 1", maxI, 0, "range_violation"},
		{"(a + b) * 1", 2, 3, "5"},
		{"o.x + o.y", maxI, 1, "range_violation"},
		{"o.x * o.y", maxI, 2, "range_violation"},
		{"o.x - b", minI, 1, "range_violation"},
		{"o.x * o.y", 3, 4, "12"},
	}
	for _, c := range cases {
		m := mustParse(t, "seam: 1\nsource: {schema: s.csv}\ntarget: {schema: t.csv}\nrules:\n  - {target: x, from: [a, b, o], expr: "+fmt.Sprintf("%q", c.expr)+"}\n")
		p, ds := Compile(m, src, dst)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", c.expr, ds)
		}
		in := rec("a", int(c.a), "b", int(c.b))
		in.Set("o", value.Value{K: value.Object, Obj: rec("x", int(c.a), "y", int(c.b))})
		res := p.NewExec().Apply(in)
		got := ""
		switch {
		case res.Rejected && len(res.Errors) > 0:
			got = string(res.Errors[0].Kind)
			if kind.Kind(got) != kind.RangeViolation {
				t.Errorf("%s with a=%d b=%d: %s: %s", c.expr, c.a, c.b, got, res.Errors[0].Reason)
			}
		case !res.Rejected:
			got = res.Out.Get("x").Text()
		}
		if got != c.want {
			t.Errorf("%s with a=%d b=%d = %s, want %s", c.expr, c.a, c.b, got, c.want)
		}
	}
}
