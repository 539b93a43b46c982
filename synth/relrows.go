package synth

import (
	"context"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// rowState is what one row of a dataset collects while its keys are set.
type rowState struct {
	row     Row
	bound   int64 // latest parent anchor date (Unix seconds)
	hasB    bool
	refused bool
	class   string // the relational class this row was scheduled for
}

func (rs *rowState) label(f *schema.Field, c string) {
	rs.row.Labels = append(rs.row.Labels, Label{Field: f.Path, Case: c})
	if Refused(c) && c != RelDuplicateKey {
		rs.refused = true
	}
}

// topClasses lists the relational classes that apply to the rows of a
// table without owner.
func (r *relRun) topClasses(tg *tableGen) []string {
	t := tg.t
	var out []string
	if len(t.Key) > 0 && tg.codec[t.Key[0]] != nil {
		out = append(out, RelDuplicateKey)
	}
	var req, opt, text, self, dated bool
	for _, fk := range t.FKs {
		if fk.Self() {
			self = true
			continue
		}
		if fk.Nullable {
			opt = true
		} else {
			req = true
		}
		if pc := r.gens[fk.Parent].codec[fk.RefCols[0]]; pc != nil && pc.kind == keyText {
			text = true
		}
		if tg.anchor != nil && r.gens[fk.Parent].anchor != nil {
			dated = true
		}
	}
	if req {
		out = append(out, RelOrphan)
	}
	if opt {
		out = append(out, RelDangling)
	}
	if text {
		out = append(out, RelKeyCase)
	}
	if self {
		out = append(out, RelSelfCycle)
	}
	if dated {
		out = append(out, RelChildBefore)
	}
	return out
}

// start draws row n's field values and prepares its state.
func (r *relRun) start(tg *tableGen, rs *rowState, n int64) {
	tg.g.Fill(&rs.row)
	tg.n = n
	rs.row.N = n
	rs.hasB, rs.refused, rs.class = false, false, ""
}

// set writes v into column c (muted in the field generator).
func (tg *tableGen) set(rs *rowState, c *schema.Field, v value.Value) {
	rs.row.Rec.Vals[tg.col[c]] = v
}

// finish applies temporal order, marks a refused row and keeps the
// row's anchor date.
func (r *relRun) finish(tg *tableGen, rs *rowState) {
	if rs.hasB && tg.anchor != nil {
		anchorEdge := false
		for _, l := range rs.row.Labels {
			if l.Field == tg.anchor.Path {
				anchorEdge = true
			}
		}
		if !anchorEdge {
			before := rs.class == RelChildBefore
			if tg.follow(rs.row.Rec, rs.bound, before) && before {
				rs.label(tg.anchor, RelChildBefore)
			}
		}
	}
	if _, dup := tg.dupOf[rs.row.N]; rs.refused && !dup {
		// a refused row whose key no accepted row has: its children are
		// refused too (a duplicate's key is its original's)
		tg.setRefused(rs.row.N)
	}
	tg.keep(rs.row.Rec, rs.row.N, r.needD[tg.t])
}

// parentRef sets the columns of fk to parent row p's key (or to a key no
// parent has, or a case variant, as class says), and records the
// parent's anchor date as a bound.
func (r *relRun) parentRef(tg *tableGen, rs *rowState, fk *FK, p int64, class string) {
	pg := r.gens[fk.Parent]
	switch class {
	case RelOrphan, RelDangling:
		for i, c := range fk.Cols {
			if pc := pg.codec[fk.RefCols[i]]; pc != nil {
				tg.set(rs, c, pc.missing(tg.missingN, pg.total))
			} else {
				tg.set(rs, c, value.IntV(-1-tg.missingN%1000))
			}
		}
		tg.missingN++
		rs.label(fk.Cols[0], class)
		return
	}
	for i, c := range fk.Cols {
		tg.set(rs, c, pg.keyOf(fk.RefCols[i], p))
	}
	if class == RelKeyCase {
		if pc := pg.codec[fk.RefCols[0]]; pc != nil {
			if v, ok := pc.variant(rs.row.Rec.Vals[tg.col[fk.Cols[0]]]); ok {
				tg.set(rs, fk.Cols[0], v)
				rs.label(fk.Cols[0], RelKeyCase)
			}
		}
	}
	if pg.refusedRow(p) {
		rs.label(fk.Cols[0], RelParentRefused)
	}
	for _, a := range tg.t.agree {
		if a.parent == fk.Parent {
			if vs := pg.kept[a.pcol]; p >= 1 && p <= int64(len(vs)) {
				tg.set(rs, a.col, vs[p-1])
			}
		}
	}
	if !fk.Self() {
		if d, ok := pg.dateOf(p); ok && (!rs.hasB || d > rs.bound) {
			rs.bound, rs.hasB = d, true
		}
	}
}

// nullFK sets the columns of fk to null.
func (tg *tableGen) nullFK(rs *rowState, fk *FK) {
	for _, c := range fk.Cols {
		tg.set(rs, c, value.NullV())
	}
}

// pickClass returns the class of fk for this row: the row's class when
// it applies to fk and has not been used on another key, else "".
func pickClass(rs *rowState, fk *FK, used *bool) string {
	if *used {
		return ""
	}
	switch rs.class {
	case RelOrphan:
		if fk.Nullable || fk.Self() {
			return ""
		}
	case RelDangling:
		if !fk.Nullable || fk.Self() {
			return ""
		}
	case RelKeyCase:
		if fk.Self() {
			return ""
		}
	default:
		return ""
	}
	*used = true
	return rs.class
}

// topRows generates the rows of a table without owner.
func (r *relRun) topRows(ctx context.Context, tg *tableGen, emit func(*Row) error) error {
	t := tg.t
	classes := r.topClasses(tg)
	rs := &rowState{}
	for i := int64(1); i <= tg.total; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		r.start(tg, rs, i)
		if tg.cycleNext != i {
			rs.class, _ = tg.relSlot(classes)
		}
		if rs.class == RelDuplicateKey && i > 1 {
			// repeat the key of an earlier row that keeps its own key
			for try := 0; try < 8; try++ {
				j := 1 + tg.rnd.Int63n(i-1)
				if _, dup := tg.dupOf[j]; !dup && !tg.refusedRow(j) {
					tg.dupOf[i] = j
					break
				}
			}
		}
		for _, c := range t.Key {
			if tg.codec[c] != nil {
				tg.set(rs, c, tg.keyOf(c, i))
			}
		}
		if _, dup := tg.dupOf[i]; dup {
			rs.label(t.Key[0], RelDuplicateKey)
		}
		for _, c := range t.unique {
			if tg.codec[c] != nil {
				tg.set(rs, c, tg.codec[c].key(i))
			}
		}
		used := false
		for _, fk := range t.FKs {
			pg := r.gens[fk.Parent]
			switch {
			case fk.Self():
				r.selfRef(tg, rs, fk, i)
			case oneToOne(fk):
				if i > pg.total {
					tg.nullFK(rs, fk)
					continue
				}
				r.parentRef(tg, rs, fk, i, "")
			default:
				class := pickClass(rs, fk, &used)
				if class == "" && fk.Nullable && tg.rnd.Intn(nullEvery) == 0 {
					tg.nullFK(rs, fk)
					continue
				}
				if pg.total < 1 {
					if fk.Nullable {
						tg.nullFK(rs, fk)
						continue
					}
					return tg.errorf("%s: the parent table has no rows", fk)
				}
				r.parentRef(tg, rs, fk, tg.draw(pg.total), class)
			}
		}
		r.finish(tg, rs)
		if err := emit(&rs.row); err != nil {
			return err
		}
	}
	return nil
}

