package value

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
	if into != nil {
		vals = into.Vals[:0]
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
				p.str = string(p.b)
			}
			return Value{K: String, S: p.str[start : start+len(raw)]}, nil
		}
		s, err := unescapeJSON(raw)
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
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(b) {
			return "", errors.New("string ends inside an escape")
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
				return "", errors.New(`malformed \u escape: want four hex digits`)
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
			return "", fmt.Errorf("unknown escape \\%c", b[i])
		}
	}
	return string(out), nil
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

// jsonlReader reads JSON Lines: one object per non-blank line.
type jsonlReader struct {
	br   *bufio.Reader
	name string
	line int
	row  int64
	p    jsonParser
	long []byte
}

func newJSONLReader(r io.Reader, name string) *jsonlReader {
	return &jsonlReader{br: bufio.NewReaderSize(r, 1<<20), name: name}
}

func (j *jsonlReader) Row() int64 { return j.row }

func (j *jsonlReader) Read() (*Record, error) { return j.read(nil) }

// ReadInto reads the next record into rec, reusing rec.Vals.
func (j *jsonlReader) ReadInto(rec *Record) error {
	_, err := j.read(rec)
	return err
}

func (j *jsonlReader) read(into *Record) (*Record, error) {
	for {
		line, err := j.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			j.long = append(j.long[:0], line...)
			for err == bufio.ErrBufferFull {
				line, err = j.br.ReadSlice('\n')
				j.long = append(j.long, line...)
			}
			line = j.long
		}
		if err != nil && !(err == io.EOF && len(line) > 0) {
			if err == io.EOF {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("%s:%d: %w", j.name, j.line+1, err)
		}
		j.line++
		// Parse without the line end, so an error at the end of a cut
		// line is reported where the line ended, not at column 1.
		if n := len(line); n > 0 && line[n-1] == '\n' {
			line = line[:n-1]
			if n > 1 && line[n-2] == '\r' {
				line = line[:n-2]
			}
		}
		j.p.b, j.p.i, j.p.str, j.p.depth = line, 0, "", 0
		j.p.ws()
		if j.p.i == len(line) {
			continue // blank line
		}
		if j.line == 1 && len(line) >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF {
			j.p.i += 3
		}
		rec, err := j.p.object(true, into)
		if err == nil {
			j.p.ws()
			if j.p.i != len(line) {
				err = j.p.fail("want the end of the line after the object, found %s", j.p.describe())
			}
		}
		if err != nil {
			var se *jsonSyntaxError
			if errors.As(err, &se) {
				_, col := lineCol(line, se.off)
				return nil, fmt.Errorf("%s:%d:%d: %s", j.name, j.line, col, se.msg)
			}
			return nil, fmt.Errorf("%s:%d: %w", j.name, j.line, err)
		}
		j.row++
		return rec, nil
	}
}

// jsonArrayReader reads a JSON array of objects held in memory.
type jsonArrayReader struct {
	name string
	p    jsonParser
	row  int64
	done bool
}

func newJSONArrayReader(r io.Reader, name string) (*jsonArrayReader, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	a := &jsonArrayReader{name: name}
	a.p.b = b
	a.p.ws()
	if a.p.i >= len(b) || b[a.p.i] != '[' {
		return nil, a.err(a.p.fail("want '[' (a JSON array of objects), found %s", a.p.describe()))
	}
	a.p.i++
	a.p.ws()
	if a.p.i < len(b) && b[a.p.i] == ']' {
		a.p.i++
		a.done = true
	}
	return a, nil
}

func (a *jsonArrayReader) err(err error) error {
	var se *jsonSyntaxError
	if errors.As(err, &se) {
		l, c := lineCol(a.p.b, se.off)
		return fmt.Errorf("%s:%d:%d: %s", a.name, l, c, se.msg)
	}
	return fmt.Errorf("%s: %w", a.name, err)
}

func (a *jsonArrayReader) Row() int64 { return a.row }

