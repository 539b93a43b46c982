package check

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/value"
)

// Feed runs the data detectors of a Data off the caller's goroutine, on
// one or more shards: each shard owns the rules of some target fields
// (and the engine errors on those targets) and sees every row in input
// order, so each field's state stays single-threaded and ordered. Close
// merges the shards back into the Data; its findings are then exactly
// those of a serial run (same counts, messages and first examples).
//
// Rows travel in bounded batches: memory stays flat however many rows
// are fed. The records, results and labels handed to Observe must not be
// changed afterwards (engine.Run with an OnRow hook hands over fresh
// records and results; labels are copied).
type Feed struct {
	d      *Data
	shards []*Data
	chans  []chan *feedBatch
	free   chan *feedBatch
	cur    *feedBatch
	wg     sync.WaitGroup
	serial bool
	closed bool
}

type feedRow struct {
	row    int64
	in     *value.Record
	res    engine.Result
	labels map[string]string
}

type feedBatch struct {
	rows []feedRow
	left atomic.Int32 // shards still reading the batch
}

// FeedBatch is the number of rows handed to the shards at once; at most
// FeedDepth batches wait per shard.
const (
	FeedBatch = 512
	FeedDepth = 2
)

// NewFeed starts shards goroutines (at least 1, at most one per target
// field) observing rows for d. d must not have observed rows yet; when it
// has, the Feed observes into d on the caller's goroutine.
func NewFeed(d *Data, shards int) *Feed {
	f := &Feed{d: d}
	if d.rows != 0 {
		f.serial = true
		return f
	}
	// rules with the same target share a shard
	group := map[string]int{}
	owner := make([]int, len(d.rules))
	for i, dr := range d.rules {
		t := dr.ri.r.Target
		g, ok := group[t]
		if !ok {
			g = len(group)
			group[t] = g
		}
		owner[i] = g
	}
	shards = min(max(shards, 1), max(len(group), 1))
	f.free = make(chan *feedBatch, shards*FeedDepth+2)
	for s := 0; s < shards; s++ {
		sd := NewDataFor(d.c.m, d.c.src, d.c.dst, d.opts)
		sd.skip = make([]bool, len(sd.rules))
		for i := range sd.rules {
			sd.skip[i] = owner[i]%shards != s
		}
		sd.noPairs = s != 0
		sd.ownErr = func(target string) bool {
			g, ok := group[target]
			if !ok {
				return s == 0 // errors on targets no rule writes: shard 0
			}
			return g%shards == s
		}
		ch := make(chan *feedBatch, FeedDepth)
		f.shards = append(f.shards, sd)
		f.chans = append(f.chans, ch)
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			for b := range ch {
				for i := range b.rows {
					r := &b.rows[i]
					sd.Observe(r.row, r.in, r.res, r.labels)
				}
				if b.left.Add(-1) == 0 {
					// the last shard recycles the batch (the free
					// list is bounded: when full the batch is dropped)
					clear(b.rows)
					b.rows = b.rows[:0]
					select {
					case f.free <- b:
					default:
					}
				}
			}
		}()
	}
	return f
}

// Observe queues one row (see Data.Observe). Call it from one goroutine,
// in input order. After Close it observes into the Data directly.
func (f *Feed) Observe(row int64, in *value.Record, res engine.Result, labels map[string]string) {
	if f.serial || f.closed {
		// after Close the merged Data carries on by itself
		f.d.Observe(row, in, res, labels)
		return
	}
	if f.cur == nil {
		select {
		case b := <-f.free:
			f.cur = b
		default:
			f.cur = &feedBatch{rows: make([]feedRow, 0, FeedBatch)}
		}
	}
	if labels != nil {
		cp := make(map[string]string, len(labels))
		for k, v := range labels {
			cp[k] = v
		}
		labels = cp
	}
	f.cur.rows = append(f.cur.rows, feedRow{row, in, res, labels})
	if len(f.cur.rows) == FeedBatch {
		f.send()
	}
}

func (f *Feed) send() {
	b := f.cur
	f.cur = nil
	b.left.Store(int32(len(f.chans)))
	for _, ch := range f.chans {
		ch <- b
	}
}

// Close waits for the shards and merges them into the Data. Safe to call
// more than once.
func (f *Feed) Close() {
	if f.serial || f.closed {
		return
	}
	f.closed = true
	if f.cur != nil && len(f.cur.rows) > 0 {
		f.send()
	}
	for _, ch := range f.chans {
		close(ch)
	}
	f.wg.Wait()
	f.d.merge(f.shards)
}

// merge takes over the state of shards that observed the same rows, each
// owning some rules (Feed): rules from their owners, aggregates in the
// order a serial run creates them.
func (d *Data) merge(shards []*Data) {
	if len(shards) == 0 {
		return
	}
	d.rows, d.rejected = shards[0].rows, shards[0].rejected
	for i := range d.rules {
		for _, s := range shards {
			if !s.skip[i] {
				d.rules[i] = s.rules[i]
			}
		}
	}
	d.pairs = shards[0].pairs
	var all []*agg
	d.aggs = map[aggKey]*agg{}
	for _, s := range shards {
		for k, a := range s.aggs {
			d.aggs[k] = a
			all = append(all, a)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i].at, all[j].at
		for k := range a {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return false
	})
	d.order = d.order[:0]
	for _, a := range all {
		d.order = append(d.order, aggKey{a.f.Kind, a.f.Target, a.f.Rule})
		d.seq = max(d.seq, a.at[2]+1)
	}
}
