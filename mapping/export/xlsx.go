package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/xuri/excelize/v2"
)

// Sheet names of the mapping workbook.
const (
	SheetMapping  = "Mapping"
	SheetSource   = "Source"
	SheetTarget   = "Target"
	SheetFindings = "Findings"
	SheetAbout    = "About"
	// LookupSheetPrefix starts the name of every lookup table's sheet.
	LookupSheetPrefix = "Lookup "
)

// maxCellChars is the most characters (UTF-16 units) a cell holds; excelize
// would truncate longer text silently, so the writer refuses it instead.
const maxCellChars = excelize.TotalCellChars

// validationRows is how far down the drop-down validations reach.
const validationRows = 5000

// OnErrorChoices are the on_error values the drop-down offers.
var OnErrorChoices = []string{"reject", "null", "keep", "default(...)"}

// StatusChoices are the rule statuses the drop-down offers.
var StatusChoices = []string{mapping.StatusSuggested, mapping.StatusAccepted, mapping.StatusRejected}

// xlsxWriter carries the workbook and its styles while writing.
type xlsxWriter struct {
	f      *excelize.File
	header int
	wrap   int
	err    error
}

// WriteXLSX writes the mapping workbook: the Mapping sheet (one row per
// rule), a Source and a Target sheet when the schemas are given, one
// "Lookup NAME" sheet per lookup table, a Findings sheet when findings is
// not nil, and an About sheet with the mapping's name, schema references,
// fingerprints, ignore_source and acknowledged findings. No cell holds a
// formula.
func WriteXLSX(w io.Writer, m *mapping.Mapping, src, dst *schema.Schema, findings []FindingRow) error {
	return WriteXLSXTargets(w, m, src, []*schema.Schema{dst}, nil, findings)
}

// WriteXLSXTargets writes the workbook of a mapping with one or several
// targets (dsts in m.Targets order; nil entries allowed): the first
// target's rules on the Mapping sheet, every further target's on a
// "Mapping NAME" sheet, and the targets (each:, parent:) and joins as
// About rows, which seam import reads back. joins (the joins' schemas by
// name) give the source types of joined and element fields.
func WriteXLSXTargets(w io.Writer, m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema, findings []FindingRow) error {
	var dst *schema.Schema
	if len(dsts) > 0 {
		dst = dsts[0]
	}
	if m == nil {
		return fmt.Errorf("export xlsx: no mapping")
	}
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f}
	x.styles()
	if err := f.SetSheetName("Sheet1", SheetMapping); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	tsheets := targetSheetNames(m)
	srcs := targetSources(m, src, joins)
	x.mappingSheet(SheetMapping, m.Rules, srcs[0], dst)
	for i, v := range m.Targets()[1:] {
		var d *schema.Schema
		if i+1 < len(dsts) {
			d = dsts[i+1]
		}
		x.newSheet(tsheets[i+1])
		x.mappingSheet(tsheets[i+1], v.Rules, srcs[i+1], d)
	}
	if src != nil {
		x.schemaSheet(SheetSource, src)
	}
	if dst != nil {
		x.schemaSheet(SheetTarget, dst)
	}
	sheets := lookupSheetNames(m.Lookups)
	for i, l := range m.Lookups {
		x.lookupSheet(sheets[i], l)
	}
	if findings != nil {
		x.findingsSheet(findings)
	}
	x.aboutSheet(m, src, dst, sheets, tsheets)
	if x.err != nil {
		return fmt.Errorf("export xlsx: %w", x.err)
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

func (x *xlsxWriter) styles() {
	var err error
	x.header, err = x.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border: []excelize.Border{
			{Type: "bottom", Color: "1F3864", Style: 2},
		},
	})
	x.set(err)
	x.wrap, err = x.f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	x.set(err)
}

func (x *xlsxWriter) set(err error) {
	if err != nil && x.err == nil {
		x.err = err
	}
}

// str writes text as a string cell, never a formula.
func (x *xlsxWriter) str(sheet string, col, row int, s string) {
	if s == "" || x.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		x.set(err)
		return
	}
	if n := utf16Len(s); n > maxCellChars {
		x.set(fmt.Errorf("%s!%s: text of %d characters is longer than a cell holds (%d)", sheet, cell, n, maxCellChars))
		return
	}
	x.set(x.f.SetCellStr(sheet, cell, s))
}

// num writes a number cell.
func (x *xlsxWriter) num(sheet string, col, row int, v float64) {
	if x.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	x.set(err)
	x.set(x.f.SetCellFloat(sheet, cell, v, -1, 64))
}

