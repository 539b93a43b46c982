package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/seamhq/seam/mapping/value"
)

// inBatch is the input half of a batch that Run and RunPlan hand from
// the reader to a worker and on to the writer.
type inBatch struct {
	seq   int64
	recs  []*value.Record
	spare []*value.Record // records kept for reuse (ReaderInto)
	rows  []int64
	lines []int64  // physical line of each record, when the reader knows
	bad   []string // why a record is malformed ("" for a good one)
	err   error    // set when mapping the batch panicked
	// spared: recs are spare's records, reused by the next fill
	spared bool
	// chunk mode: the chunk a worker decodes into the fields above, and
	// the read error met decoding it
	chunk   value.Chunk
	chunked bool
	decErr  error
}

func (b *inBatch) input() *inBatch { return b }

// outBuf is what a batch made for one output: encoded rows (or the
// records, for a writer that is no Encoder), rejects lines and counts.
type outBuf struct {
	out             []byte
	outRecs         []*value.Record
	rej             []byte
	written, reject int64
}

// write hands the buffered rows to w (through enc when set), then the
// rejects lines to rejects (may be nil). It returns how many written and
// rejected rows arrived: after a failed encoded write, how much arrived
// is unknown and counts as none; after a failed write no rejects line is
// written.
func (o *outBuf) write(enc value.Encoder, w value.RecordWriter, rejects io.Writer) (written, rejected int64, err error) {
	written = o.written
	if enc != nil {
		if len(o.out) > 0 {
			if err = enc.WriteEncoded(o.out); err != nil {
				written = 0
			}
		}
	} else {
		for i, r := range o.outRecs {
			if err = w.Write(r); err != nil {
				written = int64(i)
				break
			}
		}
	}
	if err != nil {
		return written, 0, err
	}
	if rejects != nil && len(o.rej) > 0 {
		if _, err := rejects.Write(o.rej); err != nil {
			return written, 0, fmt.Errorf("rejects: %w", err)
		}
	}
	return written, o.reject, nil
}

// recycle drops the output records and an oversized buffer before the
// batch is reused.
func (o *outBuf) recycle() {
	o.outRecs = o.outRecs[:0]
	if cap(o.out) > 4<<20 {
		o.out = nil
	}
}

// reset empties the buffer before a batch is mapped.
func (o *outBuf) reset() {
	o.out, o.rej, o.outRecs = o.out[:0], o.rej[:0], o.outRecs[:0]
	o.written, o.reject = 0, 0
}

// batchValues bounds the input values of one batch (about 14 MB).
const batchValues = 1 << 17

// batchReader fills batches from a record reader, or, in chunk mode, cuts
// the input into chunks of whole records that the workers decode
// (value.Splitter): then reading and decoding run on every core and the
// reader goroutine only looks for record ends.
type batchReader struct {
	src   recSource
	reuse bool
	split value.Splitter // chunk mode when set
	size  int
	err   error // the read error that ended the input, if any
	// decErr is the error a worker met decoding a chunk, kept when its
	// batch is flushed (by the flushing goroutine).
	decErr error
}

// recSource is where records come from: a reader and what else it can do.
type recSource struct {
	r    value.RecordReader
	into value.ReaderInto // nil when records are not reused
	lr   value.LineReader
}

func newRecSource(r value.RecordReader, reuse bool) recSource {
	s := recSource{r: r}
	if reuse {
		s.into, _ = r.(value.ReaderInto)
	}
	s.lr, _ = r.(value.LineReader)
	return s
}

// newBatchReader reads up to size records a batch from r, reusing records
// when reuse is set and r can read into one.
func newBatchReader(r value.RecordReader, size int, reuse bool) *batchReader {
	return &batchReader{src: newRecSource(r, reuse), reuse: reuse, size: size}
}

// useChunks turns chunk mode on when the reader can cut chunks.
func (br *batchReader) useChunks() {
	br.split, _ = br.src.r.(value.Splitter)
}

// fill reads up to size records into b (in chunk mode: cuts the next
// chunk into b for a worker to decode); last is set at the end of the
// input, on a read error (kept in err) or when ctx is done.
func (br *batchReader) fill(ctx context.Context, b *inBatch) (last bool) {
	b.chunked, b.decErr = false, nil
	if br.split == nil {
		last, br.err = br.src.fill(ctx, b, br.size, batchValues)
		return last
	}
	b.recs, b.rows, b.lines, b.bad = b.recs[:0], b.rows[:0], b.lines[:0], b.bad[:0]
	if ctx.Err() != nil {
		return true
	}
	ch, err := br.split.NextChunk()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			br.err = err
		}
		return true
	}
	b.chunk, b.chunked = ch, true
	if ch.Rest != nil {
		// the rest of the input is read record by record
		br.src = newRecSource(ch.Rest, br.reuse)
		br.split = nil
	}
	return false
}

// decode decodes b's chunk into its records with d; a read error is kept
// in b.decErr, after the records before it.
func (br *batchReader) decode(d value.ChunkDecoder, b *inBatch) {
	d.Reset(b.chunk)
	b.chunk.Data = nil
	_, b.decErr = newRecSource(d, br.reuse).fill(context.Background(), b, math.MaxInt, math.MaxInt)
}

