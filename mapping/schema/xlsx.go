package schema

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/seamhq/seam/mapping/internal/guard"
)

// loadXLSX reads one sheet (#SHEET selects it; a workbook with one
// non-empty sheet needs no selector). A sheet whose header names a field
// column and a type column (Field/Name/Column + Type/Data Type) is a data
// dictionary: one row per field, explicit types. Any other sheet is data:
// the header names the fields and a bounded sample of rows gives types,
// as for CSV.
func loadXLSX(src *source, r io.Reader, size int64) (s *Schema, err error) {
	if size > maxDocBytes {
		return nil, src.errorf(0, 0, "file is %d bytes; an XLSX workbook may be at most %d bytes", size, maxDocBytes)
	}
	defer func() {
		if p := recover(); p != nil {
			s, err = nil, src.errorf(0, 0, "invalid XLSX: the workbook could not be read (%v); expected an Excel .xlsx file", p)
		}
	}()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, src.errorf(0, 0, "%v", err)
	}
	// One cell of hundreds of megabytes would be held whole by the XML
	// reader, several times over: refused before it runs (#20.6).
	if err := guard.CheckXLSX(data); err != nil {
		return nil, src.errorf(0, 0, "%v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 256 << 20})
	if err != nil {
		return nil, src.errorf(0, 0, "invalid XLSX: %v; expected an Excel .xlsx workbook", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	var sheet string
	if src.selector != "" {
		for _, sh := range sheets {
			if strings.EqualFold(sh, src.selector) {
				sheet = sh
			}
		}
		if sheet == "" {
			return nil, selectErr(src, "sheet", sheets)
		}
	} else {
		var nonEmpty []string
		for _, sh := range sheets {
			if sheetHasRows(f, sh) {
				nonEmpty = append(nonEmpty, sh)
			}
		}
		switch len(nonEmpty) {
		case 0:
			return nil, src.errorf(0, 0, "every sheet is empty; expected a header row")
		case 1:
			sheet = nonEmpty[0]
		default:
			return nil, selectErr(src, "sheet", nonEmpty)
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, src.errorf(0, 0, "sheet %s: %v", sheet, err)
	}
	defer rows.Close()
	var header []string
	headerRow := 0
	for rowNo := 1; rows.Next(); rowNo++ {
		cols, err := rows.Columns()
		if err != nil {
			return nil, src.errorf(rowNo, 0, "sheet %s: %v", sheet, err)
		}
		if nonBlank(cols) {
			header, headerRow = append([]string(nil), cols...), rowNo
			break
		}
		if rowNo > 1000 {
			break
		}
	}
	if err := rows.Error(); err != nil {
		return nil, src.errorf(0, 0, "sheet %s: %v", sheet, err)
	}
	if header == nil {
		return nil, src.errorf(0, 0, "sheet %s is empty; expected a header row", sheet)
	}
	s = src.newSchema(sheet)
	if src.selector == "" && len(sheets) == 1 {
		s.Name = stem(src.name)
	}
	if dict := dictColumns(header); dict != nil {
		s.Fields, err = xlsxDictionary(src, sheet, rows, headerRow, dict)
	} else {
		s.Fields, err = xlsxData(src, f, sheet, rows, header, headerRow)
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

func sheetHasRows(f *excelize.File, sh string) bool {
	rows, err := f.Rows(sh)
	if err != nil {
		return false
	}
	defer rows.Close()
	for i := 0; i < 100 && rows.Next(); i++ {
		cols, _ := rows.Columns()
		if nonBlank(cols) {
			return true
		}
	}
	return false
}

func nonBlank(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
}

func colName(i int) string {
	n, _ := excelize.ColumnNumberToName(i + 1)
	return n
}

func xlsxData(src *source, f *excelize.File, sheet string, rows *excelize.Rows, header []string, headerRow int) ([]*Field, error) {
	var fields []*Field
	seen := map[string]int{}
	for i, h := range header {
		name := strings.TrimSpace(h)
		if name == "" {
			name = "column_" + colName(i)
		}
		if j, dup := seen[name]; dup {
			return nil, src.errorf(headerRow, i+1, "sheet %s: duplicate column name %q (columns %s and %s); expected unique header names", sheet, name, colName(j), colName(i))
		}
		seen[name] = i
		fields = append(fields, &Field{Name: name, Path: name, Origin: src.pos(headerRow, 0)})
	}
	// A second iterator reads raw values in step: numbers without display
	// formatting (1,234.50 -> 1234.5) and dates as serial numbers.
	raw, err := f.Rows(sheet)
	if err != nil {
		return nil, src.errorf(0, 0, "sheet %s: %v", sheet, err)
	}
	defer raw.Close()
	for i := 0; i < headerRow && raw.Next(); i++ {
	}
	stats := make([]colStat, len(header))
	dateCol := make([]int8, len(header)) // 0 unknown, 1 date style, -1 not
	limit := src.opts.sampleRows()
	n := 0
	for rowNo := headerRow + 1; n < limit && rows.Next(); rowNo++ {
		cols, err := rows.Columns()
		if err != nil {
			return nil, src.errorf(rowNo, 0, "sheet %s: %v", sheet, err)
		}
		var rawCols []string
		if raw.Next() {
			rawCols, _ = raw.Columns(excelize.Options{RawCellValue: true})
		}
		if !nonBlank(cols) {
			continue
		}
		n++
		for i := range header {
			v := cell(cols, i)
			if r := cell(rawCols, i); r != "" && r != v {
				if num, err := strconv.ParseFloat(r, 64); err == nil {
					if dateCol[i] == 0 {
						dateCol[i] = -1
						if isDateStyle(f, sheet, i, rowNo) {
							dateCol[i] = 1
						}
					}
					switch {
					case dateCol[i] == 1:
						v = excelDate(num)
					case !isBoolWord(v):
						v = r
					}
				}
			}
			stats[i].observe(v)
		}
	}
	if err := rows.Error(); err != nil {
		return nil, src.errorf(0, 0, "sheet %s: %v", sheet, err)
	}
	for i, fl := range fields {
		stats[i].apply(fl)
		codeByName(fl, &stats[i])
	}
	return fields, nil
}

// isDateStyle reports a date or time number format on a cell.
func isDateStyle(f *excelize.File, sheet string, col, row int) bool {
	name, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return false
	}
	id, err := f.GetCellStyle(sheet, name)
	if err != nil {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	switch {
	case st.NumFmt >= 14 && st.NumFmt <= 22, st.NumFmt >= 27 && st.NumFmt <= 36, st.NumFmt >= 45 && st.NumFmt <= 47, st.NumFmt >= 50 && st.NumFmt <= 58:
		return true
	case st.CustomNumFmt != nil:
		code := strings.ToLower(*st.CustomNumFmt)
		inQ := false
		for _, r := range code {
			if r == '"' {
				inQ = !inQ
			}
			if !inQ && (r == 'y' || r == 'd' || r == 'h' || r == 's') {
				return true
			}
		}
	}
	return false
}

// excelDate renders an Excel serial date as ISO text: a date when it has
// no time of day, else a timestamp.
func excelDate(serial float64) string {
	t, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return strconv.FormatFloat(serial, 'f', -1, 64)
	}
	if serial == float64(int64(serial)) {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}
