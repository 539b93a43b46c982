package transform

import (
	"math"
	"time"

	"github.com/shopspring/decimal"
)

// maxRoundPlaces bounds round's places argument (big.Int work grows with it).
const maxRoundPlaces = 100

// trimASCII strips ASCII spaces and tabs, without allocating.
func trimASCII(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

func toInt(args []any) (any, error) {
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case int:
		return args[0], nil
	case bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case string:
		n, st := ParseInt(v, NumberFormat{})
		switch st {
		case NumOK:
			return int(n), nil
		case NumRange:
			return nil, errf("to_int", "%s is out of the 64-bit integer range", quoteShort(v))
		default:
		}
		return nil, errf("to_int", "%s is not an integer", quoteShort(v))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) || v != math.Trunc(v) || math.Abs(v) >= 1<<63 {
			return nil, errf("to_int", "%s is not a whole number", quoteShort(v))
		}
		return int(v), nil
	case decimal.Decimal:
		if !v.IsInteger() {
			return nil, errf("to_int", "%s is not a whole number", decString(v))
		}
		if !v.BigInt().IsInt64() {
			return nil, errf("to_int", "%s is out of the 64-bit integer range", decString(v))
		}
		return int(v.IntPart()), nil
	default:
		if n, ok := asInt(v); ok {
			return n, nil
		}
		return nil, errf("to_int", "cannot convert %s to an integer", typeName(v))
	}
}

// parseDecimal parses a decimal string by the spelling rule (spell.go).
func parseDecimal(fn, raw string) (decimal.Decimal, error) {
	d, st := ParseDecimal(raw, NumberFormat{})
	if st == NumRange {
		return decimal.Decimal{}, errf(fn, "%s is out of range", quoteShort(raw))
	}
	if st != NumOK {
		return decimal.Decimal{}, errf(fn, "%s is not a decimal number", quoteShort(raw))
	}
	return d, nil
}

// asDecimal converts a number or numeric string to a decimal; ok is false
// for nil.
func asDecimal(fn string, v any) (d decimal.Decimal, ok bool, err error) {
	switch x := v.(type) {
	case nil:
		return d, false, nil
	case decimal.Decimal:
		return x, true, nil
	case int:
		return decimal.NewFromInt(int64(x)), true, nil
	case int64:
		return decimal.NewFromInt(x), true, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return d, false, errf(fn, "%v is not a finite number", x)
		}
		return decimal.NewFromFloat(x), true, nil
	case string:
		d, err := parseDecimal(fn, x)
		return d, err == nil, err
	default:
		if n, ok := asInt(x); ok {
			return decimal.NewFromInt(int64(n)), true, nil
		}
		return d, false, errf(fn, "cannot convert %s to a decimal", typeName(v))
	}
}

func placesArg(fn string, args []any, i int) (int32, error) {
	n, err := argInt(fn, args, i, "places")
	if err != nil {
		return 0, err
	}
	if n < -maxRoundPlaces || n > maxRoundPlaces {
		return 0, errf(fn, "places %d out of range -%d..%d", n, maxRoundPlaces, maxRoundPlaces)
	}
	return int32(n), nil
}

func toDecimal(args []any) (any, error) {
	d, ok, err := asDecimal("to_decimal", args[0])
	if !ok || err != nil {
		return nil, err
	}
	if len(args) > 1 {
		p, err := placesArg("to_decimal", args, 1)
		if err != nil {
			return nil, err
		}
		d = d.Round(p)
	}
	return d, nil
}

func toFloat(args []any) (any, error) {
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case float64:
		return args[0], nil
	case int:
		return float64(v), nil
	case decimal.Decimal:
		return v.InexactFloat64(), nil
	case string:
		f, st := ParseFloat(v, NumberFormat{})
		switch st {
		case NumRange:
			return nil, errf("to_float", "%s is out of the float range", quoteShort(v))
		case NumBad:
			return nil, errf("to_float", "%s is not a finite number", quoteShort(v))
		default:
		}
		return f, nil
	default:
		if n, ok := asInt(v); ok {
			return float64(n), nil
		}
		return nil, errf("to_float", "cannot convert %s to a float", typeName(v))
	}
}

