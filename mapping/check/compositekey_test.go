package check

import (
	"strings"

	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestCompositeKeyParts: a column of a composite primary key repeats by
// design (order_id of PRIMARY KEY (order_id, line_no)); before, each part
// was checked alone and every order with two lines was a duplicate_key.
// A sole primary key still is.
func TestCompositeKeyParts(t *testing.T) {
	src := S("s", F("order", "integer"), F("line", "integer"))
	composite := S("d", F("order_id", "integer", pk), F("line_no", "integer", pk))
	sole := S("d", F("order_id", "integer", pk), F("line_no", "integer"))
	for _, c := range []struct {
		name string
		dst  *schema.Schema
		want bool
	}{{"composite", composite, false}, {"sole", sole, true}} {
		dst := c.dst
		m := M(R("order_id", "", "order"), R("line_no", "", "line"))
		d := NewDataFor(m, src, dst, DataOptions{})
		d.ObserveOut(1, rec("order", "7", "line", "1"), rec("order_id", "7", "line_no", "1"), nil, nil)
		d.ObserveOut(2, rec("order", "7", "line", "2"), rec("order_id", "7", "line_no", "2"), nil, nil)
		dk := find(d.Findings(), kind.DuplicateKey)
		if (dk != nil) != c.want {
			t.Errorf("%s: duplicate_key %+v, want reported=%v", c.name, dk, c.want)
		}
	}
}

// TestCompositeKeyRepeats: the whole composite key repeating is a
// duplicate_key on the key (both parts named), with the edge case of the
// row; a key with a null part is not tracked.
func TestCompositeKeyRepeats(t *testing.T) {
	src := S("s", F("order", "integer"), F("line", "integer"))
	dst := S("d", F("order_id", "integer", pk), F("line_no", "integer", pk))
	m := M(R("order_id", "", "order"), R("line_no", "", "line"))
	d := NewDataFor(m, src, dst, DataOptions{})
	d.ObserveOut(1, rec("order", "7", "line", "1"), rec("order_id", "7", "line_no", "1"), nil, nil)
	d.ObserveOut(2, rec("order", "7", "line", "2"), rec("order_id", "7", "line_no", "2"), nil, nil)
	d.ObserveOut(3, rec("order", "7", "line", "2"), rec("order_id", "7", "line_no", "2"), nil, map[string]string{"line": "rel.duplicate_key"})
	null := rec("order_id", "8")
	null.Set("line_no", value.NullV())
	d.ObserveOut(4, rec("order", "8"), null, nil, nil)
	d.ObserveOut(5, rec("order", "8"), null, nil, nil)
	dk := find(d.Findings(), kind.DuplicateKey)
	if dk == nil || dk.Count != 1 || dk.Target != "order_id, line_no" || len(dk.Examples) != 1 || dk.Examples[0].Row != 3 || dk.Examples[0].EdgeCase != "rel.duplicate_key" {
		t.Fatalf("duplicate_key %+v", dk)
	}
	if !strings.Contains(dk.Message, "composite primary key (order_id, line_no) repeats") {
		t.Fatalf("message %q", dk.Message)
	}
}

// TestIntegerBounds: a smallint holds -32768..32767; the least value was
// reported as an overflow (found on a realistic Northwind dataset).
func TestIntegerBounds(t *testing.T) {
	src := S("s", F("q", schema.Integer))
	dst := S("d", F("quantity", schema.Integer, bits(16)))
	for _, c := range []struct {
		v    int64
		want bool
	}{{-32768, false}, {32767, false}, {-32769, true}, {32768, true}} {
		d := NewDataFor(M(R("quantity", "", "q")), src, dst, DataOptions{})
		d.ObserveOut(1, rec("q", value.IntV(c.v)), rec("quantity", value.IntV(c.v)), nil, nil)
		if got := find(d.Findings(), kind.RangeViolation) != nil; got != c.want {
			t.Errorf("%d: range_violation %v, want %v", c.v, got, c.want)
		}
	}
}
