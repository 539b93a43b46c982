package inspect

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/common"
)

// A row whose only error on_error null handled was written: it says so,
// with what was written (null) and why, not "failed" (#14.10).
func TestHandledRowIsWritten(t *testing.T) {
	m, s, _ := newScreen(t, 120, 37)
	for _, r := range s.Mapping.Rules {
		if r.Target == "status" {
			r.OnError = mapping.OnErrorNull
		}
	}
	in := &value.Record{Keys: []string{"order_id", "status"}, Vals: []value.Value{value.Str("A-1"), value.Str("X")}}
	out := &value.Record{Keys: []string{"order_no", "status"}, Vals: []value.Value{value.Str("A-1"), value.NullV()}}
	s.Run = &common.RunResult{Read: 1, Written: 1, Version: s.Version, Failing: []int32{0}, Rows: []common.RunRow{{
		In: in, Out: out,
		Errors: []engine.RowError{{Target: "status", Kind: kind.LookupMiss, Reason: `no entry for "X" in lookup status`, Action: mapping.OnErrorNull}},
	}}}
	m.rebuild()
	cells := m.rowCells(0)
	if cells[1] != "handled" || !strings.Contains(cells[2], "lookup_miss(status)→null") {
		t.Fatalf("row cells %q", cells)
	}
	title, body := m.recordView(110)
	if !strings.Contains(title, "written, 1 error handled by on_error") {
		t.Errorf("title %q", title)
	}
	if !strings.Contains(body, `null ← on_error null: lookup_miss: no entry for "X"`) || strings.Contains(body, "✗") {
		t.Errorf("record view:\n%s", body)
	}
}
