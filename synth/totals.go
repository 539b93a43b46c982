package synth

import (
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// sumSpec makes a record's total add up: total = subtotal + tax
// [+ shipping] [- discount], among the fields of one object.
type sumSpec struct {
	total int
	parts []int
	neg   []bool
}

// totalsOf finds, among sibling fields, a total with a subtotal and a tax
// (Stripe's invoice total, subtotal, tax; Shopify's total_price,
// subtotal_price, total_tax) and the shipping and discount beside them.
// Roles come from the name's words; of several candidates the one with
// the fewest words wins (tax over customer_tax_exempt, total_price over
// total_line_items_price), and a rate or a flag is never an amount.
func totalsOf(fs []*schema.Field) []sumSpec {
	total, sub, tax := -1, -1, -1
	size := func(i int) int {
		if i < 0 {
			return 1 << 30
		}
		return len(wordsOf(fs[i]))
	}
	pick := func(cur *int, i int) {
		if size(i) < size(*cur) {
			*cur = i
		}
	}
	var extra []int
	var neg []bool
	for i, f := range fs {
		if !numericLike(f) {
			continue
		}
		w := wordsOf(f)
		if w.has("percent", "pct", "rate", "rates", "ratio", "exempt", "id", "ids", "code", "status", "type", "count", "included", "inclusive") {
			continue
		}
		switch {
		case w.has("subtotal") || (w.has("sub") && w.has("total")):
			pick(&sub, i)
		case w.has("tax", "taxes", "vat"):
			pick(&tax, i)
		case w.has("discount", "discounts"):
			extra, neg = append(extra, i), append(neg, true)
		case w.has("shipping"):
			extra, neg = append(extra, i), append(neg, false)
		case w.has("total"):
			pick(&total, i)
		}
	}
	if total < 0 || sub < 0 || tax < 0 {
		return nil
	}
	return []sumSpec{{total: total, parts: append([]int{sub, tax}, extra...), neg: append([]bool{false, false}, neg...)}}
}

func numericLike(f *schema.Field) bool {
	switch f.Type {
	case schema.Integer, schema.Decimal, schema.Float:
		return true
	case schema.String:
		return len(f.EnumValues) == 0 && f.Pattern == "" && classify(f) == mAmount
	default:
		return false
	}
}

// decOf reads a number or decimal text.
func decOf(v value.Value) (decimal.Decimal, bool) {
	switch v.K {
	case value.Int:
		return decimal.NewFromInt(v.I), true
	case value.Decimal:
		return v.D, true
	case value.Float:
		return decimal.NewFromFloat(v.F), true
	case value.String:
		d, err := decimal.NewFromString(v.S)
		return d, err == nil
	default:
		return decimal.Decimal{}, false
	}
}

// apply sets the total of vals to the sum of its parts, in the total's
// own kind; a part that is not a number (null, absent, an edge case in
// text) leaves the record as drawn.
func (s sumSpec) apply(vals []value.Value) {
	if s.total >= len(vals) {
		return
	}
	var sum decimal.Decimal
	for i, p := range s.parts {
		if p >= len(vals) {
			return
		}
		v := vals[p]
		if v.K == value.Null || v.K == value.Absent {
			if i < 2 {
				return
			}
			continue // no shipping, no discount
		}
		d, ok := decOf(v)
		if !ok {
			return
		}
		if s.neg[i] {
			d = d.Neg()
		}
		sum = sum.Add(d)
	}
	t := vals[s.total]
	switch t.K {
	case value.Int:
		if sum.IsInteger() {
			vals[s.total] = value.IntV(sum.IntPart())
		}
	case value.Decimal:
		vals[s.total] = value.Dec(sum.Round(-t.D.Exponent()))
	case value.Float:
		f, _ := sum.Float64()
		vals[s.total] = value.FloatV(f)
	case value.String:
		if _, ok := decOf(t); ok {
			vals[s.total] = value.Str(sum.StringFixed(2))
		}
	default:
	}
}
