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
