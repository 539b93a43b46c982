package engine

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// GroupField is the key a grouped record carries its further rows under:
// an array of objects, one per row after the group's first (whose fields
// are the record's own).
const GroupField = "$group"

// DefaultMaxGroupRows bounds the rows of one group held in memory; a
// longer group stops the run with an error naming its key.
const DefaultMaxGroupRows = 100_000

// maxClosedGroups bounds the keys of finished groups remembered (as 64-bit
// hashes, 8 bytes each) to tell a key that comes back: an input not
// sorted by its group key. Beyond it, repeats are no longer detected.
const maxClosedGroups = 1 << 22

// groupReader reads consecutive records with the same group key as one
// record: the first row's fields plus GroupField holding the others.
type groupReader struct {
	r       value.RecordReader
	keys    [][]string
	text    string // the group_by paths as written, for messages
	maxRows int

	pend      *value.Record // the next group's first row, read ahead
	pendRow   int64
	pendLine  int64
	line      int64
	pendKey   string
	pendNull  bool
	pendErr   error
	row       int64
	closed    map[uint64]int64
	seed      maphash.Seed
	kb        []byte
	exhausted bool
}

// GroupReader returns r read in groups when the plan's targets group_by a
// key (r itself otherwise): one record per run of consecutive records with
// the same key (a record with a null or absent key is a group of its
// own). Row is the group's first record. A key that comes back after its
// group ended makes a bad row (the input must be sorted by the key); a
// group longer than maxRows (DefaultMaxGroupRows when <= 0) ends the read
// with an error.
func (p *Plan) GroupReader(r value.RecordReader, maxRows int) value.RecordReader {
	if len(p.groupBy) == 0 {
		return r
	}
	if maxRows <= 0 {
		maxRows = DefaultMaxGroupRows
	}
	return &groupReader{r: r, keys: p.groupBy, text: strings.Join(p.m.GroupBy, ", "), maxRows: maxRows,
		closed: map[uint64]int64{}, seed: maphash.MakeSeed()}
}

func (g *groupReader) Row() int64 { return g.row }

// Line is the line where the group's first record starts (0 when the
// underlying reader does not tell).
func (g *groupReader) Line() int64 { return g.line }

// key computes a record's group key text; null reports a missing part.
func (g *groupReader) key(rec *value.Record) (string, bool) {
	g.kb = g.kb[:0]
	for i, path := range g.keys {
		if i > 0 {
			g.kb = append(g.kb, 0)
		}
		v := rec.Get(path[0])
		for _, k := range path[1:] {
			v, _ = memberOf(v, k)
		}
		if v.IsMissing() || v.K == value.Object || v.K == value.Array {
			return "", true
		}
		g.kb = appendKey(g.kb, v)
	}
	return string(g.kb), false
}

// next reads the underlying record after the pending one.
func (g *groupReader) next() {
	g.pend, g.pendErr = nil, nil
	if g.exhausted {
		g.pendErr = io.EOF
		return
	}
	rec, err := g.r.Read()
	g.pendRow = g.r.Row()
	if lr, ok := g.r.(value.LineReader); ok {
		g.pendLine = lr.Line()
	}
	if err != nil {
		var be *value.BadRowError
		if !errors.As(err, &be) {
			g.exhausted = true
		}
		g.pendErr = err
		return
	}
	g.pend = rec
	g.pendKey, g.pendNull = g.key(rec)
}

