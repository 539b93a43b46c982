package value

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/internal/guard"
)

// jsonlReader reads JSON Lines: one object per non-blank line.
type jsonlReader struct {
	br    *bufio.Reader
	name  string
	line  int
	row   int64
	p     jsonParser
	long  []byte
	src   chunkSrc // set on a chunk decoder (chunk.go): lines come from it
	split *splitter
}

func newJSONLReader(r io.Reader, name string) *jsonlReader {
	return &jsonlReader{br: bufio.NewReaderSize(r, readBuf), name: name}
}

func (j *jsonlReader) Row() int64 { return j.row }

// Line returns the physical line of the last record (blank lines are not
// records, so it may run ahead of Row).
func (j *jsonlReader) Line() int64 { return int64(j.line) }

func (j *jsonlReader) Read() (*Record, error) { return j.read(nil) }

// ReadInto reads the next record into rec, reusing rec.Vals.
func (j *jsonlReader) ReadInto(rec *Record) error {
	_, err := j.read(rec)
	return err
}

func (j *jsonlReader) read(into *Record) (*Record, error) {
	for {
		line, err := j.nextLine()
		if err != nil && !(errors.Is(err, io.EOF) && len(line) > 0) {
			if errors.Is(err, io.EOF) {
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
		if j.src.on {
			j.p.view = bytesString(line)
		}
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

// nextLine returns the next line including its '\n', from the chunk
// when decoding one.
func (j *jsonlReader) nextLine() ([]byte, error) {
	if j.src.on {
		if line, ok := j.src.next(); ok {
			return line, nil
		}
		return nil, io.EOF
	}
	return readLongLine(j.br, &j.long)
}

// jsonArrayReader reads a JSON array of objects held in memory.
type jsonArrayReader struct {
	name string
	p    jsonParser
	row  int64
	done bool
	// line of the last object's start; counted up to seen, incrementally
	line, seen int
}

func newJSONArrayReader(r io.Reader, name string) (*jsonArrayReader, error) {
	b, err := guard.ReadAll(r, name, MaxArrayBytes)
	if err != nil {
		return nil, err
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

// Line returns the physical line where the last object starts.
func (a *jsonArrayReader) Line() int64 { return int64(a.line) }

func (a *jsonArrayReader) Read() (*Record, error) {
	if a.done {
		return nil, io.EOF
	}
	a.p.ws()
	a.p.depth = 0
	if a.line == 0 {
		a.line = 1
	}
	end := min(a.p.i, len(a.p.b))
	a.line += bytes.Count(a.p.b[a.seen:end], []byte{'\n'})
	a.seen = end
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
	default:
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
