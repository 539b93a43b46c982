package export

import (
	"fmt"
	"strings"
)

// dateTok is one element of a date layout.
type dateTok struct {
	kind byte   // 'Y' year(4), 'M' month(2), 'D' day(2), 'h' hour(2, 24h), 'm' minute(2), 's' second(2), 'L' literal
	lit  string // for 'L'
}

// dateLayout is a parsed fixed-width date layout.
type dateLayout struct {
	toks  []dateTok
	width int
}

// layoutField is how a layout form spells one field; its width is the
// spelling's length.
type layoutField struct {
	spell string
	kind  byte
}

// goFields and javaFields are the fields of Go reference layouts and of
// Java/Spark ones.
var (
	goFields   = []layoutField{{"2006", 'Y'}, {"01", 'M'}, {"02", 'D'}, {"15", 'h'}, {"04", 'm'}, {"05", 's'}}
	javaFields = []layoutField{{"yyyy", 'Y'}, {"MM", 'M'}, {"dd", 'D'}, {"HH", 'h'}, {"mm", 'm'}, {"ss", 's'}}
	// strftimeFields are the fields of strftime layouts, by the letter
	// after %.
	strftimeFields = map[byte]struct {
		kind  byte
		width int
	}{'Y': {'Y', 4}, 'm': {'M', 2}, 'd': {'D', 2}, 'H': {'h', 2}, 'M': {'m', 2}, 'S': {'s', 2}}
)

func (l *dateLayout) add(k byte, w int) {
	l.toks = append(l.toks, dateTok{kind: k})
	l.width += w
}

func (l *dateLayout) lit(s string) {
	if n := len(l.toks); n > 0 && l.toks[n-1].kind == 'L' {
		l.toks[n-1].lit += s
	} else {
		l.toks = append(l.toks, dateTok{kind: 'L', lit: s})
	}
	l.width += len(s)
}

// scan reads s in a form whose fields are spelled as in fields; any other
// byte that bad accepts has no fixed-width SQL form, the rest are literal.
func (l *dateLayout) scan(s string, fields []layoutField, bad func(c byte) bool) error {
next:
	for i := 0; i < len(s); {
		rest := s[i:]
		for _, f := range fields {
			if strings.HasPrefix(rest, f.spell) {
				l.add(f.kind, len(f.spell))
				i += len(f.spell)
				continue next
			}
		}
		if bad(rest[0]) {
			return fmt.Errorf("layout %q: %q at %d has no fixed-width SQL form", s, rest, i)
		}
		l.lit(rest[:1])
		i++
	}
	return nil
}

// parseLayout reads a date layout in Go reference form ("2006-01-02",
// "02/01/2006 15:04:05"), strftime form ("%Y-%m-%d", "%d.%m.%Y %H:%M") or
// Java/Spark form ("yyyy-MM-dd", "dd/MM/yyyy HH:mm:ss"). Only fixed-width
// numeric layouts translate to SQL; month names, 2-digit years, time zones
// and fractions are reported as unsupported.
func parseLayout(s string) (*dateLayout, error) {
	l := &dateLayout{}
	switch {
	case strings.Contains(s, "%"):
		for i := 0; i < len(s); i++ {
			if s[i] != '%' {
				l.lit(s[i : i+1])
				continue
			}
			if i+1 >= len(s) {
				return nil, fmt.Errorf("layout %q ends in %%", s)
			}
			i++
			f, ok := strftimeFields[s[i]]
			switch {
			case ok:
				l.add(f.kind, f.width)
			case s[i] == '%':
				l.lit("%")
			default:
				return nil, fmt.Errorf("layout %q: %%%c has no fixed-width SQL form", s, s[i])
			}
		}
	case strings.Contains(s, "2006") || strings.Contains(s, "15:04"):
		if err := l.scan(s, goFields, func(c byte) bool { return strings.IndexByte("0123456789JMTZ", c) >= 0 }); err != nil {
			return nil, err
		}
	default:
		if err := l.scan(s, javaFields, func(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }); err != nil {
			return nil, err
		}
	}
	var seen string
	for _, t := range l.toks {
		if t.kind != 'L' {
			if strings.IndexByte(seen, t.kind) >= 0 {
				return nil, fmt.Errorf("layout %q repeats a field", s)
			}
			seen += string(t.kind)
		}
	}
	if strings.IndexByte(seen, 'Y') < 0 || strings.IndexByte(seen, 'M') < 0 || strings.IndexByte(seen, 'D') < 0 {
		return nil, fmt.Errorf("layout %q lacks a year, month or day", s)
	}
	return l, nil
}

// hasTime reports whether the layout has hours.
func (l *dateLayout) hasTime() bool {
	for _, t := range l.toks {
		if t.kind == 'h' || t.kind == 'm' || t.kind == 's' {
			return true
		}
	}
	return false
}

// offset returns the 1-based start of field k, or 0.
func (l *dateLayout) offset(k byte) int {
	pos := 1
	for _, t := range l.toks {
		if t.kind == k {
			return pos
		}
		if t.kind == 'L' {
			pos += len(t.lit)
		} else if t.kind == 'Y' {
			pos += 4
		} else {
			pos += 2
		}
	}
	return 0
}

// render writes the layout in a dialect's pattern language.
func (l *dateLayout) render(fields map[byte]string, quoteLit func(string) string) string {
	var b strings.Builder
	for _, t := range l.toks {
		if t.kind == 'L' {
			b.WriteString(quoteLit(t.lit))
		} else {
			b.WriteString(fields[t.kind])
		}
	}
	return b.String()
}
