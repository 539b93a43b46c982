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

// TestTotalsAddUp: a total beside a subtotal and a tax is their sum (less
// the discount), at the top level and in nested objects, as integers
// (Stripe's cents) and decimal text (Shopify's prices).
func TestTotalsAddUp(t *testing.T) {
	s, err := schema.Parse("invoice.schema.json", []byte(`{
	  "type": "object",
	  "properties": {
	    "subtotal": {"type": "integer"}, "tax": {"type": "integer"}, "total": {"type": "integer"},
	    "prices": {"type": "object", "properties": {
	      "subtotal_price": {"type": "string"}, "total_tax": {"type": "string"},
	      "total_discounts": {"type": "string"}, "total_price": {"type": "string"}}}
	  }
	}`), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGenerator(s, Plan{Rows: 300}, 9)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		sub, tax, tot := r.Rec.Get("subtotal"), r.Rec.Get("tax"), r.Rec.Get("total")
		if sub.K == value.Int && tax.K == value.Int && tot.K == value.Int {
			if tot.I != sub.I+tax.I {
				t.Fatalf("row %d: total %d, subtotal %d + tax %d", r.N, tot.I, sub.I, tax.I)
			}
			checked++
		}
		p := r.Rec.Path
		a, ok1 := decOf(p("prices.subtotal_price"))
		b, ok2 := decOf(p("prices.total_tax"))
		c, ok3 := decOf(p("prices.total_discounts"))
		d, ok4 := decOf(p("prices.total_price"))
		if ok1 && ok2 && ok3 && ok4 {
			if !a.Add(b).Sub(c).Equal(d) {
				t.Fatalf("row %d: total_price %s, %s + %s - %s", r.N, d, a, b, c)
			}
			checked++
		}
	}
	if checked < 300 {
		t.Fatalf("only %d totals checked", checked)
	}
}
