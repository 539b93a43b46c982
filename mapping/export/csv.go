package export

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/schema"
)

// WriteCSV writes the Mapping sheet's columns as CSV, one row per rule.
// Cells a spreadsheet would read as a formula (starting with = + - @, tab
// or carriage return) get a leading apostrophe, which ImportCSV removes.
func WriteCSV(w io.Writer, m *mapping.Mapping, src, dst *schema.Schema) error {
	cw := csv.NewWriter(w)
	hdr := make([]string, len(mappingColumns))
	for i, c := range mappingColumns {
		hdr[i] = c.header
	}
	if err := cw.Write(hdr); err != nil {
		return err
	}
	rec := make([]string, len(mappingColumns))
	for _, r := range m.Rules {
		cells := ruleCells(r, src, dst)
		for i, c := range mappingColumns {
			rec[i] = NeutraliseCSV(cells[c.key])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// NeutraliseCSV prefixes an apostrophe to text a spreadsheet would take for
// a formula, and to text that already starts with an apostrophe (so the
// importer's unquoting is exact).
func NeutraliseCSV(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return "'" + s
	}
	return s
}

// unneutralise undoes NeutraliseCSV.
func unneutralise(s string) string {
	if len(s) >= 2 && s[0] == '\'' {
		switch s[1] {
		case '=', '+', '-', '@', '\t', '\r', '\'':
			return s[1:]
		}
	}
	return s
}

// ImportCSV reads rules from a CSV with the Mapping sheet's columns (found
// by header; the derived type columns are ignored). The mapping is named
// after name's stem and has no schemas, lookups or acknowledgements: those
// live in the workbook. Problems name name:line:column.
func ImportCSV(r io.Reader, name string) (*mapping.Mapping, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	m := &mapping.Mapping{Seam: mapping.FormatVersion, Name: stem(name)}
	var errs diag.List
	hdr, err := cr.Read()
	if err == io.EOF {
		return nil, diag.Errorf(diag.Pos{File: name, Line: 1}, "empty file; expected a header row with %q", mappingColumns[colTarget].header)
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	if len(hdr) > 0 {
		hdr[0] = strings.TrimPrefix(hdr[0], "\ufeff")
	}
	idx, dup, dupName := matchHeaders(hdr)
	if dup >= 0 {
		errs.Errorf(diag.Pos{File: name, Line: 1, Col: dup + 1}, "column %q appears twice", dupName)
	}
	if idx[colTarget] < 0 {
		errs.Errorf(diag.Pos{File: name, Line: 1}, "header row has no %q column (found: %s)", mappingColumns[colTarget].header, strings.Join(hdr, ", "))
		return nil, errs
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.Add(csvErr(name, err))
			break
		}
		line, _ := cr.FieldPos(0)
		if blankRow(row) {
			continue
		}
		var cells [numCols]string
		for _, c := range mappingColumns {
			if j := idx[c.key]; j >= 0 && j < len(row) {
				cells[c.key] = unneutralise(row[j])
			}
		}
		rule, probs := parseRule(cells)
		for _, p := range probs {
			col := idx[p.col]
			if col < 0 {
				col = idx[colTarget]
			}
			errs.Add(diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: name, Line: line, Col: col + 1},
				Subject: "column " + hdr[col], Summary: p.msg})
		}
		rule.Pos = diag.Pos{File: name, Line: line}
		m.Rules = append(m.Rules, rule)
	}
	if errs.HasErrors() {
		return nil, errs
	}
	return m, nil
}

func csvErr(name string, err error) diag.Diagnostic {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: name, Line: pe.Line, Col: pe.Column}, Summary: pe.Err.Error()}
	}
	return diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: name}, Summary: fmt.Sprint(err)}
}
