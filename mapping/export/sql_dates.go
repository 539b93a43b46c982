package export

import (
	"strconv"
	"strings"
)

// Named date layouts follow seam's date rule (mapping/FORMAT.md,
// "Spellings"): the day and month take one or two digits, the year four,
// from 0001 to 9999; nothing around the date.
var namedDates = map[string]struct {
	order string // positions of year, month, day
	sep   string
}{
	"ISO": {"ymd", "-"}, "YYYY-MM-DD": {"ymd", "-"},
	"MM/DD/YYYY": {"mdy", "/"}, "DD/MM/YYYY": {"dmy", "/"}, "DD.MM.YYYY": {"dmy", "."},
}

// parseNamedDate parses text x in a named layout with one- or two-digit
// day and month.
func (tr *translator) parseNamedDate(x sx, name string, withTime bool) (sx, error) {
	nd := namedDates[name]
	if x.t != tText && x.t != tAny && x.t != tNull {
		return sx{}, unsupported("parse_date of %s", x.t)
	}
	d := tr.d
	s := x.sql
	if name == "ISO" && !withTime {
		// an ISO date-time keeps its date as written, by the shape rule
		// seam's cast and parse_date follow (transform.ISODateTimeDate)
		s = tr.bindRaw("(CASE WHEN " + tr.isoDateTimeShape(s) + " THEN SUBSTR(" + s + ", 1, 10) ELSE " + s + " END)")
	}
	widths := map[byte][]int{'y': {4}, 'm': {1, 2}, 'd': {1, 2}}
	var shape string
	if d.regex != nil {
		var parts []string
		for i := 0; i < 3; i++ {
			if nd.order[i] == 'y' {
				parts = append(parts, "[0-9]{4}")
			} else {
				parts = append(parts, "[0-9]{1,2}")
			}
		}
		q := "\\" + nd.sep
		shape = d.regex(s, "^"+strings.Join(parts, q)+"$")
	} else {
		var globs []string
		for _, a := range widths[nd.order[0]] {
			for _, b := range widths[nd.order[1]] {
				for _, c := range widths[nd.order[2]] {
					g := strings.Repeat("[0-9]", a) + nd.sep + strings.Repeat("[0-9]", b) + nd.sep + strings.Repeat("[0-9]", c)
					globs = append(globs, s+" GLOB "+d.str(g))
				}
			}
		}
		shape = "(" + strings.Join(globs, " OR ") + ")"
	}
	part := func(i int) string {
		if d.name == "postgres" {
			return "CAST(SPLIT_PART(" + s + ", " + d.str(nd.sep) + ", " + strconv.Itoa(i+1) + ") AS INTEGER)"
		}
		first := "INSTR(" + s + ", " + d.str(nd.sep) + ")"
		rest := "SUBSTR(" + s + ", " + first + " + 1)"
		switch i {
		case 0:
			return "CAST(SUBSTR(" + s + ", 1, " + first + " - 1) AS " + d.intType + ")"
		case 1:
			return "CAST(SUBSTR(" + rest + ", 1, INSTR(" + rest + ", " + d.str(nd.sep) + ") - 1) AS " + d.intType + ")"
		}
		return "CAST(SUBSTR(" + rest + ", INSTR(" + rest + ", " + d.str(nd.sep) + ") + 1) AS " + d.intType + ")"
	}
	var y, m, dd string
	for i := 0; i < 3; i++ {
		p := tr.bindRaw("(CASE WHEN " + shape + " THEN " + part(i) + " END)")
		switch nd.order[i] {
		case 'y':
			y = p
		case 'm':
			m = p
		default:
			dd = p
		}
	}
	ok := tr.bindGuard("COALESCE(" + y + " >= 1 AND " + m + " BETWEEN 1 AND 12 AND " + dd + " >= 1 AND " + dd + " <= " + daysIn(y, m) + ", FALSE)")
	var v string
	switch d.name {
	case "postgres":
		v = "MAKE_DATE(" + y + ", " + m + ", " + dd + ")"
		if withTime {
			v = "MAKE_TIMESTAMP(" + y + ", " + m + ", " + dd + ", 0, 0, 0)"
		}
	case "sqlite":
		v = "printf('%04d-%02d-%02d', " + y + ", " + m + ", " + dd + ")"
		if withTime {
			v = "printf('%04d-%02d-%02d 00:00:00', " + y + ", " + m + ", " + dd + ")"
		}
	case "mysql":
		v = "STR_TO_DATE(CONCAT_WS('-', " + y + ", " + m + ", " + dd + "), '%Y-%m-%d')"
		if withTime {
			v = "CAST(" + v + " AS DATETIME)"
		}
	default:
		v = "MAKE_DATE(" + y + ", " + m + ", " + dd + ")"
		if withTime {
			v = "CAST(" + v + " AS TIMESTAMP)"
		}
	}
	t := tDate
	if withTime {
		t = tTimestamp
	}
	return sx{sql: guarded(ok, v), t: t, guard: and(x.guard, "("+s+" IS NULL OR "+ok+")")}, nil
}

