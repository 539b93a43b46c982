package export

import (
	"regexp"
	"strings"

	"github.com/seamhq/seam/mapping/transform"
)

// This file renders transform's one spelling rule for numbers and booleans
// written as text (mapping/transform/spell.go, mapping/FORMAT.md
// "Spellings") as SQL guards: text that seam reads as a number is read by
// the SQL as the same number, and text seam refuses fails the guard.

// trimWS trims the ASCII spaces and tabs the spelling rule ignores.
func (d *dialect) trimWS(x string) string {
	switch d.name {
	case "postgres":
		return "BTRIM(" + x + `, E' \t')`
	case "sqlite":
		return "TRIM(" + x + ", " + reWS + ")"
	}
	return "REGEXP_REPLACE(" + x + ", " + sqlString(`^[ \t]+|[ \t]+$`, true) + ", '')"
}

const reWS = "' ' || char(9)"

// Patterns of the rule on canonical text (trimmed, "." as the decimal
// separator, no grouping).
const (
	reIntSpell = `^[+-]?([0-9]+(\.0*)?|\.0+)$`
	reDecSpell = `^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$`
	maxNumLen  = "400"
)

// numCanon trims text x and rewrites it from number format nf into the
// default spelling. guard is the format's own check (grouping in threes,
// no foreign separator); "" for the default format.
func (tr *translator) numCanon(x string, nf transform.NumberFormat) (c, guard string, err error) {
	d := tr.d
	t := tr.bindRaw(d.trimWS(x))
	if nf.Default() {
		return t, "", nil
	}
	dec := nf.Dec
	if dec == 0 {
		dec = '.'
	}
	if d.regex == nil {
		// SQLite has no regular expressions: a decimal comma without
		// grouping only.
		if nf.Group != 0 || dec != ',' {
			return "", "", unsupported("number format %q (grouping separator) has no %s form", "number:"+string(nf.Dec)+groupStr(nf.Group), d.name)
		}
		return tr.bindRaw("REPLACE(" + t + ", ',', '.')"), "(INSTR(" + t + ", '.') = 0)", nil
	}
	gclass := ""
	switch nf.Group {
	case 0:
	case ' ':
		gclass = "[ \u00a0\u202f]"
	default:
		gclass = regexp.QuoteMeta(string(nf.Group))
	}
	intPart := "[0-9]*"
	if gclass != "" {
		intPart = "([0-9]{1,3}(" + gclass + "[0-9]{3})+|[0-9]*)"
	}
	re := "^[+-]?" + intPart + "(" + regexp.QuoteMeta(string(dec)) + "[0-9]*)?([eE][+-]?[0-9]+)?$"
	guard = d.regex(t, re)
	c = t
	if gclass != "" {
		c = d.regexReplaceAll(c, gclass, "")
	}
	if dec != '.' {
		c = "REPLACE(" + c + ", " + d.str(string(dec)) + ", '.')"
	}
	return tr.bindRaw(c), guard, nil
}

func groupStr(g rune) string {
	if g == 0 {
		return ""
	}
	return string(g)
}

// regexReplaceAll replaces every match of re in x.
func (d *dialect) regexReplaceAll(x, re, repl string) string {
	if d.name == "postgres" {
		return "REGEXP_REPLACE(" + x + ", " + d.str(re) + ", " + d.str(repl) + ", 'g')"
	}
	return "REGEXP_REPLACE(" + x + ", " + d.str(re) + ", " + d.str(repl) + ")"
}

// signless strips one leading sign from canonical text c (SQLite).
func (tr *translator) signless(c string) string {
	return tr.bindRaw("(CASE WHEN SUBSTR(" + c + ", 1, 1) IN ('+', '-') THEN SUBSTR(" + c + ", 2) ELSE " + c + " END)")
}