func (a *jsonArrayReader) Read() (*Record, error) {
	if a.done {
		return nil, io.EOF
	}
	a.p.ws()
	a.p.depth = 0
	rec, err := a.p.object(true, nil)
	if err != nil {
		return nil, a.err(err)
	}
	a.p.ws()
	switch {
	case a.p.i < len(a.p.b) && a.p.b[a.p.i] == ',':
		a.p.i++
	case a.p.i < len(a.p.b) && a.p.b[a.p.i] == ']':
		a.p.i++
		a.done = true
		a.p.ws()
		if a.p.i != len(a.p.b) {
			return nil, a.err(a.p.fail("want the end of the file after ']', found %s", a.p.describe()))
		}
	default:
		return nil, a.err(a.p.fail("want ',' or ']' between objects, found %s", a.p.describe()))
	}
	a.row++
	return rec, nil
}

// jsonlWriter writes one JSON object per line.
type jsonlWriter struct {
	w   io.Writer
	buf []byte
}

func newJSONLWriter(w io.Writer) *jsonlWriter { return &jsonlWriter{w: w} }

// AppendRecord appends r as one JSON line; safe for concurrent use.
func (j *jsonlWriter) AppendRecord(b []byte, r *Record) []byte {
	return append(appendJSONObject(b, r), '\n')
}

// WriteEncoded writes bytes from AppendRecord.
func (j *jsonlWriter) WriteEncoded(b []byte) error {
	_, err := j.w.Write(b)
	return err
}

func (j *jsonlWriter) Write(r *Record) error {
	j.buf = j.AppendRecord(j.buf[:0], r)
	_, err := j.w.Write(j.buf)
	if cap(j.buf) > 64<<10 {
		j.buf = nil
	}
	return err
}

func (j *jsonlWriter) Close() error { return nil }

// MarshalJSON renders a record as a JSON object: Absent keys left out.
func (r *Record) MarshalJSON() ([]byte, error) { return appendJSONObject(nil, r), nil }

// AppendJSON appends v as JSON text (Absent renders as null).
func (v Value) AppendJSON(b []byte) []byte { return appendJSONValue(b, v) }

func appendJSONObject(b []byte, r *Record) []byte {
	b = append(b, '{')
	first := true
	if r != nil {
		for i, k := range r.Keys {
			v := r.Vals[i]
			if v.K == Absent {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = appendJSONValue(b, v)
		}
	}
	return append(b, '}')
}

func appendJSONValue(b []byte, v Value) []byte {
	switch v.K {
	case Absent, Null:
		return append(b, "null"...)
	case String:
		return appendJSONString(b, v.S)
	case Int, Decimal, Bool:
		return appendFast(b, v)
	case Float:
		if v.F != v.F || v.F > 1.7976931348623157e308 || v.F < -1.7976931348623157e308 {
			return append(b, "null"...)
		}
		return v.AppendText(b)
	case Object:
		return appendJSONObject(b, v.Obj)
	case Array:
		b = append(b, '[')
		for i, e := range v.Arr {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONValue(b, e)
		}
		return append(b, ']')
	case Bytes:
		b = append(b, '"')
		b = appendBase64(b, v.S)
		return append(b, '"')
	}
	b = append(b, '"')
	b = appendFast(b, v)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// appendJSONString escapes like encoding/json with SetEscapeHTML(false),
// except that invalid UTF-8 is written as a literal U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\uFFFD"...) // invalid UTF-8 becomes U+FFFD
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func appendBase64(b []byte, s string) []byte {
	for i := 0; i < len(s); i += 3 {
		var n uint32
		k := min(3, len(s)-i)
		for j := 0; j < 3; j++ {
			n <<= 8
			if j < k {
				n |= uint32(s[i+j])
			}
		}
		for j := 0; j < 4; j++ {
			if j <= k {
				b = append(b, b64[(n>>(18-6*j))&63])
			} else {
				b = append(b, '=')
			}
		}
	}
	return b
}

// jsonArrayWriter writes a JSON array, one object a line; Close ends it.
type jsonArrayWriter struct {
	w      io.Writer
	n      int
	closed bool
	buf    []byte
}

func (j *jsonArrayWriter) Write(r *Record) error {
	b := j.buf[:0]
	if j.n == 0 {
		b = append(b, "[\n"...)
	} else {
		b = append(b, ",\n"...)
	}
	j.n++
	b = appendJSONObject(b, r)
	j.buf = b
	_, err := j.w.Write(b)
	return err
}

func (j *jsonArrayWriter) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}
