package value

import (
	"errors"
	"io"
	"iter"
)

// RecordReader streams records from a data file. Read returns io.EOF after
// the last record. Row is the 1-based data row number of the record Read
// returned last (the header is not a row).
type RecordReader interface {
	Read() (*Record, error)
	Row() int64
}

// Records ranges over r's records to the end of the input. A read error
// is yielded (with a nil record) once and ends the sequence; io.EOF is the
// end, not an error.
func Records(r RecordReader) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if !yield(rec, err) || err != nil {
				return
			}
		}
	}
}

// RecordWriter streams records to a data file. Close flushes and releases
// resources; it does not close the underlying io.Writer.
type RecordWriter interface {
	Write(*Record) error
	Close() error
}
