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
	default:
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
func typeSignals(a, b *fieldProf, ac *acc) {
	fa, fb := a.f, b.f
	ca, cb := a.class, b.class
	desc := func() string { return fa.TypeString() + " -> " + fb.TypeString() }
	switch {
	case ca == cb && fa.TypeString() == fb.TypeString() && (ca != clText || strings.Contains(fa.TypeString(), "(")):
		// one declaration on both sides (string(100) = string(100), date =
		// date; not a bare string, which says nothing), as in a copy of a
		// table or two databases of one migration: with the same name,
		// enough for the Mapper's A (0.8)
		ac.add("type", 0.1, func() string { return "same type " + fa.TypeString() })
	case ca == cb:
		ac.add("type", 0.08, func() string { return desc() + " compatible" })
	case ca == clObject || cb == clObject || ca == clArray || cb == clArray:
		ac.add("type", -0.35, func() string { return desc() + " structure differs" })
	case ca == clBool && cb != clBool, cb == clBool && ca != clBool:
		if ca == clNumber || cb == clNumber {
			ac.add("type", -0.1, func() string { return desc() + " boolean vs number" })
		} else if ca == clText || cb == clText {
			ac.add("type", -0.15, func() string { return desc() + " boolean vs text" })
		} else {
			ac.add("type", -0.35, func() string { return desc() + " incompatible" })
		}
	case ca == clTemporal && cb == clNumber, ca == clNumber && cb == clTemporal:
		ac.add("type", -0.15, func() string { return desc() + " number vs time" })
	case ca == clTemporal && cb == clText, ca == clText && cb == clTemporal:
		ac.add("type", -0.05, func() string { return desc() + " text vs time" })
	case ca == clText && cb == clNumber:
		ac.add("type", -0.05, func() string { return desc() + " text into number" })
	case ca == clBinary || cb == clBinary:
		ac.add("type", -0.2, func() string { return desc() + " binary" })
	default:
		ac.add("type", 0, func() string { return desc() + " castable" })
	}
	// formats
	if fa.Format != "" && fb.Format != "" {
		if strings.EqualFold(fa.Format, fb.Format) {
			ac.add("format", 0.04, func() string { return fa.Format + " = " + fb.Format })
		} else if !(isTimeFormat(fa.Format) && isTimeFormat(fb.Format)) {
			ac.add("format", -0.12, func() string { return fa.Format + " vs " + fb.Format })
		}
	}
	// length
	if fa.MaxLength != nil && fb.MaxLength != nil && *fb.MaxLength < *fa.MaxLength {
		ac.add("length", -0.02, func() string { return fmt.Sprintf("narrowing %d -> %d", *fa.MaxLength, *fb.MaxLength) })
	}
	// enums
	if len(fa.EnumValues) > 0 && len(fb.EnumValues) > 0 {
		j := jaccardFold(fa.EnumValues, fb.EnumValues)
		if j > 0 {
			ac.add("enum", 0.15*j, func() string { return fmt.Sprintf("values overlap %.0f%%", j*100) })
		} else {
			ac.addS("enum", -0.05, "no common values")
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
