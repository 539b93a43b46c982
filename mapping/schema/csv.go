package schema

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
	"github.com/seamhq/seam/mapping/internal/textin"
)

// loadCSV reads the header and a bounded sample of rows; it never reads
// past opts.SampleRows data rows nor maxSampleBytes, and a record longer
// than maxRecordBytes is an error, so a file of any size loads in bounded
// time and memory.
func loadCSV(src *source, br *bufio.Reader, size int64) (*Schema, error) {
	if b, _ := br.Peek(3); len(b) == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		br.Discard(3)
	}
	head, _ := br.Peek(64 << 10)
	if len(strings.TrimSpace(string(head))) == 0 {
		return nil, src.errorf(1, 1, "empty file: expected a header line")
	}
	if looksBinary(head) {
		return nil, src.errorf(0, 0, "binary data: expected %s text with a header line", strings.ToUpper(src.format))
	}
	var delim rune
	if src.format == "tsv" {
		delim = '\t'
	} else {
		delim = rune(textin.SniffDelimiter(head))
	}
	lim := &boundedReader{r: br}
	lim.next()
	r := csv.NewReader(lim)
	r.Comma = delim
	r.ReuseRecord = true
	r.FieldsPerRecord = -1       // short rows are allowed (absent cells); long rows are an error
	r.LazyQuotes = delim == '\t' // TSV has no quoting convention
	header, err := r.Read()
	if errors.Is(err, errBound) {
		return nil, src.errorf(1, 0, "the header line is longer than %s; expected a header line", guard.Bytes(maxRecordBytes))
	}
	if err != nil {
		return nil, csvError(src, err, "a header line")
	}
	s := src.newSchema("")
	stats := make([]colStat, len(header))
	for i := range stats {
		stats[i].commaDec = delim != ','
	}
	seen := map[string]int{}
	for i, h := range header {
		name := strings.TrimSpace(h)
		line, col := r.FieldPos(i)
		if !utf8.ValidString(name) {
			return nil, src.errorf(line, col, "column %d: header is not valid UTF-8; expected UTF-8 text", i+1)
		}
		if name == "" {
			name = fmt.Sprintf("column_%d", i+1)
		}
		if j, dup := seen[name]; dup {
			return nil, src.errorf(line, col, "column %d: duplicate column name %q (also column %d); expected unique header names", i+1, name, j+1)
		}
		seen[name] = i
		s.Fields = append(s.Fields, &Field{Name: name, Path: name, Origin: src.pos(line, 0)})
	}
	limit := src.opts.sampleRows()
	rows := 0
	lastLine, _ := r.FieldPos(0)
	for rows < limit {
		recordBound := lim.next()
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if errors.Is(err, errBound) {
			if !recordBound && rows > 0 {
				break // the sample's byte bound: what was read is the sample
			}
			return nil, src.errorf(lastLine+1, 0, "a record longer than %s (starting about here); expected rows of a data sample", guard.Bytes(maxRecordBytes))
		}
		if err != nil {
			return nil, csvError(src, err, fmt.Sprintf("%d fields as in the header", len(header)))
		}
		if len(rec) > len(header) {
			line, col := r.FieldPos(len(header))
			return nil, src.errorf(line, col, "row has %d fields, the header has %d; expected at most %d fields", len(rec), len(header), len(header))
		}
		rows++
		lastLine, _ = r.FieldPos(len(rec) - 1)
		for i, v := range rec {
			stats[i].observe(v)
		}
		for i := len(rec); i < len(header); i++ {
			stats[i].absent++
		}
	}
	for i, f := range s.Fields {
		stats[i].apply(f)
		codeByName(f, &stats[i])
		if rows == 0 {
			f.Nullable = false
			f.Description = "no data rows in the file"
		}
	}
	return s, nil
}

// csvError turns encoding/csv errors into "file:line:col: ..." errors.
func csvError(src *source, err error, expected string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields"
		}
		return diag.Errorf(src.pos(pe.Line, pe.Column), "invalid %s: %s; expected %s", strings.ToUpper(src.format), msg, expected)
	}
	if errors.Is(err, io.EOF) {
		return src.errorf(1, 1, "empty file: expected %s", expected)
	}
	return diag.Errorf(diag.Pos{File: src.name}, "cannot read: %v", err)
}
