package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

// dateLayout is how a date or timestamp text is parsed: one of the named
// layouts of the transform library (ISO, YYYY-MM-DD, MM/DD/YYYY,
// DD/MM/YYYY, DD.MM.YYYY, YYYYMMDD, RFC3339) or a Go layout.
type dateLayout struct {
	name string
	// order of the numeric parts for the fast path: "mdy", "dmy", "ymd"
	order string
	sep   byte
	goL   []string
	// num and boolw are the field's number format and boolean words
	// (transform's spelling rule).
	num   transform.NumberFormat
	boolw transform.BoolFormat
}

var namedDateLayouts = map[string]dateLayout{
	"ISO":        {name: "ISO", order: "ymd", sep: '-'},
	"YYYY-MM-DD": {name: "YYYY-MM-DD", order: "ymd", sep: '-'},
	"MM/DD/YYYY": {name: "MM/DD/YYYY", order: "mdy", sep: '/'},
	"DD/MM/YYYY": {name: "DD/MM/YYYY", order: "dmy", sep: '/'},
	"DD.MM.YYYY": {name: "DD.MM.YYYY", order: "dmy", sep: '.'},
	"YYYYMMDD":   {name: "YYYYMMDD", goL: []string{"20060102"}},
	"RFC3339":    {name: "RFC3339", goL: []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"}},
}

// layoutFromFormat returns the layout a schema field's Format names, or
// the ISO default: `date:LAYOUT`, `datetime:LAYOUT`, `timestamp:LAYOUT`,
// `timestamptz:LAYOUT` (what CSV inference writes), or a bare LAYOUT;
// LAYOUT is a named layout or a Go layout.
func layoutFromFormat(format string) dateLayout {
	sp, _ := transform.ParseSpelling(format)
	layout, prefixed := sp.Layout, false
	for _, p := range []string{"date:", "datetime:", "timestamp:", "timestamptz:"} {
		if l, ok := strings.CutPrefix(format, p); ok {
			layout, prefixed = l, true
			break
		}
	}
	l := namedDateLayouts["ISO"]
	if nl, ok := namedDateLayouts[layout]; ok {
		l = nl
	} else if prefixed && layout != "" || strings.Contains(layout, "2006") {
		l = dateLayout{name: layout, goL: []string{layout}}
	}
	l.num, l.boolw = sp.Number, sp.Bool
	return l
}

var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// num reads 1..max digits up to sep (or the end when sep is 0).
func num(s string, maxd int, sep byte) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < maxd && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, s, false
	}
	if sep == 0 {
		return n, s[i:], true
	}
	if i >= len(s) || s[i] != sep {
		return 0, s, false
	}
	return n, s[i+1:], true
}

