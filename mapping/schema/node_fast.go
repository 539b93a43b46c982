package schema

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// fastJSON is a single-pass JSON parser that builds the positioned tree
// directly. It only says whether the input is valid; on failure
// parseJSONNode re-parses with encoding/json for the exact message. The
// differential fuzz target FuzzJSONParsers keeps the two in agreement.
type fastJSON struct {
	data      []byte
	off       int
	line      int
	lineStart int
	nodes     int // values built; over maxJSONNodes the parse fails
}

func parseFastJSON(data []byte) (*node, bool) {
	return (&fastJSON{data: data, line: 1}).parse()
}

func (p *fastJSON) parse() (*node, bool) {
	n, ok := p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return n, p.off == len(p.data)
}

func (p *fastJSON) space() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case '\n':
			p.line++
			p.lineStart = p.off + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		p.off++
	}
}

func (p *fastJSON) value(depth int) (*node, bool) {
	p.nodes++
	if depth > maxDepth || p.nodes > maxJSONNodes {
		return nil, false
	}
	p.space()
	if p.off >= len(p.data) {
		return nil, false
	}
	n := &node{line: p.line, col: p.off - p.lineStart + 1}
	switch c := p.data[p.off]; {
	case c == '{':
		p.off++
		n.kind = nObj
		p.space()
		if p.off < len(p.data) && p.data[p.off] == '}' {
			p.off++
			return n, true
		}
		var idx map[string]int
		for {
			p.space()
			if p.off >= len(p.data) || p.data[p.off] != '"' {
				return nil, false
			}
			kl := p.line
			k, ok := p.str()
			if !ok || n.keyIndex(k, &idx) >= 0 { // a duplicate: the std parser reports it
				return nil, false
			}
			p.space()
			if p.off >= len(p.data) || p.data[p.off] != ':' {
				return nil, false
			}
			p.off++
			v, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			n.keys = append(n.keys, k)
			n.kline = append(n.kline, kl)
			n.vals = append(n.vals, v)
			p.space()
			if p.off >= len(p.data) {
				return nil, false
			}
			if p.data[p.off] == '}' {
				p.off++
				return n, true
			}
			if p.data[p.off] != ',' {
				return nil, false
			}
			p.off++
		}
	case c == '[':
		p.off++
		n.kind = nArr
		p.space()
		if p.off < len(p.data) && p.data[p.off] == ']' {
			p.off++
			return n, true
		}
		for {
			v, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			n.vals = append(n.vals, v)
			p.space()
			if p.off >= len(p.data) {
				return nil, false
			}
			if p.data[p.off] == ']' {
				p.off++
				return n, true
			}
			if p.data[p.off] != ',' {
				return nil, false
			}
			p.off++
		}
	case c == '"':
		s, ok := p.str()
		n.kind, n.s = nStr, s
		return n, ok
	case c == 't':
		return n, p.lit("true", n, nBool)
	case c == 'f':
		return n, p.lit("false", n, nBool)
	case c == 'n':
		return n, p.lit("null", n, nNull)
	case c == '-' || c >= '0' && c <= '9':
		start := p.off
		if !p.number() {
			return nil, false
		}
		n.kind, n.s = nNum, string(p.data[start:p.off])
		return n, true
	}
	return nil, false
}

func (p *fastJSON) lit(word string, n *node, k nodeKind) bool {
	if !strings.HasPrefix(string(p.data[p.off:min(len(p.data), p.off+len(word))]), word) {
		return false
	}
	p.off += len(word)
	n.kind = k
	if k == nBool {
		n.s = word
	}
	return true
}

// number checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *fastJSON) number() bool {
	d := p.data
	i := p.off
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		s := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i - s
	}
	if i < len(d) && d[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	p.off = i
	return true
}

// str reads a string at p.off (which is '"') the way encoding/json
// decodes it: escapes resolved, invalid UTF-8 and lone surrogates
// replaced by U+FFFD. Raw control characters and newlines are invalid.
func (p *fastJSON) str() (string, bool) {
	d := p.data
	i := p.off + 1
	start := i
	simple := true
	for ; i < len(d); i++ {
		c := d[i]
		if c == '"' {
			break
		}
		if c < 0x20 {
			return "", false
		}
		if c == '\\' || c >= utf8.RuneSelf {
			simple = false
			if c == '\\' {
				i++
			}
		}
	}
	if i >= len(d) {
		return "", false
	}
	p.off = i + 1
	if simple {
		return string(d[start:i]), true
	}
	return unescapeJSON(d[start:i])
}

func unescapeJSON(s []byte) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' {
			if i+1 >= len(s) {
				return "", false
			}
			switch s[i+1] {
			case '"', '\\', '/':
				b.WriteByte(s[i+1])
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := hex4(s, i+2)
				if !ok {
					return "", false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(s, i+2); ok && i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							b.WriteRune(dec)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				b.WriteRune(r)
				continue
			default:
				return "", false
			}
			i += 2
			continue
		}
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.Write(s[i : i+size])
		}
		i += size
	}
	return b.String(), true
}

func hex4(s []byte, at int) (rune, bool) {
	if at+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s[at:at+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}
