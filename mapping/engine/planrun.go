package engine

import (
	"context"
	"fmt"
	"io"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// PlanStats counts a plan's run: the records read and, per target (in
// Plan.Targets order), the rows offered to it (Read: one per record, or
// one per element of its each), written and rejected. Per target, Read =
// Written + Rejected + NotProcessed once a run ends.
type PlanStats struct {
	Records int64
	Targets []Stats
	// Kinds counts, per target, the rows with an error of each kind
	// (handled or not): parent_rejected, lookup_miss, coercion_failure...
	Kinds []map[kind.Kind]int64
	// JoinMisses counts, per target, the rows that found no row in each
	// join (by the join's name) among the joins the target reads; a miss
	// that only follows from the miss of an earlier join it keys on
	// (city on address.city_id when address found no row) is the earlier
	// join's and not counted again.
	JoinMisses []map[string]int64
}

// PlanOutput is where one target's rows go: W for written rows, Rejects
// (may be nil) for its rejects lines.
type PlanOutput struct {
	W       value.RecordWriter
	Rejects io.Writer
}

type planBatch struct {
	inBatch
	t []planBatchTarget
	// made holds, per record, the rows it made (RunOptions.OnRecord).
	made [][]PlanRow
}

type planBatchTarget struct {
	outBuf
	read  int64
	kinds map[kind.Kind]int64
	joins map[string]int64
}

// RunPlan streams records from r through every target of p into outs
// (one per target, in Plan.Targets order), in input order, like Run:
// the same batching, workers, cancellation and NotProcessed rules. A
// rejects line of a plan also names the target and, for a target with
// each, the element: {"row": N, "element": I, "target": "order_details",
// "errors": [...], "source": {...}} (row is the input record's number;
// "elements" lists every level's position for a nested each). Every join
// must be loaded first (LoadJoin).
func RunPlan(ctx context.Context, p *Plan, r value.RecordReader, outs []PlanOutput, opt RunOptions) (PlanStats, error) {
	nt := len(p.targets)
	st := PlanStats{Targets: make([]Stats, nt), Kinds: make([]map[kind.Kind]int64, nt), JoinMisses: make([]map[string]int64, nt)}
	for i := range st.Kinds {
		st.Kinds[i] = map[kind.Kind]int64{}
		st.JoinMisses[i] = map[string]int64{}
	}
	if len(outs) != nt {
		return st, fmt.Errorf("RunPlan: %d outputs for %d targets", len(outs), nt)
	}
	for _, j := range p.joins {
		if !j.loaded {
			return st, fmt.Errorf("join %s: its data is not loaded", j.name)
		}
	}
	r = p.GroupReader(r, opt.MaxGroupRows)
	batch := 1024
	for _, t := range p.targets {
		if len(t.each) > 0 {
			// A record with arrays holds tens of values below its
			// top-level ones, which batchValues does not count:
			// smaller batches keep the heap near the flat run's.
			batch = 256
		}
	}
	workers, size := opt.sizes(batch)
	encs := make([]value.Encoder, nt)
	keep := opt.OnRecord != nil
	rej := make([]bool, nt) // the targets whose rejects lines are written
	for i, o := range outs {
		rej[i] = o.Rejects != nil
	}
	reuse := !keep // the hook keeps the rows it is handed
	for i, o := range outs {
		encs[i], _ = o.W.(value.Encoder)
		if encs[i] == nil {
			reuse = false
		}
	}
	read := newBatchReader(r, size, !keep)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var werr error
	flush := func(b *planBatch) bool {
		st.Records += int64(len(b.recs))
		for ti := range b.t {
			bt := &b.t[ti]
			ts := &st.Targets[ti]
			ts.Read += bt.read
			for k, n := range bt.kinds {
				st.Kinds[ti][k] += n
			}
			for j, n := range bt.joins {
				st.JoinMisses[ti][j] += n
			}
			if werr != nil || b.err != nil {
				ts.NotProcessed += bt.read
				continue
			}
			written, rejected, err := bt.write(encs[ti], outs[ti].W, outs[ti].Rejects)
			if err != nil {
				werr = err
			}
			ts.Written += written
			ts.Rejected += rejected
			ts.NotProcessed += bt.read - written - rejected
			bt.recycle()
		}
		if b.err != nil && werr == nil {
			werr = b.err
		}
		if werr != nil {
			cancel()
			return false
		}
		if keep {
			for i, rows := range b.made {
				opt.OnRecord(b.rows[i], b.recs[i], rows)
			}
		}
		if opt.Progress != nil {
			var sum Stats
			for _, ts := range st.Targets {
				sum.Read += ts.Read
				sum.Written += ts.Written
				sum.Rejected += ts.Rejected
			}
			opt.Progress(sum)
		}
		return true
	}
	pl := pipeline[*planBatch]{
		workers:  workers,
		read:     read,
		newBatch: func() *planBatch { return &planBatch{t: make([]planBatchTarget, nt)} },
		worker: func() func(*planBatch) {
			x := p.NewExec(reuse)
			if opt.Coverage != nil {
				x.Cover(opt.Coverage)
			}
			return func(b *planBatch) { processPlan(x, b, encs, rej, keep) }
		},
		flush: flush,
	}
	pl.run(ctx)
	rejects := make([]io.Writer, len(outs))
	for i, o := range outs {
		rejects[i] = o.Rejects
	}
	return st, read.end(ctx, werr, rejects...)
}

// processPlan applies the plan to a batch, encoding each target's output
// and the rejects lines of the targets rej marks; with keep it also keeps
// every row in b.made.
func processPlan(x *PlanExec, b *planBatch, encs []value.Encoder, rej []bool, keep bool) {
	defer recoverBatch(&b.inBatch)
	b.err = nil
	for ti := range b.t {
		bt := &b.t[ti]
		bt.outBuf.reset()
		bt.read = 0
		clear(bt.kinds)
		clear(bt.joins)
	}
	if keep {
		b.made = append(b.made[:0], make([][]PlanRow, len(b.recs))...)
	}
	var i int
	emit := func(row PlanRow) {
		bt := &b.t[row.Target]
		bt.read++
		for k, e := range row.Result.Errors {
			if k == 0 || e.Kind != row.Result.Errors[k-1].Kind {
				if bt.kinds == nil {
					bt.kinds = map[kind.Kind]int64{}
				}
				bt.kinds[e.Kind]++
			}
			if e.Join != "" && !x.p.followsMiss(e.Join, row.Result.Errors) {
				if bt.joins == nil {
					bt.joins = map[string]int64{}
				}
				bt.joins[e.Join]++
			}
		}
		if keep {
			row.Elements = append([]int(nil), row.Elements...)
			b.made[i] = append(b.made[i], row)
		}
		if row.Result.Rejected {
			bt.reject++
			if rej[row.Target] {
				bt.rej = appendPlanReject(bt.rej, b.rows[i], b.lines[i], x.p.targets[row.Target].name, row.Elements, b.recs[i], row.Result.Errors)
			}
			return
		}
		bt.written++
		if e := encs[row.Target]; e != nil {
			bt.out = e.AppendRecord(bt.out, row.Result.Out)
		} else {
			bt.outRecs = append(bt.outRecs, row.Result.Out)
		}
	}
	for i = range b.recs {
		if b.bad[i] != "" {
			// A record the reader could not make: rejected in every target.
			for ti, t := range x.p.targets {
				errs := []RowError{{Kind: kind.MalformedRow, Reason: b.bad[i], Action: mapping.OnErrorReject, Table: t.name}}
				emit(PlanRow{Target: ti, Result: Result{Rejected: true, Errors: errs}})
			}
			continue
		}
		x.Apply(b.recs[i], emit)
	}
}

// appendPlanReject renders one rejects line of a plan's target.
func appendPlanReject(b []byte, row, line int64, target string, elems []int, in *value.Record, errs []RowError) []byte {
	b = appendRowLine(b, row, line)
	if len(elems) > 0 {
		b = append(b, `,"element":`...)
		b = value.IntV(int64(elems[len(elems)-1])).AppendJSON(b)
		if len(elems) > 1 {
			b = append(b, `,"elements":[`...)
			for k, e := range elems {
				if k > 0 {
					b = append(b, ',')
				}
				b = value.IntV(int64(e)).AppendJSON(b)
			}
			b = append(b, ']')
		}
	}
	b = append(b, `,"target":`...)
	b = value.Str(target).AppendJSON(b)
	return appendErrorsSource(b, in, errs)
}

// TargetReader reads the records of r as target ti of the plan sees them:
// joined, and for a target with each one record per element (the array
// replaced by the element, $line set). Row is the input record's number.
// Records whose array field holds no array are left out. seam check runs
// each target's Program over it. When r knows the edge cases of its rows
// (a Labels(row int64) map[string]string method, as synth.Reader), so
// does the target reader, with a field inside an iterated array named as
// the target sees it (lineItems[].price as lineItems.price).
func (p *Plan) TargetReader(ti int, r value.RecordReader) value.RecordReader {
	tr := &targetReader{r: p.GroupReader(r, 0), ti: ti}
	tr.labels, _ = r.(labeller)
	if each := p.targets[ti].each; len(each) > 0 {
		tr.fix = eachPaths(each)
	}
	tr.x = p.NewExec(false) // queued records keep their joined rows
	tr.x.visit = func(t int, rec *value.Record) {
		if t == ti {
			tr.queue = append(tr.queue, &value.Record{Keys: rec.Keys, Vals: append([]value.Value(nil), rec.Vals...)})
		}
	}
	return tr
}

// labeller is a reader that knows each row's edge cases by field
// (check.LabelledReader).
type labeller interface {
	Labels(row int64) map[string]string
}

type targetReader struct {
	r     value.RecordReader
	x     *PlanExec
	ti    int
	queue []*value.Record
	row   int64
	// labels is the source's labeller (nil for none); fix renames the
	// fields of an iterated array; lastRow and last keep the labels of the
	// last row asked for, asked again for each element of that record.
	labels  labeller
	fix     func(string) string
	lastRow int64
	last    map[string]string
}

// Labels returns the edge cases of row (the input record's number) by
// field, nil for none.
func (t *targetReader) Labels(row int64) map[string]string {
	if t.labels == nil {
		return nil
	}
	if row == t.lastRow {
		return t.last
	}
	ls := t.labels.Labels(row)
	if t.fix != nil && len(ls) > 0 {
		m := make(map[string]string, len(ls))
		for f, c := range ls {
			m[t.fix(f)] = c
		}
		ls = m
	}
	t.lastRow, t.last = row, ls
	return ls
}

func (t *targetReader) Read() (*value.Record, error) {
	for len(t.queue) == 0 {
		rec, err := t.r.Read()
		if err != nil {
			return nil, err
		}
		t.row = t.r.Row()
		t.x.Apply(rec, nil)
	}
	rec := t.queue[0]
	t.queue = t.queue[1:]
	return rec, nil
}

func (t *targetReader) Row() int64 { return t.row }
