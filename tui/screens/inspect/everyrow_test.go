package inspect

import (
	"slices"
	"testing"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/tui/common"
)

// TestEveryRowOfAJoin: the rows of a join's lookup_miss finding are the
// rows that missed that join, not every join miss of the target.
func TestEveryRowOfAJoin(t *testing.T) {
	miss := func(join string) []engine.RowError {
		return []engine.RowError{{Kind: kind.LookupMiss, Target: "customer", Table: "customer", Join: join}}
	}
	r := &common.RunResult{Rows: []common.RunRow{
		{Errors: miss("address")}, {Errors: miss("city")}, {}, {Errors: miss("address")},
	}}
	f := &check.Finding{Kind: kind.LookupMiss, Target: "customer", TargetTable: "customer", Join: "address"}
	if got := everyRow(r, f); !slices.Equal(got, []int32{0, 3}) {
		t.Errorf("rows of join address: %v, want [0 3]", got)
	}
	f.Join = "city"
	if got := everyRow(r, f); !slices.Equal(got, []int32{1}) {
		t.Errorf("rows of join city: %v, want [1]", got)
	}
}
