package value

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// jsonParser decodes one JSON text held in b into Values. Strings without
// escapes are substrings of str (one allocation per line).
type jsonParser struct {
	b     []byte
	str   string // string(b), made lazily
	i     int
	depth int
	// keys of the previous top-level object: reused when a line repeats
	// them in the same order, so records of one file share their Keys.
	prev []string
	// view, when set, is b as a string (a chunk's line): str is it. Else
	// str is a copy of b in the arena, made when a string needs it.
	view  string
	arena textArena
}

// text returns b as a string for the values to be substrings of.
func (p *jsonParser) text() string {
	if p.view != "" {
		return p.view
	}
	return p.arena.freeze(append(p.arena.start(len(p.b)), p.b...))
}

const maxJSONDepth = 512

type jsonSyntaxError struct {
	off int
	msg string
}

func (e *jsonSyntaxError) Error() string { return e.msg }

func (p *jsonParser) fail(format string, args ...any) error {
	return &jsonSyntaxError{off: p.i, msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) describe() string {
	if p.i >= len(p.b) {
		return "end of input"
	}
	return strconv.QuoteRune(rune(p.b[p.i]))
}

// object parses '{...}' at p.i into a record.
func (p *jsonParser) object(top bool, into *Record) (*Record, error) {
	if p.i >= len(p.b) || p.b[p.i] != '{' {
		return nil, p.fail("want '{' (a JSON object), found %s", p.describe())
	}
	p.depth++
	if p.depth > maxJSONDepth {
		return nil, p.fail("nesting deeper than %d levels", maxJSONDepth)
	}
	p.i++
	var keys []string
	var vals []Value
	if into != nil && cap(into.Vals) > 0 {
		vals = into.Vals[:0]
	} else if into != nil {
		vals = make([]Value, 0, max(16, len(p.prev)))
	} else {
		vals = make([]Value, 0, 16)
	}
	reuse := top && p.prev != nil
	var seen map[string]struct{} // keys, once an object has many
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		p.depth--
		return p.rec(into, []string{}, vals), nil
	}
	for n := 0; ; n++ {
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return nil, p.fail("want a quoted key, found %s", p.describe())
		}
		keyAt := p.i
		kb, kesc, err := p.rawString()
		if err != nil {
			return nil, err
		}
		if reuse && !kesc && n < len(p.prev) && p.prev[n] == string(kb) {
			// still in step with the previous line's keys, which are
			// distinct: no duplicate so far
		} else {
			if reuse {
				keys = append(keys[:0:0], p.prev[:n]...)
				reuse = false
			}
			k := p.decodeKey(kb, kesc)
			var dup bool
			if seen, dup = hasKey(keys, seen, k); dup {
				p.i = keyAt
				return nil, p.fail("duplicate key %q: want each key once in an object", k)
			}
			if seen != nil {
				seen[k] = struct{}{}
			}
			keys = append(keys, k)
		}
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return nil, p.fail("want ':' after a key, found %s", p.describe())
		}
		p.i++
		p.ws()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.b) && p.b[p.i] == '}' {
			p.i++
			break
		}
		return nil, p.fail("want ',' or '}' in an object, found %s", p.describe())
	}
	p.depth--
	if reuse {
		if len(vals) == len(p.prev) {
			keys = p.prev
		} else {
			keys = append([]string(nil), p.prev[:len(vals)]...)
		}
	}
	if top {
		p.prev = keys
	}
	return p.rec(into, keys, vals), nil
}

// hasKey reports whether k is among keys. Small objects are scanned; from
// hasKeyScan keys on a set is kept (returned, filled with keys when made).
func hasKey(keys []string, seen map[string]struct{}, k string) (map[string]struct{}, bool) {
	if seen == nil && len(keys) < hasKeyScan {
		for _, x := range keys {
			if x == k {
				return nil, true
			}
		}
		return nil, false
	}
	if seen == nil {
		seen = make(map[string]struct{}, 2*len(keys))
		for _, x := range keys {
			seen[x] = struct{}{}
		}
	}
	_, dup := seen[k]
	return seen, dup
}

const hasKeyScan = 32

func (p *jsonParser) rec(into *Record, keys []string, vals []Value) *Record {
	if into == nil {
		return &Record{Keys: keys, Vals: vals}
	}
	into.Keys, into.Vals = keys, vals
	return into
}

func (p *jsonParser) decodeKey(b []byte, esc bool) string {
	if !esc {
		return string(b)
	}
	s, _ := unescapeJSON(b)
	return s
}

// rawString scans a string at p.i; it returns the bytes between the quotes
// and whether they hold escapes.
func (p *jsonParser) rawString() ([]byte, bool, error) {
	start := p.i + 1
	esc := false
	for j := start; j < len(p.b); j++ {
		switch c := p.b[j]; {
		case c == '"':
			p.i = j + 1
			return p.b[start:j], esc, nil
		case c == '\\':
			esc = true
			j++
		case c < 0x20:
			p.i = j
			return nil, false, p.fail("control character %q in a string: want it escaped", rune(c))
		}
	}
	p.i = len(p.b)
	return nil, false, p.fail("string never closed: want '\"'")
}