// intOK is the test that canonical text c is an integer of the rule within
// the 64-bit range.
func (tr *translator) intOK(c string) string {
	if tr.d.regex != nil {
		shape := "(" + tr.d.regex(c, reIntSpell) + " AND LENGTH(" + c + ") <= " + maxNumLen + ")"
		return "(CASE WHEN " + shape + " THEN CAST(" + c + " AS " + tr.d.bigDec + ") BETWEEN -9223372036854775808 AND 9223372036854775807 ELSE FALSE END)"
	}
	u := tr.signless(c)
	dot := "INSTR(" + u + ", '.')"
	ip := tr.bindRaw("LTRIM(CASE WHEN " + dot + " > 0 THEN SUBSTR(" + u + ", 1, " + dot + " - 1) ELSE " + u + " END, '0')")
	fp := "(CASE WHEN " + dot + " > 0 THEN SUBSTR(" + u + ", " + dot + " + 1) ELSE '' END)"
	return "(LENGTH(" + c + ") <= " + maxNumLen + " AND " + u + " <> '' AND " + u + " <> '.' AND " + u + " NOT GLOB '*[^0-9.]*' AND " + u + " NOT GLOB '*.*.*'" +
		" AND RTRIM(" + fp + ", '0') = ''" +
		" AND (LENGTH(" + ip + ") < 19 OR LENGTH(" + ip + ") = 19 AND (" + ip + " <= '9223372036854775807' OR SUBSTR(" + c + ", 1, 1) = '-' AND " + ip + " = '9223372036854775808')))"
}

// decOK is the test that canonical text c is a decimal of the rule; mant
// is the SQL of its mantissa (SQLite only, for the float range test).
func (tr *translator) decOK(c string) (ok, mant string) {
	if tr.d.regex != nil {
		return "(" + tr.d.regex(c, reDecSpell) + " AND LENGTH(" + c + ") <= " + maxNumLen + ")", ""
	}
	u := tr.signless(c)
	e := "INSTR(LOWER(" + u + "), 'e')"
	m := tr.bindRaw("(CASE WHEN " + e + " > 0 THEN SUBSTR(" + u + ", 1, " + e + " - 1) ELSE " + u + " END)")
	x := tr.bindRaw("(CASE WHEN " + e + " > 0 THEN LTRIM(SUBSTR(" + u + ", " + e + " + 1), '+-') ELSE '0' END)")
	return "(LENGTH(" + c + ") <= " + maxNumLen + " AND " + m + " <> '' AND " + m + " <> '.' AND " + m + " NOT GLOB '*[^0-9.]*' AND " + m + " NOT GLOB '*.*.*'" +
		" AND " + x + " <> '' AND " + x + " NOT GLOB '*[^0-9]*' AND LENGTH(" + x + ") <= 3" +
		// at most one sign after the e
		" AND (" + e + " = 0 OR LENGTH(SUBSTR(" + u + ", " + e + " + 1)) - LENGTH(" + x + ") <= 1))", m
}

// toInt converts x to an integer the way seam's to_int does.
func (tr *translator) toInt(x sx) (sx, error) {
	return tr.toIntNF(x, transform.NumberFormat{})
}

// toIntNF converts x, text written in number format nf when it is text.
func (tr *translator) toIntNF(x sx, nf transform.NumberFormat) (sx, error) {
	switch x.t {
	case tInt, tNull:
		return sx{sql: x.sql, t: tInt, guard: x.guard}, nil
	case tText, tAny:
		c, fg, err := tr.numCanon(x.sql, nf)
		if err != nil {
			return sx{}, err
		}
		ok := tr.bindGuard(and(fg, tr.intOK(c)))
		g := and(x.guard, "("+x.sql+" IS NULL OR "+ok+")")
		v := "CAST(CAST(" + c + " AS " + tr.d.bigDec + ") AS " + tr.d.intType + ")"
		if tr.d.name == "sqlite" {
			v = "CAST(" + c + " AS INTEGER)"
		}
		return sx{sql: guarded(ok, v), t: tInt, guard: g}, nil
	case tDec, tFloat:
		ok := "(" + x.sql + " = FLOOR(" + x.sql + ") AND ABS(" + x.sql + ") < 1e18)"
		g := and(x.guard, "("+x.sql+" IS NULL OR "+ok+")")
		return sx{sql: guarded(ok, "CAST("+x.sql+" AS "+tr.d.intType+")"), t: tInt, guard: g}, nil
	case tBool:
		return sx{sql: "CASE WHEN " + x.sql + " THEN 1 WHEN NOT " + x.sql + " THEN 0 END", t: tInt, guard: x.guard}, nil
	default:
	}
	return sx{}, unsupported("to_int of %s", x.t)
}

