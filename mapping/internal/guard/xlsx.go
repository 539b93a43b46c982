package guard

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxCellBytes bounds the text of one XLSX cell (or shared string): the
// same 16 MiB as the longest record seam reads. Excel itself writes at most
// 32,767 characters to a cell; a longer run was made by something else,
// and the XML reader would hold it whole, several times over (#20.6).
const MaxCellBytes = 16 << 20

// MaxWorkbookBytes bounds an XLSX data file, which is read whole before
// its rows are streamed (the zip directory is at the end of the file):
// 256 MiB of compressed workbook is tens of millions of cells. A larger
// one is refused with an error that says so; save it as CSV.
const MaxWorkbookBytes = 256 << 20

// CheckXLSX scans the worksheets and the shared strings of the workbook
// in data, decompressing them as a stream in constant memory, and refuses
// one whose text holds a run longer than MaxCellBytes between two tags.
// The error names the part and, in a worksheet, the cell. A file that is
// not a zip archive passes: the workbook reader reports it.
func CheckXLSX(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil //nolint:nilerr // not a zip archive: the workbook reader reports it
	}
	for _, f := range z.File {
		name := f.Name
		if !strings.HasPrefix(name, "xl/worksheets/") && name != "xl/sharedStrings.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue // the workbook reader reports a broken part
		}
		err = scanCells(rc, name, MaxCellBytes)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// scanCells reads XML from r and fails on a text run over max bytes,
// naming the last cell reference (<c r="B2">) or shared string index.
func scanCells(r io.Reader, part string, max int) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		inTag bool
		run   int
		tag   []byte // the start of the current tag, up to 128 bytes
		cell  string
		si    int // shared strings seen
	)
	for {
		chunk, err := br.ReadSlice('<')
		for _, c := range chunk {
			switch {
			case inTag:
				if c == '>' {
					inTag = false
					if bytes.HasPrefix(tag, []byte("c ")) {
						if i := bytes.Index(tag, []byte(` r="`)); i >= 0 {
							if j := bytes.IndexByte(tag[i+4:], '"'); j >= 0 {
								cell = string(tag[i+4 : i+4+j])
							}
						}
					} else if bytes.Equal(tag, []byte("si")) || bytes.HasPrefix(tag, []byte("si ")) {
						si++
					}
				} else if len(tag) < 128 {
					tag = append(tag, c)
				}
			case c == '<':
				inTag, run, tag = true, 0, tag[:0]
			default:
				if run++; run > max {
					where := "a cell"
					switch {
					case part == "xl/sharedStrings.xml":
						where = fmt.Sprintf("shared string %d", si)
					case cell != "":
						where = "cell " + cell
					}
					return fmt.Errorf("%s: %s holds more than %s of text; expected cells of at most 32,767 characters as Excel writes them", part, where, Bytes(int64(max)))
				}
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return nil //nolint:nilerr // EOF, or a broken stream the workbook reader reports
		}
	}
}
