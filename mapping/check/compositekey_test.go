package check

import (
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
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
