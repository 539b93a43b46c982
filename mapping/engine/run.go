package engine

import (
	"context"
	"github.com/seamhq/seam/mapping"
	"io"
	"runtime"

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
	// OnRecord, when set, is RunPlan's OnRow: called for every record in
	// input order, from the goroutine that called RunPlan, with every row
	// the record made for every target (Elements and Result its own).
	OnRecord func(row int64, in *value.Record, rows []PlanRow)
	// MaxGroupRows bounds the rows of one group of a grouped plan
	// (group_by); 0 means DefaultMaxGroupRows.
	MaxGroupRows int
	// Coverage, when set, receives what the rows exercised (cover.go):
	// every worker's Exec records into it. Read it after Run returns.
	Coverage *Coverage
}

// sizes are the worker count and batch size of a run: the options', or
// DefaultWorkers and batch.
func (o RunOptions) sizes(batch int) (workers, size int) {
	workers, size = o.Workers, o.BatchSize
	if workers <= 0 {
		workers = DefaultWorkers()
	}
	if size <= 0 {
		size = batch
	}
	return workers, size
}

// DefaultWorkers is the worker count Run uses when RunOptions.Workers is
// 0: every core (GOMAXPROCS). On an idle 2-core machine two workers map the
// bench workload in 1.5 s against 2.6 s for one; on a machine whose cores
// are busy with other work, --workers 1 avoids the hand-offs.
func DefaultWorkers() int {
	return runtime.GOMAXPROCS(0)
}

type batch struct {
	inBatch
	outBuf
	results []Result
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
	workers, size := opt.sizes(1024)
	enc, _ := w.(value.Encoder)
	keep := opt.OnRow != nil
	// Without an OnRow hook nothing holds on to records after their batch
	// is written, so batches recycle them (and their values).
	read := newBatchReader(r, size, !keep)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var st Stats
	var werr error
	flush := func(b *batch) bool {
		n := int64(len(b.recs))
		st.Read += n
		if werr != nil {
			st.NotProcessed += n // the run already stopped
			return false
		}
		if b.err != nil {
			werr = b.err
			st.NotProcessed += n
			cancel()
			return false
		}
		written, rejected, err := b.write(enc, w, rejects)
		st.Written += written
		st.Rejected += rejected
		if err != nil {
			werr = err
			st.NotProcessed += n - written - rejected
			cancel()
			return false
		}
		if opt.OnRow != nil {
			for i, res := range b.results {
				opt.OnRow(b.rows[i], b.recs[i], res)
			}
		}
		if opt.Progress != nil {
			opt.Progress(st)
		}
		b.results = b.results[:0]
		b.recycle()
		return true
	}
	pl := pipeline[*batch]{
		workers:  workers,
		read:     read,
		newBatch: func() *batch { return &batch{} },
		worker: func() func(*batch) {
			x := p.NewExec()
			if opt.Coverage != nil {
				x.Cover(opt.Coverage)
			}
			var out *value.Record
			if enc != nil && !keep {
				out = x.newOut(p.out)
			}
			return func(b *batch) { process(x, b, enc, keep, out, rejects != nil) }
		},
		flush: flush,
	}
	pl.run(ctx)
	return st, read.end(ctx, werr, rejects)
}

// process applies the program to a batch, encoding output and, with rej
// set (a rejects writer), rejects lines. With out set (an encoder and no
// hook), one output record is reused.
func process(x *Exec, b *batch, enc value.Encoder, keep bool, out *value.Record, rej bool) {
	defer recoverBatch(&b.inBatch)
	b.outBuf.reset()
	for i, in := range b.recs {
		var res Result
		if b.bad[i] != "" {
			res = Result{Rejected: true, Errors: []RowError{{Kind: kind.MalformedRow, Reason: b.bad[i], Action: mapping.OnErrorReject}}}
			if keep {
				b.results = append(b.results, res)
			}
			b.reject++
			if rej {
				b.rej = appendReject(b.rej, b.rows[i], b.lines[i], in, res.Errors)
			}
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
			if rej {
				b.rej = appendReject(b.rej, b.rows[i], b.lines[i], in, res.Errors)
			}
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
	return appendErrorsSource(appendRowLine(b, row, line), in, errs)
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
