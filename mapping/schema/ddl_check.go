package schema

import (
	"strconv"
	"strings"
)

// applyCheck looks in a table CHECK for "col IN (...)" and ranges.
func applyCheck(t *ddlTable, body []sqlTok) {
	for _, f := range t.cols {
		applyCheckTo(f, f.Name, body)
	}
}

// applyCheckTo reads enum lists and numeric bounds on col from a CHECK
// body: col IN ('a','b'); col = ANY (ARRAY['a'::text, ...]);
// col >= 0; col BETWEEN 1 AND 5.
func applyCheckTo(f *Field, col string, body []sqlTok) {
	isCol := func(t sqlTok) bool {
		return (t.kind == tIdent || t.kind == tQuoted) && strings.EqualFold(t.text, col)
	}
	for i := 0; i < len(body); i++ {
		if !isCol(body[i]) {
			continue
		}
		j := i + 1
		// skip parentheses and casts: (col)::text
		for j < len(body) && (body[j].isP(")") || body[j].isP("::") && j+1 < len(body)) {
			if body[j].isP("::") {
				j++
			}
			j++
		}
		if j >= len(body) {
			break
		}
		switch {
		case body[j].is("IN") && j+1 < len(body) && body[j+1].isP("("):
			if vals := stringList(body[j+2:]); len(vals) > 0 {
				setEnum(f, vals)
			}
		case body[j].isP("=") && j+2 < len(body) && body[j+1].is("ANY"):
			if vals := stringList(body[j+2:]); len(vals) > 0 {
				setEnum(f, vals)
			}
		case body[j].is("BETWEEN") && j+3 < len(body) && body[j+1].kind == tNumber && body[j+2].is("AND") && body[j+3].kind == tNumber:
			lo, _ := strconv.ParseFloat(body[j+1].text, 64)
			hi, _ := strconv.ParseFloat(body[j+3].text, 64)
			f.Min, f.Max = FloatP(lo), FloatP(hi)
		case j+1 < len(body) && body[j].kind == tPunct && body[j+1].kind == tNumber:
			v, err := strconv.ParseFloat(body[j+1].text, 64)
			if err != nil {
				break
			}
			op := body[j].text
			if j+2 < len(body) && body[j+1].isP("=") {
				op += "="
			}
			switch op {
			case ">", ">=":
				f.Min = FloatP(v)
			case "<", "<=":
				f.Max = FloatP(v)
			}
		case j+2 < len(body) && body[j].kind == tPunct && body[j+1].isP("=") && body[j+2].kind == tNumber:
			v, _ := strconv.ParseFloat(body[j+2].text, 64)
			switch body[j].text {
			case ">":
				f.Min = FloatP(v)
			case "<":
				f.Max = FloatP(v)
			}
		case j+2 < len(body) && body[j].is("LIKE") && body[j+1].kind == tString:
		}
	}
}

// stringList collects the string literals up to the closing parenthesis.
func stringList(toks []sqlTok) []string {
	var out []string
	depth := 0
	for _, t := range toks {
		switch {
		case t.isP("(") || t.isP("["):
			depth++
		case t.isP(")") || t.isP("]"):
			depth--
			if depth < 0 {
				return out
			}
		case t.kind == tString:
			out = append(out, t.text)
		}
	}
	return out
}

func setEnum(f *Field, vals []string) {
	if f.Type == String || f.Type == Enum {
		f.Type = Enum
		f.EnumValues = vals
		return
	}
	f.EnumValues = vals // an integer column with allowed values keeps its type
}

// setDefault records a column default: a literal as its value ('active'
// -> active, ((0)) -> 0, 'G'::mpaa_rating -> G), NULL as no default, an
// expression as written (now(), CURRENT_TIMESTAMP). nextval(...) marks
// the column Generated.
func setDefault(f *Field, toks []sqlTok) {
	for n := -1; n != len(toks); {
		n = len(toks)
		toks = stripDefault(toks)
	}
	switch {
	case len(toks) == 1 && toks[0].is("NULL"):
		f.Default = nil
		return
	case len(toks) == 1 && toks[0].kind == tString, len(toks) == 1 && toks[0].kind == tNumber:
		f.Default = StrP(toks[0].text)
		return
	case len(toks) == 2 && toks[0].isP("-") && toks[1].kind == tNumber:
		f.Default = StrP("-" + toks[1].text)
		return
	}
	d := exprText(toks)
	f.Default = &d
	if strings.Contains(strings.ToLower(d), "nextval(") {
		f.Generated = true
	}
}

// stripDefault removes enclosing parentheses and a trailing top-level
// cast ('x'::text, 0::smallint).
func stripDefault(toks []sqlTok) []sqlTok {
	if len(toks) >= 2 && toks[0].isP("(") && toks[len(toks)-1].isP(")") {
		// Only when the parentheses enclose everything: (a) + (b) stays.
		depth := 0
		for i, t := range toks {
			if t.isP("(") {
				depth++
			} else if t.isP(")") {
				depth--
				if depth == 0 && i != len(toks)-1 {
					return castStrip(toks)
				}
			}
		}
		return toks[1 : len(toks)-1]
	}
	return castStrip(toks)
}

func castStrip(toks []sqlTok) []sqlTok {
	i := topIndex(toks, "::", 1)
	if i < 0 {
		return toks
	}
	for _, r := range toks[i+1:] {
		if r.kind != tIdent && r.kind != tQuoted && r.kind != tNumber && !r.isP(".") && !r.isP("(") && !r.isP(")") && !r.isP("[") && !r.isP("]") && !r.isP(",") {
			return toks
		}
	}
	return toks[:i]
}
