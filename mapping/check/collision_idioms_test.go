package check

import (
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestCollisionIdioms: expressions that keep every input (null-safe
// concatenations in the shapes engineers write them) or read a field only
// as a test (`flag ? nil : first`) raise no collision, static or on data;
// the ones that keep one of several set inputs do.
func TestCollisionIdioms(t *testing.T) {
	src := S("s", F("line1", schema.String), F("line2", schema.String), F("flag", schema.Boolean), F("mobile", schema.String))
	dst := S("d", F("street", schema.String))
	rows := []*value.Record{
		rec("line1", "1 Main St", "line2", "Apt 4", "flag", false, "mobile", "555"),
		rec("line1", "2 Side Rd", "line2", nil, "flag", true, "mobile", "556"),
		rec("line1", nil, "line2", "Suite 9", "flag", false, "mobile", nil),
	}
	idioms := []string{
		`join([line1, line2], ", ")`,
		`line2 == nil || line2 == "" ? line1 : line1 + ", " + line2`,
		`trim((line1 ?? "") + " " + (line2 ?? ""))`,
		`concat(default(line1, ""), " ", default(line2, ""))`,
		`flag ? nil : line1`,
		`null_if_empty(trim(join([line1, line2], " ")))`,
	}
	joined := func(in *value.Record) value.Value {
		s := ""
		for _, p := range []string{"line1", "line2"} {
			if v := in.Path(p); !v.IsMissing() {
				if s != "" {
					s += ", "
				}
				s += v.S
			}
		}
		return value.Str(s)
	}
	for _, expr := range idioms {
		from := []string{"line1", "line2"}
		out := joined
		if expr == `flag ? nil : line1` {
			from = []string{"flag", "line1"}
			out = func(in *value.Record) value.Value {
				if in.Path("flag").Bool() {
					return value.NullV()
				}
				return in.Path("line1")
			}
		}
		m := M(R("street", expr, from...))
		if f := find(Static(m, src, dst), kind.Collision); f != nil {
			t.Errorf("%s: static collision: %s", expr, f.Message)
		}
		d := NewDataFor(m, src, dst, DataOptions{})
		for i, in := range rows {
			d.ObserveOut(int64(i+1), in, rec("street", out(in)), nil, nil)
		}
		if f := find(d.Findings(), kind.Collision); f != nil {
			t.Errorf("%s: data collision: %s", expr, f.Message)
		}
	}
	// A value computed from several inputs keeps them all (P2's discount).
	src2 := S("s", F("off", schema.Decimal), F("price", schema.Decimal), F("qty", schema.Integer))
	dst2 := S("d", F("discount", schema.Decimal))
	m2 := M(R("discount", `let p = to_float(price); let q = to_float(qty); p != nil && q != nil && p * q > 0 ? round(to_float(off) / (p * q), 4) : 0.0`, "off", "price", "qty"))
	d2 := NewDataFor(m2, src2, dst2, DataOptions{})
	d2.ObserveOut(1, rec("off", 2.0, "price", 10.0, "qty", int64(2)), rec("discount", 0.1), nil, nil)
	if f := find(d2.Findings(), kind.Collision); f != nil {
		t.Errorf("a computed discount raised a collision: %s", f.Message)
	}
	// Planted: one of two set inputs kept.
	for _, expr := range []string{`line1 ?? line2`, `coalesce(mobile, line1)`, `flag ? mobile : line1`} {
		m := M(R("street", expr, "line1", "line2", "mobile", "flag"))
		d := NewDataFor(m, src, dst, DataOptions{})
		d.ObserveOut(1, rows[0], rec("street", "1 Main St"), nil, nil)
		if find(d.Findings(), kind.Collision) == nil {
			t.Errorf("%s: keeps one of several set inputs and raised no collision", expr)
		}
	}
}
