package export

import (
	"strconv"
	"strings"
)

// regexFor rewrites a Go (RE2) pattern into one that means the same in the
// dialect's regular expressions (PostgreSQL ARE, MySQL ICU, Spark Java):
// \d \w \s become their ASCII classes (Go's meaning), . excludes only \n,
// $ is the end of the text. Constructs whose meaning differs or that some
// dialect lacks (flags and (?...) groups, non-greedy quantifiers,
// backreferences, \b, \p, POSIX classes) are refused. groups is the number
// of capturing groups.
func (d *dialect) regexFor(pat string) (re string, groups int, err error) {
	var b strings.Builder
	inClass := false
	classStart := 0
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == '\\':
			if i+1 >= len(pat) {
				return "", 0, unsupported("pattern %q ends in a backslash", pat)
			}
			i++
			e := pat[i]
			switch e {
			case 'd', 'w', 's':
				cls := map[byte]string{'d': "0-9", 'w': "0-9A-Za-z_", 's': `\t\n\f\r `}[e]
				if inClass {
					b.WriteString(cls)
				} else {
					b.WriteString("[" + cls + "]")
				}
			case 'D', 'W', 'S':
				if inClass {
					return "", 0, unsupported("pattern %q: \\%c inside [...] has no portable SQL form", pat, e)
				}
				b.WriteString("[^" + map[byte]string{'D': "0-9", 'W': "0-9A-Za-z_", 'S': `\t\n\f\r `}[e] + "]")
			case 't', 'n':
				b.WriteByte('\\')
				b.WriteByte(e)
			default:
				if strings.IndexByte(`.\+*?()|[]{}^$-/`, e) < 0 {
					return "", 0, unsupported("pattern %q: \\%c has no portable SQL form", pat, e)
				}
				b.WriteByte('\\')
				b.WriteByte(e)
			}
			continue
		case inClass:
			if c == ']' && i > classStart {
				inClass = false
			} else if c == '[' && i+1 < len(pat) && pat[i+1] == ':' {
				return "", 0, unsupported("pattern %q: POSIX classes have no portable SQL form", pat)
			}
		case c == '[':
			inClass = true
			classStart = i + 1
			if i+1 < len(pat) && pat[i+1] == '^' {
				classStart++
			}
		case c == '(':
			if i+1 < len(pat) && pat[i+1] == '?' {
				return "", 0, unsupported("pattern %q: (?...) groups and flags have no portable SQL form", pat)
			}
			groups++
		case c == '*' || c == '+' || c == '?' || c == '}':
			if i+1 < len(pat) && pat[i+1] == '?' {
				return "", 0, unsupported("pattern %q: non-greedy quantifiers match differently in SQL", pat)
			}
		case c == '.':
			b.WriteString(`[^\n]`)
			continue
		case c == '$':
			if d.name != "postgres" {
				b.WriteString(`\z`)
				continue
			}
		}
		b.WriteByte(c)
	}
	if inClass {
		return "", 0, unsupported("pattern %q: unclosed [", pat)
	}
	return b.String(), groups, nil
}

