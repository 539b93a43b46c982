package transform

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// This file is seam's one rule for reading numbers and booleans written as
// text. The engine's checked cast, to_int, to_decimal, to_float, to_bool,
// the native fast path and the SQL export all follow it (mapping/FORMAT.md,
// "Spellings"):
//
//   - ASCII spaces and tabs around the value are ignored; nothing else is.
//   - A number is an optional sign (+ or -), then digits with an optional
//     fraction ("5", "5.25", ".5", "5."), then, for decimals and floats
//     only, an optional exponent of at most three digits ("1e3",
//     "2.5E-1"). At most MaxNumberLen characters.
//   - An integer has no exponent; a fraction of zeros is allowed ("42.00"
//     is 42); it must fit in 64 bits (a longer digit string is out of
//     range, not a failure of spelling).
//   - A float must be finite: a spelling beyond the float range, or one
//     with a non-zero digit that rounds to zero, is out of range. "-0" is 0.
//   - Without a number format the decimal separator is "." and grouping is
//     not allowed ("1,000" is not a number). Field.Format "number:DG" sets
//     the decimal separator D and an optional grouping separator G; groups
//     are then three digits ("1.234.567,5" with "number:,."). A space as G
//     also matches U+00A0 and U+202F.
//   - A boolean is one of true/t/yes/y/1/on or false/f/no/n/0/off, in any
//     case; Field.Format "boolean:TRUE/FALSE" replaces these words with its
//     two (matched case-insensitively).

// MaxNumberLen bounds the length of a number's spelling (after trimming).
const MaxNumberLen = 400

// NumStatus says why a text is not a number of the wanted kind.
type NumStatus uint8

const (
	// NumOK means the text is a number of the wanted kind.
	NumOK NumStatus = iota
	// NumBad means the text is not spelled as a number of the wanted kind.
	NumBad
	// NumRange means the text is a number but out of the kind's range.
	NumRange
)

// NumberFormat is how numbers are written: the decimal separator and an
// optional grouping separator (0: none). The zero value is the default
// spelling ("." and no grouping).
type NumberFormat struct {
	Dec, Group rune
}

// BoolFormat holds a field's two boolean words; the zero value means the
// default words.
type BoolFormat struct {
	True, False string
}

// Spelling is what a Field.Format says about reading text: a date or
// datetime layout (named or Go), a number format or boolean words.
type Spelling struct {
	// Layout is the date layout ("" when the format names none); DateTime
	// is set for "datetime:LAYOUT".
	Layout   string
	DateTime bool
	Number   NumberFormat
	Bool     BoolFormat
}

// ParseSpelling reads a Field.Format: "date:LAYOUT", "datetime:LAYOUT", a
// named date layout (ISO, YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY,
// YYYYMMDD, RFC3339), a Go layout (containing 2006), "number:DG" or
// "boolean:TRUE/FALSE". Other formats (email, uri, ...) say nothing about
// spelling: ok is false.
func ParseSpelling(format string) (sp Spelling, ok bool) {
	switch {
	case strings.HasPrefix(format, "date:"):
		sp.Layout = format[len("date:"):]
		return sp, sp.Layout != ""
	case strings.HasPrefix(format, "datetime:"):
		sp.Layout, sp.DateTime = format[len("datetime:"):], true
		return sp, sp.Layout != ""
	case strings.HasPrefix(format, "number:"):
		rs := []rune(format[len("number:"):])
		if len(rs) < 1 || len(rs) > 2 || !numSep(rs[0]) || len(rs) == 2 && (!numSep(rs[1]) || rs[1] == rs[0]) {
			return sp, false
		}
		sp.Number.Dec = rs[0]
		if len(rs) == 2 {
			sp.Number.Group = rs[1]
		}
		return sp, true
	case strings.HasPrefix(format, "boolean:"):
		t, f, found := strings.Cut(format[len("boolean:"):], "/")
		if !found || t == "" || f == "" || strings.EqualFold(t, f) {
			return sp, false
		}
		sp.Bool = BoolFormat{True: t, False: f}
		return sp, true
	}
	switch format {
	case "ISO", "YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYYMMDD", "RFC3339":
		sp.Layout = format
		return sp, true
	}
	if strings.Contains(format, "2006") {
		sp.Layout = format
		return sp, true
	}
	return sp, false
}

