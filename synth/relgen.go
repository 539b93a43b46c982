package synth

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// The relational edge-case classes, labelled in the sidecar with the
// table, row and field they went into. The refusing ones (Refused) are
// the rows a database refuses once the keys are enforced.
const (
	RelOrphan        = "rel.orphan_child"        // a required foreign key naming no parent
	RelDangling      = "rel.dangling_fk"         // an optional foreign key naming no parent
	RelDuplicateKey  = "rel.duplicate_key"       // a key another (earlier) row has
	RelNoChildren    = "rel.no_children"         // a parent none of whose child rows exist
	RelMaxChildren   = "rel.max_children"        // a parent with the most child rows the plan allows
	RelSelfCycle     = "rel.self_cycle"          // two rows referencing each other (a manages b manages a)
	RelChildBefore   = "rel.child_before_parent" // a child dated before its parent
	RelKeyCase       = "rel.key_case"            // a foreign key differing from its parent's only in case
	RelNullKeyPart   = "rel.null_key_part"       // a composite key with a null part
	RelParentRefused = "rel.parent_refused"      // a row whose parent row is itself refused
)

// RelClasses lists the relational classes in a stable order.
var RelClasses = []string{RelOrphan, RelDangling, RelDuplicateKey, RelNoChildren, RelMaxChildren,
	RelSelfCycle, RelChildBefore, RelKeyCase, RelNullKeyPart, RelParentRefused}

// Refused reports a relational class whose row a database with the
// schema's primary, unique, NOT NULL and foreign keys refuses.
func Refused(class string) bool {
	switch class {
	case RelOrphan, RelDangling, RelDuplicateKey, RelKeyCase, RelNullKeyPart, RelParentRefused:
		return true
	}
	return false
}

// tableGen is the generation state of one table of a dataset.
type tableGen struct {
	t     *Table
	g     *Generator
	rnd   *rand.Rand
	n     int64 // rows generated (known in advance for tables without owner)
	total int64 // rows of a table without owner; -1 until a child table is done
	codec map[*schema.Field]*keyCodec
	col   map[*schema.Field]int // column index in the record
	// anchor is the table's creation-like date column (nil when none);
	// dates keeps each row's anchor for the children, in minutes since 1970
	// rounded up (4 bytes a row: about 4 MB per million parents).
	anchor *schema.Field
	dates  []int32
	// dupOf maps a row with the duplicate_key edge case to the row whose
	// key it repeats.
	dupOf map[int64]int64
	// refused has a bit per row a database refuses.
	refused []uint64
	// temporal are the date columns shifted together to follow a parent.
	temporal []int
	// kept holds each row's value of the columns children agree with.
	kept map[*schema.Field][]value.Value
	// edge schedule of the relational classes
	relStep, relAcc uint64
	relSlots        int64
	missingN        int64
	cycleNext       int64 // the row closing a self_cycle (0: none)
	cycleTo         int64
}

func hashName(s string) int64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return int64(h.Sum64())
}

// refusedRow reports whether row i is refused.
func (tg *tableGen) refusedRow(i int64) bool {
	w := (i - 1) / 64
	return w < int64(len(tg.refused)) && tg.refused[w]&(1<<uint((i-1)%64)) != 0
}

func (tg *tableGen) setRefused(i int64) {
	w := (i - 1) / 64
	for int64(len(tg.refused)) <= w {
		tg.refused = append(tg.refused, 0)
	}
	tg.refused[w] |= 1 << uint((i-1)%64)
}

// keyOf returns the value of key column c of row i, the repeated key for
// a duplicate.
func (tg *tableGen) keyOf(c *schema.Field, i int64) value.Value {
	if j, ok := tg.dupOf[i]; ok {
		i = j
	}
	return tg.codec[c].key(i)
}

// dateOf returns row i's anchor date, ok false when unknown.
func (tg *tableGen) dateOf(i int64) (int64, bool) {
	if i < 1 || i > int64(len(tg.dates)) || tg.dates[i-1] == noDate {
		return 0, false
	}
	return int64(tg.dates[i-1]) * 60, true
}

const noDate = math.MinInt32

// anchorDate picks a table's creation-like date: the first date or
// timestamp column that is not a birth date nor a "later" one (shipped,
// updated).
func anchorDate(s *schema.Schema) *schema.Field {
	for _, f := range s.Fields {
		if _, ok := temporal(f); !ok {
			continue
		}
		w := wordsOf(f)
		if w.has("birth") || w.has(laterWords...) {
			continue
		}
		return f
	}
	return nil
}

// timeValue reads a date-like value as a time.
func timeValue(v value.Value) (time.Time, bool) {
	switch v.K {
	case value.Date, value.Timestamp, value.TimestampTZ:
		return v.T, true
	case value.String:
		if t, ok := parseISODate(v.S); ok {
			return t, true
		}
		if t, err := time.Parse(time.RFC3339, v.S); err == nil {
			return t, true
		}
	default:
	}
	return time.Time{}, false
}

