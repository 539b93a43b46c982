package value

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Chunk is a run of whole records of a text data file (CSV, TSV, JSON
// Lines), cut from the input by a Splitter so that another goroutine can
// decode it. Data is never modified once NextChunk returned it: the
// decoded values may be views into it.
type Chunk struct {
	Data []byte
	// Row and Line are the data rows and physical lines before the chunk,
	// so that its decoder numbers rows and lines as a serial read would.
	Row, Line int64
	// Rest, when set, reads the rest of the input after Data record by
	// record: the splitter met a record it does not cut (over
	// ChunkFallbackBytes, or a CSV quoting error) and hands the input over
	// to the general reader at that record. Rest is set on the last chunk.
	Rest RecordReader
}

// Splitter is implemented by the text readers: instead of Read, the input
// can be cut into chunks of whole records (a cheap scan for record ends
// that knows CSV's quoted newlines) and every chunk decoded on its own
// goroutine by a ChunkDecoder from NewDecoder. Decoding the chunks in
// order yields the records, row numbers, lines and errors that Read would.
// A reader is used either way, not both.
type Splitter interface {
	// NextChunk returns the next chunk of about ChunkBytes bytes (more
	// when one record is longer), or io.EOF after the last one.
	NextChunk() (Chunk, error)
	// NewDecoder returns a decoder of this reader's chunks, for one
	// goroutine.
	NewDecoder() ChunkDecoder
}

// ChunkDecoder decodes the records of one chunk at a time: Reset starts a
// chunk, Read and ReadInto then return its records and io.EOF at its
// end, Row and Line number them as in the whole file.
type ChunkDecoder interface {
	RecordReader
	ReaderInto
	LineReader
	Reset(Chunk)
}

// ChunkBytes is the size a Splitter aims its chunks at.
var ChunkBytes = 128 << 10

// ChunkFallbackBytes is the length of a record beyond which a Splitter
// hands the rest of the input to the general reader (Chunk.Rest), which
// bounds and reports over-long records (MaxRecordBytes) as it always has.
var ChunkFallbackBytes = 1 << 20

// chunkSrc hands out the lines of a chunk, each with its '\n' when it has
// one.
type chunkSrc struct {
	on   bool
	data []byte
}

func (s *chunkSrc) next() ([]byte, bool) {
	if len(s.data) == 0 {
		return nil, false
	}
	n := len(s.data)
	if i := bytes.IndexByte(s.data, '\n'); i >= 0 {
		n = i + 1
	}
	line := s.data[:n]
	s.data = s.data[n:]
	return line, true
}

// scanResult is what a scan of a chunk's bytes found: the end of the last
// whole record before which everything is cut, the rows and lines up to
// it, and whether the scan stopped at a record it cannot cut.
type scanResult struct {
	end         int
	rows, lines int64
	stuck       bool
}

// splitter cuts a buffered input into chunks; scan finds the records.
type splitter struct {
	br    *bufio.Reader
	name  string
	carry []byte // the start of a record the last chunk did not hold
	eof   bool
	err   error
	row   int64
	line  int64
	done  bool
	scan  func(data []byte, eof bool) scanResult
	// serial makes the general reader for the rest: rest holds the bytes
	// already read, then br; row and line are where it starts.
	serial func(rest io.Reader, row, line int64) RecordReader
}

// next returns the next chunk: carry plus fresh input up to ChunkBytes,
// cut after its last whole record.
func (s *splitter) next() (Chunk, error) {
	if s.done {
		return Chunk{}, io.EOF
	}
	want := max(ChunkBytes, 2*len(s.carry))
	buf := make([]byte, len(s.carry), want)
	copy(buf, s.carry)
	s.carry = nil
	for {
		for !s.eof && len(buf) < cap(buf) {
			n, err := s.br.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err != nil {
				s.eof = true
				if !errors.Is(err, io.EOF) {
					s.err = err
				}
			}
		}
		if len(buf) == 0 {
			s.done = true
			if s.err != nil {
				return Chunk{}, fmt.Errorf("%s:%d: %w", s.name, s.line+1, s.err)
			}
			return Chunk{}, io.EOF
		}
		// after a read error the last, partial record is not cut: the
		// error is reported where it starts, as a serial read does
		res := s.scan(buf, s.eof && s.err == nil)
		if res.end == 0 && !res.stuck && !s.eof {
			if len(buf) > ChunkFallbackBytes {
				res.stuck = true
			} else {
				// one record longer than the buffer: read on
				buf = slices.Grow(buf, len(buf))
				continue
			}
		}
		ch := Chunk{Data: buf[:res.end:res.end], Row: s.row, Line: s.line}
		s.row += res.rows
		s.line += res.lines
		rest := buf[res.end:]
		switch {
		case res.stuck:
			s.done = true
			ch.Rest = s.serial(io.MultiReader(bytes.NewReader(rest), s.br), s.row, s.line)
		case s.eof && (len(rest) == 0 || s.err != nil):
			s.done = true
			if s.err != nil {
				// the records before the error, then the error
				ch.Rest = &errReader{err: fmt.Errorf("%s:%d: %w", s.name, s.line+1, s.err), row: s.row}
			}
		default:
			s.carry = rest
		}
		return ch, nil
	}
}

// errReader is a reader whose only record is an error.
type errReader struct {
	err error
	row int64
}

func (e *errReader) Read() (*Record, error) { return nil, e.err }
func (e *errReader) Row() int64             { return e.row }

// NextChunk cuts the next chunk of CSV records.
func (c *csvReader) NextChunk() (Chunk, error) {
	if c.split == nil {
		c.split = &splitter{br: c.br, name: c.name, row: c.row, line: int64(c.line),
			scan: func(data []byte, eof bool) scanResult { return scanCSV(data, eof, c.comma) },
			serial: func(rest io.Reader, row, line int64) RecordReader {
				r := c.decoder()
				r.br = bufio.NewReaderSize(rest, readBuf)
				r.row, r.line = row, int(line)
				return r
			}}
	}
	return c.split.next()
}

// decoder is a reader of c's records sharing nothing mutable with c.
func (c *csvReader) decoder() *csvReader {
	return &csvReader{name: c.name, comma: c.comma, keys: c.keys}
}

// NewDecoder returns a decoder of c's chunks.
func (c *csvReader) NewDecoder() ChunkDecoder {
	d := c.decoder()
	d.src.on = true
	return d
}

// Reset starts decoding ch.
func (c *csvReader) Reset(ch Chunk) {
	c.src.data = ch.Data
	c.row, c.line = ch.Row, int(ch.Line)
}

// scanCSV finds the whole records at the start of data exactly as
// csvReader.readCells reads them: a line without a quote is a record (a
// blank one is not counted), a line with one is followed cell by cell
// through quoted fields and their newlines. A quoting error stops the scan
// (stuck) at its record, for the general reader to report.
func scanCSV(data []byte, eof bool, comma byte) scanResult {
	var r scanResult
	pos := 0
	q := bytes.IndexByte(data, '"') // next quote at or after pos, or -1
	for pos < len(data) {
		end := len(data)
		nl := bytes.IndexByte(data[pos:], '\n')
		if nl >= 0 {
			end = pos + nl + 1
		} else if !eof {
			break
		}
		if q < 0 || q >= end {
			r.lines++
			if !isBlankLine(data[pos:end]) {
				r.rows++
			}
			pos = end
			r.end = pos
			continue
		}
		e, lines, st := scanCSVRecord(data, pos, eof, comma)
		if st == recIncomplete {
			break
		}
		if st == recBad {
			r.stuck = true
			break
		}
		r.rows++
		r.lines += lines
		pos = e
		r.end = pos
		if q < pos {
			if q = bytes.IndexByte(data[pos:], '"'); q >= 0 {
				q += pos
			}
		}
	}
	return r
}

const (
	recOK = iota
	recIncomplete
	recBad
)

// scanCSVRecord follows one record from pos cell by cell; it returns its
// end (after its '\n') and its physical lines.
func scanCSVRecord(data []byte, pos int, eof bool, comma byte) (end int, lines int64, st int) {
	incomplete := func() (int, int64, int) {
		if eof {
			return 0, 0, recBad
		}
		return 0, 0, recIncomplete
	}
	i := pos
	lines = 1
	for {
		if i < len(data) && data[i] == '"' {
			i++
			for {
				k := bytes.IndexByte(data[i:], '"')
				if k < 0 {
					return incomplete() // at EOF: never closed
				}
				lines += int64(bytes.Count(data[i:i+k], []byte{'\n'}))
				i += k + 1
				if i == len(data) {
					if eof {
						return i, lines, recOK
					}
					return incomplete()
				}
				switch c := data[i]; {
				case c == '"':
					i++
					continue
				case c == comma:
					i++
				case c == '\n':
					return i + 1, lines, recOK
				case c == '\r' && i+1 < len(data) && data[i+1] == '\n':
					return i + 2, lines, recOK
				case c == '\r' && i+1 == len(data):
					return incomplete() // at EOF "\r" is junk after the quote
				default:
					return 0, 0, recBad
				}
				break
			}
			continue
		}
		// an unquoted cell: up to the delimiter or the line's end
		j := i
		for j < len(data) && data[j] != comma && data[j] != '\n' {
			j++
		}
		switch {
		case j == len(data):
			if eof {
				return j, lines, recOK
			}
			return incomplete()
		case data[j] == '\n':
			return j + 1, lines, recOK
		}
		i = j + 1
	}
}

// NextChunk cuts the next chunk of JSON Lines records.
func (j *jsonlReader) NextChunk() (Chunk, error) {
	if j.split == nil {
		j.split = &splitter{br: j.br, name: j.name, row: j.row, line: int64(j.line),
			scan: scanJSONL,
			serial: func(rest io.Reader, row, line int64) RecordReader {
				r := newJSONLReader(rest, j.name)
				r.row, r.line = row, int(line)
				return r
			}}
	}
	return j.split.next()
}

// NewDecoder returns a decoder of j's chunks.
func (j *jsonlReader) NewDecoder() ChunkDecoder {
	d := &jsonlReader{name: j.name}
	d.src.on = true
	return d
}

// Reset starts decoding ch.
func (j *jsonlReader) Reset(ch Chunk) {
	j.src.data = ch.Data
	j.row, j.line = ch.Row, int(ch.Line)
}

// scanJSONL finds the whole lines at the start of data; a line holding
// only white space is not a record.
func scanJSONL(data []byte, eof bool) scanResult {
	var r scanResult
	pos := 0
	for pos < len(data) {
		end := len(data)
		if nl := bytes.IndexByte(data[pos:], '\n'); nl >= 0 {
			end = pos + nl + 1
		} else if !eof {
			break
		}
		r.lines++
		if !blankJSON(data[pos:end]) {
			r.rows++
		}
		pos = end
		r.end = pos
	}
	return r
}

func blankJSON(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return true
}
