package transform

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database
)

// layout is a named date layout: Go layouts for parsing (lenient about
// one-digit days and months) and for formatting (zero-padded).
type layout struct {
	parse  []string
	format string
	epoch  int64 // 1 for epoch_s, 1000 for epoch_ms
}

var isoDateTimes = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02 15:04",
}

// namedLayouts are the layout names parse_date, parse_datetime and
// format_date accept besides Go layouts.
var namedLayouts = map[string]layout{
	"ISO":        {parse: append([]string{"2006-1-2"}, isoDateTimes...), format: "2006-01-02"},
	"YYYY-MM-DD": {parse: []string{"2006-1-2"}, format: "2006-01-02"},
	"MM/DD/YYYY": {parse: []string{"1/2/2006"}, format: "01/02/2006"},
	"DD/MM/YYYY": {parse: []string{"2/1/2006"}, format: "02/01/2006"},
	"DD.MM.YYYY": {parse: []string{"2.1.2006"}, format: "02.01.2006"},
	"YYYYMMDD":   {parse: []string{"20060102"}, format: "20060102"},
	"RFC3339":    {parse: isoDateTimes, format: time.RFC3339Nano},
	"epoch_s":    {epoch: 1},
	"epoch_ms":   {epoch: 1000},
}

// layoutNames lists the names in docs order.
var layoutNames = []string{"ISO", "YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYYMMDD", "RFC3339", "epoch_s", "epoch_ms"}

// DateLayout is the Go layout format_date writes for a named date layout
// (ISO, YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY, YYYYMMDD); ok is
// false for any other name (RFC3339, the epochs, a Go layout).
func DateLayout(name string) (goLayout string, ok bool) {
	l, ok := namedLayouts[name]
	if !ok || l.epoch != 0 || name == "RFC3339" {
		return "", false
	}
	return l.format, true
}

// resolveLayout returns the named layout or a Go layout, which must contain
// the reference year 2006 (or 06) to be recognised as one.
func resolveLayout(fn, name string) (layout, error) {
	if l, ok := namedLayouts[name]; ok {
		return l, nil
	}
	if strings.Contains(name, "2006") || strings.Contains(name, "06") || strings.Contains(name, "15:04") {
		return layout{parse: []string{name}, format: name}, nil
	}
	return layout{}, errf(fn, "unknown layout %q: use one of %s, or a Go layout such as 2006-01-02", name, strings.Join(layoutNames, ", "))
}

var zones sync.Map // name -> *time.Location

// loadZone returns a time zone by IANA name ("Europe/Berlin", "UTC"),
// cached.
func loadZone(fn, name string) (*time.Location, error) {
	if z, ok := zones.Load(name); ok {
		return z.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, errf(fn, "unknown time zone %q", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, errf(fn, "unknown time zone %q", name)
	}
	zones.Store(name, loc)
	return loc, nil
}

// parseTime parses s with l. loc interprets zoneless input (nil: UTC).
func parseTime(fn, s string, l layout, name string, loc *time.Location) (time.Time, error) {
	if l.epoch != 0 {
		n, st := ParseInt(s, NumberFormat{})
		if st != NumOK {
			return time.Time{}, errf(fn, "%s is not %s (an integer)", quoteShort(s), name)
		}
		return epochTime(fn, n, l.epoch, name)
	}
	if loc == nil {
		loc = time.UTC
	}
	var first error
	for _, p := range l.parse {
		if loc != time.UTC && !hasZone(p) {
			u, err := time.Parse(p, s)
			if err == nil {
				t, ok := localTime(u, loc)
				if !ok {
					return time.Time{}, errf(fn, "%s does not exist in %s (daylight saving gap)", quoteShort(s), loc)
				}
				return t, nil
			}
			if first == nil {
				first = err
			}
			continue
		}
		t, err := time.ParseInLocation(p, s, loc)
		if err == nil {
			return t, nil
		}
		if first == nil {
			first = err
		}
	}
	reason := "does not match"
	var pe *time.ParseError
	if errors.As(first, &pe) && pe.Message != "" {
		reason = strings.TrimPrefix(pe.Message, ": ")
	}
	return time.Time{}, errf(fn, "%s is not a date in layout %s: %s", quoteShort(s), name, reason)
}

func hasZone(layout string) bool {
	return strings.Contains(layout, "Z07") || strings.Contains(layout, "-07") || strings.Contains(layout, "MST")
}

// localTime returns the instant whose wall clock in loc is u's (u holds
// the wall clock in UTC). In a daylight saving gap there is none (false);
// when clocks fall back and the wall time happens twice, the earlier
// instant is chosen (as java.time and Python's fold=0 do), so the result
// does not depend on Go's unspecified choice.
func localTime(u time.Time, loc *time.Location) (time.Time, bool) {
	var best time.Time
	found := false
	for _, probe := range []time.Time{u.Add(-26 * time.Hour), u, u.Add(26 * time.Hour)} {
		_, off := probe.In(loc).Zone()
		c := u.Add(-time.Duration(off) * time.Second).In(loc)
		if sameWall(c, u) && (!found || c.Before(best)) {
			best, found = c, true
		}
	}
	return best, found
}

func sameWall(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd && a.Hour() == b.Hour() && a.Minute() == b.Minute() &&
		a.Second() == b.Second() && a.Nanosecond() == b.Nanosecond()
}

// Epoch bounds: the years 0001-9999 in Unix seconds.
const minEpochS, maxEpochS = -62135596800, 253402300799

// epochTime is fromEpoch for the years 0001-9999; other values are an
// error (SQL databases have no timestamps beyond them).
func epochTime(fn string, n, unit int64, name string) (time.Time, error) {
	if n < minEpochS*unit || n > maxEpochS*unit+unit-1 {
		return time.Time{}, errf(fn, "%d is out of range for %s (years 0001-9999)", n, name)
	}
	return fromEpoch(n, unit), nil
}

func fromEpoch(n, unit int64) time.Time {
	if unit == 1000 {
		return time.UnixMilli(n).UTC()
	}
	return time.Unix(n, 0).UTC()
}

func timeArg(fn string, v any) (time.Time, bool, error) {
	switch t := v.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return t, true, nil
	default:
		return time.Time{}, false, errf(fn, "expects a date or timestamp, got %s %s", typeName(v), quoteShort(v))
	}
}