// shiftValue moves a date-like value by d, keeping its kind and spelling.
func shiftValue(v value.Value, d time.Duration) value.Value {
	switch v.K {
	case value.Date:
		t := v.T.Add(d)
		return value.TimeV(value.Date, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	case value.Timestamp, value.TimestampTZ:
		return value.TimeV(v.K, v.T.Add(d))
	case value.String:
		if t, ok := parseISODate(v.S); ok {
			return value.Str(isoDate(t.Add(d)))
		}
		if t, err := time.Parse(time.RFC3339, v.S); err == nil {
			return value.Str(t.Add(d).Format(time.RFC3339))
		}
	default:
	}
	return v
}

// newTableGen prepares table t's generator: the field generator, key
// codecs for its key and unique columns, its anchor date.
func newTableGen(t *Table, plan Plan, seed int64, rows int64) (*tableGen, error) {
	p := plan
	p.Rows = 1<<62 - 1 // the dataset decides when a table is done
	g, err := NewGenerator(t.Schema, p, seed^hashName(t.Name))
	if err != nil {
		return nil, err
	}
	tg := &tableGen{t: t, g: g, rnd: rand.New(rand.NewSource(seed ^ hashName("rel:"+t.Name))), total: rows,
		codec: map[*schema.Field]*keyCodec{}, col: map[*schema.Field]int{}, dupOf: map[int64]int64{}}
	for i, f := range t.Schema.Fields {
		tg.col[f] = i
	}
	if t.Owner == nil {
		for i, c := range append(append([]*schema.Field(nil), t.Key...), t.unique...) {
			if (i > 0 && i < len(t.Key)) || inFK(t, c) != nil {
				continue // a composite key is unique by its first column; a foreign key is its parent's
			}
			k, err := newKeyCodec(t.Name, c, rows, seed)
			if err != nil {
				return nil, err
			}
			tg.codec[c] = k
		}
	}
	tg.anchor = t.anchor
	if tg.anchor == nil {
		tg.anchor = anchorDate(t.Schema)
	}
	for i, f := range t.Schema.Fields {
		if _, ok := temporal(f); ok && !wordsOf(f).has("birth") {
			tg.temporal = append(tg.temporal, i)
		}
	}
	return tg, nil
}

// draw returns a uniform 1-based index in 1..n.
func (tg *tableGen) draw(n int64) int64 { return 1 + tg.rnd.Int63n(n) }

// relSlot reports whether this row carries a relational edge case, and
// which of cases (round-robin).
func (tg *tableGen) relSlot(cases []string) (string, bool) {
	if tg.relStep == 0 || len(cases) == 0 {
		return "", false
	}
	tg.relAcc += tg.relStep
	if tg.relAcc < 1<<32 {
		return "", false
	}
	tg.relAcc -= 1 << 32
	c := cases[tg.relSlots%int64(len(cases))]
	tg.relSlots++
	return c, true
}

// follow makes row rec (of table tg) follow the anchor dates of its
// parents: when its anchor date is before bound, every date column is
// moved by the same amount, so order within the row is kept. before
// makes it precede bound instead (child_before_parent).
func (tg *tableGen) follow(rec *value.Record, bound int64, before bool) bool {
	if tg.anchor == nil {
		return false
	}
	t, ok := timeValue(rec.Vals[tg.col[tg.anchor]])
	if !ok {
		return false
	}
	b := time.Unix(bound, 0).UTC()
	var d time.Duration
	switch {
	case before:
		d = b.Sub(t) - time.Duration(1+tg.rnd.Intn(30))*24*time.Hour
	case t.Before(b):
		d = b.Sub(t) + time.Duration(tg.rnd.Intn(31))*24*time.Hour
	default:
		return true
	}
	for _, i := range tg.temporal {
		rec.Vals[i] = shiftValue(rec.Vals[i], d)
	}
	return true
}

// keep stores row i's anchor date for its children.
func (tg *tableGen) keep(rec *value.Record, i int64, need bool) {
	for c, vs := range tg.kept {
		tg.kept[c] = append(vs, rec.Vals[tg.col[c]])
	}
	if !need {
		return
	}
	d := int32(noDate)
	if tg.anchor != nil {
		if t, ok := timeValue(rec.Vals[tg.col[tg.anchor]]); ok {
			if m := (t.Unix() + 59) / 60; m > math.MinInt32 && m <= math.MaxInt32 {
				d = int32(m) // rounded up: a child at the bound is not before the parent
			}
		}
	}
	if tg.dates == nil && tg.total > 0 {
		tg.dates = make([]int32, 0, tg.total)
	}
	for int64(len(tg.dates)) < i-1 {
		tg.dates = append(tg.dates, noDate)
	}
	tg.dates = append(tg.dates, d)
}

func (tg *tableGen) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: table %s: %s", ErrDataset, tg.t.Name, fmt.Sprintf(format, args...))
}
