package value

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/internal/textin"
)

// csvReader is a byte-level RFC 4180 reader: one string allocation per
// record (the cells are substrings of it) and values carved from a slab.
type csvReader struct {
	br    *bufio.Reader
	name  string
	comma byte
	keys  []string
	line  int // physical line last read
	row   int64
	buf   []byte // the record's unquoted bytes
	ends  []int  // end offset of each cell in buf
	slab  []Value
	recs  []Record
	long  []byte // a line longer than the bufio buffer
	arena textArena
	src   chunkSrc // set on a chunk decoder (chunk.go): lines come from it
	split *splitter

	startLine int  // physical line where the current record starts
	lastBlank bool // the current record was a blank line
	extra     []string
}

const slabRecords = 256

// slabValues bounds the values of one slab (about 3.5 MB).
const slabValues = 1 << 15

func newCSVReader(r io.Reader, name string, comma byte) (*csvReader, error) {
	c := &csvReader{br: bufio.NewReaderSize(r, readBuf), name: name, comma: comma}
	if err := c.checkText(); err != nil {
		return nil, err
	}
	if err := c.readCells(); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file: want a header row naming the columns", name)
		}
		return nil, err
	}
	s := string(c.buf)
	c.keys = make([]string, len(c.ends))
	start := 0
	for i, e := range c.ends {
		c.keys[i] = s[start:e]
		start = e
	}
	if len(c.keys) > 0 {
		c.keys[0] = trimBOM(c.keys[0])
	}
	seen := make(map[string]int, len(c.keys))
	for i, k := range c.keys {
		if j, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s:1:%d: header names column %q twice (columns %d and %d)", name, i+1, k, j+1, i+1)
		}
		seen[k] = i
	}
	return c, nil
}

// checkText refuses input that is not CSV text, judged by its first 8 KiB:
// a UTF-16 byte order mark, the magic number of a ZIP (XLSX, ODS) or gzip
// file, or NUL bytes making up more than 1% of it (at least two): binary
// data, which would otherwise read as one odd header column and no rows.
// A few NUL bytes in otherwise textual data are data, wherever they stand
// (synthetic hostile values hold them); only the header may not.
func (c *csvReader) checkText() error {
	what := "CSV"
	if c.comma == '\t' {
		what = "TSV"
	}
	head, _ := c.br.Peek(8 << 10)
	if textin.IsUTF16(head) { // NewReader decodes it; only a direct caller gets here
		return fmt.Errorf("%s:1:1: UTF-16 text: expected UTF-8 %s text", c.name, what)
	}
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return fmt.Errorf("%s:1:1: a ZIP archive (an XLSX workbook?): expected %s text; read a workbook as xlsx", c.name, what)
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return fmt.Errorf("%s:1:1: gzip-compressed data: expected %s text; decompress it first", c.name, what)
	}
	if n := bytes.Count(head, []byte{0}); n >= 2 && n*100 > len(head) {
		line, col := lineCol(head, bytes.IndexByte(head, 0))
		return fmt.Errorf("%s:%d:%d: binary data: expected %s text (%d NUL bytes in the first %d bytes)", c.name, line, col, what, n, len(head))
	}
	if i := bytes.IndexByte(c.headerLine(head), 0); i >= 0 {
		line, col := lineCol(head, i)
		return fmt.Errorf("%s:%d:%d: NUL byte in the header row: expected %s text", c.name, line, col, what)
	}
	return nil
}

// headerLine is the first line of head.
func (c *csvReader) headerLine(head []byte) []byte {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		return head[:i]
	}
	return head
}

// BadRowError is a data record the reader read but cannot turn into a
// row: a ragged row (more or fewer fields than the header). The reader stays usable: the next Read continues after it.
// Rec holds the record as far as it was read (fields beyond the header
// under "_extra1", "_extra2", ...).
type BadRowError struct {
	File   string
	Row    int64 // 1-based data record number
	Line   int   // physical line where the record starts
	Reason string
	Rec    *Record
}

func (e *BadRowError) Error() string {
	return fmt.Sprintf("%s:%d: row %d: %s", e.File, e.Line, e.Row, e.Reason)
}

// LineReader is implemented by readers that know where the last record
// started in the file: Line is its 1-based physical line (a record may
// span lines; blank lines are not records, so Line and Row drift apart).
type LineReader interface {
	Line() int64
}

func trimBOM(s string) string {
	if len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF {
		return s[3:]
	}
	return s
}

// Keys returns the header names.
func (c *csvReader) Keys() []string { return c.keys }

// Row returns the 1-based data row number of the last record.
func (c *csvReader) Row() int64 { return c.row }

// Line returns the physical line where the last record started.
func (c *csvReader) Line() int64 { return int64(c.startLine) }

func (c *csvReader) Read() (*Record, error) {
	if len(c.recs) == 0 {
		c.recs = make([]Record, slabRecords)
	}
	rec := &c.recs[0]
	c.recs = c.recs[1:]
	if err := c.read(rec, false); err != nil {
		return nil, err
	}
	return rec, nil
}

