package synth

import (
	"archive/zip"
	"bufio"
	"io"
	"os"
	"sort"

	"github.com/seamhq/seam/mapping/value"
)

// datasetBook is the workbook of an xlsx dataset: excelize writes the
// streamed sheets in map order, so the book goes to a temporary file and
// Close copies it to the real output with the archive's entries in name
// order (compressed bytes unchanged), which makes the file byte-identical
// for a seed.
type datasetBook struct {
	*value.XLSXBook
	dst io.Writer
	tmp *os.File
	bw  *bufio.Writer
}

func newDatasetBook(dst io.Writer) (*datasetBook, error) {
	tmp, err := os.CreateTemp("", "seam-synth-*.xlsx")
	if err != nil {
		return nil, err
	}
	b := &datasetBook{dst: dst, tmp: tmp, bw: bufio.NewWriterSize(tmp, 256<<10)}
	b.XLSXBook = value.NewXLSXBook(b.bw)
	return b, nil
}

// Close writes the workbook and copies it, entries sorted, to dst.
func (b *datasetBook) Close() error {
	defer func() {
		b.tmp.Close()
		os.Remove(b.tmp.Name())
	}()
	if err := b.XLSXBook.Close(); err != nil {
		return err
	}
	if err := b.bw.Flush(); err != nil {
		return err
	}
	return sortedZip(b.dst, b.tmp)
}

// sortedZip copies the zip archive in src to dst with its entries in name
// order, each entry's compressed bytes and header as they are.
func sortedZip(dst io.Writer, src *os.File) error {
	st, err := src.Stat()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(src, st.Size())
	if err != nil {
		return err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	bw := bufio.NewWriterSize(dst, 256<<10)
	zw := zip.NewWriter(bw)
	for _, f := range files {
		r, err := f.OpenRaw()
		if err != nil {
			return err
		}
		h := f.FileHeader
		w, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, r); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}
