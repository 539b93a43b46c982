package export

import (
	"fmt"
	"strconv"
	"strings"
)

// dialect renders the SQL pieces that differ between databases.
type dialect struct {
	name string
	// identQuote is the identifier quote character.
	identQuote byte
	// backslashEscapes: string literals treat \ as an escape (MySQL, Spark).
	backslashEscapes bool
	// regex renders a full-match test of text x against an anchored
	// pattern; nil when the dialect has none (SQLite).
	regex                                func(x, re string) string
	intType, bigDec, floatType, textType string
	// decType renders DECIMAL(p,s).
	decType func(p, s int) string
	// concat of text values, null counting as empty.
	concat func(args []string) string
	// datePattern maps layout fields to the pattern language of
	// to_char/DATE_FORMAT/date_format; nil for SQLite.
	datePattern map[byte]string
	quoteLit    func(string) string
	// parseDate turns a validated text x in layout l into a date value;
	// formatDate renders a date value d in layout l.
	parseDate  func(x string, l *dateLayout, withTime bool) string
	formatDate func(d string, l *dateLayout) string
	// isoDate renders a date value as text YYYY-MM-DD.
	isoDate func(d string) string
	// lpad when the dialect has one that pads with a string.
	lpad, rpad string
	// trim renders trimming of white space (side 0 both, 1 left, 2 right).
	trim func(x string, side int) string
	// trimChars trims the characters of cs; "" when unsupported.
	trimChars func(x, cs string, side int) string
	// createView renders the view preamble.
	createView string
}

var dialects = map[string]*dialect{}