func toBool(args []any) (any, error) {
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case bool:
		return args[0], nil
	case string:
		if b, ok := ParseBool(v, BoolFormat{}); ok {
			return b, nil
		}
		return nil, errf("to_bool", "%s is not a boolean (want yes/no, y/n, true/false, t/f, 1/0, on/off)", quoteShort(v))
	default:
		if n, ok := asInt(v); ok && (n == 0 || n == 1) {
			return n == 1, nil
		}
		return nil, errf("to_bool", "%s is not a boolean (want 0 or 1)", quoteShort(v))
	}
}

func toString(args []any) (any, error) {
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case string:
		return args[0], nil
	case time.Time:
		return renderTime(v), nil
	case map[string]any, []any:
		return nil, errf("to_string", "cannot convert %s to a string", typeName(v))
	default:
		return Render(v), nil
	}
}

func roundWith(fn string, bank bool) func(*Env, []any) (any, error) {
	return func(_ *Env, args []any) (any, error) {
		var p int32
		if len(args) > 1 {
			var err error
			if p, err = placesArg(fn, args, 1); err != nil {
				return nil, err
			}
		}
		r := func(d decimal.Decimal) decimal.Decimal {
			if bank {
				return d.RoundBank(p)
			}
			return d.Round(p)
		}
		switch v := args[0].(type) {
		case nil:
			return nil, nil
		case decimal.Decimal:
			return r(v), nil
		case int:
			if p >= 0 {
				return args[0], nil
			}
			d := r(decimal.NewFromInt(int64(v)))
			return int(d.IntPart()), nil
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return args[0], nil
			}
			// Through the shortest decimal form, so 2.675 rounds to 2.68.
			return r(decimal.NewFromFloat(v)).InexactFloat64(), nil
		default:
			return nil, errf(fn, "expects a number, got %s", typeName(v))
		}
	}
}

func centsToUnits(args []any) (any, error) {
	d, ok, err := asDecimal("cents_to_units", args[0])
	if !ok || err != nil {
		return nil, err
	}
	return d.Shift(-2), nil
}

func unitsToCents(args []any) (any, error) {
	d, ok, err := asDecimal("units_to_cents", args[0])
	if !ok || err != nil {
		return nil, err
	}
	c := d.Shift(2)
	if !c.IsInteger() {
		return nil, errf("units_to_cents", "%s has more than 2 decimal places", decString(d))
	}
	if !c.BigInt().IsInt64() {
		return nil, errf("units_to_cents", "%s is out of range", decString(d))
	}
	return int(c.IntPart()), nil
}

func negate(args []any) (any, error) {
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case bool:
		return !v, nil
	case int:
		if v == math.MinInt {
			return nil, errf("negate", "%d overflows", v)
		}
		return -v, nil
	case float64:
		return -v, nil
	case decimal.Decimal:
		return v.Neg(), nil
	default:
		return nil, errf("negate", "expects a boolean or a number, got %s", typeName(v))
	}
}

func abs(args []any) (any, error) {
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case int:
		if v == math.MinInt {
			return nil, errf("abs", "%d overflows", v)
		}
		if v < 0 {
			return -v, nil
		}
		return args[0], nil
	case float64:
		return math.Abs(v), nil
	case decimal.Decimal:
		return v.Abs(), nil
	default:
		return nil, errf("abs", "expects a number, got %s", typeName(v))
	}
}

func ceilFloor(fn string, up bool) func(*Env, []any) (any, error) {
	return func(_ *Env, args []any) (any, error) {
		switch v := args[0].(type) {
		case nil:
			return nil, nil
		case int:
			return args[0], nil
		case decimal.Decimal:
			if up {
				return v.Ceil(), nil
			}
			return v.Floor(), nil
		case float64:
			if up {
				return math.Ceil(v), nil
			}
			return math.Floor(v), nil
		default:
			return nil, errf(fn, "expects a number, got %s", typeName(v))
		}
	}
}