// fill reads up to size records or maxVals values into b; last is set at
// the end of the input, on a read error (returned) or when ctx is done.
func (s recSource) fill(ctx context.Context, b *inBatch, size, maxVals int) (last bool, rerr error) {
	b.rows, b.lines, b.bad = b.rows[:0], b.lines[:0], b.bad[:0]
	b.spared = s.into != nil
	n, vals := 0, 0
	defer func() {
		if s.into != nil {
			b.recs = b.spare[:n]
		} else {
			b.recs = b.recs[:n]
		}
	}()
	// A batch ends at size rows or maxVals values, whichever
	// comes first: rows of 100,000 columns would otherwise hold
	// gigabytes per batch.
	for n < size && vals < maxVals {
		if ctx.Err() != nil {
			return true, nil
		}
		var rec *value.Record
		var err error
		if s.into != nil {
			if n < len(b.spare) {
				rec = b.spare[n]
			} else {
				rec = &value.Record{}
				b.spare = append(b.spare, rec)
			}
			err = s.into.ReadInto(rec)
		} else {
			rec, err = s.r.Read()
		}
		bad := ""
		if err != nil {
			var be *value.BadRowError
			if !errors.As(err, &be) {
				if !errors.Is(err, io.EOF) {
					rerr = err
				}
				return true, rerr
			}
			// A malformed record is a rejected row, not the end of the run.
			bad, rec = be.Reason, be.Rec
			if s.into != nil {
				b.spare[n] = rec
			}
		}
		if s.into == nil {
			if n < len(b.recs) {
				b.recs[n] = rec
			} else {
				b.recs = append(b.recs, rec)
			}
		}
		b.rows = append(b.rows, s.r.Row())
		line := int64(0)
		if s.lr != nil {
			line = s.lr.Line()
		}
		b.lines = append(b.lines, line)
		b.bad = append(b.bad, bad)
		n++
		if rec != nil {
			vals += len(rec.Vals)
		}
	}
	return false, nil
}

// end flushes every rejects writer that has a Flush() error method and
// returns the error the run ends with: the write error werr first, then
// the read error, then ctx's.
func (br *batchReader) end(ctx context.Context, werr error, rejects ...io.Writer) error {
	for _, w := range rejects {
		if f, ok := w.(interface{ Flush() error }); ok {
			if err := f.Flush(); err != nil && werr == nil {
				werr = fmt.Errorf("rejects: %w", err)
			}
		}
	}
	switch {
	case werr != nil:
		return werr
	case br.decErr != nil:
		return br.decErr
	case br.err != nil:
		return br.err
	}
	return ctx.Err()
}

// pipeline is what Run and RunPlan share: a reader goroutine filling
// batches, workers mapping them, and the calling goroutine flushing them
// in input order. With one worker everything runs on the calling
// goroutine (no hand-offs).
type pipeline[B interface{ input() *inBatch }] struct {
	workers  int
	read     *batchReader
	newBatch func() B
	// worker returns the mapping function of one worker goroutine.
	worker func() func(B)
	// flush writes a mapped batch; false means the run stopped and the
	// batch is not reused.
	flush func(B) bool
}

// run runs the pipeline until the input ends, a flush fails or ctx is
// done.
func (pl *pipeline[B]) run(ctx context.Context) {
	release := func(b B) {
		if !b.input().spared {
			// Nothing holds on to records after their batch is written.
			clear(b.input().recs)
		}
	}
	// Chunks bound a batch by bytes, however wide or nested its records,
	// and decode without a string per record: one worker uses them too.
	pl.read.useChunks()
	split := pl.read.split // the reader drops it when it falls back
	if pl.workers == 1 {
		process := pl.worker()
		var dec value.ChunkDecoder
		if split != nil {
			dec = split.NewDecoder()
		}
		b := pl.newBatch()
		for {
			in := b.input()
			last := pl.read.fill(ctx, in)
			if in.chunked {
				pl.read.decode(dec, in)
			}
			process(b)
			decErr := in.decErr
			if !pl.flush(b) || last {
				return
			}
			if decErr != nil {
				pl.read.decErr = decErr
				return
			}
			release(b)
		}
	}
	rctx, rcancel := context.WithCancel(ctx)
	defer rcancel()
	inflight := make(chan struct{}, 2*pl.workers+2) // bounds memory
	work := make(chan B, pl.workers)
	done := make(chan B, 2*pl.workers+2)
	pool := sync.Pool{New: func() any { return pl.newBatch() }}
	var readWG sync.WaitGroup
	readWG.Add(1)
	go func() { // reader
		defer readWG.Done()
		defer close(work)
		var seq int64
		for {
			select {
			case inflight <- struct{}{}:
			case <-rctx.Done():
				return
			}
			b := pool.Get().(B)
			b.input().seq = seq
			seq++
			last := pl.read.fill(rctx, b.input())
			work <- b
			if last || rctx.Err() != nil {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for i := 0; i < pl.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process := pl.worker()
			var dec value.ChunkDecoder
			if split != nil {
				dec = split.NewDecoder()
			}
			for b := range work {
				if in := b.input(); in.chunked {
					pl.read.decode(dec, in)
				}
				process(b)
				done <- b
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	pending := map[int64]B{}
	var next int64
	stopped := false // a chunk's read error ended the input
	for b := range done {
		pending[b.input().seq] = b
		for {
			nb, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			decErr := nb.input().decErr
			// after a read error the batches behind it were never read
			if !stopped && pl.flush(nb) {
				release(nb)
				pool.Put(nb)
			}
			if decErr != nil && !stopped {
				stopped = true
				pl.read.decErr = decErr
				rcancel()
			}
			<-inflight
		}
	}
	readWG.Wait()
}

// recoverBatch turns a panic while mapping b into b's error.
func recoverBatch(b *inBatch) {
	if r := recover(); r != nil {
		b.err = fmt.Errorf("internal error mapping rows %d..: %v", b.rows[0], r)
	}
}

// appendRowLine starts a rejects line: the row and, when known, the
// physical line.
func appendRowLine(b []byte, row, line int64) []byte {
	b = append(b, `{"row":`...)
	b = value.IntV(row).AppendJSON(b)
	if line > 0 {
		b = append(b, `,"line":`...)
		b = value.IntV(line).AppendJSON(b)
	}
	return b
}