func init() {
	ws := `[ \t\n\r\f\v]`
	pg := &dialect{
		name: "postgres", identQuote: '"',
		regex:   func(x, re string) string { return x + " ~ " + sqlString(re, false) },
		intType: "BIGINT", bigDec: "NUMERIC", floatType: "DOUBLE PRECISION", textType: "TEXT",
		decType:     func(p, s int) string { return fmt.Sprintf("NUMERIC(%d,%d)", p, s) },
		concat:      func(a []string) string { return "CONCAT(" + strings.Join(a, ", ") + ")" },
		datePattern: map[byte]string{'Y': "YYYY", 'M': "MM", 'D': "DD", 'h': "HH24", 'm': "MI", 's': "SS"},
		quoteLit:    func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` },
		lpad:        "LPAD", rpad: "RPAD",
		trim: func(x string, side int) string {
			return [...]string{"BTRIM", "LTRIM", "RTRIM"}[side] + "(" + x + `, E' \t\n\r\f\v')`
		},
		trimChars: func(x, cs string, side int) string {
			return [...]string{"BTRIM", "LTRIM", "RTRIM"}[side] + "(" + x + ", " + cs + ")"
		},
		createView: "CREATE OR REPLACE VIEW",
	}
	pg.parseDate = func(x string, l *dateLayout, withTime bool) string {
		if withTime {
			return "TO_TIMESTAMP(" + x + ", " + sqlString(l.render(pg.datePattern, pg.quoteLit), false) + ")::TIMESTAMP"
		}
		return "TO_DATE(" + x + ", " + sqlString(l.render(pg.datePattern, pg.quoteLit), false) + ")"
	}
	pg.formatDate = func(d string, l *dateLayout) string {
		return "TO_CHAR(" + d + ", " + sqlString(l.render(pg.datePattern, pg.quoteLit), false) + ")"
	}
	pg.isoDate = func(d string) string { return "TO_CHAR(" + d + ", 'YYYY-MM-DD')" }

	lite := &dialect{
		name: "sqlite", identQuote: '"',
		intType: "INTEGER", bigDec: "REAL", floatType: "REAL", textType: "TEXT",
		decType: func(p, s int) string { return "REAL" },
		concat: func(a []string) string {
			parts := make([]string, len(a))
			for i, x := range a {
				parts[i] = "COALESCE(" + x + ", '')"
			}
			return "(" + strings.Join(parts, " || ") + ")"
		},
		datePattern: map[byte]string{'Y': "%Y", 'M': "%m", 'D': "%d", 'h': "%H", 'm': "%M", 's': "%S"},
		quoteLit:    func(s string) string { return strings.ReplaceAll(s, "%", "%%") },
		trim: func(x string, side int) string {
			return [...]string{"TRIM", "LTRIM", "RTRIM"}[side] + "(" + x + ", ' ' || char(9, 10, 11, 12, 13))"
		},
		trimChars: func(x, cs string, side int) string {
			return [...]string{"TRIM", "LTRIM", "RTRIM"}[side] + "(" + x + ", " + cs + ")"
		},
		createView: "CREATE VIEW",
	}
	lite.parseDate = func(x string, l *dateLayout, withTime bool) string {
		part := func(k byte, n int) string {
			return "SUBSTR(" + x + ", " + strconv.Itoa(l.offset(k)) + ", " + strconv.Itoa(n) + ")"
		}
		s := part('Y', 4) + " || '-' || " + part('M', 2) + " || '-' || " + part('D', 2)
		if withTime {
			tp := func(k byte) string {
				if l.offset(k) == 0 {
					return "'00'"
				}
				return part(k, 2)
			}
			s += " || ' ' || " + tp('h') + " || ':' || " + tp('m') + " || ':' || " + tp('s')
		}
		return "(" + s + ")"
	}
	lite.formatDate = func(d string, l *dateLayout) string {
		return "STRFTIME(" + sqlString(l.render(lite.datePattern, lite.quoteLit), false) + ", " + d + ")"
	}
	lite.isoDate = func(d string) string { return "DATE(" + d + ")" }

	my := &dialect{
		name: "mysql", identQuote: '`', backslashEscapes: true,
		regex:   func(x, re string) string { return "REGEXP_LIKE(" + x + ", " + sqlString(re, true) + ", 'c')" },
		intType: "SIGNED", bigDec: "DECIMAL(65,30)", floatType: "DOUBLE", textType: "CHAR",
		decType:     func(p, s int) string { return fmt.Sprintf("DECIMAL(%d,%d)", p, s) },
		concat:      func(a []string) string { return "CONCAT_WS(''," + strings.Join(a, ", ") + ")" },
		datePattern: map[byte]string{'Y': "%Y", 'M': "%m", 'D': "%d", 'h': "%H", 'm': "%i", 's': "%s"},
		quoteLit:    func(s string) string { return strings.ReplaceAll(s, "%", "%%") },
		lpad:        "LPAD", rpad: "RPAD",
		trim: func(x string, side int) string {
			re := [...]string{"^" + ws + "+|" + ws + "+$", "^" + ws + "+", ws + "+$"}[side]
			return "REGEXP_REPLACE(" + x + ", " + sqlString(re, true) + ", '')"
		},
		trimChars:  func(x, cs string, side int) string { return "" },
		createView: "CREATE OR REPLACE VIEW",
	}
	my.parseDate = func(x string, l *dateLayout, withTime bool) string {
		return "STR_TO_DATE(" + x + ", " + sqlString(l.render(my.datePattern, my.quoteLit), true) + ")"
	}
	my.formatDate = func(d string, l *dateLayout) string {
		return "DATE_FORMAT(" + d + ", " + sqlString(l.render(my.datePattern, my.quoteLit), true) + ")"
	}
	my.isoDate = func(d string) string { return "DATE_FORMAT(" + d + ", '%Y-%m-%d')" }

	spark := &dialect{
		name: "spark", identQuote: '`', backslashEscapes: true,
		regex:   func(x, re string) string { return x + " RLIKE " + sqlString(re, true) },
		intType: "BIGINT", bigDec: "DECIMAL(38,18)", floatType: "DOUBLE", textType: "STRING",
		decType:     func(p, s int) string { return fmt.Sprintf("DECIMAL(%d,%d)", p, s) },
		concat:      func(a []string) string { return "CONCAT_WS('', " + strings.Join(a, ", ") + ")" },
		datePattern: map[byte]string{'Y': "yyyy", 'M': "MM", 'D': "dd", 'h': "HH", 'm': "mm", 's': "ss"},
		quoteLit: func(s string) string {
			var b strings.Builder
			for _, r := range s {
				if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '\'' {
					b.WriteString("''")
					b.WriteRune(r)
					b.WriteString("''")
					continue
				}
				b.WriteRune(r)
			}
			return b.String()
		},
		lpad: "LPAD", rpad: "RPAD",
		trim: func(x string, side int) string {
			re := [...]string{"^" + ws + "+|" + ws + "+$", "^" + ws + "+", ws + "+$"}[side]
			return "REGEXP_REPLACE(" + x + ", " + sqlString(re, true) + ", '')"
		},
		trimChars: func(x, cs string, side int) string {
			return "TRIM(" + [...]string{"BOTH", "LEADING", "TRAILING"}[side] + " " + cs + " FROM " + x + ")"
		},
		createView: "CREATE OR REPLACE TEMPORARY VIEW",
	}
	spark.parseDate = func(x string, l *dateLayout, withTime bool) string {
		f := "TO_DATE"
		if withTime {
			f = "TO_TIMESTAMP"
		}
		return f + "(" + x + ", " + sqlString(l.render(spark.datePattern, spark.quoteLit), true) + ")"
	}
	spark.formatDate = func(d string, l *dateLayout) string {
		return "DATE_FORMAT(" + d + ", " + sqlString(l.render(spark.datePattern, spark.quoteLit), true) + ")"
	}
	spark.isoDate = func(d string) string { return "DATE_FORMAT(" + d + ", 'yyyy-MM-dd')" }

	for _, d := range []*dialect{pg, lite, my, spark} {
		dialects[d.name] = d
	}
}

// Dialects lists the SQL dialects SQL accepts.
func Dialects() []string { return []string{"postgres", "sqlite", "mysql", "spark"} }

// sqlString renders a string literal; with backslash escapes (MySQL,
// Spark) backslashes are doubled too.
func sqlString(s string, backslash bool) string {
	s = strings.ReplaceAll(s, "'", "''")
	if backslash {
		s = strings.ReplaceAll(s, `\`, `\\`)
	}
	return "'" + s + "'"
}

// str renders a string literal in d.
func (d *dialect) str(s string) string { return sqlString(s, d.backslashEscapes) }

// ident quotes an identifier.
func (d *dialect) ident(s string) string {
	q := string(d.identQuote)
	return q + strings.ReplaceAll(s, q, q+q) + q
}

// tableIdent quotes a possibly schema-qualified table name part by part
// ("raw.orders" -> "raw"."orders").
func (d *dialect) tableIdent(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = d.ident(p)
	}
	return strings.Join(parts, ".")
}
