// Package synth generates synthetic records for any schema seam loads:
// realistic values chosen by what a field means (its name, path, type and
// format: names, emails, phones, addresses, amounts with the field's scale,
// dates in plausible ranges, enums from the schema), kept inside the
// field's constraints, mixed with edge cases from package edge that are
// scheduled per field so that every applicable class shows up, and
// labelled so a report can say which edge case caused which mismatch.
//
// Randomness is explicit: one seed drives one gofakeit v6 Faker (no global
// random state), and the same schema, plan and seed give the same rows, so
// Write produces byte-identical files.
//
// Two APIs stream rows: the pull API NewGenerator(...).Next(), which is
// the fast one (no goroutine, no channel), and Generate, a channel for
// callers that want one (the TUI).
package synth

import (
	"context"
	"hash/fnv"
	"iter"
	"math"
	"math/rand"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth/edge"
)

// Label names the edge case that went into one field of one row. Field is
// the schema path ("customer.address.city", "items[].sku"); for drift it
// is "old->new" (drift.renamed) or "field:oldtype->newtype"
// (drift.retyped).
type Label struct {
	Field string
	Case  string
}

// Row is one generated record. N is the 1-based row number.
type Row struct {
	N      int64
	Rec    *value.Record
	Labels []Label
}

// node is the generation state of one schema field.
type node struct {
	f     *schema.Field
	path  string
	gen   genFunc
	cases []edge.Case
	perm  []int
	// schedule: acc gains step (rate * 2^32, rounded up) per value; each
	// overflow past 2^32 is an edge slot
	step, acc uint64
	slots     int64
	occ       int64
	anchor    bool // a later sibling follows this field's values
	// last is the value drawn last and lastEdge whether it was an edge
	// case; later siblings (ship_date after order_date) anchor on it.
	last     value.Value
	lastEdge bool
	// objects
	kids    []*node
	kidKeys []string
	sums    []sumSpec       // totals that add up among the kids
	orders  []orderSpec     // times in order among the kids
	opts    [][]value.Value // whole records to draw from (hints)
	// arrays
	elem *node
	// currency: a currency code; every currency of one record is the
	// same (one currency per document).
	currency bool
	// muted: a column a dataset sets itself (keys, foreign keys); null
	// here, no draw, no edge case.
	muted bool
	// ids: the record's own id fed through a key map (contract.go): the
	// map's keys, each once, then generated ids outside them, labelled
	// KeysExhausted. idSet holds the keys' texts.
	ids   []value.Value
	idSet map[string]bool
	idOcc int64 // the next of the field's own ids after the keys
}

// Generator streams rows for one schema, plan and seed. It is not safe for
// concurrent use; make one per goroutine.
type Generator struct {
	s      *schema.Schema
	plan   Plan
	seed   int64
	fk     *gofakeit.Faker
	roots  []*node
	keys   []string
	n      int64
	labels []Label
	drift  *drift
	inMany int             // depth of array.many cases being built
	cur    value.Value     // the record's currency, once drawn
	sums   []sumSpec       // totals that add up among the top-level fields
	orders []orderSpec     // times in order among the top-level fields
	opts   [][]value.Value // whole records to draw from (root hints)
}

// NewGenerator validates the plan and prepares a generator: one
// classification and one edge-case list per field, computed once.
func NewGenerator(s *schema.Schema, plan Plan, seed int64) (*Generator, error) {
	if err := plan.Validate(); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, ErrNoSchema
	}
	if len(s.Fields) == 0 {
		return nil, &SchemaError{Schema: s.Ref(), Msg: "has no fields to generate"}
	}
	g := &Generator{s: s, plan: plan, seed: seed, fk: newFaker(seed)}
	for i, f := range s.Fields {
		g.roots = append(g.roots, g.build(f, i == 0))
		g.keys = append(g.keys, f.Name)
	}
	linkLater(g.roots)
	g.sums = totalsOf(s.Fields)
	g.orders = ordersOf(s.Fields)
	g.opts = recordOptions(s.Hints, s.Fields)
	if plan.Drift {
		g.drift = newDrift(g, seed)
	}
	return g, nil
}