// parseAny handles parse_date and parse_datetime: the first argument may
// be a string, an integer (epoch layouts) or already a time.
func parseAny(fn string, dateOnly bool, args []any) (any, error) {
	name := "ISO"
	if len(args) > 1 {
		var err error
		if name, err = argString(fn, args, 1, "layout"); err != nil {
			return nil, err
		}
	}
	l, err := resolveLayout(fn, name)
	if err != nil {
		return nil, err
	}
	var loc *time.Location
	if len(args) > 2 {
		z, err := argString(fn, args, 2, "zone")
		if err != nil {
			return nil, err
		}
		if loc, err = loadZone(fn, z); err != nil {
			return nil, err
		}
	}
	var t time.Time
	switch v := args[0].(type) {
	case nil:
		return nil, nil
	case string:
		if dateOnly && name == "ISO" {
			// a date-time keeps its date by one shape rule (isodate.go),
			// the one the checked cast and the SQL export follow
			if d, ok := ISODateTimeDate(v); ok {
				return d, nil
			}
			l = namedLayouts["YYYY-MM-DD"]
		}
		if t, err = parseTime(fn, v, l, name, loc); err != nil {
			return nil, err
		}
	case time.Time:
		t = v
	default:
		n, ok := asInt(v)
		if !ok || l.epoch == 0 {
			return nil, errf(fn, "expects a string, got %s %s", typeName(v), quoteShort(v))
		}
		if t, err = epochTime(fn, int64(n), l.epoch, name); err != nil {
			return nil, err
		}
	}
	if y := t.Year(); y < 1 || y > 9999 {
		return nil, errf(fn, "%s: the year %d is outside 0001-9999", quoteShort(args[0]), y)
	}
	if dateOnly {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	return t, nil
}

func formatDate(args []any) (any, error) {
	t, ok, err := timeArg("format_date", args[0])
	if !ok || err != nil {
		return nil, err
	}
	name, err := argString("format_date", args, 1, "layout")
	if err != nil {
		return nil, err
	}
	l, err := resolveLayout("format_date", name)
	if err != nil {
		return nil, err
	}
	switch l.epoch {
	case 1:
		return strconv.FormatInt(t.Unix(), 10), nil
	case 1000:
		return strconv.FormatInt(t.UnixMilli(), 10), nil
	}
	return t.Format(l.format), nil
}

func toUTC(args []any) (any, error) {
	t, ok, err := timeArg("to_utc", args[0])
	if !ok || err != nil {
		return nil, err
	}
	return t.UTC(), nil
}

func toZone(args []any) (any, error) {
	t, ok, err := timeArg("to_zone", args[0])
	if !ok || err != nil {
		return nil, err
	}
	z, err := argString("to_zone", args, 1, "zone")
	if err != nil {
		return nil, err
	}
	loc, err := loadZone("to_zone", z)
	if err != nil {
		return nil, err
	}
	return t.In(loc), nil
}
