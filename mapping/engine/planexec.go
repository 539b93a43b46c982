package engine

import (
	"fmt"
	"strconv"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// PlanRow is one row a plan made for one target: the record (and, in a
// target with each:, the element) it came from and what the target's
// Program made of it.
type PlanRow struct {
	// Target is the index of the target in Plan.Targets.
	Target int
	// Elements are the 1-based positions of the element at every level of
	// the target's each (nil for a target without each; empty when the
	// array field held no array and the record was rejected whole).
	Elements []int
	Result   Result
}

// Element is the innermost 1-based element position, 0 when none.
func (r *PlanRow) Element() int {
	if len(r.Elements) == 0 {
		return 0
	}
	return r.Elements[len(r.Elements)-1]
}

// PlanExec runs a Plan on records, one at a time; one per goroutine.
type PlanExec struct {
	p    *Plan
	xs   []*Exec
	outs []*value.Record // reused output records (reuse mode)
	// the joined record: the input's keys, $line, the joins
	lastKeys keyShape
	keys     []string
	top      value.Record
	eachIdx  []int // per target: index of its level-0 key in keys, or -1
	miss     []string
	missKey  []value.Value // per join: the key that found no row (null or absent when it was missing; a composite key as its text)
	elems    []int
	stack    []value.Value
	// rejection state per target for its children: whole record, by
	// first-level element, by element path
	rejAll []bool
	rej1   [][]bool
	rejN   []map[string]bool
	kbuf   []byte
	reuse  bool
	// jrecs are the records joined rows held as cells are read into
	// (reused when reuse is set).
	jrecs []*value.Record
	// visit, when set, receives each target's derived record instead of
	// the target's Program (TargetReader).
	visit func(ti int, rec *value.Record)
}

// NewExec returns an executor for the plan. With reuse set, the Result
// passed to emit (its Out and Errors) is valid only during the call.
func (p *Plan) NewExec(reuse bool) *PlanExec {
	x := &PlanExec{p: p, reuse: reuse, miss: make([]string, len(p.joins)), missKey: make([]value.Value, len(p.joins)),
		rejAll: make([]bool, len(p.targets)), rej1: make([][]bool, len(p.targets)), rejN: make([]map[string]bool, len(p.targets))}
	for _, t := range p.targets {
		e := t.prog.NewExec()
		x.xs = append(x.xs, e)
		if reuse {
			x.outs = append(x.outs, e.newOut(t.prog.out))
		}
	}
	return x
}

// shape rebuilds the joined record's keys when the input's keys change.
func (x *PlanExec) shape(in *value.Record) {
	if !x.lastKeys.changed(in.Keys) {
		return
	}
	x.keys = append(append(x.keys[:0:0], in.Keys...), x.p.extraKeys...)
	x.eachIdx = x.eachIdx[:0]
	for _, t := range x.p.targets {
		i := -1
		if len(t.each) > 0 {
			i = indexOf(x.keys, t.each[0][0])
		}
		x.eachIdx = append(x.eachIdx, i)
	}
}

func indexOf(keys []string, k string) int {
	for i, s := range keys {
		if s == k {
			return i
		}
	}
	return -1
}

// Apply maps one record into every target, in target order, calling emit
// for every row offered to a target: one per record for a target without
// each, one per element for a target with each (none for an absent, null
// or empty array; one rejected row for an array field holding another
// kind of value).
func (x *PlanExec) Apply(in *value.Record, emit func(PlanRow)) {
	p := x.p
	x.shape(in)
	n := len(in.Keys)
	if cap(x.top.Vals) < len(x.keys) {
		x.top.Vals = make([]value.Value, len(x.keys))
	}
	x.top.Keys = x.keys
	x.top.Vals = x.top.Vals[:len(x.keys)]
	copy(x.top.Vals, in.Vals[:min(n, len(in.Vals))])
	for i := len(in.Vals); i < n; i++ {
		x.top.Vals[i] = value.Value{}
	}
	x.top.Vals[n] = value.Value{}
	for ji, j := range p.joins {
		x.top.Vals[n+1+ji] = x.lookupJoin(ji, j)
	}
	for ti, t := range p.targets {
		x.rejAll[ti] = false
		x.rej1[ti] = x.rej1[ti][:0]
		if x.rejN[ti] != nil {
			clear(x.rejN[ti])
		}
		if len(t.each) == 0 {
			x.elems = x.elems[:0]
			x.one(ti, &x.top, nil, emit)
			continue
		}
		idx := x.eachIdx[ti]
		if idx < 0 {
			continue // absent: no elements
		}
		orig := x.top.Vals[idx]
		x.stack = x.stack[:0]
		x.elems = x.elems[:0]
		x.walk(ti, 0, orig, emit)
		x.top.Vals[idx] = orig
		x.top.Vals[n] = value.Value{}
	}
}

// walk iterates level lv of target ti's each; cur is the value holding
// the level's array (the record's value at level 0, the element of the
// level above otherwise).
func (x *PlanExec) walk(ti, lv int, cur value.Value, emit func(PlanRow)) {
	t := x.p.targets[ti]
	keys := t.each[lv]
	arr := cur
	start := 1
	if lv > 0 {
		start = 0
	}
	for _, k := range keys[start:] {
		v, err := memberOf(arr, k)
		if err != nil {
			arr = value.Value{K: value.String} // not an object: reported below
			break
		}
		arr = v
	}
	switch arr.K {
	case value.Absent, value.Null:
		return
	case value.Array:
	default:
		x.rejectWhole(ti, arr, emit)
		return
	}
	n := len(x.keys) - len(x.p.extraKeys)
	for i := range arr.Arr {
		x.elems = append(x.elems, i+1)
		x.stack = append(x.stack, arr.Arr[i])
		if lv == len(t.each)-1 {
			x.install(ti)
			x.top.Vals[n] = value.IntV(int64(i + 1))
			x.one(ti, &x.top, x.elems, emit)
		} else {
			x.walk(ti, lv+1, arr.Arr[i], emit)
		}
		x.stack = x.stack[:len(x.stack)-1]
		x.elems = x.elems[:len(x.elems)-1]
	}
}

// install puts the current elements (x.stack) into the top record: the
// innermost replaces its array inside the element above, and so on up to
// the record. Only deeper levels and dotted paths copy objects.
func (x *PlanExec) install(ti int) {
	t := x.p.targets[ti]
	v := x.stack[len(x.stack)-1]
	for l := len(x.stack) - 1; l > 0; l-- {
		v = replaced(x.stack[l-1], t.each[l], v)
	}
	idx := x.eachIdx[ti]
	if len(t.each[0]) == 1 {
		x.top.Vals[idx] = v
		return
	}
	x.top.Vals[idx] = replaced(x.top.Vals[idx], t.each[0][1:], v)
}

// replaced returns a copy of the object obj with the value at keys set to
// v (copying the objects on the way).
func replaced(obj value.Value, keys []string, v value.Value) value.Value {
	if obj.K != value.Object || obj.Obj == nil || len(keys) == 0 {
		return v
	}
	r := &value.Record{Keys: obj.Obj.Keys, Vals: append([]value.Value(nil), obj.Obj.Vals...)}
	i := r.Index(keys[0])
	if i < 0 {
		return obj
	}
	r.Vals[i] = replaced(r.Vals[i], keys[1:], v)
	return value.Value{K: value.Object, Obj: r}
}

// rejectWhole rejects a record for target ti whose array field holds no
// array: one row read, rejected.
func (x *PlanExec) rejectWhole(ti int, got value.Value, emit func(PlanRow)) {
	if x.visit != nil {
		return
	}
	t := x.p.targets[ti]
	x.markRejected(ti, x.elems)
	e := RowError{Target: t.eachText, Kind: kind.CoercionFailure, Action: mapping.OnErrorReject, Table: t.name,
		Reason: fmt.Sprintf("each: %s holds %s, not an array", t.eachText, kindWord(got.K)), Value: got}
	res := Result{Rejected: true}
	x.xs[ti].errs = append(x.xs[ti].errs[:0], e)
	res.Errors = x.xs[ti].errs
	if !x.reuse {
		res.Errors = append([]RowError(nil), e)
	}
	emit(PlanRow{Target: ti, Elements: append([]int{}, x.elems...), Result: res})
}

func kindWord(k value.Kind) string {
	s := k.String()
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + s
	}
	return "a " + s
}