// newFaker returns a Faker seeded with seed. gofakeit turns seed 0 into a
// random seed; seam keeps 0 deterministic like every other seed.
func newFaker(seed int64) *gofakeit.Faker {
	if seed == 0 {
		return &gofakeit.Faker{Rand: rand.New(rand.NewSource(0))}
	}
	return gofakeit.NewUnlocked(seed)
}

// fieldRand returns a random source for one field's schedule, independent
// of the value stream.
func fieldRand(seed int64, path string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(path))
	return rand.New(rand.NewSource(seed ^ int64(h.Sum64())))
}

func (g *Generator) build(f *schema.Field, first bool) *node {
	nd := &node{f: f, path: f.Path}
	var target *schema.Field
	if g.plan.Targets != nil {
		target = g.plan.Targets[f.Path]
	}
	nd.cases = edge.Filter(append(edge.For(f, target), g.plan.missCases(f)...), g.plan.profile())
	if g.plan.ValidOnly {
		valid := nd.cases[:0]
		for _, c := range nd.cases {
			if c.Valid {
				valid = append(valid, c)
			}
		}
		nd.cases = valid
	}
	r := fieldRand(g.seed, f.Path)
	nd.perm = r.Perm(len(nd.cases))
	phase := r.Uint64() >> 32
	rate := g.plan.EdgeRate
	if f.Type == schema.Object || f.Type == schema.Array {
		rate /= 2 // leave room for the children
	}
	if len(nd.cases) > 0 && rate > 0 {
		nd.step = uint64(math.Ceil(rate * (1 << 32)))
		nd.acc = phase % nd.step // first slot within 1/rate values
	}
	switch {
	case f.Type == schema.Object:
		for i, c := range f.Children {
			nd.kids = append(nd.kids, g.build(c, i == 0))
			nd.kidKeys = append(nd.kidKeys, c.Name)
		}
		linkLater(nd.kids)
		nd.sums = totalsOf(f.Children)
		nd.orders = ordersOf(f.Children)
		nd.opts = recordOptions(f.Hints, f.Children)
	case f.Type == schema.Array:
		if el := f.Elem(); el != nil {
			nd.elem = g.build(el, false)
		} else {
			nd.elem = g.build(&schema.Field{Path: f.Path + "[]", Name: "[]", Type: schema.String}, false)
		}
	default:
		nd.gen = realistic(f, first)
		nd.currency = f.Type == schema.String && len(f.EnumValues) == 0 && f.Pattern == "" && classify(f) == mCurrency
		if kg := g.plan.keyed(f); kg != nil {
			nd.gen = kg // keys drawn from the lookup the field feeds
		}
		if ids := g.plan.identityKeys(f); len(ids) > 0 {
			fieldRand(g.seed, f.Path+"#ids").Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
			nd.ids, nd.idSet = ids, make(map[string]bool, len(ids))
			for _, v := range ids {
				nd.idSet[v.Text()] = true
			}
		}
	}
	return nd
}

// Keys returns the keys of every generated record (with drift, the union
// of the keys before and after the drift point).
func (g *Generator) Keys() []string { return g.keys }

// Columns returns the column names for tabular output: the record keys
// with nested objects flattened to dotted paths ("customer.address.city");
// arrays stay one column (written as JSON text).
func (g *Generator) Columns() []string {
	var out []string
	for i, k := range g.keys {
		f := g.fieldForKey(i)
		if f != nil && f.Type == schema.Object && len(f.Children) > 0 {
			out = appendLeafCols(out, k, f)
		} else {
			out = append(out, k)
		}
	}
	return out
}

