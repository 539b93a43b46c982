package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestImportConfinesLookupFiles: a workbook whose About sheet points a
// lookup at a file outside the workbook's folder (../secret.csv, an
// absolute path) is refused like any reference of a mapping, with the
// lookup named and nothing of the file's content in the error (#20.1).
func TestImportConfinesLookupFiles(t *testing.T) {
	for _, ref := range []string{"../secret.csv", "/etc/passwd"} {
		for _, withSheet := range []bool{true, false} {
			m, dir := fileLookupMapping(t)
			secret := filepath.Join(filepath.Dir(dir), "secret.csv")
			if err := os.WriteFile(secret, []byte("key,value\nTOKEN,hunter2\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			book := filepath.Join(dir, "m.xlsx")
			saveBook(t, m, book, func(f *excelize.File) {
				rows, _ := f.GetRows(SheetAbout)
				for i, r := range rows {
					if len(r) > 3 && r[0] == aboutLookup && r[3] != "" {
						file, _ := excelize.CoordinatesToCellName(4, i+1)
						digest, _ := excelize.CoordinatesToCellName(5, i+1)
						f.SetCellStr(SheetAbout, file, ref)
						f.SetCellStr(SheetAbout, digest, "")
						if !withSheet {
							sheet, _ := excelize.CoordinatesToCellName(3, i+1)
							f.SetCellStr(SheetAbout, sheet, "")
							f.DeleteSheet(r[2])
						}
					}
				}
			})
			_, notes, err := ImportXLSXFileNotes(book)
			if err == nil {
				t.Errorf("%s (sheet %v): imported, notes %v; want an error", ref, withSheet, notes)
				continue
			}
			msg := err.Error()
			if !strings.Contains(msg, `lookup "country"`) || !strings.Contains(msg, ref) ||
				strings.Contains(msg, "hunter2") || strings.Contains(msg, "root:") {
				t.Errorf("%s (sheet %v): %v", ref, withSheet, err)
			}
		}
	}
}
