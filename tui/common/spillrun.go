package common

import (
	"sync"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/internal/spill"
)

// What a run made of each row goes to a temporary file too (RunBuilder):
// the target records, the errors and the rows of every target. In memory
// stay the indexes of the failing rows (4 bytes each) and, for the "every
// row of a finding" list, the kind, target, table and join of each error
// (8 bytes per error).

// ErrKey is what the lists of rows by finding match an error on.
type ErrKey struct {
	Kind                kind.Kind
	Target, Table, Join string
}

// KeyOf returns e's ErrKey.
func KeyOf(e engine.RowError) ErrKey {
	return ErrKey{Kind: e.Kind, Target: e.Target, Table: e.Table, Join: e.Join}
}

type spilledRun struct {
	f     *spill.File
	keys  spill.Keys
	rules []*mapping.Rule
	ruleN map[*mapping.Rule]int
	// errRow[i] is the row of the i-th error, errKey[i] its key in keyTab.
	errRow []int32
	errKey []uint32
	keyTab []ErrKey
	keyID  map[ErrKey]uint32
	cache  rowCache[*RunRow]
	mu     sync.Mutex
	err    error
}

// Len returns the number of rows of the run.
func (r *RunResult) Len() int {
	if r == nil {
		return 0
	}
	if r.spill != nil {
		return r.spill.f.Len()
	}
	return len(r.Rows)
}

// Row returns row i (0-based) of the run, nil when out of range. The row
// is shared: callers must not change it.
func (r *RunResult) Row(i int) *RunRow {
	if i < 0 || i >= r.Len() {
		return nil
	}
	if r.spill == nil {
		return &r.Rows[i]
	}
	sr := r.spill
	if row, ok := sr.cache.get(i); ok {
		return row
	}
	row := &RunRow{}
	b, err := sr.f.Get(i, nil)
	if err == nil {
		d := spill.Decoder{B: b}
		sr.decodeRow(&d, row)
		err = d.Err
	}
	if err != nil {
		sr.mu.Lock()
		if sr.err == nil {
			sr.err = err
		}
		sr.mu.Unlock()
		row = &RunRow{Errors: []engine.RowError{{Kind: kind.MalformedRow, Reason: "reading the run's rows: " + err.Error()}}}
	}
	row.In = r.Data.Row(i)
	if row.In == nil {
		row.In = &value.Record{}
	}
	sr.cache.put(i, row)
	return row
}

// EveryRow lists the rows (0-based, ascending) with an error that match
// accepts.
func (r *RunResult) EveryRow(match func(ErrKey) bool) []int32 {
	out := []int32{}
	if r == nil {
		return out
	}
	if sr := r.spill; sr != nil {
		ok := make([]bool, len(sr.keyTab))
		for i, k := range sr.keyTab {
			ok[i] = match(k)
		}
		for i, row := range sr.errRow {
			if ok[sr.errKey[i]] && (len(out) == 0 || out[len(out)-1] != row) {
				out = append(out, row)
			}
		}
		return out
	}
	for i := range r.Rows {
		for _, e := range r.Rows[i].Errors {
			if match(KeyOf(e)) {
				out = append(out, int32(i))
				break
			}
		}
	}
	return out
}

// RunBuilder collects what a run made of each row, in row order, into a
// temporary file; see NewRunBuilder.
type RunBuilder struct {
	r   *RunResult
	buf []byte
}

// NewRunBuilder starts keeping res's rows in a temporary file in dir (the
// system's when ""); when no file can be made they stay in res.Rows. The
// rows' source records are res.Data's (set it before reading rows).
func NewRunBuilder(res *RunResult, dir string) *RunBuilder {
	if f, err := spill.Create(dir); err == nil {
		res.spill = &spilledRun{f: f, ruleN: map[*mapping.Rule]int{}, keyID: map[ErrKey]uint32{}}
	}
	return &RunBuilder{r: res}
}

// Add sets row n (1-based, ascending: rows skipped before it stay empty)
// (its In is not kept: it is the dataset's) and notes it in Failing when
// it failed.
func (b *RunBuilder) Add(n int64, row *RunRow) error {
	for int64(b.r.Len()) < n-1 {
		if err := b.add(&RunRow{}); err != nil {
			return err
		}
	}
	return b.add(row)
}

