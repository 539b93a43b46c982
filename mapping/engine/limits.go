package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// limits are a target field's constraints on a written value, prepared
// once per rule when it is compiled: the string length in code points,
// the integer range (bits and min/max), decimal precision and scale, the
// numeric min/max, and the enum set. Observed sample statistics are not
// constraints and never reach here.
type limits struct {
	field string
	// maxLen in Unicode code points; 0: none.
	maxLen int
	// integer targets: the allowed range (bits and min/max together).
	intRange       bool
	intMin, intMax int64
	// decimal targets: digits after the point (trailing zeros ignored)
	// and before it; -1: none.
	scale, intDigits int
	// min/max of decimal and float targets.
	min, max       *float64
	decMin, decMax decimal.Decimal
	// enum values; nil: any.
	enum     map[string]struct{}
	enumList string
	typ      schema.Type
}

// limitsOf returns the constraints of target field f, or nil when it has
// none the engine enforces.
func limitsOf(f *schema.Field) *limits {
	l := &limits{field: f.Path, scale: -1, intDigits: -1, typ: f.Type}
	any := false
	switch f.Type {
	case schema.String, schema.Enum:
		if f.MaxLength != nil && *f.MaxLength > 0 {
			l.maxLen, any = *f.MaxLength, true
		}
	case schema.Integer:
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if f.Bits > 0 && f.Bits < 64 {
			lo, hi = -(int64(1) << (f.Bits - 1)), int64(1)<<(f.Bits-1)-1
		}
		if f.Min != nil {
			if m := math.Ceil(*f.Min); m > float64(lo) {
				lo = clampInt(m)
			}
		}
		if f.Max != nil {
			if m := math.Floor(*f.Max); m < float64(hi) {
				hi = clampInt(m)
			}
		}
		if lo != math.MinInt64 || hi != math.MaxInt64 {
			l.intRange, l.intMin, l.intMax, any = true, lo, hi, true
		}
	case schema.Decimal:
		if f.Scale != nil && *f.Scale >= 0 {
			l.scale, any = *f.Scale, true
		}
		if f.Precision != nil && *f.Precision > 0 {
			s := 0
			if l.scale > 0 {
				s = l.scale
			} else if l.scale < 0 {
				l.scale = 0 // SQL: decimal(p) is decimal(p,0)
			}
			l.intDigits, any = max(*f.Precision-s, 0), true
		}
		fallthrough
	case schema.Float:
		if f.Min != nil {
			l.min, l.decMin, any = f.Min, decimal.NewFromFloat(*f.Min), true
		}
		if f.Max != nil {
			l.max, l.decMax, any = f.Max, decimal.NewFromFloat(*f.Max), true
		}
	default:
	}
	if len(f.EnumValues) > 0 {
		l.enum = make(map[string]struct{}, len(f.EnumValues))
		for _, v := range f.EnumValues {
			l.enum[v] = struct{}{}
		}
		l.enumList = strings.Join(f.EnumValues, ", ")
		if len(l.enumList) > 200 {
			l.enumList = l.enumList[:200] + "…"
		}
		any = true
	}
	if !any {
		return nil
	}
	return l
}

func clampInt(f float64) int64 {
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

// check reports the kind and reason when v (converted to the target type)
// does not fit the target; null and absent always fit here (the null
// rules are the caller's).
func (l *limits) check(v *value.Value) (k kind.Kind, reason string) {
	switch v.K {
	case value.String:
		if l.maxLen > 0 && len(v.S) > l.maxLen {
			if n := utf8.RuneCountInString(v.S); n > l.maxLen {
				return kind.Truncation, fmt.Sprintf("%s is %d characters long; %s allows %d", quote(v.S), n, l.field, l.maxLen)
			}
		}
	case value.Int:
		if l.intRange && (v.I < l.intMin || v.I > l.intMax) {
			return kind.RangeViolation, fmt.Sprintf("%d is outside the range of %s (%d..%d)", v.I, l.field, l.intMin, l.intMax)
		}
	case value.Decimal:
		if k, r := l.checkDecimal(v.D); k != "" {
			return k, r
		}
	case value.Float:
		if l.min != nil && v.F < *l.min || l.max != nil && v.F > *l.max {
			return kind.RangeViolation, fmt.Sprintf("%s is outside the range of %s (%s)", v.Text(), l.field, l.rangeText())
		}
	case value.Null, value.Absent:
		return "", ""
	default:
	}
	if l.enum != nil {
		s := v.S
		if v.K != value.String {
			s = v.Text()
		}
		if _, ok := l.enum[s]; !ok {
			return kind.EnumViolation, fmt.Sprintf("%s is not one of the values of %s (%s)", quote(s), l.field, l.enumList)
		}
	}
	return "", ""
}

func (l *limits) checkDecimal(d decimal.Decimal) (k kind.Kind, reason string) {
	if l.scale >= 0 && d.Exponent() < -int32(l.scale) && !d.Truncate(int32(l.scale)).Equal(d) {
		return kind.PrecisionLoss, fmt.Sprintf("%s has more than %d digits after the point, which %s keeps", d.String(), l.scale, l.field)
	}
	if l.intDigits >= 0 && !d.IsZero() && d.NumDigits()+int(d.Exponent()) > l.intDigits {
		return kind.RangeViolation, fmt.Sprintf("%s has more than %d digits before the point, which %s allows", d.String(), l.intDigits, l.field)
	}
	if l.min != nil && d.LessThan(l.decMin) || l.max != nil && d.GreaterThan(l.decMax) {
		return kind.RangeViolation, fmt.Sprintf("%s is outside the range of %s (%s)", d.String(), l.field, l.rangeText())
	}
	return "", ""
}

func (l *limits) rangeText() string {
	lo, hi := "", ""
	if l.min != nil {
		lo = strconv.FormatFloat(*l.min, 'g', -1, 64)
	}
	if l.max != nil {
		hi = strconv.FormatFloat(*l.max, 'g', -1, 64)
	}
	return lo + ".." + hi
}

// defaultFor casts on_error default(arg) to target field f and checks it
// against the target's limits l (nil: none); kind and reason say why it
// does not fit ("" when it does).
func defaultFor(arg string, f *schema.Field, l *limits) (d value.Value, k kind.Kind, reason string) {
	d, err := castTo(value.Str(arg), f.Type, namedDateLayouts["ISO"], true)
	if err != nil {
		return d, kind.TypeIncompatible, fmt.Sprintf("on_error default(%s) does not fit the target type %s: %v", arg, f.TypeString(), err)
	}
	if l != nil {
		if k, why := l.check(&d); k != "" {
			return d, k, fmt.Sprintf("on_error default(%s) does not fit the target %s: %s", arg, f.TypeString(), why)
		}
	}
	return d, "", ""
}

// CheckDefault reports whether on_error default(arg) fits target field f
// as Compile checks it (cast to the type, then the target's constraints);
// kind is "" when it does, else the finding kind (type_incompatible,
// truncation, range_violation, precision_loss, enum_violation) and reason
// the message. The SQL export refuses the same defaults.
func CheckDefault(arg string, f *schema.Field) (k kind.Kind, reason string) {
	_, k, reason = defaultFor(arg, f, limitsOf(f))
	return k, reason
}