// toDec converts x to a decimal the way seam's to_decimal does.
func (tr *translator) toDec(x sx) (sx, error) {
	return tr.toDecNF(x, transform.NumberFormat{})
}

// toDecNF converts x, text written in number format nf when it is text.
func (tr *translator) toDecNF(x sx, nf transform.NumberFormat) (sx, error) {
	switch x.t {
	case tDec, tNull:
		return sx{sql: x.sql, t: tDec, guard: x.guard}, nil
	case tInt, tFloat:
		return sx{sql: "CAST(" + x.sql + " AS " + tr.d.bigDec + ")", t: tDec, guard: x.guard}, nil
	case tText, tAny:
		c, fg, err := tr.numCanon(x.sql, nf)
		if err != nil {
			return sx{}, err
		}
		dok, _ := tr.decOK(c)
		ok := tr.bindGuard(and(fg, dok))
		g := and(x.guard, "("+x.sql+" IS NULL OR "+ok+")")
		v := "CAST(" + c + " AS " + tr.d.bigDec + ")"
		return sx{sql: guarded(ok, v), t: tDec, guard: g}, nil
	default:
	}
	return sx{}, unsupported("to_decimal of %s", x.t)
}

// toFloat converts x to a float.
func (tr *translator) toFloat(x sx) (sx, error) {
	return tr.toFloatNF(x, transform.NumberFormat{})
}

// Float range bounds: a value beyond the largest float, or non-zero and
// below half the smallest, is out of range.
const (
	maxFloat     = "1.7976931348623157e308"
	minFloatHalf = "2.4703282292062328e-324"
)

// toFloatNF converts x, text written in number format nf when it is text.
func (tr *translator) toFloatNF(x sx, nf transform.NumberFormat) (sx, error) {
	switch x.t {
	case tFloat, tNull:
		return sx{sql: x.sql, t: tFloat, guard: x.guard}, nil
	case tInt, tDec:
		return sx{sql: "CAST(" + x.sql + " AS " + tr.d.floatType + ")", t: tFloat, guard: x.guard}, nil
	case tText, tAny:
		c, fg, err := tr.numCanon(x.sql, nf)
		if err != nil {
			return sx{}, err
		}
		dok, mant := tr.decOK(c)
		var rng string
		if tr.d.name == "sqlite" {
			r := "CAST(" + c + " AS REAL)"
			rng = "(ABS(" + r + ") <= " + maxFloat + " AND (" + r + " <> 0 OR " + mant + " NOT GLOB '*[1-9]*'))"
		} else {
			n := "ABS(CAST(" + c + " AS " + tr.d.bigDec + "))"
			rng = "(" + n + " = 0 OR " + n + " > " + minFloatHalf + " AND " + n + " <= " + maxFloat + ")"
		}
		ok := tr.bindGuard(and(fg, "(CASE WHEN "+dok+" THEN "+rng+" ELSE FALSE END)"))
		g := and(x.guard, "("+x.sql+" IS NULL OR "+ok+")")
		// + 0 turns -0 into 0, as seam reads "-0"
		v := "(CAST(" + c + " AS " + tr.d.floatType + ") + 0)"
		return sx{sql: guarded(ok, v), t: tFloat, guard: g}, nil
	default:
	}
	return sx{}, unsupported("to_float of %s", x.t)
}

// textToBool maps the rule's boolean words (or a field's own two words),
// case-insensitive, ASCII spaces and tabs trimmed, to booleans.
func (tr *translator) textToBool(x sx, bf transform.BoolFormat) (sx, error) {
	yes, no := bf.Words()
	w := tr.bindRaw("LOWER(" + tr.d.trimWS(x.sql) + ")")
	list := func(ws []string) string {
		q := make([]string, len(ws))
		for i, s := range ws {
			q[i] = tr.d.str(strings.ToLower(s))
		}
		return strings.Join(q, ", ")
	}
	ok := tr.bindGuard("(" + w + " IN (" + list(yes) + ", " + list(no) + "))")
	v := "CASE WHEN " + w + " IN (" + list(yes) + ") THEN TRUE WHEN " + w + " IN (" + list(no) + ") THEN FALSE END"
	return sx{sql: v, t: tBool, guard: and(x.guard, "("+x.sql+" IS NULL OR "+ok+")")}, nil
}