func (b *RunBuilder) add(row *RunRow) error {
	res := b.r
	i := res.Len()
	if row.Failed() {
		res.Failing = append(res.Failing, int32(i))
	}
	sr := res.spill
	if sr == nil {
		res.Rows = append(res.Rows, *row)
		return nil
	}
	for _, e := range row.Errors {
		k := KeyOf(e)
		id, ok := sr.keyID[k]
		if !ok {
			id = uint32(len(sr.keyTab))
			sr.keyTab = append(sr.keyTab, k)
			sr.keyID[k] = id
		}
		sr.errRow = append(sr.errRow, int32(i))
		sr.errKey = append(sr.errKey, id)
	}
	b.buf = sr.appendRow(b.buf[:0], row)
	return sr.f.Append(b.buf)
}

// Done finishes the rows.
func (b *RunBuilder) Done() error {
	if b.r.spill != nil {
		return b.r.spill.f.Finish()
	}
	return nil
}

// Abort drops the rows (the temporary file is removed).
func (b *RunBuilder) Abort() {
	if b.r.spill != nil {
		b.r.spill.f.Close()
	}
}

// Close frees the temporary file of a run kept on disk; the garbage
// collector does it for a run nobody holds.
func (r *RunResult) Close() error {
	if r == nil || r.spill == nil {
		return nil
	}
	return r.spill.f.Close()
}

// A row is: a flags byte (1: rejected), the target record, the errors,
// and the rows made for every target (target, elements, flags, record,
// errors). An error is its rule (0 for none, else 1 + its number in the
// run), target, kind, reason, value, action, table, element and join.

func (sr *spilledRun) appendRow(b []byte, row *RunRow) []byte {
	b = append(b, flag(row.Rejected))
	b = spill.AppendRecord(b, &sr.keys, row.Out)
	b = sr.appendErrors(b, row.Errors)
	b = spill.AppendUint(b, uint64(len(row.Children)))
	for _, c := range row.Children {
		b = spill.AppendInt(b, int64(c.Target))
		if c.Elements == nil {
			b = spill.AppendUint(b, 0)
		} else {
			b = spill.AppendUint(b, uint64(len(c.Elements))+1)
			for _, e := range c.Elements {
				b = spill.AppendInt(b, int64(e))
			}
		}
		b = append(b, flag(c.Rejected))
		b = spill.AppendRecord(b, &sr.keys, c.Out)
		b = sr.appendErrors(b, c.Errors)
	}
	return b
}

func flag(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func (sr *spilledRun) appendErrors(b []byte, es []engine.RowError) []byte {
	b = spill.AppendUint(b, uint64(len(es)))
	for i := range es {
		e := &es[i]
		rule := 0
		if e.Rule != nil {
			n, ok := sr.ruleN[e.Rule]
			if !ok {
				sr.rules = append(sr.rules, e.Rule)
				n = len(sr.rules)
				sr.ruleN[e.Rule] = n
			}
			rule = n
		}
		b = spill.AppendUint(b, uint64(rule))
		b = spill.AppendString(b, e.Target)
		b = spill.AppendString(b, string(e.Kind))
		b = spill.AppendString(b, e.Reason)
		b = spill.AppendValue(b, &e.Value)
		b = spill.AppendString(b, e.Action)
		b = spill.AppendString(b, e.Table)
		b = spill.AppendInt(b, int64(e.Element))
		b = spill.AppendString(b, e.Join)
	}
	return b
}

func (sr *spilledRun) decodeRow(d *spill.Decoder, row *RunRow) {
	row.Rejected = d.Byte() == 1
	row.Out = d.Record(&sr.keys)
	row.Errors = sr.decodeErrors(d)
	n := d.Uint()
	if n > uint64(len(d.B)) {
		d.Err = spill.ErrCorrupt
		return
	}
	for range n {
		var c ChildRow
		c.Target = int(d.Int())
		if ne := d.Uint(); ne > 0 && ne-1 <= uint64(len(d.B)) {
			c.Elements = make([]int, ne-1)
			for j := range c.Elements {
				c.Elements[j] = int(d.Int())
			}
		}
		c.Rejected = d.Byte() == 1
		c.Out = d.Record(&sr.keys)
		c.Errors = sr.decodeErrors(d)
		row.Children = append(row.Children, c)
	}
}

func (sr *spilledRun) decodeErrors(d *spill.Decoder) []engine.RowError {
	n := d.Uint()
	if n == 0 || n > uint64(len(d.B)) {
		return nil
	}
	es := make([]engine.RowError, n)
	for i := range es {
		e := &es[i]
		if r := int(d.Uint()); r > 0 && r <= len(sr.rules) {
			e.Rule = sr.rules[r-1]
		}
		e.Target = d.String()
		e.Kind = kind.Kind(d.String())
		e.Reason = d.String()
		d.Value(&e.Value)
		e.Action = d.String()
		e.Table = d.String()
		e.Element = int(d.Int())
		e.Join = d.String()
	}
	return es
}
