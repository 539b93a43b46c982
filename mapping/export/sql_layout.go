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

// parseLayout reads a date layout in Go reference form ("2006-01-02",
// "02/01/2006 15:04:05"), strftime form ("%Y-%m-%d", "%d.%m.%Y %H:%M") or
// Java/Spark form ("yyyy-MM-dd", "dd/MM/yyyy HH:mm:ss"). Only fixed-width
// numeric layouts translate to SQL; month names, 2-digit years, time zones
// and fractions are reported as unsupported.
func parseLayout(s string) (*dateLayout, error) {
	l := &dateLayout{}
	add := func(k byte, w int) {
		l.toks = append(l.toks, dateTok{kind: k})
		l.width += w
	}
	lit := func(s string) {
		if n := len(l.toks); n > 0 && l.toks[n-1].kind == 'L' {
			l.toks[n-1].lit += s
		} else {
			l.toks = append(l.toks, dateTok{kind: 'L', lit: s})
		}
		l.width += len(s)
	}
	switch {
	case strings.Contains(s, "%"):
		for i := 0; i < len(s); i++ {
			if s[i] != '%' {
				lit(s[i : i+1])
				continue
			}
			if i+1 >= len(s) {
				return nil, fmt.Errorf("layout %q ends in %%", s)
			}
			i++
			switch s[i] {
			case 'Y':
				add('Y', 4)
			case 'm':
				add('M', 2)
			case 'd':
				add('D', 2)
			case 'H':
				add('h', 2)
			case 'M':
				add('m', 2)
			case 'S':
				add('s', 2)
			case '%':
				lit("%")
			default:
				return nil, fmt.Errorf("layout %q: %%%c has no fixed-width SQL form", s, s[i])
			}
		}
	case strings.Contains(s, "2006") || strings.Contains(s, "15:04"):
		for i := 0; i < len(s); {
			rest := s[i:]
			switch {
			case strings.HasPrefix(rest, "2006"):
				add('Y', 4)
				i += 4
			case strings.HasPrefix(rest, "01"):
				add('M', 2)
				i += 2
			case strings.HasPrefix(rest, "02"):
				add('D', 2)
				i += 2
			case strings.HasPrefix(rest, "15"):
				add('h', 2)
				i += 2
			case strings.HasPrefix(rest, "04"):
				add('m', 2)
				i += 2
			case strings.HasPrefix(rest, "05"):
				add('s', 2)
				i += 2
			case strings.ContainsAny(rest[:1], "0123456789JMTZ"):
				return nil, fmt.Errorf("layout %q: %q at %d has no fixed-width SQL form", s, rest, i)
			default:
				lit(rest[:1])
				i++
			}
		}
	default:
		for i := 0; i < len(s); {
			rest := s[i:]
			switch {
			case strings.HasPrefix(rest, "yyyy"):
				add('Y', 4)
				i += 4
			case strings.HasPrefix(rest, "MM"):
				add('M', 2)
				i += 2
			case strings.HasPrefix(rest, "dd"):
				add('D', 2)
				i += 2
			case strings.HasPrefix(rest, "HH"):
				add('h', 2)
				i += 2
			case strings.HasPrefix(rest, "mm"):
				add('m', 2)
				i += 2
			case strings.HasPrefix(rest, "ss"):
				add('s', 2)
				i += 2
			case rest[0] >= 'A' && rest[0] <= 'Z' || rest[0] >= 'a' && rest[0] <= 'z' || rest[0] >= '0' && rest[0] <= '9':
				return nil, fmt.Errorf("layout %q: %q at %d has no fixed-width SQL form", s, rest, i)
			default:
				lit(rest[:1])
				i++
			}
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
