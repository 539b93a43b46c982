package schema

import (
	"errors"
	"io"
)

// Byte bounds of the inference samples (CSV/TSV and JSONL): row bounds
// alone let one huge field or line take gigabytes.
const (
	// maxRecordBytes bounds one CSV record or JSONL line. Longer is an
	// error naming the file and line: no real sample has such a record,
	// and a schema inferred from a truncated one would be wrong.
	maxRecordBytes = 16 << 20
	// maxSampleBytes bounds the whole sample. Reaching it ends the sample
	// quietly, as SampleRows does: the rows read so far are the sample.
	maxSampleBytes = 64 << 20
)

// errBound is returned by boundedReader at its limit.
var errBound = errors.New("read bound reached")

// boundedReader passes at most limit bytes in all from r, then fails
// with errBound. The loaders move limit forward record by record.
type boundedReader struct {
	r     io.Reader
	n     int64 // bytes passed on so far
	limit int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.n >= b.limit {
		return 0, errBound
	}
	if int64(len(p)) > b.limit-b.n {
		p = p[:b.limit-b.n]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// next allows one more record: up to maxRecordBytes beyond what was read,
// within maxSampleBytes in all. It reports whether the record bound (and
// not the sample bound) is the one in force.
func (b *boundedReader) next() (recordBound bool) {
	b.limit = b.n + maxRecordBytes
	if b.limit >= maxSampleBytes {
		b.limit = maxSampleBytes
		return false
	}
	return true
}