// ReadInto reads the next record into rec, reusing rec.Vals.
func (c *csvReader) ReadInto(rec *Record) error { return c.read(rec, true) }

func (c *csvReader) read(rec *Record, reuse bool) error {
	for {
		// The record's text goes into the arena: its cells are views
		// into it, no string allocated per record.
		c.buf = c.arena.start(0)
		if err := c.readCells(); err != nil {
			return err
		}
		if len(c.ends) == 1 && c.ends[0] == 0 && c.lastBlank {
			continue // a blank line is not a record
		}
		break
	}
	c.row++
	n := len(c.keys)
	nc := len(c.ends)
	var vals []Value
	if reuse && cap(rec.Vals) >= max(n, nc) {
		vals = rec.Vals[:nc]
	} else {
		m := max(n, nc)
		if len(c.slab) < m {
			// slabValues bounds a slab of very wide records (100,000
			// columns), which would otherwise take gigabytes.
			c.slab = make([]Value, m*max(1, min(slabRecords, slabValues/m)))
		}
		vals = c.slab[:nc:nc]
		c.slab = c.slab[m:]
	}
	s := c.arena.freeze(c.buf)
	start := 0
	for i, e := range c.ends {
		// Only K and S: this reader never sets the other members, so
		// recycled values hold nothing else (and Kind names the member).
		v := &vals[i]
		v.K, v.S = String, s[start:e]
		start = e
	}
	rec.Keys, rec.Vals = c.keys, vals
	if nc != n {
		keys := c.keys
		if nc > n {
			keys = append(keys[:n:n], c.extraKeys(nc-n)...)
		}
		rec.Keys = keys[:nc]
		return &BadRowError{File: c.name, Row: c.row, Line: c.startLine, Rec: rec,
			Reason: fmt.Sprintf("%d fields where the header has %d (a ragged row)", nc, n)}
	}
	return nil
}

// extraKeys names the fields of a ragged row beyond the header.
func (c *csvReader) extraKeys(n int) []string {
	for len(c.extra) < n {
		c.extra = append(c.extra, "_extra"+strconv.Itoa(len(c.extra)+1))
	}
	return c.extra[:n]
}

// readLine returns the next physical line including its '\n' (if any).
func (c *csvReader) readLine() ([]byte, error) {
	if c.src.on {
		line, ok := c.src.next()
		if !ok {
			return nil, io.EOF
		}
		c.line++
		return line, nil
	}
	line, err := readLongLine(c.br, &c.long)
	if len(line) > 0 && errors.Is(err, io.EOF) {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	c.line++
	return line, nil
}

func (c *csvReader) errAt(line, col int, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", c.name, line, col, fmt.Sprintf(format, args...))
}

func (c *csvReader) readCells() error {
	line, err := c.readLine()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return io.EOF
		}
		return fmt.Errorf("%s:%d: %w", c.name, c.line+1, err)
	}
	c.startLine = c.line
	c.buf = c.buf[:0]
	c.ends = c.ends[:0]
	c.lastBlank = isBlankLine(line)
	pos := 0 // byte offset in the current physical line, for columns
	for {
		if len(line) == 0 || line[0] != '"' {
			// Unquoted cell: up to the delimiter or end of line. A stray
			// quote inside is kept as a literal character.
			i := bytes.IndexByte(line, c.comma)
			if i >= 0 {
				c.buf = append(c.buf, line[:i]...)
				c.ends = append(c.ends, len(c.buf))
				line = line[i+1:]
				pos += i + 1
				continue
			}
			c.buf = append(c.buf, trimEOL(line)...)
			c.ends = append(c.ends, len(c.buf))
			return nil
		}
		// Quoted cell.
		qline, qcol := c.line, pos+1
		line = line[1:]
		pos++
		for {
			i := bytes.IndexByte(line, '"')
			if i >= 0 {
				c.buf = append(c.buf, line[:i]...)
				line = line[i+1:]
				pos += i + 1
				switch {
				case len(line) > 0 && line[0] == '"':
					c.buf = append(c.buf, '"')
					line = line[1:]
					pos++
					continue
				case len(line) > 0 && line[0] == c.comma:
					c.ends = append(c.ends, len(c.buf))
					line = line[1:]
					pos++
				case len(trimEOL(line)) == 0:
					c.ends = append(c.ends, len(c.buf))
					return nil
				default:
					return c.errAt(c.line, pos+1, "unexpected %q after the closing quote of the field opened at %d:%d; want a delimiter or end of line", firstRune(line), qline, qcol)
				}
				break
			}
			// The quoted field continues on the next physical line.
			c.buf = append(c.buf, line...)
			if len(c.buf) > MaxRecordBytes {
				return fmt.Errorf("%s:%d: %w", c.name, c.startLine, errRecordTooLong)
			}
			var err error
			line, err = c.readLine()
			if err != nil {
				if errors.Is(err, io.EOF) {
					return c.errAt(qline, qcol, "quoted field never closed: want a closing '\"' before the end of the file")
				}
				return fmt.Errorf("%s:%d: %w", c.name, c.line+1, err)
			}
			pos = 0
		}
	}
}

