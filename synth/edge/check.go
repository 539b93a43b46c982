package edge

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

var patterns sync.Map // pattern -> *regexp.Regexp or error

// Pattern returns the compiled pattern, cached; nil when it does not
// compile under Go's RE2 syntax.
func Pattern(p string) *regexp.Regexp {
	if v, ok := patterns.Load(p); ok {
		re, _ := v.(*regexp.Regexp)
		return re
	}
	re, err := regexp.Compile(p)
	if err != nil {
		patterns.Store(p, err)
		return nil
	}
	patterns.Store(p, re)
	return re
}

// Check reports whether v satisfies f's own schema: presence (required,
// nullable), the value kind the type implies, max/min length in
// characters, min/max, integer width, decimal precision and scale, enum
// membership, pattern, UUID shape, and nested children and elements. The
// error names the field path and what was expected.
func Check(f *schema.Field, v value.Value) error {
	switch v.K {
	case value.Absent:
		if f.Required {
			return fmt.Errorf("%s: required field is absent", f.Path)
		}
		return nil
	case value.Null:
		if !f.Nullable {
			return fmt.Errorf("%s: null in a field that is not nullable", f.Path)
		}
		return nil
	default:
	}
	want := kindFor(f.Type)
	if v.K != want {
		return fmt.Errorf("%s: got a %s value, want %s", f.Path, v.K, f.Type)
	}
	switch f.Type {
	case schema.String, schema.Enum, schema.UUID:
		return checkString(f, v.S)
	case schema.Integer:
		lo, hi := IntRange(f)
		if v.I < lo || v.I > hi {
			return fmt.Errorf("%s: %d outside %d..%d", f.Path, v.I, lo, hi)
		}
	case schema.Decimal:
		return checkDecimal(f, v.D)
	case schema.Float:
		if math.IsNaN(v.F) || math.IsInf(v.F, 0) {
			return fmt.Errorf("%s: %v is not a finite number", f.Path, v.F)
		}
		if f.Min != nil && v.F < *f.Min || f.Max != nil && v.F > *f.Max {
			return fmt.Errorf("%s: %v outside the field's min/max", f.Path, v.F)
		}
	case schema.Date, schema.Timestamp, schema.TimestampTZ:
		if y := v.T.Year(); y < 1 || y > 9999 {
			return fmt.Errorf("%s: year %d outside 1..9999", f.Path, y)
		}
	case schema.Object:
		if v.Obj == nil {
			return fmt.Errorf("%s: object without a record", f.Path)
		}
		for _, c := range f.Children {
			if err := Check(c, v.Obj.Get(c.Name)); err != nil {
				return err
			}
		}
		for _, k := range v.Obj.Keys {
			if !hasChild(f, k) {
				return fmt.Errorf("%s: unexpected key %q", f.Path, k)
			}
		}
	case schema.Array:
		if el := f.Elem(); el != nil {
			for i, e := range v.Arr {
				if e.IsAbsent() {
					return fmt.Errorf("%s[%d]: absent element", f.Path, i)
				}
				if err := Check(el, e); err != nil {
					return err
				}
			}
		}
	default:
	}
	return nil
}

func hasChild(f *schema.Field, name string) bool {
	for _, c := range f.Children {
		if c.Name == name {
			return true
		}
	}
	return false
}

func kindFor(t schema.Type) value.Kind {
	switch t {
	case schema.String, schema.Enum, schema.UUID:
		return value.String
	case schema.Integer:
		return value.Int
	case schema.Decimal:
		return value.Decimal
	case schema.Float:
		return value.Float
	case schema.Boolean:
		return value.Bool
	case schema.Date:
		return value.Date
	case schema.Time:
		return value.Time
	case schema.Timestamp:
		return value.Timestamp
	case schema.TimestampTZ:
		return value.TimestampTZ
	case schema.Binary:
		return value.Bytes
	case schema.Object:
		return value.Object
	case schema.Array:
		return value.Array
	}
	return value.Absent
}

func checkString(f *schema.Field, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s: not valid UTF-8", f.Path)
	}
	n := utf8.RuneCountInString(s)
	if f.MaxLength != nil && n > *f.MaxLength {
		return fmt.Errorf("%s: %d characters, max %d", f.Path, n, *f.MaxLength)
	}
	if f.MinLength != nil && n < *f.MinLength {
		return fmt.Errorf("%s: %d characters, min %d", f.Path, n, *f.MinLength)
	}
	if len(f.EnumValues) > 0 {
		ok := false
		for _, e := range f.EnumValues {
			if e == s {
				ok = true
				break
			}
		}
		if !ok {
			return fmt.Errorf("%s: %q is not one of %s", f.Path, s, strings.Join(f.EnumValues, ", "))
		}
	}
	if f.Pattern != "" {
		if re := Pattern(f.Pattern); re != nil && !re.MatchString(s) {
			return fmt.Errorf("%s: %q does not match %s", f.Path, s, f.Pattern)
		}
	}
	if f.Type == schema.UUID || strings.EqualFold(f.Format, "uuid") {
		if !isUUID(s) {
			return fmt.Errorf("%s: %q is not a UUID (8-4-4-4-12 hex)", f.Path, s)
		}
	}
	if f.Type == schema.String {
		if err := checkFormat(strings.ToLower(f.Format), s); err != nil {
			return fmt.Errorf("%s: %q is not a valid %s: %w", f.Path, s, f.Format, err)
		}
	}
	return nil
}