// regexExtract renders regex_extract(s, pattern, group): the group's text
// of the leftmost match, null without a match or when the group did not
// take part.
func (tr *translator) regexExtract(s sx, pat string, group int, g string) (sx, error) {
	d := tr.d
	re, groups, err := d.regexFor(pat)
	if err != nil {
		return sx{}, err
	}
	if group < 0 || group > groups {
		return sx{}, unsupported("regex_extract group %d out of range: pattern %q has %d groups", group, pat, groups)
	}
	switch d.name {
	case "postgres":
		return sx{sql: "(REGEXP_MATCH(" + s.sql + ", " + d.str("("+re+")") + "))[" + strconv.Itoa(group+1) + "]", t: tText, guard: g}, nil
	case "mysql":
		whole := "REGEXP_SUBSTR(" + s.sql + ", " + d.str(re) + ", 1, 1, 'c')"
		if group == 0 {
			return sx{sql: whole, t: tText, guard: g}, nil
		}
		if optionalGroups(pat) {
			return sx{}, unsupported("regex_extract of an optional group has no MySQL form (REGEXP_REPLACE gives '' where seam gives null)")
		}
		// the group of the leftmost match: match it again, anchored, and
		// keep the group
		return sx{sql: "REGEXP_REPLACE(" + whole + ", " + d.str("^(?:"+re+`)\z`) + ", " + d.str("$"+strconv.Itoa(group)) + ", 1, 0, 'c')", t: tText, guard: g}, nil
	case "spark":
		// REGEXP_EXTRACT gives '' for a group that did not take part, where
		// seam gives null: refuse groups that may not take part.
		if group != 0 && optionalGroups(pat) {
			return sx{}, unsupported("regex_extract of an optional group has no Spark form (REGEXP_EXTRACT returns '' where seam returns null)")
		}
		return sx{sql: "CASE WHEN " + s.sql + " RLIKE " + d.str(re) + " THEN REGEXP_EXTRACT(" + s.sql + ", " + d.str(re) + ", " + strconv.Itoa(group) + ") END", t: tText, guard: g}, nil
	}
	return sx{}, unsupported("regex_extract: %s has no regular expressions", d.name)
}

// optionalGroups reports a pattern where a group may not take part in a
// match (a quantifier or an alternation): conservative.
func optionalGroups(pat string) bool { return strings.ContainsAny(pat, "?*|{") }

// Epoch layouts: Unix seconds or milliseconds, integers (text by the
// spelling rule) within the years 0001-9999.
var epochRange = map[string][2]string{
	"epoch_s":  {"-62135596800", "253402300799"},
	"epoch_ms": {"-62135596800000", "253402300799999"},
}

// parseEpoch renders parse_date/parse_datetime(x, "epoch_s"|"epoch_ms").
func (tr *translator) parseEpoch(x sx, layout string, withTime bool) (sx, error) {
	n, err := tr.toInt(x)
	if err != nil {
		return sx{}, err
	}
	n = tr.bindSx(n)
	r := epochRange[layout]
	ok := "(" + n.sql + " BETWEEN " + r[0] + " AND " + r[1] + ")"
	ms := layout == "epoch_ms"
	d := tr.d
	var ts string
	switch d.name {
	case "postgres":
		unit := "1 second"
		if ms {
			unit = "1 millisecond"
		}
		ts = "(TIMESTAMP '1970-01-01 00:00:00' + " + n.sql + " * INTERVAL '" + unit + "')"
	case "sqlite":
		if ms {
			rem := "((" + n.sql + " % 1000 + 1000) % 1000)"
			ts = "(DATETIME((" + n.sql + " - " + rem + ") / 1000, 'unixepoch') || '.' || printf('%03d', " + rem + "))"
		} else {
			ts = "DATETIME(" + n.sql + ", 'unixepoch')"
		}
	case "mysql":
		if ms {
			ts = "TIMESTAMPADD(MICROSECOND, " + n.sql + " * 1000, TIMESTAMP '1970-01-01 00:00:00')"
		} else {
			ts = "TIMESTAMPADD(SECOND, " + n.sql + ", TIMESTAMP '1970-01-01 00:00:00')"
		}
	default:
		if ms {
			ts = "TIMESTAMP_MILLIS(" + n.sql + ")"
		} else {
			ts = "TIMESTAMP_SECONDS(" + n.sql + ")"
		}
	}
	t := tTimestamp
	if !withTime {
		ts, t = d.dateOf(ts), tDate
	}
	return sx{sql: guarded(ok, ts), t: t, guard: and(n.guard, "("+n.sql+" IS NULL OR "+ok+")")}, nil
}

// dateOf renders the date of a timestamp value.
func (d *dialect) dateOf(ts string) string {
	switch d.name {
	case "sqlite":
		return "DATE(" + ts + ")"
	case "spark":
		return "TO_DATE(" + ts + ")"
	case "mysql":
		return "DATE(" + ts + ")"
	}
	return "CAST(" + ts + " AS DATE)"
}