func appendLeafCols(out []string, prefix string, f *schema.Field) []string {
	for _, c := range f.Children {
		name := prefix + "." + c.Name
		if c.Type == schema.Object && len(c.Children) > 0 {
			out = appendLeafCols(out, name, c)
		} else {
			out = append(out, name)
		}
	}
	return out
}

// fieldForKey returns the schema field behind key i (nil for drift extras).
func (g *Generator) fieldForKey(i int) *schema.Field {
	if g.drift != nil {
		return g.drift.fieldAt(g.s.Fields, i)
	}
	return g.s.Fields[i]
}

// Seed returns the seed the generator was made with.
func (g *Generator) Seed() int64 { return g.seed }

// Next returns the next row, or false after plan.Rows rows. The row and
// its record are the caller's to keep.
func (g *Generator) Next() (Row, bool) {
	var r Row
	if !g.Fill(&r) {
		return Row{}, false
	}
	return r, true
}

// Fill is Next without allocation: it draws the next row into r, reusing
// r.Rec's value slice and r.Labels' storage, so the previous contents of
// r are overwritten. It returns false after plan.Rows rows. Use it when
// each row is consumed before the next is drawn (writers, counters).
func (g *Generator) Fill(r *Row) bool {
	if g.n >= g.plan.Rows {
		return false
	}
	g.n++
	g.cur = value.Value{}
	g.labels = r.Labels[:0]
	if r.Rec == nil || cap(r.Rec.Vals) < len(g.keys) {
		r.Rec = &value.Record{Vals: make([]value.Value, len(g.keys))}
	}
	r.Rec.Keys = g.keys
	vals := r.Rec.Vals[:len(g.keys)]
	r.Rec.Vals = vals
	if g.drift != nil {
		clear(vals)
		g.drift.fill(g, vals)
	} else {
		for i, nd := range g.roots {
			vals[i] = g.value(nd)
		}
		g.inRecord(g.roots, g.opts, g.sums, g.orders, vals)
	}
	r.N = g.n
	r.Labels = g.labels
	g.labels = nil
	return true
}

// All returns an iterator over the remaining rows.
func (g *Generator) All() iter.Seq[Row] {
	return func(yield func(Row) bool) {
		for {
			r, ok := g.Next()
			if !ok || !yield(r) {
				return
			}
		}
	}
}