// checkFormat checks the JSON Schema formats a string field may declare
// (email, uri, date, date-time, time, ipv4, ipv6); others pass.
func checkFormat(format, s string) error {
	switch format {
	case "email":
		for i := 0; i < len(s); i++ {
			if s[i] >= utf8.RuneSelf {
				return errors.New("non-ASCII (that is idn-email)")
			}
		}
		a, err := mail.ParseAddress(s)
		if err != nil {
			return err
		}
		if a.Address != s {
			return errors.New("not a bare address")
		}
	case "uri", "url", "iri":
		if strings.ContainsAny(s, " \t\r\n\x00\\") {
			return errors.New("white space or control characters")
		}
		u, err := url.Parse(s)
		if err != nil {
			return err
		}
		if u.Scheme == "" {
			return errors.New("relative reference, want an absolute URI")
		}
		if format == "uri" {
			for i := 0; i < len(s); i++ {
				if s[i] >= utf8.RuneSelf {
					return errors.New("non-ASCII (that is an iri)")
				}
			}
		}
	case "date":
		_, err := time.Parse("2006-01-02", s)
		return err
	case "date-time":
		_, err := time.Parse(time.RFC3339Nano, s)
		return err
	case "time":
		if _, err := time.Parse("15:04:05Z07:00", s); err != nil {
			if _, err2 := time.Parse("15:04:05.999999999Z07:00", s); err2 != nil {
				return err
			}
		}
	case "ipv4":
		if ip := net.ParseIP(s); ip == nil || ip.To4() == nil || strings.Contains(s, ":") {
			return errors.New("not a dotted IPv4 address")
		}
	case "ipv6":
		if ip := net.ParseIP(s); ip == nil || !strings.Contains(s, ":") {
			return errors.New("not an IPv6 address")
		}
	}
	return nil
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func checkDecimal(f *schema.Field, d decimal.Decimal) error {
	if f.Scale != nil && !d.Equal(d.Truncate(int32(*f.Scale))) {
		return fmt.Errorf("%s: %s has more than %d decimal places", f.Path, d, *f.Scale)
	}
	if hi, ok := DecimalMax(f); ok && d.Abs().GreaterThan(hi) {
		return fmt.Errorf("%s: %s does not fit %s", f.Path, d, f.TypeString())
	}
	if f.Min != nil && d.LessThan(decimal.NewFromFloat(*f.Min)) {
		return fmt.Errorf("%s: %s under the minimum %v", f.Path, d, *f.Min)
	}
	if f.Max != nil && d.GreaterThan(decimal.NewFromFloat(*f.Max)) {
		return fmt.Errorf("%s: %s over the maximum %v", f.Path, d, *f.Max)
	}
	return nil
}

// Convert expresses v in f's type: any value becomes text for a string,
// enum or UUID field; numbers convert between integer, decimal and float
// where exact enough; text converts to a number, boolean or temporal value
// only when it parses. ok is false when f's type cannot carry v.
func Convert(v value.Value, f *schema.Field) (value.Value, bool) {
	if v.K == value.Absent || v.K == value.Null {
		return v, true
	}
	want := kindFor(f.Type)
	if v.K == want {
		return v, true
	}
	switch want {
	case value.String:
		if v.K == value.Object || v.K == value.Array {
			return v, false
		}
		return value.Str(v.Text()), true
	case value.Bytes:
		if v.K == value.String {
			return value.Value{K: value.Bytes, S: v.S}, true
		}
	case value.Int:
		switch v.K {
		case value.Decimal:
			if v.D.IsInteger() {
				return v, true // may not fit int64: kept as a decimal
			}
		case value.String:
			if i, err := strconv.ParseInt(v.S, 10, 64); err == nil {
				return value.IntV(i), true
			}
			if d, err := decimal.NewFromString(v.S); err == nil && d.IsInteger() && !strings.ContainsAny(v.S, "eE.") {
				return value.Dec(d), true
			}
		default:
		}
	case value.Decimal:
		switch v.K {
		case value.Int:
			return value.Dec(decimal.NewFromInt(v.I)), true
		case value.Float:
			return v, true // money as a float is itself an edge case
		case value.String:
			if d, err := decimal.NewFromString(v.S); err == nil && !strings.ContainsAny(v.S, "eE") {
				return value.Dec(d), true
			}
		default:
		}
	case value.Float:
		switch v.K {
		case value.Int:
			return value.FloatV(float64(v.I)), true
		case value.Decimal:
			fl, _ := v.D.Float64()
			return value.FloatV(fl), true
		case value.String:
			if fl, err := strconv.ParseFloat(v.S, 64); err == nil {
				return value.FloatV(fl), true
			}
		default:
		}
	case value.Bool:
		if v.K == value.String {
			if b, err := strconv.ParseBool(v.S); err == nil {
				return value.BoolV(b), true
			}
		}
	case value.Date, value.Time, value.Timestamp, value.TimestampTZ:
		switch v.K {
		case value.Date, value.Timestamp, value.TimestampTZ:
			t := v.T
			switch want {
			case value.Date:
				t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			case value.Time:
				t = time.Date(0, 1, 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
			case value.Timestamp:
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
			default:
			}
			return value.TimeV(want, t), true
		case value.String:
			for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
				if t, err := time.Parse(layout, v.S); err == nil && want != value.Time {
					return Convert(value.TimeV(value.TimestampTZ, t), f)
				}
			}
		default:
		}
	default:
	}
	return v, false
}
