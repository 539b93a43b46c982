package value

// RecordReader streams records from a data file. Read returns io.EOF after
// the last record. Row is the 1-based data row number of the record Read
// returned last (the header is not a row).
type RecordReader interface {
	Read() (*Record, error)
	Row() int64
}

// RecordWriter streams records to a data file. Close flushes and releases
// resources; it does not close the underlying io.Writer.
type RecordWriter interface {
	Write(*Record) error
	Close() error
}
