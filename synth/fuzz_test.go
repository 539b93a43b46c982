package synth

import (
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/synth/edge"
)

// FuzzField builds one field from arbitrary constraints and generates
// rows for it in every profile: no panic, the requested row count, and
// edge.Check on every value never panics either.
func FuzzField(f *testing.F) {
	f.Add(uint8(0), "first_name", int16(15), int16(0), 0.0, 0.0, int8(10), int8(2), uint8(16), "", true, false)
	f.Add(uint8(2), "total", int16(-1), int16(-1), -5.0, 1e9, int8(3), int8(5), uint8(0), "^x$", false, true)
	f.Add(uint8(1), "qty", int16(0), int16(0), 10.0, 1.0, int8(0), int8(0), uint8(8), "([", true, true)
	f.Fuzz(func(t *testing.T, typ uint8, name string, maxLen, minLen int16, min, max float64, prec, scale int8, bits uint8, pattern string, required, nullable bool) {
		fl := &schema.Field{Path: name, Name: name, Type: schema.Types[int(typ)%len(schema.Types)],
			Required: required, Nullable: nullable, Pattern: pattern, Bits: int(bits)}
		if maxLen >= 0 {
			fl.MaxLength = schema.IntP(int(maxLen % 200))
		}
		if minLen >= 0 {
			fl.MinLength = schema.IntP(int(minLen % 200))
		}
		if min != 0 {
			fl.Min = &min
		}
		if max != 0 {
			fl.Max = &max
		}
		if prec >= 0 {
			fl.Precision = schema.IntP(int(prec % 40))
		}
		if scale >= 0 {
			fl.Scale = schema.IntP(int(scale % 40))
		}
		if fl.Type == schema.Enum {
			fl.EnumValues = []string{name, "b"}
		}
		if fl.Type == schema.Array {
			fl.Children = []*schema.Field{{Path: name + "[]", Name: "[]", Type: schema.String, MaxLength: fl.MaxLength}}
		}
		for _, c := range edge.For(fl, fl) {
			for _, v := range c.Values {
				_ = edge.Check(fl, v)
			}
		}
		s := &schema.Schema{Name: "fuzz", Fields: []*schema.Field{fl}}
		for _, p := range []Profile{Realistic, Hostile} {
			g, err := NewGenerator(s, Plan{Rows: 30, EdgeRate: 0.5, Profile: p, Drift: true}, 1)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for range g.All() {
				n++
			}
			if n != 30 {
				t.Fatalf("%d rows", n)
			}
		}
	})
}
