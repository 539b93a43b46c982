package engine

import (
	"context"
	"errors"
	"fmt"
	"github.com/seamhq/seam/mapping"
	"io"
	"runtime"
	"sync"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// Stats counts rows. Once a run ends, Read = Written + Rejected +
// NotProcessed, whatever stopped it.
type Stats struct {
	Read, Written, Rejected int64
	// NotProcessed counts rows read from the input that reached neither the
	// output nor the rejects: those of the batch whose write failed (all of
	// it when the writer cannot say how much arrived) and of the batches
	// already read when the run stopped on that error. It is 0 when a run
	// ends normally, on a read error or on cancellation (every row already
	// read is then mapped and written).
	NotProcessed int64
}

// RunOptions tunes Run.
type RunOptions struct {
	// Workers is the number of goroutines applying the mapping. 1 runs
	// everything on the calling goroutine (no pipeline). 0 chooses: 1 on
	// machines with 2 CPUs or fewer (where hand-offs between a reader, the
	// workers and the writer cost more than they give, measured on the
	// peer workload), else GOMAXPROCS-1 workers beside the reader.
	Workers int
	// BatchSize is the number of rows handed to a worker at once; 0 means
	// 1024.
	BatchSize int
	// Progress, when set, is called after each batch is written, from the
	// goroutine that called Run.
	Progress func(Stats)
	// OnRow, when set, is called for every row in input order, from the
	// goroutine that called Run (row is the 1-based data row number).
	OnRow func(row int64, in *value.Record, res Result)
	// MaxGroupRows bounds the rows of one group of a grouped plan
	// (group_by); 0 means DefaultMaxGroupRows.
	MaxGroupRows int
}

// DefaultWorkers is the worker count Run uses when RunOptions.Workers is
// 0: every core (GOMAXPROCS). On an idle 2-core machine two workers map the
// bench workload in 1.5 s against 2.6 s for one; on a machine whose cores
// are busy with other work, --workers 1 avoids the hand-offs.
func DefaultWorkers() int {
	return runtime.GOMAXPROCS(0)
}

type batch struct {
	seq     int64
	recs    []*value.Record
	spare   []*value.Record // records kept for reuse (ReaderInto)
	rows    []int64
	lines   []int64  // physical line of each record, when the reader knows
	bad     []string // why a record is malformed ("" for a good one)
	out     []byte
	outRecs []*value.Record
	rej     []byte
	results []Result
	written int64
	reject  int64
	err     error
}

// Run streams records from r through p into w, in input order, using
// opt.Workers goroutines. A rejected row goes to rejects (JSON Lines, one
// line per row: {"row": N, "errors": [{"rule", "target", "kind",
// "reason"}], "source": {...}}); rejects may be nil (rows are still
// counted). Nothing is lost: every row read is written or rejected, and
// the Stats say so (Read = Written + Rejected + NotProcessed, the last
// non-zero only after a write error). On ctx cancellation Run stops reading, writes every
// row already read, and returns ctx.Err(). A read error stops the run the
// same way and is returned. Run does not Close w; it flushes rejects when
// rejects has a Flush() error method.
func Run(ctx context.Context, p *Program, r value.RecordReader, w value.RecordWriter, rejects io.Writer, opt RunOptions) (Stats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = DefaultWorkers()
	}
	size := opt.BatchSize
	if size <= 0 {
		size = 1024
	}
	enc, _ := w.(value.Encoder)
	keep := opt.OnRow != nil
	// Without an OnRow hook nothing holds on to records after their batch
	// is written, so batches recycle them (and their values).
	into, _ := r.(value.ReaderInto)
	if keep {
		into = nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	inflight := make(chan struct{}, 2*workers+2) // bounds memory
	work := make(chan *batch, workers)
	done := make(chan *batch, 2*workers+2)
	pool := sync.Pool{New: func() any { return &batch{} }}
	var readErr error
	var readWG sync.WaitGroup

	var st Stats
	var werr error
	pending := map[int64]*batch{}
	var next int64
	flush := func(b *batch) {
		defer func() { <-inflight }()
		n := int64(len(b.recs))
		st.Read += n
		if werr != nil {
			st.NotProcessed += n // the run already stopped
			return
		}
		if b.err != nil {
			werr = b.err
			st.NotProcessed += n
			cancel()
			return
		}
		written := b.written
		if enc != nil {
			if len(b.out) > 0 {
				if err := enc.WriteEncoded(b.out); err != nil {
					werr, written = err, 0 // how much of the batch arrived is unknown
				}
			}
		} else {
			for i, o := range b.outRecs {
				if err := w.Write(o); err != nil {
					werr, written = err, int64(i)
					break
				}
			}
		}
		rejected := b.reject
		if werr != nil {
			rejected = 0 // their rejects lines were not written
		} else if rejects != nil && len(b.rej) > 0 {
			if _, err := rejects.Write(b.rej); err != nil {
				werr, rejected = fmt.Errorf("rejects: %w", err), 0
			}
		}
		if werr != nil {
			st.Written += written
			st.Rejected += rejected
			st.NotProcessed += n - written - rejected
			cancel()
			return
		}
		st.Written += b.written
		st.Rejected += b.reject
		if opt.OnRow != nil {
			for i, res := range b.results {
				opt.OnRow(b.rows[i], b.recs[i], res)
			}
		}
		if opt.Progress != nil {
			opt.Progress(st)
		}
		b.results = b.results[:0]
		b.outRecs = b.outRecs[:0]
		if into == nil {
			for i := range b.recs {
				b.recs[i] = nil
			}
		}
		if cap(b.out) > 4<<20 {
			b.out = nil
		}
		pool.Put(b)
	}
	finish := func() (Stats, error) {
		if f, ok := rejects.(interface{ Flush() error }); ok && rejects != nil {
			if err := f.Flush(); err != nil && werr == nil {
				werr = fmt.Errorf("rejects: %w", err)
			}
		}
		switch {
		case werr != nil:
			return st, werr
		case readErr != nil:
			return st, readErr
		}
		return st, ctx.Err()
	}

	// fill reads up to size records into b; last is set at the end of the
	// input or on a read error (kept in readErr).
	lr, _ := r.(value.LineReader)
	fill := func(b *batch) (last bool) {
		b.rows, b.lines, b.bad = b.rows[:0], b.lines[:0], b.bad[:0]
		n, vals := 0, 0
		defer func() {
			if into != nil {
				b.recs = b.spare[:n]
			} else {
				b.recs = b.recs[:n]
			}
		}()
		// A batch ends at size rows or batchValues values, whichever
		// comes first: rows of 100,000 columns would otherwise hold
		// gigabytes per batch.
		for n < size && vals < batchValues {
			if ctx.Err() != nil {
				return true
			}
			var rec *value.Record
			var err error
			if into != nil {
				if n < len(b.spare) {
					rec = b.spare[n]
				} else {
					rec = &value.Record{}
					b.spare = append(b.spare, rec)
				}
				err = into.ReadInto(rec)
			} else {
				rec, err = r.Read()
			}
			bad := ""
			if err != nil {
				var be *value.BadRowError
				if !errors.As(err, &be) {
					if !errors.Is(err, io.EOF) {
						readErr = err
					}
					return true
				}
				// A malformed record is a rejected row, not the end of the run.
				bad, rec = be.Reason, be.Rec
				if into != nil {
					b.spare[n] = rec
				}
			}
			if into == nil {
				if n < len(b.recs) {
					b.recs[n] = rec
				} else {
					b.recs = append(b.recs, rec)
				}
			}
			b.rows = append(b.rows, r.Row())
			line := int64(0)
			if lr != nil {
				line = lr.Line()
			}
			b.lines = append(b.lines, line)
			b.bad = append(b.bad, bad)
			n++
			if rec != nil {
				vals += len(rec.Vals)
			}
		}
		return false
	}

	if workers == 1 {
		// One worker: no pipeline, no hand-offs between goroutines.
		x := p.NewExec()
		var out *value.Record
		if enc != nil && !keep {
			out = x.newOut(p.out)
		}
		b := &batch{}
		for {
			last := fill(b)
			process(x, b, enc, keep, out)
			inflight <- struct{}{}
			flush(b)
			if last || werr != nil {
				break
			}
		}
		return finish()
	}

	readWG.Add(1)
	go func() { // reader
		defer readWG.Done()
		defer close(work)
		var seq int64
		for {
			select {
			case inflight <- struct{}{}:
			case <-ctx.Done():
				return
			}
			b := pool.Get().(*batch)
			b.seq = seq
			seq++
			last := fill(b)
			work <- b
			if last || ctx.Err() != nil {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := p.NewExec()
			var out *value.Record
			if enc != nil && !keep {
				out = x.newOut(p.out)
			}
			for b := range work {
				process(x, b, enc, keep, out)
				done <- b
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	for b := range done {
		pending[b.seq] = b
		for {
			nb, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			flush(nb)
		}
	}
	readWG.Wait()
	return finish()
}

// batchValues bounds the input values of one batch (about 14 MB).
const batchValues = 1 << 17

// process applies the program to a batch, encoding output and rejects.
// With out set (an encoder and no hook), one output record is reused.
func process(x *Exec, b *batch, enc value.Encoder, keep bool, out *value.Record) {
	defer func() {
		if r := recover(); r != nil {
			b.err = fmt.Errorf("internal error mapping rows %d..: %v", b.rows[0], r)
		}
	}()
	b.out, b.rej = b.out[:0], b.rej[:0]
	b.written, b.reject = 0, 0
	for i, in := range b.recs {
		var res Result
		if b.bad[i] != "" {
			res = Result{Rejected: true, Errors: []RowError{{Kind: kind.MalformedRow, Reason: b.bad[i], Action: mapping.OnErrorReject}}}
			if keep {
				b.results = append(b.results, res)
			}
			b.reject++
			b.rej = appendReject(b.rej, b.rows[i], b.lines[i], in, res.Errors)
			continue
		}
		if out != nil {
			resetOut(out, x.p.out)
			res.Out = out
			res.Rejected = x.applyTo(in, out)
			res.Errors = x.errs
		} else {
			res = x.Apply(in)
		}
		if keep {
			b.results = append(b.results, res)
		}
		if res.Rejected {
			b.reject++
			b.rej = appendReject(b.rej, b.rows[i], b.lines[i], in, res.Errors)
			continue
		}
		b.written++
		if enc != nil {
			b.out = enc.AppendRecord(b.out, res.Out)
		} else {
			b.outRecs = append(b.outRecs, res.Out)
		}
	}
}

// appendReject renders one rejects line; line is the record's physical
// line in the input, or 0 when the reader does not know it.
func appendReject(b []byte, row, line int64, in *value.Record, errs []RowError) []byte {
	b = append(b, `{"row":`...)
	b = value.IntV(row).AppendJSON(b)
	if line > 0 {
		b = append(b, `,"line":`...)
		b = value.IntV(line).AppendJSON(b)
	}
	return appendErrorsSource(b, in, errs)
}

// appendErrorsSource renders the end of a rejects line: the errors, the
// source record, the closing brace.
func appendErrorsSource(b []byte, in *value.Record, errs []RowError) []byte {
	b = append(b, `,"errors":[`...)
	for i, e := range errs {
		if i > 0 {
			b = append(b, ',')
		}
		// rule and target are left out when the error concerns the
		// whole record (malformed_row): no rule ran, nothing was targeted
		b = append(b, '{')
		if e.Rule != nil {
			b = append(b, `"rule":`...)
			b = value.Str(e.Rule.Name()).AppendJSON(b)
			b = append(b, ',')
		}
		if e.Target != "" {
			b = append(b, `"target":`...)
			b = value.Str(e.Target).AppendJSON(b)
			b = append(b, ',')
		}
		b = append(b, `"kind":`...)
		b = value.Str(string(e.Kind)).AppendJSON(b)
		b = append(b, `,"reason":`...)
		b = value.Str(e.Reason).AppendJSON(b)
		if e.Action != "" && e.Action != mapping.OnErrorReject {
			b = append(b, `,"action":`...)
			b = value.Str(e.Action).AppendJSON(b)
		}
		b = append(b, '}')
	}
	b = append(b, `],"source":`...)
	src, _ := in.MarshalJSON()
	b = append(b, src...)
	return append(b, '}', '\n')
}
