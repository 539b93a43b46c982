package suggest

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// typeClass groups the schema types by what a value can become.
type typeClass uint8

const (
	clText typeClass = iota
	clNumber
	clBool
	clTemporal
	clBinary
	clObject
	clArray
)

var classNames = [...]string{"text", "number", "boolean", "temporal", "binary", "object", "array"}

func (c typeClass) String() string { return classNames[c] }

// classOf puts a field in its class; strings with a date format are
// temporal.
func classOf(f *schema.Field) typeClass {
	switch f.Type {
	case schema.Integer, schema.Decimal, schema.Float:
		if isTimeFormat(f.Format) {
			return clTemporal
		}
		return clNumber
	case schema.Boolean:
		return clBool
	case schema.Date, schema.Time, schema.Timestamp, schema.TimestampTZ:
		return clTemporal
	case schema.Binary:
		return clBinary
	case schema.Object:
		return clObject
	case schema.Array:
		return clArray
	}
	if isTimeFormat(f.Format) {
		return clTemporal
	}
	return clText
}

func isTimeFormat(f string) bool {
	switch strings.ToLower(f) {
	case "date", "date-time", "datetime", "time", "timestamp", "unix-time", "unix_time", "epoch", "timestamp-millis", "timestamp-micros":
		return true
	}
	return false
}

// typeSignals scores types and constraints of a source -> target pair.
func typeSignals(a, b *fieldProf, add func(sig, detail string, c float64)) {
	fa, fb := a.f, b.f
	ca, cb := a.class, b.class
	desc := fmt.Sprintf("%s -> %s", fa.TypeString(), fb.TypeString())
	switch {
	case ca == cb:
		add("type", desc+" compatible", 0.08)
	case ca == clObject || cb == clObject || ca == clArray || cb == clArray:
		add("type", desc+" structure differs", -0.35)
	case ca == clBool && cb != clBool, cb == clBool && ca != clBool:
		if ca == clNumber || cb == clNumber {
			add("type", desc+" boolean vs number", -0.1)
		} else if ca == clText || cb == clText {
			add("type", desc+" boolean vs text", -0.15)
		} else {
			add("type", desc+" incompatible", -0.35)
		}
	case ca == clTemporal && cb == clNumber, ca == clNumber && cb == clTemporal:
		add("type", desc+" number vs time", -0.15)
	case ca == clTemporal && cb == clText, ca == clText && cb == clTemporal:
		add("type", desc+" text vs time", -0.05)
	case ca == clText && cb == clNumber:
		add("type", desc+" text into number", -0.05)
	case ca == clBinary || cb == clBinary:
		add("type", desc+" binary", -0.2)
	default:
		add("type", desc+" castable", 0)
	}
	// formats
	if fa.Format != "" && fb.Format != "" {
		if strings.EqualFold(fa.Format, fb.Format) {
			add("format", fa.Format+" = "+fb.Format, 0.04)
		} else if !(isTimeFormat(fa.Format) && isTimeFormat(fb.Format)) {
			add("format", fa.Format+" vs "+fb.Format, -0.12)
		}
	}
	// length
	if fa.MaxLength != nil && fb.MaxLength != nil && *fb.MaxLength < *fa.MaxLength {
		add("length", fmt.Sprintf("narrowing %d -> %d", *fa.MaxLength, *fb.MaxLength), -0.02)
	}
	// enums
	if len(fa.EnumValues) > 0 && len(fb.EnumValues) > 0 {
		j := jaccardFold(fa.EnumValues, fb.EnumValues)
		if j > 0 {
			add("enum", fmt.Sprintf("values overlap %.0f%%", j*100), 0.15*j)
		} else {
			add("enum", "no common values", -0.05)
		}
	}
}

func jaccardFold(a, b []string) float64 {
	sa := map[string]bool{}
	for _, x := range a {
		sa[strings.ToLower(strings.TrimSpace(x))] = true
	}
	inter, union := 0, len(sa)
	seen := map[string]bool{}
	for _, x := range b {
		k := strings.ToLower(strings.TrimSpace(x))
		if seen[k] {
			continue
		}
		seen[k] = true
		if sa[k] {
			inter++
		} else {
			union++
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