// parseDateAny parses text in a named layout (by the date rule) or a
// fixed-width layout.
func (tr *translator) parseDateAny(x sx, layout string, withTime bool) (sx, error) {
	if _, ok := namedDates[layout]; ok {
		return tr.parseNamedDate(x, layout, withTime)
	}
	return tr.parseDateSQL(x, sqlLayout(layout), withTime)
}

// isoDateTimeShape is true when text s has the shape of an ISO date-time
// (transform.ISODateTimeDate): YYYY-MM-DD, T or a space, hh:mm, optional
// :ss with an optional fraction of 1 to 9 digits, an optional Z or
// +hh:mm / -hh:mm. Dialects without regular expressions (SQLite) test
// GLOB patterns of every fraction width and zone form.
func (tr *translator) isoDateTimeShape(s string) string {
	d := tr.d
	if d.regex != nil {
		return d.regex(s, `^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?$`)
	}
	head := s + " GLOB " + d.str("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][01][0-9]:[0-5][0-9]*") +
		" OR " + s + " GLOB " + d.str("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ]2[0-3]:[0-5][0-9]*")
	secs := []string{"", ":[0-5][0-9]"}
	for n := 1; n <= 9; n++ {
		secs = append(secs, ":[0-5][0-9]."+strings.Repeat("[0-9]", n))
	}
	var tails []string
	for _, sec := range secs {
		for _, z := range []string{"", "Z", "[+-][01][0-9]:[0-5][0-9]", "[+-]2[0-3]:[0-5][0-9]"} {
			if sec+z == "" {
				continue
			}
			tails = append(tails, "SUBSTR("+s+", 17) GLOB "+d.str(sec+z))
		}
	}
	return "((" + head + ") AND (LENGTH(" + s + ") = 16 OR " + strings.Join(tails, " OR ") + "))"
}

// timestampShape is true when the text of x has a shape seam's cast to a
// timestamp reads (engine's ISO layouts): YYYY-MM-DD alone, or with T or
// a space, hh:mm:ss, an optional fraction of 1 to 9 digits and an
// optional Z, +hh:mm or +hhmm. A value of PostgreSQL's own timestamp
// types passes as it is. The calendar and clock ranges are not checked.
func (tr *translator) timestampShape(x string) string {
	d := tr.d
	s := "CAST(" + x + " AS " + d.textType + ")"
	if d.regex != nil {
		re := d.regex(s, `^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$`)
		if d.name == "postgres" {
			return "(" + re + " OR PG_TYPEOF(" + x + ") IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype))"
		}
		return re
	}
	date := "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
	var tails []string
	for n := 0; n <= 9; n++ {
		frac := ""
		if n > 0 {
			frac = "." + strings.Repeat("[0-9]", n)
		}
		for _, z := range []string{"", "Z", "[+-][0-9][0-9]:[0-9][0-9]", "[+-][0-9][0-9][0-9][0-9]"} {
			if frac+z == "" {
				continue
			}
			tails = append(tails, "SUBSTR("+s+", 20) GLOB "+d.str(frac+z))
		}
	}
	return "((LENGTH(" + s + ") = 10 AND " + s + " GLOB " + d.str(date) + ") OR (" + s + " GLOB " + d.str(date+"[T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*") +
		" AND (LENGTH(" + s + ") = 19 OR " + strings.Join(tails, " OR ") + ")))"
}