func (p *jsonParser) value() (Value, error) {
	if p.i >= len(p.b) {
		return Value{}, p.fail("want a value, found end of input")
	}
	switch c := p.b[p.i]; {
	case c == '"':
		start := p.i + 1
		raw, esc, err := p.rawString()
		if err != nil {
			return Value{}, err
		}
		if !esc {
			if p.str == "" {
				p.str = p.text()
			}
			return Value{K: String, S: p.str[start : start+len(raw)]}, nil
		}
		s, err := p.unescape(raw)
		if err != nil {
			p.i = start
			return Value{}, p.fail("%v", err)
		}
		return Value{K: String, S: s}, nil
	case c == '{':
		r, err := p.object(false, nil)
		if err != nil {
			return Value{}, err
		}
		return Value{K: Object, Obj: r}, nil
	case c == '[':
		p.depth++
		if p.depth > maxJSONDepth {
			return Value{}, p.fail("nesting deeper than %d levels", maxJSONDepth)
		}
		p.i++
		arr := []Value{}
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ']' {
			p.i++
			p.depth--
			return Value{K: Array, Arr: arr}, nil
		}
		for {
			p.ws()
			v, err := p.value()
			if err != nil {
				return Value{}, err
			}
			arr = append(arr, v)
			p.ws()
			if p.i < len(p.b) && p.b[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.b) && p.b[p.i] == ']' {
				p.i++
				break
			}
			return Value{}, p.fail("want ',' or ']' in an array, found %s", p.describe())
		}
		p.depth--
		return Value{K: Array, Arr: arr}, nil
	case c == 'n':
		return p.literal("null", Value{K: Null})
	case c == 't':
		return p.literal("true", BoolV(true))
	case c == 'f':
		return p.literal("false", BoolV(false))
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return Value{}, p.fail("want a JSON value, found %s", p.describe())
}

func (p *jsonParser) literal(word string, v Value) (Value, error) {
	if len(p.b)-p.i >= len(word) && string(p.b[p.i:p.i+len(word)]) == word {
		p.i += len(word)
		return v, nil
	}
	return Value{}, p.fail("want %s, found %s", word, p.describe())
}

// number keeps the exact value: Int when integral and within int64, else
// Decimal (never float).
func (p *jsonParser) number() (Value, error) {
	start := p.i
	j := p.i
	if p.b[j] == '-' {
		j++
	}
	intStart := j
	for j < len(p.b) && p.b[j] >= '0' && p.b[j] <= '9' {
		j++
	}
	if j == intStart || (p.b[intStart] == '0' && j-intStart > 1) {
		p.i = start
		return Value{}, p.fail("malformed number")
	}
	integral := true
	if j < len(p.b) && p.b[j] == '.' {
		integral = false
		j++
		fs := j
		for j < len(p.b) && p.b[j] >= '0' && p.b[j] <= '9' {
			j++
		}
		if j == fs {
			p.i = start
			return Value{}, p.fail("malformed number: want digits after '.'")
		}
	}
	if j < len(p.b) && (p.b[j] == 'e' || p.b[j] == 'E') {
		integral = false
		j++
		if j < len(p.b) && (p.b[j] == '+' || p.b[j] == '-') {
			j++
		}
		es := j
		for j < len(p.b) && p.b[j] >= '0' && p.b[j] <= '9' {
			j++
		}
		if j == es {
			p.i = start
			return Value{}, p.fail("malformed number: want digits in the exponent")
		}
	}
	p.i = j
	text := p.b[start:j]
	if integral && len(text) <= 18 {
		var n int64
		for _, c := range text[intStart-start:] {
			n = n*10 + int64(c-'0')
		}
		if intStart > start {
			n = -n
		}
		return IntV(n), nil
	}
	if integral {
		if n, err := strconv.ParseInt(string(text), 10, 64); err == nil {
			return IntV(n), nil
		}
	}
	d, err := decimal.NewFromString(string(text))
	if err != nil {
		p.i = start
		return Value{}, p.fail("number %s out of range", text)
	}
	return Dec(d), nil
}

// unescapeJSON decodes the escapes of a JSON string body.
func unescapeJSON(b []byte) (string, error) {
	out, err := appendUnescapeJSON(make([]byte, 0, len(b)), b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// unescape is unescapeJSON into the parser's arena (the text never grows
// when decoded, so it fits where start says).
func (p *jsonParser) unescape(b []byte) (string, error) {
	out, err := appendUnescapeJSON(p.arena.start(len(b)), b)
	if err != nil {
		return "", err
	}
	return p.arena.freeze(out), nil
}

// appendUnescapeJSON appends the decoded JSON string body b to out.
func appendUnescapeJSON(out, b []byte) ([]byte, error) {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(b) {
			return nil, errors.New("string ends inside an escape")
		}
		switch b[i] {
		case '"', '\\', '/':
			out = append(out, b[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(b[i+1:])
			if !ok {
				return nil, errors.New(`malformed \u escape: want four hex digits`)
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(b[min(i+3, len(b)):]); ok && i+2 < len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return nil, fmt.Errorf("unknown escape \\%c", b[i])
		}
	}
	return out, nil
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// lineCol turns a byte offset of b into 1-based line and column.
func lineCol(b []byte, off int) (int, int) {
	line, col := 1, 1
	for _, c := range b[:min(off, len(b))] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
