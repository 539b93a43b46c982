package synth

import (
	"context"
	"io"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

// TestOddSchemas: contradictory or degenerate constraints never panic and
// still give the requested rows in every format and profile.
func TestOddSchemas(t *testing.T) {
	s := &schema.Schema{Name: "odd", Fields: []*schema.Field{
		{Path: "", Name: "", Type: schema.String},
		{Path: "zero", Name: "zero", Type: schema.String, MaxLength: ip(0)},
		{Path: "minmax", Name: "minmax", Type: schema.String, MinLength: ip(10), MaxLength: ip(3)},
		{Path: "badpat", Name: "badpat", Type: schema.String, Pattern: "([a-z"},
		{Path: "lookahead", Name: "lookahead", Type: schema.String, Pattern: "^(?=a)a+$"},
		{Path: "hardpat", Name: "hardpat", Type: schema.String, Pattern: `^\p{Greek}{3}[0-9]{2}$`, MaxLength: ip(5)},
		{Path: "inv", Name: "inv", Type: schema.Integer, Min: fp(10), Max: fp(1)},
		{Path: "tiny", Name: "tiny", Type: schema.Integer, Bits: 8},
		{Path: "huge", Name: "huge", Type: schema.Integer, Min: fp(-1e30), Max: fp(1e30)},
		{Path: "ps", Name: "ps", Type: schema.Decimal, Precision: ip(2), Scale: ip(4)},
		{Path: "p0", Name: "p0", Type: schema.Decimal, Precision: ip(0), Scale: ip(0)},
		{Path: "fl", Name: "fl", Type: schema.Float, Min: fp(5), Max: fp(5)},
		{Path: "noenum", Name: "noenum", Type: schema.Enum},
		{Path: "emptyenum", Name: "emptyenum", Type: schema.Enum, EnumValues: []string{""}},
		{Path: "obj", Name: "obj", Type: schema.Object},
		{Path: "arr", Name: "arr", Type: schema.Array},
		{Path: "weird", Name: "weird", Type: schema.Type("geometry")},
		{Path: "email", Name: "email", Type: schema.String, Format: "email", MaxLength: ip(4)},
	}}
	for _, p := range []Profile{Realistic, Edge, Hostile} {
		for _, format := range Formats {
			err := Write(context.Background(), s, Plan{Rows: 120, EdgeRate: 0.5, Profile: p, Drift: true}, 5, io.Discard, format, io.Discard, nil)
			if err != nil {
				t.Errorf("%s %s: %v", p, format, err)
			}
		}
	}
}