// parseDate parses s as a calendar date in layout l.
func parseDate(s string, l dateLayout) (time.Time, bool) {
	if l.order != "" {
		var a, b, c int
		var ok bool
		r := s
		switch l.order {
		case "ymd":
			if a, r, ok = num(r, 4, l.sep); !ok {
				break
			}
			if b, r, ok = num(r, 2, l.sep); !ok {
				break
			}
			c, r, ok = num(r, 2, 0)
			if ok && r == "" && len(s) >= 8 && s[4] == l.sep && a >= 1 {
				return mkDate(a, b, c)
			}
			if l.name == "ISO" {
				// ISO also takes a date-time; keep its date as written
				// (one shape rule with parse_date and the SQL export).
				return transform.ISODateTimeDate(s)
			}
			return time.Time{}, false
		default:
			if a, r, ok = num(r, 2, l.sep); !ok {
				return time.Time{}, false
			}
			if b, r, ok = num(r, 2, l.sep); !ok {
				return time.Time{}, false
			}
			// the year has four digits, 0001-9999 (mapping/FORMAT.md, "Spellings")
			if len(r) != 4 {
				return time.Time{}, false
			}
			if c, r, ok = num(r, 4, 0); !ok || r != "" || c < 1 {
				return time.Time{}, false
			}
			if l.order == "mdy" {
				return mkDate(c, a, b)
			}
			return mkDate(c, b, a)
		}
		return time.Time{}, false
	}
	for _, gl := range l.goL {
		if t, err := time.Parse(gl, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

var isoDateTimes = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"}

func mkDate(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > daysIn[m] {
		return time.Time{}, false
	}
	if m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// castError is a value that does not convert to the wanted type.
type castError struct{ reason string }

func (e *castError) Error() string { return e.reason }

func castErrf(format string, args ...any) error {
	return &castError{reason: fmt.Sprintf(format, args...)}
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(s)
}

// parseInt, parseDecimal and parseBool read text by transform's one
// spelling rule (mapping/FORMAT.md, "Spellings").
func parseInt(s string, nf transform.NumberFormat) (int64, bool) {
	n, st := transform.ParseInt(s, nf)
	return n, st == transform.NumOK
}

func trimASCII(s string) string { return transform.TrimSpelling(s) }

func parseDecimal(s string, nf transform.NumberFormat) (decimal.Decimal, bool) {
	d, st := transform.ParseDecimal(s, nf)
	return d, st == transform.NumOK
}

func parseBool(s string, bf transform.BoolFormat) (bool, bool) {
	return transform.ParseBool(s, bf)
}

var timeLayouts = []string{"15:04:05.999999999", "15:04"}

// castTo converts v to type t. Absent and Null pass through; the caller
// decides what a missing value means for its field. An empty string into
// a non-string type is Null when emptyNull is set, else an error.
func castTo(v value.Value, t schema.Type, l dateLayout, emptyNull bool) (value.Value, error) {
	if v.K == value.Absent || v.K == value.Null {
		return v, nil
	}
	switch t {
	case "", schema.String, schema.Enum:
		switch v.K {
		case value.String:
			return v, nil
		case value.Object, value.Array:
			return value.Value{}, castErrf("%s is not %s", v.K, article(nonEmpty(t)))
		default:
		}
		return value.Str(v.Text()), nil
	case schema.Binary:
		if v.K == value.String || v.K == value.Bytes {
			return value.Value{K: value.Bytes, S: v.S}, nil
		}
		return value.Value{}, castErrf("%s is not binary", v.K)
	default:
	}
	if v.K == value.String && v.S == "" {
		if emptyNull {
			return value.NullV(), nil
		}
		return value.Value{}, castErrf("empty string is not %s", article(t))
	}
	switch t {
	case schema.Integer:
		switch v.K {
		case value.Int:
			return v, nil
		case value.String:
			if n, ok := parseInt(v.S, l.num); ok {
				return value.IntV(n), nil
			}
			return value.Value{}, castErrf("%s is not an integer", quote(v.S))
		case value.Decimal:
			if v.D.IsInteger() && v.D.BigInt().IsInt64() {
				return value.IntV(v.D.IntPart()), nil
			}
			return value.Value{}, castErrf("%s is not a whole number", v.D.String())
		case value.Float:
			if v.F == math.Trunc(v.F) && math.Abs(v.F) < 1<<63 {
				return value.IntV(int64(v.F)), nil
			}
			return value.Value{}, castErrf("%s is not a whole number", v.Text())
		case value.Bool:
			return value.IntV(v.I), nil
		default:
		}
	case schema.Decimal:
		switch v.K {
		case value.Decimal:
			return v, nil
		case value.Int:
			return value.Dec(decimal.NewFromInt(v.I)), nil
		case value.String:
			if d, ok := parseDecimal(v.S, l.num); ok {
				return value.Dec(d), nil
			}
			return value.Value{}, castErrf("%s is not a decimal number", quote(v.S))
		case value.Float:
			if math.IsNaN(v.F) || math.IsInf(v.F, 0) {
				return value.Value{}, castErrf("%s is not a decimal number", v.Text())
			}
			d, _ := decimal.NewFromString(strconv.FormatFloat(v.F, 'f', -1, 64))
			return value.Dec(d), nil
		default:
		}
	case schema.Float:
		switch v.K {
		case value.Float:
			return v, nil
		case value.Int:
			return value.FloatV(float64(v.I)), nil
		case value.Decimal:
			return value.FloatV(v.D.InexactFloat64()), nil
		case value.String:
			if f, st := transform.ParseFloat(v.S, l.num); st == transform.NumOK {
				return value.FloatV(f), nil
			}
			return value.Value{}, castErrf("%s is not a number", quote(v.S))
		default:
		}
	case schema.Boolean:
		switch v.K {
		case value.Bool:
			return v, nil
		case value.String:
			if b, ok := parseBool(v.S, l.boolw); ok {
				return value.BoolV(b), nil
			}
			if l.boolw.True != "" {
				return value.Value{}, castErrf("%s is not a boolean (%s/%s)", quote(v.S), l.boolw.True, l.boolw.False)
			}
			return value.Value{}, castErrf("%s is not a boolean (true/false, yes/no, 1/0, on/off)", quote(v.S))
		case value.Int:
			if v.I == 0 || v.I == 1 {
				return value.BoolV(v.I == 1), nil
			}
			return value.Value{}, castErrf("%d is not a boolean (0 or 1)", v.I)
		default:
		}
	case schema.Date:
		switch v.K {
		case value.Date:
			return v, nil
		case value.Timestamp, value.TimestampTZ:
			y, m, d := v.T.Date()
			return value.TimeV(value.Date, time.Date(y, m, d, 0, 0, 0, 0, time.UTC)), nil
		case value.String:
			if t, ok := parseDate(v.S, l); ok {
				return value.TimeV(value.Date, t), nil
			}
			return value.Value{}, castErrf("%s is not a date in the layout %s", quote(v.S), l.name)
		default:
		}
	case schema.Time:
		switch v.K {
		case value.Time:
			return v, nil
		case value.String:
			for _, gl := range timeLayouts {
				if t, err := time.Parse(gl, trimASCII(v.S)); err == nil {
					return value.TimeV(value.Time, t), nil
				}
			}
			return value.Value{}, castErrf("%s is not a time of day (HH:MM[:SS])", quote(v.S))
		default:
		}
	case schema.Timestamp, schema.TimestampTZ:
		kind := value.Timestamp
		if t == schema.TimestampTZ {
			kind = value.TimestampTZ
		}
		switch v.K {
		case value.Timestamp, value.TimestampTZ:
			return value.TimeV(kind, v.T), nil
		case value.Date:
			return value.TimeV(kind, v.T), nil
		case value.String:
			layouts := isoDateTimes
			if l.name != "ISO" && l.goL != nil {
				layouts = l.goL
			}
			for _, gl := range layouts {
				if tm, err := time.Parse(gl, trimASCII(v.S)); err == nil {
					return value.TimeV(kind, tm), nil
				}
			}
			if d, ok := parseDate(v.S, l); ok {
				return value.TimeV(kind, d), nil
			}
			return value.Value{}, castErrf("%s is not a timestamp (ISO 8601)", quote(v.S))
		default:
		}
	case schema.UUID:
		if v.K == value.String {
			u, err := uuid.Parse(trimASCII(v.S))
			if err != nil {
				return value.Value{}, castErrf("%s is not a UUID", quote(v.S))
			}
			return value.Str(u.String()), nil
		}
	case schema.Object:
		if v.K == value.Object {
			return v, nil
		}
	case schema.Array:
		if v.K == value.Array {
			return v, nil
		}
	default:
	}
	return value.Value{}, castErrf("a %s value cannot become %s", v.K, t)
}

func nonEmpty(t schema.Type) schema.Type {
	if t == "" {
		return schema.String
	}
	return t
}

// article puts "a" or "an" before a type name: "an integer", "a date".
func article(t schema.Type) string {
	if t == "" {
		return "a value"
	}
	switch string(t)[:1] {
	case "a", "e", "i", "o", "u":
		return "an " + string(t)
	}
	return "a " + string(t)
}
