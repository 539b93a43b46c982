package check

import (
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"strings"
	"testing"
)

// TestRejectedRowsStillChecked: a row rejected for one rule still has its
// other rules' values checked (a too-long name is reported even when the
// same row failed a lookup), but its keys never reach the target, so they
// cannot collide.
func TestRejectedRowsStillChecked(t *testing.T) {
	src := S("s", F("id", "string"), F("name", "string"), F("code", "string"))
	dst := S("d", F("id", "string", pk), F("name", "string", maxlen(5)), F("status", "string"))
	m := M(R("id", "", "id"), R("name", "", "name"), R("status", `lookup("st", code)`, "code"))
	d := NewDataFor(m, src, dst, DataOptions{})
	long := strings.Repeat("x", 9)
	miss := []engine.RowError{{Target: "status", Kind: kind.LookupMiss, Rule: m.Rules[2]}}
	// Rows 1 and 2 are rejected (lookup miss) and share id "7"; row 1's
	// name is too long.
	d.ObserveRejected(1, rec("id", "7", "name", long, "code", "Q"), rec("id", "7", "name", long), miss, nil)
	d.ObserveRejected(2, rec("id", "7", "name", "ok", "code", "Q"), rec("id", "7", "name", "ok"), miss, nil)
	d.ObserveOut(3, rec("id", "8", "name", "ok", "code", "P"), rec("id", "8", "name", "ok", "status", "p"), nil, nil)
	fs := d.Findings()
	tr := find(fs, kind.Truncation)
	if tr == nil || tr.Count != 1 || tr.Examples[0].Row != 1 {
		t.Fatalf("truncation on a rejected row not reported: %+v", tr)
	}
	if dk := find(fs, kind.DuplicateKey); dk != nil {
		t.Fatalf("rejected rows' keys counted as duplicates: %+v", dk)
	}
	if r := d.Rows(); r.Read != 3 || r.Rejected != 2 || r.Written != 1 {
		t.Fatalf("rows = %+v", r)
	}
}
