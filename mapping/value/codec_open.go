package value

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/seamhq/seam/mapping/internal/textin"
)

// readBuf is the read buffer of the text readers.
const readBuf = 1 << 20

// Record formats read and written by NewReader and NewWriter.
//
// How each format carries Absent, Null and Empty:
//
//   - csv, tsv: a header row names the keys. Every cell of a data row is a
//     String; an empty cell is Empty (""), never Null: CSV cannot tell them
//     apart, so the engine's checked cast treats Empty as null only where the
//     target field is nullable (or the rule says so). Writers print Null and
//     Absent as an empty cell, numbers in shortest exact form, dates ISO 8601,
//     objects and arrays as compact JSON text. Quoting follows RFC 4180 (and
//     Go's encoding/csv choices, so outputs compare byte for byte).
//   - jsonl: one JSON object per line. A missing key is Absent, null is Null,
//     "" is Empty; numbers keep their exact value (Int when integral and within
//     int64, else Decimal); nested objects and arrays become Object and Array.
//     Writers omit Absent keys, print Null as null, Int/Decimal/Float as JSON
//     numbers in shortest exact form and nested records as objects.
//   - json: a JSON array of objects, one object a line when written.
//   - xlsx: the first sheet (or the one named after '#' in the reader's name);
//     the first row names the keys; every cell reads as a String, missing
//     trailing cells as Empty.
//
// Why the CSV and JSON codecs are written here rather than taken from
// encoding/csv and encoding/json: the engine's hot path reads and writes
// millions of rows, and the standard packages allocate per field (csv) or
// go through reflection and map[string]any (json), which loses the
// difference between an absent key and null and turns exact decimals into
// float64. These byte-level codecs keep Absent/Null/Empty and exact numbers
// apart, reuse records, and report file:line:col. Fuzz targets guard them
// (FuzzCSVReader; FuzzJSONLReader also checks write -> read round trips),
// and the peer-workload test compares seam's CSV and JSONL output byte for
// byte with the reference program built on encoding/csv and encoding/json.
const (
	FormatCSV   = "csv"
	FormatTSV   = "tsv"
	FormatJSONL = "jsonl"
	FormatJSON  = "json"
	FormatXLSX  = "xlsx"
)

// FormatFromPath returns the data format its extension names ("csv", "tsv",
// "jsonl", "json", "xlsx"), or "" when the extension is not one of them.
// ".ndjson" counts as jsonl; a trailing "#selector" is ignored.
func FormatFromPath(path string) string {
	if i := strings.LastIndexByte(path, '#'); i >= 0 {
		path = path[:i]
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".json":
		return FormatJSON
	case ".xlsx":
		return FormatXLSX
	}
	return ""
}

// NewReader returns a RecordReader for format over r. name is the file name
// used in error messages (for xlsx, "book.xlsx#Sheet" picks a sheet).
//
// Text formats are read as the schema loaders read them
// (mapping/internal/textin): UTF-16 with a byte-order mark is decoded to
// UTF-8 first, UTF-16 without one is an error, and a csv file's delimiter
// is sniffed from its header line (, ; tab or |), so a ;-separated export
// seam loads as a schema is read as data the same way.
func NewReader(r io.Reader, name, format string) (RecordReader, error) {
	switch format {
	case FormatCSV, FormatTSV, FormatJSONL, FormatJSON:
		br, err := textin.Reader(bufio.NewReaderSize(r, readBuf), readBuf)
		if err != nil {
			return nil, fmt.Errorf("%s:1:1: %w", name, err)
		}
		r = br
		if format == FormatCSV {
			head, _ := br.Peek(64 << 10)
			return newCSVReader(br, name, textin.SniffDelimiter(head))
		}
	}
	switch format {
	case FormatTSV:
		return newCSVReader(r, name, '\t')
	case FormatJSONL:
		return newJSONLReader(r, name), nil
	case FormatJSON:
		return newJSONArrayReader(r, name)
	case FormatXLSX:
		return newXLSXReader(r, name)
	}
	return nil, fmt.Errorf("%s: unknown data format %q (want csv, tsv, jsonl, json or xlsx)", name, format)
}

// NewWriter returns a RecordWriter for format over w. keys are the column
// names for tabular formats (csv, tsv, xlsx), written as the header row and
// looked up in each record (dotted keys reach into nested objects). JSON
// Lines writes each record's own keys in order; "json" writes a JSON array
// of such objects (closed by Close). CSV and TSV text cells that a
// spreadsheet would run as a formula get a leading apostrophe
// (NeutraliseFormula); NewWriterWith with RawCSV writes them unchanged.
func NewWriter(w io.Writer, format string, keys []string) (RecordWriter, error) {
	return NewWriterWith(w, format, keys, WriterOptions{})
}

// WriterOptions tune NewWriterWith.
type WriterOptions struct {
	// RawCSV writes CSV and TSV text cells exactly as they are. By default
	// a cell a spreadsheet would run as a formula (FormulaLike: starting
	// with = + - @, tab or CR and not a plain number) gets a leading
	// apostrophe, since these files are opened in spreadsheets.
	RawCSV bool
	// QuoteEmpty writes an empty text cell of CSV and TSV as "" so that it
	// differs from null (an empty cell), as PostgreSQL's COPY reads them.
	QuoteEmpty bool
}

// NewWriterWith is NewWriter with options.
func NewWriterWith(w io.Writer, format string, keys []string, opt WriterOptions) (RecordWriter, error) {
	switch format {
	case FormatCSV:
		cw, err := newCSVWriter(w, ',', keys, opt.RawCSV)
		cw.quoteEmpty = opt.QuoteEmpty
		return cw, err
	case FormatTSV:
		cw, err := newCSVWriter(w, '\t', keys, opt.RawCSV)
		cw.quoteEmpty = opt.QuoteEmpty
		return cw, err
	case FormatJSONL:
		return newJSONLWriter(w), nil
	case FormatJSON:
		return &jsonArrayWriter{w: w}, nil
	case FormatXLSX:
		return newXLSXWriter(w, keys)
	}
	return nil, fmt.Errorf("unknown output format %q (want csv, tsv, jsonl or xlsx)", format)
}

// Encoder is implemented by writers whose per-record encoding may run on
// many goroutines at once: AppendRecord is safe for concurrent use and
// WriteEncoded writes what it produced, in the order the caller chooses.
// The engine encodes on its workers and writes in input order.
type Encoder interface {
	AppendRecord(dst []byte, r *Record) []byte
	WriteEncoded(b []byte) error
}

// ReaderInto is implemented by readers that can fill a record the caller
// no longer needs, reusing its Vals: a stream of records with no
// allocation per value. rec's previous contents are overwritten.
type ReaderInto interface {
	ReadInto(rec *Record) error
}

// valueFor returns the value the tabular column key takes in r: by position
// when r's keys line up with the writer's, else by name, else by dotted path.
func valueFor(r *Record, i int, key string) Value {
	if i < len(r.Keys) && r.Keys[i] == key {
		return r.Vals[i]
	}
	if j := r.Index(key); j >= 0 {
		return r.Vals[j]
	}
	if strings.IndexByte(key, '.') >= 0 {
		return r.Path(key)
	}
	return Value{}
}
