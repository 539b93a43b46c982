package edge

import (
	"math"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

func presenceCases(f *schema.Field) []Case {
	nullTag, absentTag := Edge, Edge
	if f.Nullable {
		nullTag = Rare
	}
	if !f.Required {
		absentTag = Rare
	}
	out := []Case{
		mk("presence.null", nullTag, "explicit null (\"clear it\" in upserts)", value.NullV()),
		mk("presence.absent", absentTag, "key left out (\"leave unchanged\" in upserts)", value.Value{}),
	}
	emptyTag := Edge
	if f.Type == schema.String && (f.MinLength == nil || *f.MinLength == 0) && f.Pattern == "" && len(f.EnumValues) == 0 && StringKind(f) == "" {
		emptyTag = Rare
	}
	switch f.Type {
	case schema.Object, schema.Array:
		// {} and [] are their own cases.
	default:
		out = append(out, mk("presence.empty", emptyTag, "empty string: Oracle stores it as NULL, NOT NULL columns accept it", value.Str("")))
	}
	return out
}

// IntRange returns the inclusive range of an integer field: its bits
// (64 when unknown) narrowed by min and max.
func IntRange(f *schema.Field) (lo, hi int64) {
	lo, hi = math.MinInt64, math.MaxInt64
	switch f.Bits {
	case 8:
		lo, hi = math.MinInt8, math.MaxInt8
	case 16:
		lo, hi = math.MinInt16, math.MaxInt16
	case 32:
		lo, hi = math.MinInt32, math.MaxInt32
	}
	if f.Min != nil && *f.Min > float64(lo) {
		lo = int64(math.Ceil(*f.Min))
	}
	if f.Max != nil && *f.Max < float64(hi) {
		hi = int64(math.Floor(*f.Max))
	}
	return lo, hi
}

// plusOne returns i+d as an Int value, or a Decimal one when it overflows.
func plusOne(i int64, d int64) value.Value {
	if (d > 0 && i == math.MaxInt64) || (d < 0 && i == math.MinInt64) {
		return value.Dec(decimal.NewFromInt(i).Add(decimal.NewFromInt(d)))
	}
	return value.IntV(i + d)
}

func intCases(f *schema.Field) []Case {
	lo, hi := IntRange(f)
	negTag := Rare
	if lo >= 0 {
		negTag = Edge
	}
	out := []Case{
		mk("int.zero", Rare, "zero: a sentinel that masquerades as a real value", value.IntV(0)),
		mk("int.negative", negTag, "negative where only positive makes sense (returns, -1 sentinels)", value.IntV(-1), value.IntV(-3)),
		mk("int.max", Rare, "the largest value the field holds", value.IntV(hi)),
		mk("int.max_plus_one", Edge, "one over the maximum: overflow or wrap-around", plusOne(hi, 1)),
		mk("int.min", Rare, "the smallest value the field holds", value.IntV(lo)),
		mk("int.min_minus_one", Edge, "one under the minimum", plusOne(lo, -1)),
	}
	if hi > 1<<53 {
		out = append(out, mk("int.js_unsafe", Edge, "2^53+1: JSON parsers that use float64 change the last digit", value.IntV(1<<53+1)))
	}
	out = append(out,
		mk("int.as_float_text", Edge, "integer written as a float or in exponent form", value.Str("42.0"), value.Str("4.2e1")),
		mk("int.locale_formatted", Edge, "thousands separators of several locales", value.Str("1,234"), value.Str("1.234"), value.Str("1 234")),
	)
	return out
}

// pointOne and pointTwo are variables so that their sum is computed in
// float64 (0.30000000000000004), not as an exact constant.
var pointOne, pointTwo = 0.1, 0.2

func pow10(n int) decimal.Decimal { return decimal.New(1, int32(n)) }

// DecimalMax returns the largest value a decimal(p,s) holds, and false
// when the precision is unknown.
func DecimalMax(f *schema.Field) (decimal.Decimal, bool) {
	if f.Precision == nil {
		return decimal.Decimal{}, false
	}
	s := 0
	if f.Scale != nil {
		s = *f.Scale
	}
	p := *f.Precision
	return pow10(p - s).Sub(pow10(-s)), true
}

func decimalCases(f *schema.Field) []Case {
	s := 0
	if f.Scale != nil {
		s = *f.Scale
	}
	negTag := Rare
	if f.Min != nil && *f.Min >= 0 {
		negTag = Edge
	}
	neg := decimal.New(-1999, -2).Round(int32(s))
	hi, hasMax := DecimalMax(f)
	if hasMax && neg.Neg().GreaterThan(hi) {
		neg = hi.Neg()
	}
	out := []Case{
		mk("decimal.zero", Rare, "zero amount", value.Dec(decimal.New(0, int32(-s)))),
		mk("decimal.negative", negTag, "negative amount: refunds, credits", value.Dec(neg)),
	}
	if hasMax {
		if f.Max != nil {
			if m := decimal.NewFromFloat(*f.Max).Truncate(int32(s)); m.LessThan(hi) {
				hi = m
			}
		}
		out = append(out,
			mk("decimal.max", Rare, "the largest value the precision and scale hold", value.Dec(hi)),
			mk("decimal.precision_overflow", Edge, "rounds up into overflow, or one integer digit too many", value.Dec(hi.Add(half(s))), value.Dec(pow10(*f.Precision-s))),
		)
	}
	if f.Scale != nil {
		out = append(out, mk("decimal.scale_plus_one", Edge, "one decimal digit more than the scale, incl. an exact half (half-even vs half-up)",
			value.Dec(decimal.NewFromInt(1).Sub(half(s))), value.Dec(half(s))))
	}
	out = append(out,
		mk("decimal.negative_zero", Edge, "negative zero: not representable in DECIMAL, prints as -0", value.Str("-0."+strings.Repeat("0", max(s, 1))), value.FloatV(math.Copysign(0, -1))),
		mk("decimal.float_artifact", Edge, "money already stored as binary float", value.FloatV(pointOne+pointTwo), value.FloatV(float64(float32(9.8)))),
		mk("decimal.formatted", Edge, "currency symbols, locale separators, accounting negatives", value.Str("$1,234.50"), value.Str("1.234,50 €"), value.Str("(12.00)")),
		mk("decimal.non_finite", Hostile, "NaN and infinity: not representable in DECIMAL or JSON", value.Str("NaN"), value.Str("Infinity")),
	)
	return out
}

// half returns 5 in the (s+1)th decimal place: 0.005 for scale 2.
func half(s int) decimal.Decimal { return decimal.New(5, int32(-(s + 1))) }

func floatCases(f *schema.Field) []Case {
	out := []Case{
		mk("float.zero", Rare, "zero", value.FloatV(0)),
		mk("float.precision", Rare, "binary rounding artefacts: 0.1+0.2", value.FloatV(pointOne+pointTwo), value.FloatV(1.0/3)),
		mk("float.negative_zero", Edge, "-0.0 prints as -0 and compares equal to 0", value.FloatV(math.Copysign(0, -1))),
		mk("float.nan", Edge, "NaN: not representable in JSON or DECIMAL, never equal to itself", value.FloatV(math.NaN())),
		mk("float.inf", Edge, "positive and negative infinity", value.FloatV(math.Inf(1)), value.FloatV(math.Inf(-1))),
		mk("float.max", Edge, "the largest float64", value.FloatV(math.MaxFloat64)),
		mk("float.subnormal", Edge, "the smallest subnormal float64", value.FloatV(math.SmallestNonzeroFloat64)),
		mk("float.js_unsafe", Edge, "2^53+1 cannot be held by a float64", value.Str("9007199254740993")),
	}
	if f.Min != nil {
		out = append(out, mk("float.below_min", Edge, "just under the minimum", value.FloatV(math.Nextafter(*f.Min, math.Inf(-1)))))
	}
	if f.Max != nil {
		out = append(out, mk("float.above_max", Edge, "just over the maximum", value.FloatV(math.Nextafter(*f.Max, math.Inf(1)))))
	}
	return out
}
