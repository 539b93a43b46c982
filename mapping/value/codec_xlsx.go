package value

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/seamhq/seam/mapping/internal/guard"
)

// xlsxMaxRows is the sheet row limit of the XLSX format.
const xlsxMaxRows = 1048576

// xlsxReader reads one sheet: the first row names the keys.
type xlsxReader struct {
	f     *excelize.File
	rows  *excelize.Rows
	name  string
	sheet string
	keys  []string
	line  int
	row   int64
}

func newXLSXReader(r io.Reader, name string) (*xlsxReader, error) {
	file, sheet := name, ""
	if i := strings.LastIndexByte(name, '#'); i >= 0 {
		file, sheet = name[:i], name[i+1:]
	}
	// A workbook is read whole (the zip directory is at its end): bounded,
	// so that a device or an endless pipe ends in an error, not in memory.
	data, err := guard.ReadAll(r, file, guard.MaxWorkbookBytes)
	if err != nil {
		return nil, err
	}
	// A cell of hundreds of megabytes is refused before the XML reader
	// holds it whole (#20.6).
	if err := guard.CheckXLSX(data); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable XLSX workbook: %w", file, err)
	}
	list := f.GetSheetList()
	if sheet == "" {
		if len(list) == 0 {
			f.Close()
			return nil, fmt.Errorf("%s: the workbook has no sheets", file)
		}
		sheet = list[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: no sheet %q (sheets: %s)", file, sheet, strings.Join(list, ", "))
	}
	x := &xlsxReader{f: f, rows: rows, name: file + "#" + sheet, sheet: sheet}
	if !rows.Next() {
		f.Close()
		return nil, fmt.Errorf("%s: empty sheet: want a header row naming the columns", x.name)
	}
	x.line = 1
	hdr, err := rows.Columns()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s:1: %w", x.name, err)
	}
	for len(hdr) > 0 && hdr[len(hdr)-1] == "" {
		hdr = hdr[:len(hdr)-1]
	}
	seen := map[string]int{}
	for i, h := range hdr {
		if h == "" {
			f.Close()
			return nil, fmt.Errorf("%s:1:%d: header cell is empty: want a column name", x.name, i+1)
		}
		if j, dup := seen[h]; dup {
			f.Close()
			return nil, fmt.Errorf("%s:1:%d: header names column %q twice (columns %d and %d)", x.name, i+1, h, j+1, i+1)
		}
		seen[h] = i
	}
	x.keys = hdr
	return x, nil
}

func (x *xlsxReader) Row() int64 { return x.row }

func (x *xlsxReader) Read() (*Record, error) {
	for {
		if !x.rows.Next() {
			if err := x.rows.Error(); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", x.name, x.line+1, err)
			}
			x.rows.Close()
			x.f.Close()
			return nil, io.EOF
		}
		x.line++
		cells, err := x.rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", x.name, x.line, err)
		}
		blank := true
		for _, c := range cells {
			if c != "" {
				blank = false
				break
			}
		}
		if blank {
			continue // an empty sheet row is not a record
		}
		if len(cells) > len(x.keys) {
			for i := len(x.keys); i < len(cells); i++ {
				if cells[i] != "" {
					return nil, fmt.Errorf("%s:%d:%d: cell beyond the %d header columns", x.name, x.line, i+1, len(x.keys))
				}
			}
		}
		x.row++
		vals := make([]Value, len(x.keys))
		for i := range vals {
			if i < len(cells) {
				vals[i] = Str(cells[i])
			} else {
				vals[i] = Str("")
			}
		}
		return &Record{Keys: x.keys, Vals: vals}, nil
	}
}

// xlsxWriter streams rows into one sheet and writes the workbook on Close.
type xlsxWriter struct {
	w    io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	keys []string
	row  int
	cell []any
}

func newXLSXWriter(w io.Writer, keys []string) (*xlsxWriter, error) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		f.Close()
		return nil, err
	}
	x := &xlsxWriter{w: w, f: f, sw: sw, keys: keys, row: 1}
	hdr := make([]any, len(keys))
	for i, k := range keys {
		hdr[i] = k
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		f.Close()
		return nil, err
	}
	x.cell = make([]any, len(keys))
	return x, nil
}

func (x *xlsxWriter) Write(r *Record) error {
	if x.row >= xlsxMaxRows {
		return fmt.Errorf("xlsx output: more than %d rows do not fit in one sheet", xlsxMaxRows-1)
	}
	x.row++
	for i, k := range x.keys {
		v := valueFor(r, i, k)
		switch v.K {
		case Absent, Null:
			x.cell[i] = nil
		case String:
			x.cell[i] = v.S // written as text: a leading '=' is never a formula
		case Int:
			x.cell[i] = v.I
		case Float:
			x.cell[i] = v.F
		case Decimal:
			x.cell[i] = v.D.InexactFloat64()
		case Bool:
			x.cell[i] = v.I != 0
		case Object, Array:
			x.cell[i] = string(appendJSONValue(nil, v))
		default:
			x.cell[i] = v.Text()
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.cell)
}

func (x *xlsxWriter) Close() error {
	if x.f == nil {
		return nil
	}
	defer func() { x.f.Close(); x.f = nil }()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(x.w)
}

// XLSXBook is one workbook written with a sheet per output (seam run
// --out-dir with several targets): Sheet adds a streamed sheet, Close
// flushes every sheet and writes the workbook to w.
type XLSXBook struct {
	w      io.Writer
	f      *excelize.File
	sheets []*xlsxWriter
}

// NewXLSXBook starts an empty workbook that Close writes to w.
func NewXLSXBook(w io.Writer) *XLSXBook { return &XLSXBook{w: w, f: excelize.NewFile()} }

// Sheet adds a sheet called name with the header keys; the writer's rows
// land in it (its Close does nothing: close the book).
func (b *XLSXBook) Sheet(name string, keys []string) (RecordWriter, error) {
	if len(b.sheets) == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	x := &xlsxWriter{sw: sw, keys: keys, row: 1, cell: make([]any, len(keys))}
	hdr := make([]any, len(keys))
	for i, k := range keys {
		hdr[i] = k
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return nil, err
	}
	b.sheets = append(b.sheets, x)
	return x, nil
}

// Close flushes every sheet and writes the workbook.
func (b *XLSXBook) Close() error {
	if b.f == nil {
		return nil
	}
	defer func() { b.f.Close(); b.f = nil }()
	for _, s := range b.sheets {
		if err := s.sw.Flush(); err != nil {
			return err
		}
	}
	return b.f.Write(b.w)
}