// numSep reports a rune usable as a decimal or grouping separator.
func numSep(r rune) bool {
	return r == '.' || r == ',' || r == ' ' || r == '\'' || r == '_' || r == '\u00a0' || r == '\u202f'
}

// Default reports the default spelling.
func (nf NumberFormat) Default() bool { return (nf.Dec == 0 || nf.Dec == '.') && nf.Group == 0 }

// TrimSpelling strips the ASCII spaces and tabs the rule ignores.
func TrimSpelling(s string) string { return trimASCII(s) }

// canonical rewrites s (trimmed) into the default spelling: "." as the
// decimal separator, no grouping. ok is false when the grouping is wrong
// or a foreign separator appears.
func (nf NumberFormat) canonical(s string) (string, bool) {
	if nf.Default() {
		return s, true
	}
	dec := nf.Dec
	if dec == 0 {
		dec = '.'
	}
	var b strings.Builder
	b.Grow(len(s))
	groups, digits := 0, 0 // groups seen; digits in the current group
	inInt := true
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			b.WriteRune(r)
		case r == dec && inInt:
			if groups > 0 && digits != 3 {
				return "", false
			}
			inInt = false
			b.WriteByte('.')
		case inInt && nf.Group != 0 && (r == nf.Group || nf.Group == ' ' && (r == '\u00a0' || r == '\u202f')):
			if digits == 0 || digits > 3 || groups > 0 && digits != 3 || i+utf8.RuneLen(r) >= len(s) {
				return "", false
			}
			groups++
			digits = 0
		case r == '.' || r == ',':
			// the other separator is never part of this spelling
			return "", false
		case r == 'e' || r == 'E':
			if inInt && groups > 0 && digits != 3 {
				return "", false
			}
			inInt = false
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	if inInt && groups > 0 && digits != 3 {
		return "", false
	}
	return b.String(), true
}

// scanNumber checks s (trimmed, default spelling) against the grammar and
// returns the mantissa without its sign. st is NumRange for an exponent
// of more than three digits, NumBad for anything off the grammar.
func scanNumber(s string, allowExp bool) (mant string, neg bool, st NumStatus) {
	if s == "" || len(s) > MaxNumberLen {
		return "", false, NumBad
	}
	b := s
	if b[0] == '+' || b[0] == '-' {
		neg = b[0] == '-'
		b = b[1:]
	}
	i, digits, dot := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
	}
	if digits == 0 {
		return "", false, NumBad
	}
	mant = b[:i]
	if i == len(b) {
		return mant, neg, NumOK
	}
	if !allowExp || b[i] != 'e' && b[i] != 'E' {
		return "", false, NumBad
	}
	e := b[i+1:]
	if e != "" && (e[0] == '+' || e[0] == '-') {
		e = e[1:]
	}
	if e == "" {
		return "", false, NumBad
	}
	for j := 0; j < len(e); j++ {
		if e[j] < '0' || e[j] > '9' {
			return "", false, NumBad
		}
	}
	if len(e) > 3 {
		return "", false, NumRange
	}
	return mant, neg, NumOK
}

// ParseInt reads an integer under the rule (see the file comment).
func ParseInt(s string, nf NumberFormat) (int64, NumStatus) {
	s = trimASCII(s)
	// fast path: sign and up to 18 digits
	if len(s) > 0 && len(s) <= 19 {
		b, neg := s, false
		if b[0] == '-' || b[0] == '+' {
			neg, b = b[0] == '-', b[1:]
		}
		if len(b) > 0 && len(b) <= 18 {
			var n int64
			i := 0
			for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
				n = n*10 + int64(b[i]-'0')
			}
			if i == len(b) {
				if neg {
					n = -n
				}
				return n, NumOK
			}
		}
	}
	c, ok := nf.canonical(s)
	if !ok {
		return 0, NumBad
	}
	mant, neg, st := scanNumber(c, false)
	if st != NumOK {
		return 0, st
	}
	ip, frac, _ := strings.Cut(mant, ".")
	if strings.Trim(frac, "0") != "" {
		return 0, NumBad
	}
	ip = strings.TrimLeft(ip, "0")
	if ip == "" {
		return 0, NumOK
	}
	if neg {
		ip = "-" + ip
	}
	n, err := strconv.ParseInt(ip, 10, 64)
	if err != nil {
		return 0, NumRange
	}
	return n, NumOK
}

