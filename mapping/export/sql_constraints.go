package export

import (
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// targetConstraints switches the target-constraint guards on. The
// differential tests turn them off while comparing with an engine that
// does not enforce target constraints yet.
var targetConstraints = true

// constrain adds the target's constraints to x's guard, by the shared
// rule seam's engine applies on write: a string longer than max_length
// (code points) is a truncation; an integer outside its bits' signed range
// or outside min/max, and a decimal with more integer digits than
// precision-scale, a range_violation; a decimal with more fractional
// digits than the scale (trailing zeros ignored) a precision_loss; a value
// outside the target's enum an enum_violation. The rule's on_error then
// decides, as for a failed cast: the row is filtered (reject), the value
// is NULL (null) or the default (default(V)). Observed sample statistics
// are never constraints.
func (tr *translator) constrain(x sx, f *schema.Field) sx {
	if !targetConstraints || f == nil {
		return x
	}
	v := x.sql
	var conds []string
	num := func(p *float64) string { return strconv.FormatFloat(*p, 'f', -1, 64) }
	switch x.t {
	case tText, tAny:
		if f.MaxLength != nil {
			conds = append(conds, tr.d.charLen(v)+" <= "+strconv.Itoa(*f.MaxLength))
		}
		if len(f.EnumValues) > 0 {
			q := make([]string, len(f.EnumValues))
			for i, e := range f.EnumValues {
				q[i] = tr.d.str(e)
			}
			conds = append(conds, v+" IN ("+strings.Join(q, ", ")+")")
		}
	case tInt:
		switch f.Bits {
		case 16:
			conds = append(conds, v+" BETWEEN -32768 AND 32767")
		case 32:
			conds = append(conds, v+" BETWEEN -2147483648 AND 2147483647")
		}
		if f.Min != nil {
			conds = append(conds, v+" >= "+num(f.Min))
		}
		if f.Max != nil {
			conds = append(conds, v+" <= "+num(f.Max))
		}
	case tDec:
		if f.Scale != nil {
			r := "ROUND(" + v + ", " + strconv.Itoa(*f.Scale) + ")"
			if tr.d.name == "sqlite" {
				// decimals are REAL in SQLite: equal to 13 significant digits
				conds = append(conds, "ABS("+r+" - "+v+") <= ABS("+v+") * 1e-13")
			} else {
				conds = append(conds, r+" = "+v)
			}
			if f.Precision != nil && *f.Precision >= *f.Scale {
				conds = append(conds, "ABS("+v+") < 1"+strings.Repeat("0", *f.Precision-*f.Scale))
			}
		}
	default:
	}
	if len(conds) == 0 {
		return x
	}
	c := tr.bindGuard("(" + strings.Join(conds, " AND ") + ")")
	x.guard = and(x.guard, "("+v+" IS NULL OR "+c+")")
	return x
}

// charLen counts the characters (code points) of text x.
func (d *dialect) charLen(x string) string {
	if d.name == "mysql" {
		return "CHAR_LENGTH(" + x + ")"
	}
	return "LENGTH(" + x + ")"
}