// table writes a styled header row, widths, frozen header and autofilter.
func (x *xlsxWriter) table(sheet string, headers []string, widths []float64, rows int) {
	for i, h := range headers {
		x.str(sheet, i+1, 1, h)
		col, _ := excelize.ColumnNumberToName(i + 1)
		if i < len(widths) {
			x.set(x.f.SetColWidth(sheet, col, col, widths[i]))
		}
	}
	last, _ := excelize.ColumnNumberToName(len(headers))
	x.set(x.f.SetCellStyle(sheet, "A1", last+"1", x.header))
	x.set(x.f.SetRowHeight(sheet, 1, 20))
	x.set(x.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}))
	if rows < 1 {
		rows = 1
	}
	x.set(x.f.AutoFilter(sheet, "A1:"+last+strconv.Itoa(rows+1), nil))
	if rows > 0 {
		x.set(x.f.SetCellStyle(sheet, "A2", last+strconv.Itoa(rows+1), x.wrap))
	}
}

func (x *xlsxWriter) mappingSheet(sheet string, rules []*mapping.Rule, src, dst *schema.Schema) {
	headers := make([]string, len(mappingColumns))
	widths := make([]float64, len(mappingColumns))
	for i, c := range mappingColumns {
		headers[i], widths[i] = c.header, c.width
	}
	x.table(sheet, headers, widths, len(rules))
	for i, r := range rules {
		row := i + 2
		cells := ruleCells(r, src, dst)
		for _, c := range mappingColumns {
			if c.key == colConfidence {
				if r.Confidence != 0 {
					x.num(sheet, int(c.key)+1, row, r.Confidence)
				}
				continue
			}
			x.str(sheet, int(c.key)+1, row, cells[c.key])
		}
	}
	x.dropDown(sheet, colStatus, StatusChoices, "Status", "suggested, accepted or rejected; empty means active", true)
	x.dropDown(sheet, colOnError, OnErrorChoices, "On error", "reject (default), null, keep or default(VALUE), e.g. default(0)", false)
}

// dropDown adds a list validation to a Mapping column. strict rejects other
// values; otherwise the list is offered but other text (default(0)) stays.
func (x *xlsxWriter) dropDown(sheet string, key colKey, choices []string, title, prompt string, strict bool) {
	col, _ := excelize.ColumnNumberToName(int(key) + 1)
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, validationRows))
	x.set(dv.SetDropList(choices))
	dv.SetInput(title, prompt)
	if strict {
		dv.SetError(excelize.DataValidationErrorStyleStop, title, prompt)
	} else {
		dv.SetError(excelize.DataValidationErrorStyleInformation, title, prompt)
	}
	x.set(x.f.AddDataValidation(sheet, dv))
}

func (x *xlsxWriter) newSheet(name string) {
	_, err := x.f.NewSheet(name)
	x.set(err)
}

func (x *xlsxWriter) schemaSheet(sheet string, s *schema.Schema) {
	x.newSheet(sheet)
	fields := s.Flatten()
	x.table(sheet, []string{"Path", "Type", "Required", "Nullable", "Constraints", "Description"},
		[]float64{30, 18, 10, 10, 36, 50}, len(fields))
	for i, f := range fields {
		row := i + 2
		x.str(sheet, 1, row, f.Path)
		x.str(sheet, 2, row, f.TypeString())
		x.str(sheet, 3, row, yesNo(f.Required))
		x.str(sheet, 4, row, yesNo(f.Nullable))
		x.str(sheet, 5, row, fieldConstraints(f))
		x.str(sheet, 6, row, f.Description)
	}
}

