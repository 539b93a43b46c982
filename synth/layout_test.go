package synth

import (
	"testing"
	"time"

	"github.com/seamhq/seam/mapping/schema"
)

// TestTextDatesFollowTheFieldFormat: a text date whose format names a
// layout (MM/DD/YYYY, or date:LAYOUT as the CSV loader infers it) is
// written in that layout, and a later date still follows the earlier one.
func TestTextDatesFollowTheFieldFormat(t *testing.T) {
	for _, tc := range []struct{ format, layout string }{
		{"MM/DD/YYYY", "01/02/2006"},
		{"DD.MM.YYYY", "02.01.2006"},
		{"date:2006/01/02", "2006/01/02"},
		{"", "2006-01-02"},
	} {
		s := &schema.Schema{Name: "o", Fields: []*schema.Field{
			{Path: "order_date", Name: "order_date", Type: schema.String, Required: true, Format: tc.format},
			{Path: "ship_date", Name: "ship_date", Type: schema.String, Required: true, Format: tc.format},
		}}
		g, err := NewGenerator(s, Plan{Rows: 200}, 3)
		if err != nil {
			t.Fatal(err)
		}
		for {
			r, ok := g.Next()
			if !ok {
				break
			}
			od, err1 := time.Parse(tc.layout, r.Rec.Get("order_date").S)
			sd, err2 := time.Parse(tc.layout, r.Rec.Get("ship_date").S)
			if err1 != nil || err2 != nil {
				t.Fatalf("format %q: row %d: %v %v", tc.format, r.N, err1, err2)
			}
			if sd.Before(od) {
				t.Fatalf("format %q: row %d: ship %s before order %s", tc.format, r.N, sd, od)
			}
		}
	}
}