// one applies target ti's program to rec (elems: the element path).
func (x *PlanExec) one(ti int, rec *value.Record, elems []int, emit func(PlanRow)) {
	if x.visit != nil {
		x.visit(ti, rec)
		return
	}
	t := x.p.targets[ti]
	ex := x.xs[ti]
	var res Result
	switch {
	case t.parent >= 0 && x.parentRejected(t.parent, elems):
		ex.errs = append(ex.errs[:0], RowError{Kind: KindParentRejected, Action: mapping.OnErrorReject,
			Reason: "the row of parent target " + x.p.targets[t.parent].name + " for this record was rejected"})
		res.Rejected = true
		if x.reuse {
			res.Out = x.outs[ti]
			resetOut(res.Out, t.prog.out)
		} else {
			res.Out = ex.newOut(t.prog.out)
		}
	case x.reuse:
		res.Out = x.outs[ti]
		resetOut(res.Out, t.prog.out)
		res.Rejected = ex.applyTo(rec, res.Out)
	default:
		res.Out = ex.newOut(t.prog.out)
		res.Rejected = ex.applyTo(rec, res.Out)
	}
	for ji, j := range x.p.joins {
		if x.miss[ji] == "" || !t.readsJoin[ji] {
			continue
		}
		e := RowError{Kind: kind.LookupMiss, Reason: x.miss[ji], Value: x.missKey[ji], Action: mapping.OnErrorReject, Join: j.name}
		if j.onMiss == mapping.JoinMissNull {
			e.Action = mapping.OnErrorNull
		} else {
			res.Rejected = true
		}
		ex.errs = append(ex.errs, e)
	}
	el := 0
	if len(elems) > 0 {
		el = elems[len(elems)-1]
	}
	for i := range ex.errs {
		ex.errs[i].Table, ex.errs[i].Element = t.name, el
	}
	res.Errors = ex.errs
	if !x.reuse && len(ex.errs) > 0 {
		res.Errors = append([]RowError(nil), ex.errs...)
	}
	if res.Rejected {
		x.markRejected(ti, elems)
	}
	emit(PlanRow{Target: ti, Elements: elems, Result: res})
}