// oneToOne reports a foreign key that is also the table's only key or a
// unique column: row i references parent row i.
func oneToOne(fk *FK) bool {
	return len(fk.Cols) == 1 && (fk.Cols[0].Unique || (fk.Cols[0].PrimaryKey && len(fk.Child.Key) == 1))
}

// selfRef points row i at an earlier row (a manager hired before), or
// closes a self_cycle: row i and i+1 reference each other.
func (r *relRun) selfRef(tg *tableGen, rs *rowState, fk *FK, i int64) {
	switch {
	case tg.cycleNext == i:
		r.parentRef(tg, rs, fk, tg.cycleTo, "")
		rs.label(fk.Cols[0], RelSelfCycle)
		tg.cycleNext = 0
	case rs.class == RelSelfCycle && i < tg.total:
		r.parentRef(tg, rs, fk, i+1, "")
		rs.label(fk.Cols[0], RelSelfCycle)
		tg.cycleNext, tg.cycleTo = i+1, i
	case i == 1 || (fk.Nullable && tg.rnd.Intn(nullEvery) == 0):
		if fk.Nullable {
			tg.nullFK(rs, fk)
		} else {
			r.parentRef(tg, rs, fk, i, "")
		}
	default:
		r.parentRef(tg, rs, fk, tg.draw(i-1), "")
	}
}