func firstRune(b []byte) string {
	r, _ := utf8.DecodeRune(b)
	return string(r)
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}

func isBlankLine(b []byte) bool { return len(trimEOL(b)) == 0 }

// csvWriter writes RFC 4180 CSV (or TSV with the same quoting rules).
// Unless raw, text cells a spreadsheet would run as a formula are
// neutralised (NeutraliseFormula).
type csvWriter struct {
	w     io.Writer
	comma byte
	raw   bool
	// quoteEmpty writes the empty string as "" (null stays an empty
	// cell), as PostgreSQL's COPY ... CSV tells them apart.
	quoteEmpty bool
	keys       []string
	buf        []byte
}

func newCSVWriter(w io.Writer, comma byte, keys []string, raw bool) (*csvWriter, error) {
	cw := &csvWriter{w: w, comma: comma, keys: keys, raw: raw}
	b := make([]byte, 0, 1024)
	for i, k := range keys {
		if i > 0 {
			b = append(b, comma)
		}
		b = cw.appendText(b, k)
	}
	b = append(b, '\n')
	_, err := w.Write(b)
	return cw, err
}

// AppendRecord appends one CSV line for r; safe for concurrent use.
func (cw *csvWriter) AppendRecord(b []byte, r *Record) []byte {
	for i, k := range cw.keys {
		if i > 0 {
			b = append(b, cw.comma)
		}
		v := valueFor(r, i, k)
		switch v.K {
		case Absent, Null:
		case String:
			if v.S == "" && cw.quoteEmpty {
				b = append(b, '"', '"')
				continue
			}
			b = cw.appendText(b, v.S)
		case Int, Decimal, Float, Bool, Date, Time, Timestamp, TimestampTZ:
			b = appendFast(b, v) // never needs quotes; a number is never a formula
		default:
			b = cw.appendOther(b, v)
		}
	}
	return append(b, '\n')
}

// appendOther appends a cell of a kind AppendRecord does not write
// itself (its scratch buffer would escape to the heap for every record).
func (cw *csvWriter) appendOther(b []byte, v Value) []byte {
	var scratch [64]byte
	if v.K == Object || v.K == Array {
		return appendCSVField(b, string(appendJSONValue(scratch[:0], v)), cw.comma)
	}
	return cw.appendText(b, string(v.AppendText(scratch[:0])))
}

// WriteEncoded writes bytes from AppendRecord.
func (cw *csvWriter) WriteEncoded(b []byte) error {
	_, err := cw.w.Write(b)
	return err
}

func (cw *csvWriter) Write(r *Record) error {
	cw.buf = cw.AppendRecord(cw.buf[:0], r)
	if len(cw.buf) < 64<<10 {
		_, err := cw.w.Write(cw.buf)
		return err
	}
	_, err := cw.w.Write(cw.buf)
	cw.buf = nil
	return err
}

func (cw *csvWriter) Close() error { return nil }

// appendText appends a text cell: neutralised unless raw, then quoted
// as needed.
func (cw *csvWriter) appendText(b []byte, s string) []byte {
	if !cw.raw && FormulaLike(s) {
		s = "'" + s
	}
	return appendCSVField(b, s, cw.comma)
}

// FormulaLike reports whether a spreadsheet opening a CSV would take the
// cell text s for a formula (OWASP "CSV injection"): it starts with '=',
// '+', '-', '@', a tab or a carriage return, and is not a plain number
// (an optional sign, digits with at most one '.', an optional exponent:
// "-12.5", "+3", "-1e5" are numbers and are left alone; "-Inf" is not).
func FormulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		return !plainNumber(s)
	}
	return false
}

// NeutraliseFormula returns s with a leading apostrophe when FormulaLike,
// which spreadsheets take as "this cell is text" and do not show; other
// text is returned unchanged. seam's CSV and TSV writers apply it to every
// text cell unless asked for raw output.
func NeutraliseFormula(s string) string {
	if FormulaLike(s) {
		return "'" + s
	}
	return s
}

// plainNumber: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// appendCSVField quotes s when encoding/csv would: it holds the delimiter,
// a quote, CR or LF, starts with a space, or is `\.`.
func appendCSVField(b []byte, s string, comma byte) []byte {
	if !csvNeedsQuotes(s, comma) {
		return append(b, s...)
	}
	b = append(b, '"')
	for {
		i := indexQuote(s)
		if i < 0 {
			b = append(b, s...)
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	return append(b, '"')
}

func indexQuote(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			return i
		}
	}
	return -1
}

func csvNeedsQuotes(s string, comma byte) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '"' || c == comma {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
