package hostile

import (
	"archive/zip"
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// hugeCellXLSX writes a workbook whose one sheet has a header row (id,
// note) and one data row whose note cell holds size bytes: deflated, the
// file stays small (#20.6: a 915 KB workbook held a 939 MB cell). The
// sheet XML is written by hand, streaming: excelize caps the cells it
// writes at Excel's 32,767 characters, a hostile file need not.
func hugeCellXLSX(name string, size int) func(string) error {
	return sheetXLSX(name, func(b *bufio.Writer) {
		b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>note</t></is></c></row>` +
			`<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>`)
		chunk := strings.Repeat("2024-01-01 ", 1<<16)
		for left := size; left > 0; left -= len(chunk) {
			b.WriteString(chunk[:min(left, len(chunk))])
		}
		b.WriteString(`</t></is></c></row>`)
	})
}

// paddedXLSX writes a workbook whose sheet XML holds about size bytes of
// many small cells (#20.3: a padded 950 MB sheet took 39 s and 3.7 GB):
// a header id, a..h and rows of eight 100-character text cells and a
// number, streamed.
func paddedXLSX(name string, size int) func(string) error {
	return sheetXLSX(name, func(b *bufio.Writer) {
		cols := "abcdefgh"
		b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>`)
		for i, c := range cols {
			fmt.Fprintf(b, `<c r="%c1" t="inlineStr"><is><t>%c</t></is></c>`, 'B'+i, c)
		}
		b.WriteString(`</row>`)
		text := strings.Repeat("padding ", 12) + "pad."
		written := 0
		for r := 2; written < size; r++ {
			n, _ := fmt.Fprintf(b, `<row r="%d"><c r="A%d"><v>%d</v></c>`, r, r, r)
			written += n
			for i := range cols {
				n, _ = fmt.Fprintf(b, `<c r="%c%d" t="inlineStr"><is><t>%s %d</t></is></c>`, 'B'+i, r, text, r)
				written += n
			}
			n, _ = b.WriteString(`</row>`)
			written += n
		}
	})
}

// sheetXLSX writes a one-sheet workbook whose sheetData body comes from
// body, streaming.
func sheetXLSX(name string, body func(*bufio.Writer)) func(string) error {
	return func(dir string) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		z := zip.NewWriter(f)
		parts := []struct{ name, body string }{
			{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
			{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
			{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
			{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		}
		for _, p := range parts {
			w, err := z.Create(p.name)
			if err != nil {
				return err
			}
			if _, err := w.Write([]byte(p.body)); err != nil {
				return err
			}
		}
		w, err := z.Create("xl/worksheets/sheet1.xml")
		if err != nil {
			return err
		}
		b := bufio.NewWriterSize(w, 1<<20)
		b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		body(b)
		b.WriteString(`</sheetData></worksheet>`)
		if err := b.Flush(); err != nil {
			return err
		}
		return z.Close()
	}
}