func (x *PlanExec) markRejected(ti int, elems []int) {
	switch len(elems) {
	case 0:
		x.rejAll[ti] = true
	case 1:
		for len(x.rej1[ti]) < elems[0] {
			x.rej1[ti] = append(x.rej1[ti], false)
		}
		x.rej1[ti][elems[0]-1] = true
	default:
		if x.rejN[ti] == nil {
			x.rejN[ti] = map[string]bool{}
		}
		x.rejN[ti][string(x.elemKey(elems))] = true
	}
}

// parentRejected reports whether parent target pt rejected its row for
// the element path elems (its prefix of the parent's depth).
func (x *PlanExec) parentRejected(pt int, elems []int) bool {
	if x.rejAll[pt] {
		return true
	}
	d := len(x.p.targets[pt].each)
	switch {
	case d == 0:
		return false
	case d == 1:
		return len(elems) >= 1 && elems[0] <= len(x.rej1[pt]) && x.rej1[pt][elems[0]-1]
	}
	if len(elems) < d || x.rejN[pt] == nil {
		return false
	}
	return x.rejN[pt][string(x.elemKey(elems[:d]))]
}

func (x *PlanExec) elemKey(elems []int) []byte {
	x.kbuf = x.kbuf[:0]
	for _, e := range elems {
		x.kbuf = strconv.AppendInt(x.kbuf, int64(e), 10)
		x.kbuf = append(x.kbuf, '.')
	}
	return x.kbuf
}

// lookupJoin finds the joined row of join ji for the record being built
// (its earlier joins already in place); x.miss[ji] says why when none.
func (x *PlanExec) lookupJoin(ji int, j *planJoin) value.Value {
	x.miss[ji] = ""
	x.kbuf = x.kbuf[:0]
	for i, path := range j.left {
		if i > 0 {
			x.kbuf = append(x.kbuf, 0)
		}
		v := x.top.Get(path[0])
		for _, k := range path[1:] {
			v, _ = memberOf(v, k)
		}
		if v.IsMissing() || v.K == value.Object || v.K == value.Array {
			x.missKey[ji] = v
			if !v.IsMissing() {
				x.missKey[ji] = value.Str(kindWord(v.K))
			}
			x.miss[ji] = fmt.Sprintf("join %s: the key %s is %s; no row to join", j.name, j.j.On[i].Left, missWord(v))
			return value.NullV()
		}
		x.kbuf = appendKey(x.kbuf, v)
	}
	if row, ok := j.rows[string(x.kbuf)]; ok {
		if row.rec != nil {
			return value.Value{K: value.Object, Obj: row.rec}
		}
		return value.Value{K: value.Object, Obj: x.joinRecord(ji, j, row.cells)}
	}
	x.missKey[ji] = value.Str(keyText(string(x.kbuf)))
	x.miss[ji] = fmt.Sprintf("join %s: no row with %s %s", j.name, joinOnText(j), strconv.Quote(keyText(string(x.kbuf))))
	return value.NullV()
}

func missWord(v value.Value) string {
	switch v.K {
	case value.Absent:
		return "absent"
	case value.Null:
		return "null"
	default:
	}
	return kindWord(v.K)
}

func joinOnText(j *planJoin) string {
	s := ""
	for i, r := range j.right {
		if i > 0 {
			s += ", "
		}
		s += r
	}
	return s
}

// joinRecord makes a record of a joined row held as cells.
func (x *PlanExec) joinRecord(ji int, j *planJoin, cells []string) *value.Record {
	var r *value.Record
	if x.reuse {
		for len(x.jrecs) <= ji {
			x.jrecs = append(x.jrecs, nil)
		}
		if x.jrecs[ji] == nil {
			x.jrecs[ji] = &value.Record{Keys: j.keys, Vals: make([]value.Value, len(j.keys))}
		}
		r = x.jrecs[ji]
	} else {
		r = &value.Record{Keys: j.keys, Vals: make([]value.Value, len(j.keys))}
	}
	for i, c := range cells {
		r.Vals[i] = value.Str(c)
	}
	return r
}