func (g *groupReader) Read() (*value.Record, error) {
	if g.pend == nil && g.pendErr == nil {
		g.next()
	}
	if g.pendErr != nil {
		err := g.pendErr
		g.row, g.line = g.pendRow, g.pendLine
		g.pendErr = nil
		if g.exhausted {
			g.pendErr = err // stays at EOF or the read error
		}
		return nil, err
	}
	first, key, null, row := g.pend, g.pendKey, g.pendNull, g.pendRow
	g.row, g.line = row, g.pendLine
	var rest []value.Value
	g.next()
	for !null && g.pend != nil && !g.pendNull && g.pendKey == key {
		if len(rest)+1 >= g.maxRows {
			return nil, fmt.Errorf("group_by %s: the group %s starting at row %d has more than %d rows; a group is held in memory (raise --max-group-rows)",
				g.text, strconv.Quote(keyText(key)), row, g.maxRows)
		}
		rest = append(rest, value.Value{K: value.Object, Obj: g.pend})
		g.next()
	}
	out := &value.Record{Keys: append(append([]string(nil), first.Keys...), GroupField),
		Vals: append(append(make([]value.Value, 0, len(first.Keys)+1), first.Vals[:min(len(first.Vals), len(first.Keys))]...), value.Value{})}
	for len(out.Vals) < len(out.Keys) {
		out.Vals = append(out.Vals, value.Value{})
	}
	out.Vals[len(out.Vals)-1] = value.Value{K: value.Array, Arr: rest}
	if null {
		return out, nil
	}
	h := maphash.String(g.seed, key)
	if prev, seen := g.closed[h]; seen {
		return nil, &value.BadRowError{Row: row, Rec: out,
			Reason: fmt.Sprintf("group_by %s: the key %s of row %d came before, at row %d, and its group ended; group_by reads consecutive rows as one group: sort the input by the key", g.text, strconv.Quote(keyText(key)), row, prev)}
	}
	if len(g.closed) < maxClosedGroups {
		g.closed[h] = row
	}
	return out, nil
}

// applyGroup runs the array rules of a grouped target on every further
// row of in's group and appends their elements to out, in row order. An
// error rejects the document unless the rule's on_error says otherwise
// (null and keep leave that row's elements out); the reason names the
// row's place in the group.
func (x *Exec) applyGroup(in *value.Record, out *value.Record) (rejected bool) {
	gi := in.Index(GroupField)
	if gi < 0 || gi >= len(in.Vals) || in.Vals[gi].K != value.Array {
		return false
	}
	rows := in.Vals[gi].Arr
	for n, rv := range rows {
		if rv.K != value.Object || rv.Obj == nil {
			continue
		}
		x.bind(rv.Obj)
		for _, rp := range x.p.rules {
			if rp.ttype != schema.Array {
				continue
			}
			dst := pathPtr(out, rp.path)
			var v value.Value
			k, reason := x.evalInto(rp, &v)
			if k == "" {
				k, reason = rp.finish(&v)
			}
			if k != "" {
				re := RowError{Rule: rp.rule, Target: rp.target, Kind: k, Action: rp.onError,
					Reason: fmt.Sprintf("row %d of the group: %s", n+2, reason)}
				if rp.fromSlot >= 0 {
					re.Value = *x.raw(rp.fromSlot)
				}
				switch rp.onError {
				case mapping.OnErrorNull, mapping.OnErrorKeep, mapping.OnErrorDefault:
				default:
					*dst = value.Value{}
					rejected = true
				}
				x.errs = append(x.errs, re)
				continue
			}
			if v.K != value.Array || len(v.Arr) == 0 {
				continue
			}
			switch dst.K {
			case value.Array:
				dst.Arr = append(append(make([]value.Value, 0, len(dst.Arr)+len(v.Arr)), dst.Arr...), v.Arr...)
			case value.Absent, value.Null:
				*dst = v
			default:
			}
		}
	}
	for _, rp := range x.p.rules {
		if rp.ttype != schema.Array || rp.lim == nil {
			continue
		}
		dst := pathPtr(out, rp.path)
		if k, reason := rp.lim.check(dst); k != "" {
			x.errs = append(x.errs, RowError{Rule: rp.rule, Target: rp.target, Kind: k, Reason: reason, Action: mapping.OnErrorReject})
			*dst = value.Value{}
			rejected = true
		}
	}
	return rejected
}