// Generate streams the rows on a channel, closed after the last row or
// when ctx is done. The error reports an invalid plan or schema.
func Generate(ctx context.Context, s *schema.Schema, plan Plan, seed int64) (<-chan Row, error) {
	g, err := NewGenerator(s, plan, seed)
	if err != nil {
		return nil, err
	}
	ch := make(chan Row, 256)
	go func() {
		defer close(ch)
		for {
			r, ok := g.Next()
			if !ok {
				return
			}
			select {
			case ch <- r:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch, nil
}

// value draws the next value of nd.
func (g *Generator) value(nd *node) (v value.Value) {
	g.valueInto(nd, &v)
	return v
}

// valueInto draws the next value of nd into dst: an edge case when its
// schedule says so, a realistic value otherwise. The schedule is an
// integer Bresenham line: acc gains rate*2^32 per value and every
// overflow is an edge slot, so the first n values hold at least
// floor(n*rate) slots; slot j carries case perm[j mod K].
func (g *Generator) valueInto(nd *node, dst *value.Value) {
	if nd.muted {
		*dst = value.Value{K: value.Null}
		return
	}
	occ := nd.occ
	nd.occ++
	if nd.step > 0 {
		nd.acc += nd.step
		if nd.acc >= 1<<32 {
			nd.acc -= 1 << 32
			j := nd.slots
			nd.slots++
			k := int64(len(nd.cases))
			c := &nd.cases[nd.perm[j%k]]
			g.labels = append(g.labels, Label{Field: nd.path, Case: c.Name})
			*dst = g.edgeValue(nd, c, j/k)
			if nd.anchor {
				nd.last, nd.lastEdge = *dst, true
			}
			return
		}
	}
	if nd.ids != nil {
		g.idInto(nd, occ, dst)
		return
	}
	g.realInto(nd, occ, dst)
	if nd.anchor {
		nd.last, nd.lastEdge = *dst, false
	}
}

// nullEvery: one realistic value in nullEvery of a nullable field is null,
// as in real feeds (unlabelled: null is valid there).
const nullEvery = 20

func (g *Generator) real(nd *node, occ int64) (v value.Value) {
	g.realInto(nd, occ, &v)
	return v
}

func (g *Generator) realInto(nd *node, occ int64, dst *value.Value) {
	switch {
	case nd.kids != nil:
		rec := &value.Record{Keys: nd.kidKeys, Vals: make([]value.Value, len(nd.kids))}
		for i, k := range nd.kids {
			g.valueInto(k, &rec.Vals[i])
		}
		g.inRecord(nd.kids, nd.opts, nd.sums, nd.orders, rec.Vals)
		*dst = value.Value{K: value.Object, Obj: rec}
	case nd.elem != nil:
		n := 1 + g.fk.Rand.Intn(3)
		arr := make([]value.Value, n)
		for i := range arr {
			arr[i] = g.element(nd.elem)
		}
		*dst = value.Value{K: value.Array, Arr: arr}
	case nd.gen == nil: // an object without children
		*dst = value.Value{K: value.Object, Obj: &value.Record{}}
	case nd.f.Nullable && g.fk.Rand.Intn(nullEvery) == 0:
		*dst = value.NullV()
	case nd.currency && g.cur.K == value.String:
		*dst = g.cur
	default:
		*dst = nd.gen(g.fk, occ)
		if nd.currency {
			g.cur = *dst
		}
	}
}

// inRecord makes one drawn record hang together: a whole record from the
// schema's options, totals that add up, times in order.
func (g *Generator) inRecord(nodes []*node, opts [][]value.Value, sums []sumSpec, orders []orderSpec, vals []value.Value) {
	if len(opts) > 0 {
		applyOption(g.fk, opts, nodes, vals, g.labels)
	}
	for _, sp := range sums {
		sp.apply(vals)
	}
	for _, o := range orders {
		o.apply(vals, g.labels)
	}
}

// element draws an array element; an absent element would be a hole, so
// presence.absent becomes null inside arrays.
func (g *Generator) element(nd *node) value.Value {
	v := g.value(nd)
	if v.K == value.Absent {
		return value.NullV()
	}
	return v
}

func (g *Generator) edgeValue(nd *node, c *edge.Case, cycle int64) value.Value {
	if len(c.Values) > 0 {
		v := c.Values[cycle%int64(len(c.Values))]
		switch v.K { // composite cases are copied: callers may edit records
		case value.Object:
			v.Obj = &value.Record{Keys: append([]string(nil), v.Obj.Keys...), Vals: append([]value.Value(nil), v.Obj.Vals...)}
		case value.Array:
			v.Arr = append([]value.Value{}, v.Arr...)
		default:
		}
		return v
	}
	switch c.Name {
	case "object.partial":
		rec := &value.Record{Keys: nd.kidKeys, Vals: make([]value.Value, len(nd.kids))}
		if len(nd.kids) > 0 {
			rec.Vals[0] = g.value(nd.kids[0])
		}
		return value.Value{K: value.Object, Obj: rec}
	case "array.null_element":
		if nd.elem == nil {
			break
		}
		return value.Value{K: value.Array, Arr: []value.Value{g.element(nd.elem), value.NullV(), g.element(nd.elem)}}
	case "array.many":
		if nd.elem == nil {
			break
		}
		n := 100
		if g.inMany > 0 { // nested arrays: 100 x 100 x ... would explode
			n = 3
		}
		g.inMany++
		arr := make([]value.Value, n)
		for i := range arr {
			arr[i] = g.element(nd.elem)
		}
		g.inMany--
		return value.Value{K: value.Array, Arr: arr}
	}
	return g.real(nd, nd.occ-1)
}