// fieldConstraints lists constraints other than required/nullable, which
// have their own columns.
func fieldConstraints(f *schema.Field) string {
	var keep []string
	for _, p := range strings.Split(f.Constraints(), ", ") {
		if p != "" && p != "required" && p != "nullable" {
			keep = append(keep, p)
		}
	}
	if f.MaxLength != nil && f.Type != schema.String {
		keep = append([]string{"maxlen " + strconv.Itoa(*f.MaxLength)}, keep...)
	}
	if f.Type == schema.Enum && len(f.EnumValues) > 0 {
		keep = append(keep, "values "+strings.Join(f.EnumValues, "|"))
	}
	return strings.Join(keep, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (x *xlsxWriter) lookupSheet(sheet string, l *mapping.Lookup) {
	x.newSheet(sheet)
	x.table(sheet, []string{"Key", "Value"}, []float64{24, 36}, len(l.Entries))
	for i, e := range l.Entries {
		// An empty key or value is written as an empty cell; the importer
		// reads it back as "".
		x.str(sheet, 1, i+2, e.Key)
		x.str(sheet, 2, i+2, e.Value)
	}
}

func (x *xlsxWriter) findingsSheet(fs []FindingRow) {
	x.newSheet(SheetFindings)
	x.table(SheetFindings, []string{"Severity", "Kind", "Detector", "Rule", "Target", "Source", "Count", "Message", "Example", "Acknowledged"},
		[]float64{10, 22, 10, 16, 24, 24, 8, 60, 50, 13}, len(fs))
	for i, f := range fs {
		row := i + 2
		x.str(SheetFindings, 1, row, f.Severity)
		x.str(SheetFindings, 2, row, f.Kind)
		x.str(SheetFindings, 3, row, f.Detector)
		x.str(SheetFindings, 4, row, f.Rule)
		x.str(SheetFindings, 5, row, f.Target)
		x.str(SheetFindings, 6, row, strings.Join(f.Source, ", "))
		x.num(SheetFindings, 7, row, float64(f.Count))
		x.str(SheetFindings, 8, row, f.Message)
		x.str(SheetFindings, 9, row, f.Example)
		x.str(SheetFindings, 10, row, yesNo(f.Acknowledged))
	}
}

// About sheet keys. Each About row is KEY followed by up to four values.
const (
	aboutSeam          = "seam"
	aboutName          = "name"
	aboutSourceSchema  = "source schema"
	aboutSourceFP      = "source fingerprint"
	aboutTargetSchema  = "target schema"
	aboutTargetFP      = "target fingerprint"
	aboutIgnore        = "ignore_source"
	aboutIgnoreTarget  = "ignore_target"
	aboutAck           = "acknowledged"
	aboutLookup        = "lookup"
	aboutLookupDefault = "lookup default"
	aboutSourceNow     = "source fingerprint now"
	aboutTargetNow     = "target fingerprint now"
)

func (x *xlsxWriter) aboutSheet(m *mapping.Mapping, src, dst *schema.Schema, lookupSheets, targetSheets []string) {
	x.newSheet(SheetAbout)
	type row [5]string
	seam := m.Seam
	if seam == 0 {
		seam = mapping.FormatVersion
	}
	rows := []row{
		{aboutSeam, strconv.Itoa(seam)},
		{aboutName, m.Name},
		{aboutSourceSchema, m.Source.Schema},
		{aboutSourceFP, m.Source.Fingerprint},
		{aboutTargetSchema, m.Target.Schema},
		{aboutTargetFP, m.Target.Fingerprint},
	}
	if src != nil {
		rows = append(rows, row{aboutSourceNow, src.Fingerprint(), "informational: the loaded source schema"})
	}
	if dst != nil {
		rows = append(rows, row{aboutTargetNow, dst.Fingerprint(), "informational: the loaded target schema"})
	}
	for _, f := range m.IgnoreSource {
		rows = append(rows, row{aboutIgnore, f})
	}
	for _, f := range m.IgnoreTarget {
		rows = append(rows, row{aboutIgnoreTarget, f})
	}
	for _, a := range m.Acknowledged {
		rows = append(rows, row{aboutAck, a.Kind, a.Target, a.By, a.Why})
	}
	for i, l := range m.Lookups {
		r := row{aboutLookup, l.Name, lookupSheets[i], l.File}
		if l.File != "" {
			// what the sheet held when written: seam import keeps the
			// file when the sheet still holds exactly this
			r[4] = entriesDigest(l.Entries)
		}
		rows = append(rows, r)
		if l.Default != nil {
			rows = append(rows, row{aboutLookupDefault, l.Name, *l.Default})
		}
	}
	for _, r := range targetAboutRows(m, targetSheets) {
		rows = append(rows, r)
	}
	x.table(SheetAbout, []string{"Key", "Value", "Value 2", "Value 3", "Value 4"}, []float64{22, 40, 24, 16, 40}, len(rows))
	for i, r := range rows {
		for j, v := range r {
			x.str(SheetAbout, j+1, i+2, v)
		}
	}
}

// entriesDigest fingerprints a lookup table's entries, in order.
func entriesDigest(es []mapping.LookupEntry) string {
	h := sha256.New()
	for _, e := range es {
		fmt.Fprintf(h, "%q=%q\n", e.Key, e.Value)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}

// lookupSheetNames gives each lookup a unique, valid sheet name
// ("Lookup NAME", at most 31 characters, no : \ / ? * [ ]).
func lookupSheetNames(ls []*mapping.Lookup) []string {
	used := map[string]bool{
		strings.ToLower(SheetMapping): true, strings.ToLower(SheetSource): true, strings.ToLower(SheetTarget): true,
		strings.ToLower(SheetFindings): true, strings.ToLower(SheetAbout): true,
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		base := LookupSheetPrefix + strings.Map(func(r rune) rune {
			if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
				return '_'
			}
			return r
		}, l.Name)
		base = strings.TrimRight(truncRunes(base, 31), "'")
		name := base
		for n := 2; used[strings.ToLower(name)]; n++ {
			suf := "~" + strconv.Itoa(n)
			name = truncRunes(base, 31-len(suf)) + suf
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
