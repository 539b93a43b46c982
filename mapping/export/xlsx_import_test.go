package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/xuri/excelize/v2"
)

// fileLookupMapping has a lookup kept in a CSV file beside it.
func fileLookupMapping(t *testing.T) (*mapping.Mapping, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "countries.csv"), []byte("key,value\nDE,Germany\nFR,France\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := mapping.Parse(filepath.Join(dir, "m.seam.yaml"), []byte(`seam: 1
name: t
lookups:
  country: {file: countries.csv}
  codes: {P: 1, t: true}
rules:
  - target: land
    from: [c]
    expr: lookup("country", c)
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.LoadLookupFiles(); err != nil {
		t.Fatal(err)
	}
	return m, dir
}

func saveBook(t *testing.T, m *mapping.Mapping, path string, edit func(f *excelize.File)) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, RelativeTo(m, path), nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(f)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestImportFileLookupEdits: an unedited sheet of a file-backed lookup
// keeps the file; an edited one is written inline with a note, never
// dropped (before, the edit was dropped silently).
func TestImportFileLookupEdits(t *testing.T) {
	m, dir := fileLookupMapping(t)
	book := filepath.Join(dir, "m.xlsx")
	saveBook(t, m, book, nil)
	got, notes, err := ImportXLSXFileNotes(book)
	if err != nil {
		t.Fatal(err)
	}
	if l := got.LookupNamed("country"); l == nil || l.File != "countries.csv" || len(notes) != 0 {
		t.Errorf("unedited: lookup %+v, notes %v; want the file kept, no notes", l, notes)
	}

	saveBook(t, m, book, func(f *excelize.File) {
		f.SetCellStr("Lookup country", "B2", "Deutschland")
	})
	got, notes, err = ImportXLSXFileNotes(book)
	if err != nil {
		t.Fatal(err)
	}
	l := got.LookupNamed("country")
	if l == nil || l.File != "" || len(l.Entries) != 2 || l.Entries[0].Value != "Deutschland" {
		t.Errorf("edited: lookup %+v; want the sheet's entries inline", l)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], `lookup "country": the sheet was edited`) {
		t.Errorf("edited: notes %v", notes)
	}
	y, _ := got.Marshal()
	if !strings.Contains(string(y), "country: {DE: Deutschland, FR: France}") || !strings.Contains(string(y), "codes: {P: 1, t: true}") {
		t.Errorf("marshalled:\n%s", y)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "countries.csv")); strings.Contains(string(b), "Deutschland") {
		t.Error("the lookup file was written")
	}

	// Without the export's digest (an older workbook), the file decides.
	saveBook(t, m, book, func(f *excelize.File) {
		rows, _ := f.GetRows(SheetAbout)
		for i, r := range rows {
			if len(r) > 0 && r[0] == aboutLookup && len(r) > 4 {
				cell, _ := excelize.CoordinatesToCellName(5, i+1)
				f.SetCellStr(SheetAbout, cell, "")
			}
		}
	})
	if got, notes, _ = ImportXLSXFileNotes(book); got.LookupNamed("country").File != "countries.csv" || len(notes) != 0 {
		t.Errorf("no digest, sheet equals the file: %+v %v", got.LookupNamed("country"), notes)
	}
}

// TestImportBrokenTransform: a transform that does not parse is an error
// naming its cell (before, it imported with exit 0).
func TestImportBrokenTransform(t *testing.T) {
	m, dir := fileLookupMapping(t)
	book := filepath.Join(dir, "m.xlsx")
	saveBook(t, m, book, func(f *excelize.File) {
		rows, _ := f.GetRows(SheetMapping)
		for j, h := range rows[0] {
			if h == "Transform (expr)" {
				cell, _ := excelize.CoordinatesToCellName(j+1, 2)
				f.SetCellStr(SheetMapping, cell, `lookup("country", c`)
			}
		}
	})
	_, _, err := ImportXLSXFileNotes(book)
	if err == nil || !strings.Contains(err.Error(), "Mapping!") || !strings.Contains(err.Error(), `does not parse`) {
		t.Errorf("err = %v; want the cell and 'does not parse'", err)
	}
}
