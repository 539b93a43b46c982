package common

import (
	"errors"
	"io"
	"slices"
	"sync"

	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/internal/spill"
)

// A big dataset is not held in memory: a DatasetBuilder writes its rows
// and their edge-case labels to a temporary file (tui/internal/spill) and
// the Dataset reads back the rows a screen shows (Row, through a small
// cache) or streams them all to a run (Reader). What the screens need of
// every row, the number of rows with edge cases and the count of every
// edge case, is counted as the rows go by.

// cacheRows is how many decoded rows a spilled dataset or run keeps: more
// than a screen shows at once.
const cacheRows = 256

// rowCache is a direct-mapped cache of decoded entries by index.
type rowCache[T any] struct {
	mu   sync.Mutex
	idx  [cacheRows]int
	vals [cacheRows]T
	ok   [cacheRows]bool
}

func (c *rowCache[T]) get(i int) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := i % cacheRows
	if c.ok[s] && c.idx[s] == i {
		return c.vals[s], true
	}
	var zero T
	return zero, false
}

func (c *rowCache[T]) put(i int, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := i % cacheRows
	c.idx[s], c.vals[s], c.ok[s] = i, v, true
}

// spilledRows is the on-disk part of a Dataset.
type spilledRows struct {
	f      *spill.File
	keys   spill.Keys
	edge   int
	counts map[string]int
	cache  rowCache[spilledRow]
	// err is the first read error, shown instead of the rows.
	mu  sync.Mutex
	err error
}

type spilledRow struct {
	rec    *value.Record
	labels []FieldLabel
}

func (sr *spilledRows) fail(err error) {
	sr.mu.Lock()
	defer sr.mu.Unlock()
	if sr.err == nil {
		sr.err = err
	}
}

// decodeRow reads one dataset entry: its labels, then the record.
func decodeRow(b []byte, ks *spill.Keys) (spilledRow, error) {
	d := spill.Decoder{B: b}
	var r spilledRow
	if n := d.Uint(); n > 0 && n <= uint64(len(d.B)) {
		r.labels = make([]FieldLabel, n)
		for i := range r.labels {
			r.labels[i] = FieldLabel{Field: d.String(), Case: d.String()}
		}
	}
	r.rec = d.Record(ks)
	if d.Err != nil {
		return spilledRow{}, d.Err
	}
	return r, nil
}

// row returns entry i decoded; a read error gives a record of absent
// values (and Dataset.Err says why).
func (d *Dataset) spilledRow(i int) spilledRow {
	sr := d.spill
	if r, ok := sr.cache.get(i); ok {
		return r
	}
	b, err := sr.f.Get(i, nil)
	var r spilledRow
	if err == nil {
		r, err = decodeRow(b, &sr.keys)
	}
	if err != nil {
		sr.fail(err)
		return spilledRow{rec: value.NewRecord(d.Keys)}
	}
	sr.cache.put(i, r)
	return r
}

// Err reports the first error reading a dataset kept on disk.
func (d *Dataset) Err() error {
	if d == nil || d.spill == nil {
		return nil
	}
	d.spill.mu.Lock()
	defer d.spill.mu.Unlock()
	return d.spill.err
}

// Close frees the temporary file of a dataset kept on disk (nothing for
// one in memory); the garbage collector does it for a dataset nobody
// holds, and it never outlives the process.
func (d *Dataset) Close() error {
	if d == nil || d.spill == nil {
		return nil
	}
	return d.spill.f.Close()
}

// Spilled reports a dataset kept on disk.
func (d *Dataset) Spilled() bool { return d != nil && d.spill != nil }

// DatasetBuilder collects the rows of a dataset into a temporary file;
// see NewDatasetBuilder.
type DatasetBuilder struct {
	d   *Dataset
	buf []byte
}

// NewDatasetBuilder starts a dataset with d's name, keys, seed and plan
// whose rows go to a temporary file in dir (the system's when ""); when
// no file can be made they stay in memory.
func NewDatasetBuilder(d *Dataset, dir string) *DatasetBuilder {
	if f, err := spill.Create(dir); err == nil {
		d.spill = &spilledRows{f: f, counts: map[string]int{}}
	}
	return &DatasetBuilder{d: d}
}

// Add appends a row (the record is encoded at once: the caller may reuse
// it) with its edge-case labels.
func (b *DatasetBuilder) Add(rec *value.Record, labels []FieldLabel) error {
	d := b.d
	if d.spill == nil {
		d.Rows = append(d.Rows, &value.Record{Keys: rec.Keys, Vals: slices.Clone(rec.Vals)})
		d.Labels = append(d.Labels, slices.Clone(labels))
		return nil
	}
	sr := d.spill
	if len(labels) > 0 {
		sr.edge++
		for _, l := range labels {
			sr.counts[l.Case]++
		}
	}
	buf := spill.AppendUint(b.buf[:0], uint64(len(labels)))
	for _, l := range labels {
		buf = spill.AppendString(buf, l.Field)
		buf = spill.AppendString(buf, l.Case)
	}
	buf = spill.AppendRecord(buf, &sr.keys, rec)
	b.buf = buf
	return sr.f.Append(buf)
}

// Done finishes the dataset.
func (b *DatasetBuilder) Done() (*Dataset, error) {
	if b.d.spill != nil {
		if err := b.d.spill.f.Finish(); err != nil {
			b.d.Close()
			return nil, err
		}
	}
	return b.d, nil
}

// Abort drops what was added (the temporary file is removed).
func (b *DatasetBuilder) Abort() { b.d.Close() }

// spilledReader streams a spilled dataset's rows; labels of rows read but
// not yet asked for are kept until Labels takes them (a run reads ahead
// of the rows it reports, on another goroutine: mu guards labels).
type spilledReader struct {
	d      *Dataset
	sc     *spill.Scanner
	err    error
	row    int64
	mu     sync.Mutex
	labels map[int64][]FieldLabel
}

func (r *spilledReader) read() (*value.Record, error) {
	if r.sc == nil && r.err == nil {
		r.sc, r.err = r.d.spill.f.Scan()
	}
	if r.err != nil {
		return nil, r.err
	}
	b, err := r.sc.Next()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			r.err = err
		}
		return nil, err
	}
	row, err := decodeRow(b, &r.d.spill.keys)
	if err != nil {
		r.err = err
		return nil, err
	}
	r.row++
	if len(row.labels) > 0 {
		r.mu.Lock()
		if r.labels == nil {
			r.labels = map[int64][]FieldLabel{}
		}
		r.labels[r.row] = row.labels
		r.mu.Unlock()
	}
	return row.rec, nil
}

func (r *spilledReader) take(row int64) []FieldLabel {
	r.mu.Lock()
	defer r.mu.Unlock()
	ls := r.labels[row]
	delete(r.labels, row)
	return ls
}
