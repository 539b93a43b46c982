package synth

import (
	"io"
	"sync"

	"github.com/seamhq/seam/mapping/value"
)

// Reader serves a Generator's rows as a value.RecordReader (for
// engine.Run and check.Run) and keeps each row's edge-case labels until
// Labels asks for them. A pipelined run reads ahead of its ordered row
// callbacks by at most its pipeline depth, so the queue stays short.
type Reader struct {
	g   *Generator
	row int64
	mu  sync.Mutex
	q   []rowLabels // labelled rows read and not yet asked for, in row order
}

type rowLabels struct {
	row    int64
	labels map[string]string
}

// NewReader reads g's rows.
func NewReader(g *Generator) *Reader { return &Reader{g: g} }

// Read returns the next generated record, io.EOF after the last.
func (r *Reader) Read() (*value.Record, error) {
	row, ok := r.g.Next()
	if !ok {
		return nil, io.EOF
	}
	r.row = row.N
	if len(row.Labels) > 0 {
		m := make(map[string]string, len(row.Labels))
		for _, l := range row.Labels {
			m[l.Field] = l.Case
		}
		r.mu.Lock()
		r.q = append(r.q, rowLabels{row.N, m})
		r.mu.Unlock()
	}
	return row.Rec, nil
}

// Row is the 1-based number of the last row read.
func (r *Reader) Row() int64 { return r.row }

// Labels returns the edge cases of row (field path -> case name; nil for a
// realistic row) and forgets every row before it: call it in row order,
// from one goroutine, after the row was read.
func (r *Reader) Labels(row int64) map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := 0
	for i < len(r.q) && r.q[i].row < row {
		i++
	}
	var m map[string]string
	if i < len(r.q) && r.q[i].row == row {
		m = r.q[i].labels
		i++
	}
	r.q = r.q[i:]
	if len(r.q) == 0 {
		r.q = r.q[:0:0]
	}
	return m
}
