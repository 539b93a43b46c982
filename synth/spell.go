package synth

import (
	"strings"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

// Text outputs (CSV, TSV, XLSX) write a value the way its field's Format
// spells it, so a file generated from a sample reads like the sample:
// "number:,." writes 1234.5 as "1.234,5", "boolean:ja/nein" writes "ja"
// and "nein", "date:02.01.2006" and "datetime:LAYOUT" write dates and
// timestamps in the layout. JSONL keeps typed values (numbers, booleans,
// ISO dates). Edge cases that are text already (a malformed number) are
// written as they are.

// spellCol is one field with a spelling, by its path of record keys.
type spellCol struct {
	keys  []string
	spell func(value.Value) value.Value
}

// spellCols lists the fields of s (through objects, not arrays) whose
// Format spells their values.
func spellCols(s *schema.Schema) []spellCol {
	var out []spellCol
	var walk func(prefix []string, fs []*schema.Field)
	walk = func(prefix []string, fs []*schema.Field) {
		for _, f := range fs {
			keys := append(append([]string(nil), prefix...), f.Name)
			if f.Type == schema.Object {
				walk(keys, f.Children)
				continue
			}
			if sp := spellerFor(f); sp != nil {
				out = append(out, spellCol{keys: keys, spell: sp})
			}
		}
	}
	walk(nil, s.Fields)
	return out
}

// spellRecord rewrites the spelled fields of rec in place.
func spellRecord(rec *value.Record, cols []spellCol) {
	for _, c := range cols {
		r := rec
		for i, k := range c.keys {
			j := r.Index(k)
			if j < 0 {
				break
			}
			if i < len(c.keys)-1 {
				if r.Vals[j].K != value.Object || r.Vals[j].Obj == nil {
					break
				}
				r = r.Vals[j].Obj
				continue
			}
			r.Vals[j] = c.spell(r.Vals[j])
		}
	}
}

// spellerFor returns how to write f's values as text, or nil when the
// default text form is right.
func spellerFor(f *schema.Field) func(value.Value) value.Value {
	sp, ok := transform.ParseSpelling(f.Format)
	if !ok {
		return nil
	}
	switch f.Type {
	case schema.Integer, schema.Decimal, schema.Float:
		if sp.Number.Default() {
			return nil
		}
		nf := sp.Number
		return func(v value.Value) value.Value {
			switch v.K {
			case value.Int, value.Decimal, value.Float:
				return value.Str(spellNumber(v.Text(), nf))
			default:
			}
			return v
		}
	case schema.Boolean:
		if sp.Bool.True == "" {
			return nil
		}
		bf := sp.Bool
		return func(v value.Value) value.Value {
			if v.K != value.Bool {
				return v
			}
			if v.Bool() {
				return value.Str(bf.True)
			}
			return value.Str(bf.False)
		}
	case schema.Date, schema.Timestamp, schema.TimestampTZ:
		layout := goLayout(sp.Layout)
		if layout == "" {
			return nil
		}
		return func(v value.Value) value.Value {
			switch v.K {
			case value.Date, value.Timestamp, value.TimestampTZ:
				return value.Str(v.T.Format(layout))
			default:
			}
			return v
		}
	default:
	}
	return nil
}

// goLayout turns a named layout into a Go layout; a Go layout stays.
func goLayout(l string) string {
	switch u := strings.ToUpper(l); u {
	case "", "ISO", "RFC3339":
		return "" // the default text form is ISO already
	default:
		if gl, ok := transform.DateLayout(u); ok {
			return gl
		}
	}
	if strings.Contains(l, "2006") {
		return l
	}
	return ""
}

// spellNumber rewrites a number in the default text form ("-1234.5",
// no exponent) with nf's decimal separator and grouping in threes.
func spellNumber(s string, nf transform.NumberFormat) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if strings.ContainsAny(intPart, "eE") || strings.ContainsAny(frac, "eE") {
		return sign + s // not produced by Text; keep it readable as is
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range intPart {
		if nf.Group != 0 && i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteRune(nf.Group)
		}
		b.WriteRune(r)
	}
	if hasFrac {
		dec := nf.Dec
		if dec == 0 {
			dec = '.'
		}
		b.WriteRune(dec)
		b.WriteString(frac)
	}
	return b.String()
}
