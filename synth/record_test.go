package synth

import (
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestRecordRealism: within one record, every currency is the same (one
// currency per document, nested money objects included), quantities are
// whole and float amounts are in cents.
func TestRecordRealism(t *testing.T) {
	s, err := schema.Parse("order.schema.json", []byte(`{
	  "type": "object",
	  "properties": {
	    "currency": {"type": "string"},
	    "quantity": {"type": "number"},
	    "price": {"type": "number"},
	    "total_price_set": {"type": "object", "properties": {
	      "shop_money": {"type": "object", "properties": {"amount": {"type": "string"}, "currency_code": {"type": "string"}}},
	      "presentment_money": {"type": "object", "properties": {"amount": {"type": "string"}, "currency_code": {"type": "string"}}}
	    }}
	  }
	}`), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGenerator(s, Plan{Rows: 500}, 3)
	if err != nil {
		t.Fatal(err)
	}
	currencies := map[string]bool{}
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		cur := r.Rec.Get("currency")
		currencies[cur.S] = true
		for _, p := range []string{"total_price_set.shop_money.currency_code", "total_price_set.presentment_money.currency_code"} {
			if v := r.Rec.Path(p); v.K == value.String && v.S != cur.S {
				t.Fatalf("row %d: %s is %q, currency %q", r.N, p, v.S, cur.S)
			}
		}
		if q := r.Rec.Get("quantity"); q.K == value.Float && q.F != float64(int64(q.F)) {
			t.Fatalf("row %d: quantity %v is not whole", r.N, q.F)
		}
		if p := r.Rec.Get("price"); p.K == value.Float && p.F*100 != float64(int64(p.F*100+0.5)) && p.F*100 != float64(int64(p.F*100-0.5)) {
			if d := p.F*100 - float64(int64(p.F*100+0.5)); d > 1e-6 || d < -1e-6 {
				t.Fatalf("row %d: price %v is not in cents", r.N, p.F)
			}
		}
	}
	if len(currencies) < 5 {
		t.Fatalf("only %d currencies across 500 records", len(currencies))
	}
}