// childRows generates a child table: Card rows per owner row, the owner's
// key in the owner columns, distinct parents in the other key columns
// that are foreign keys (the products of one order), line numbers in the
// key columns that are not.
func (r *relRun) childRows(ctx context.Context, tg *tableGen, emit func(*Row) error) error {
	t := tg.t
	o := t.Owner
	og := r.gens[o.Parent]
	if og.total < 0 {
		return tg.errorf("its owner %s is generated after it", o.Parent.Name)
	}
	var keyFKs, otherFKs []*FK
	var lineCols []*schema.Field
	for _, fk := range t.FKs {
		if fk == o {
			continue
		}
		inKey := true
		for _, c := range fk.Cols {
			if !c.PrimaryKey {
				inKey = false
			}
		}
		if inKey {
			keyFKs = append(keyFKs, fk)
		} else {
			otherFKs = append(otherFKs, fk)
		}
	}
	for _, c := range t.Key {
		if inFK(t, c) == nil {
			lineCols = append(lineCols, c)
		}
	}
	perOwner := ownerInKey(t)
	var parentClasses, rowClasses []string
	if tg.relStep > 0 {
		parentClasses = []string{RelNoChildren, RelMaxChildren}
		rowClasses = append(rowClasses, RelOrphan)
		if perOwner && len(t.Key) > len(o.Cols) {
			rowClasses = append(rowClasses, RelNullKeyPart, RelDuplicateKey)
		}
		if pc := og.codec[o.RefCols[0]]; pc != nil && pc.kind == keyText {
			rowClasses = append(rowClasses, RelKeyCase)
		}
		if tg.anchor != nil && og.anchor != nil {
			rowClasses = append(rowClasses, RelChildBefore)
		}
	}
	ps := &tableGen{relStep: tg.relStep, relAcc: tg.relAcc / 2} // the per-parent schedule
	limit := int64(t.Card.Max)
	for _, fk := range keyFKs {
		limit = min(limit, r.gens[fk.Parent].total)
	}
	for _, c := range lineCols {
		if perOwner {
			limit = min(limit, tg.codec[c].max)
		}
	}
	count := t.Card.sampler()
	rs := &rowState{}
	picks := make([][]int64, len(keyFKs))
	var n int64
	lastRefused := false
	for p := int64(1); p <= og.total; p++ {
		if p%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		k := count(tg.rnd.Float64, tg.rnd.Int63n)
		pc, _ := ps.relSlot(parentClasses)
		switch pc {
		case RelNoChildren:
			k = 0
		case RelMaxChildren:
			k = int64(t.Card.Max)
		}
		k = min(k, limit)
		if _, dup := og.dupOf[p]; dup {
			// a duplicate parent's key is its original's: lines of both
			// would share keys, so a duplicate gets none
			k, pc = 0, ""
		}
		if pc != "" && r.sink.Label != nil {
			if err := r.sink.Label(RelLabel{Table: o.Parent.Name, Row: p, Field: o.RefCols[0].Path, Case: pc}); err != nil {
				return err
			}
		}
		for j, fk := range keyFKs {
			picks[j] = distinct(tg, r.gens[fk.Parent], picks[j][:0], k, r.gens[fk.Parent].total)
			k = min(k, int64(len(picks[j])))
		}
		for l := int64(1); l <= k; l++ {
			n++
			r.start(tg, rs, n)
			rs.class, _ = tg.relSlot(rowClasses)
			class := rs.class
			if class == RelDuplicateKey && (l == 1 || lastRefused) {
				class = "" // the line it would repeat is refused: nothing to repeat
			}
			used := false
			r.parentRef(tg, rs, o, p, pickClass(rs, o, &used))
			line := l
			if class == RelDuplicateKey {
				line = l - 1
			}
			for _, c := range lineCols {
				if perOwner {
					tg.set(rs, c, tg.codec[c].key(line))
				} else {
					tg.set(rs, c, tg.codec[c].key(n))
				}
			}
			for _, c := range t.unique {
				if tg.codec[c] != nil {
					tg.set(rs, c, tg.codec[c].key(n))
				}
			}
			for j, fk := range keyFKs {
				r.parentRef(tg, rs, fk, picks[j][line-1], "")
			}
			if class == RelDuplicateKey {
				rs.label(firstNonOwner(t), RelDuplicateKey)
			}
			if class == RelNullKeyPart {
				c := firstNonOwner(t)
				tg.set(rs, c, value.NullV())
				rs.label(c, RelNullKeyPart)
			}
			for _, fk := range otherFKs {
				pg := r.gens[fk.Parent]
				if (fk.Nullable && tg.rnd.Intn(nullEvery) == 0) || pg.total < 1 {
					if !fk.Nullable {
						return tg.errorf("%s: the parent table has no rows", fk)
					}
					tg.nullFK(rs, fk)
					continue
				}
				r.parentRef(tg, rs, fk, tg.draw(pg.total), "")
			}
			r.finish(tg, rs)
			lastRefused = rs.refused
			if err := emit(&rs.row); err != nil {
				return err
			}
		}
	}
	tg.total = n
	return nil
}

// firstNonOwner returns the first key column of t outside its owner key.
func firstNonOwner(t *Table) *schema.Field {
	for _, c := range t.Key {
		in := false
		for _, x := range t.Owner.Cols {
			if x == c {
				in = true
			}
		}
		if !in {
			return c
		}
	}
	return t.Key[len(t.Key)-1]
}

// distinct appends k distinct indices of 1..n to dst (k <= n), none a
// row repeating another's key (pg.dupOf): two such parents would give two
// lines the same key. It gives fewer when it cannot find k.
func distinct(tg, pg *tableGen, dst []int64, k, n int64) []int64 {
	for tries := 0; int64(len(dst)) < k && tries < int(k)*20+100; tries++ {
		x := tg.draw(n)
		_, dup := pg.dupOf[x]
		for _, y := range dst {
			if y == x {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, x)
		}
	}
	return dst
}