// ParseDecimal reads a decimal exactly under the rule.
func ParseDecimal(s string, nf NumberFormat) (decimal.Decimal, NumStatus) {
	s = trimASCII(s)
	// fast path: sign, up to 18 digits and an optional inner point
	if nf.Default() && len(s) > 0 && len(s) <= 19 {
		b, neg := s, false
		if b[0] == '-' || b[0] == '+' {
			neg, b = b[0] == '-', b[1:]
		}
		if len(b) > 0 && len(b) <= 18 {
			var n int64
			dot, i := -1, 0
			for ; i < len(b); i++ {
				c := b[i]
				if c >= '0' && c <= '9' {
					n = n*10 + int64(c-'0')
				} else if c == '.' && dot < 0 {
					dot = i
				} else {
					break
				}
			}
			if i == len(b) && dot != 0 && dot != len(b)-1 {
				exp := int32(0)
				if dot > 0 {
					exp = -int32(len(b) - dot - 1)
				}
				if neg {
					n = -n
				}
				return decimal.New(n, exp), NumOK
			}
		}
	}
	c, ok := nf.canonical(s)
	if !ok {
		return decimal.Decimal{}, NumBad
	}
	mant, _, st := scanNumber(c, true)
	if st != NumOK {
		return decimal.Decimal{}, st
	}
	if strings.HasSuffix(mant, ".") || strings.HasPrefix(mant, ".") {
		// decimal.NewFromString wants digits on both sides
		c = strings.Replace(c, mant, strings.TrimSuffix("0"+mant, "."), 1)
	}
	d, err := decimal.NewFromString(c)
	if err != nil {
		return decimal.Decimal{}, NumBad
	}
	return d, NumOK
}

// ParseFloat reads a float under the rule.
func ParseFloat(s string, nf NumberFormat) (float64, NumStatus) {
	c, ok := nf.canonical(trimASCII(s))
	if !ok {
		return 0, NumBad
	}
	mant, _, st := scanNumber(c, true)
	if st != NumOK {
		return 0, st
	}
	f, err := strconv.ParseFloat(c, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, NumRange
	}
	if f == 0 {
		if strings.Trim(mant, "0.") != "" {
			return 0, NumRange // a non-zero value below the float range
		}
		return 0, NumOK // "-0" is 0
	}
	return f, NumOK
}

// The default boolean words.
var (
	// BoolTrue are the words read as true.
	BoolTrue = []string{"true", "t", "yes", "y", "1", "on"}
	// BoolFalse are the words read as false.
	BoolFalse = []string{"false", "f", "no", "n", "0", "off"}
)

// ParseBool reads a boolean under the rule; ok is false for any other
// text.
func ParseBool(s string, bf BoolFormat) (v, ok bool) {
	s = trimASCII(s)
	if bf.True != "" {
		switch {
		case strings.EqualFold(s, bf.True):
			return true, true
		case strings.EqualFold(s, bf.False):
			return false, true
		}
		return false, false
	}
	if len(s) > 5 {
		return false, false
	}
	for _, w := range BoolTrue {
		if strings.EqualFold(s, w) {
			return true, true
		}
	}
	for _, w := range BoolFalse {
		if strings.EqualFold(s, w) {
			return false, true
		}
	}
	return false, false
}

// Words lists the words ParseBool accepts for true and for false.
func (bf BoolFormat) Words() (yes, no []string) {
	if bf.True != "" {
		return []string{bf.True}, []string{bf.False}
	}
	return BoolTrue, BoolFalse
}
