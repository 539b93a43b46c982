package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestWideRecords: records of many columns, in another order than the
// schema's and with a repeated key, are read by name as narrow ones are
// (the first of repeated keys wins), now through one map per key list
// (#20.9).
func TestWideRecords(t *testing.T) {
	const n = 200
	src := &schema.Schema{Name: "s"}
	dst := &schema.Schema{Name: "t"}
	var rules strings.Builder
	for i := 0; i < n; i++ {
		src.Fields = append(src.Fields, &schema.Field{Path: fmt.Sprintf("f%d", i), Name: fmt.Sprintf("f%d", i), Type: schema.String})
		dst.Fields = append(dst.Fields, &schema.Field{Path: fmt.Sprintf("g%d", i), Name: fmt.Sprintf("g%d", i), Type: schema.String, Nullable: true})
		fmt.Fprintf(&rules, "  - {target: g%d, from: [f%d], expr: 'upper(f%d)'}\n", i, i, i)
	}
	src.Reindex()
	dst.Reindex()
	m := mustParse(t, "seam: 1\nsource: {schema: s.json}\ntarget: {schema: t.json}\nrules:\n"+rules.String())
	for _, vm := range []bool{false, true} {
		p, ds := compileFor(m, src, dst, vm)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		in := &value.Record{}
		for i := n - 1; i >= 1; i-- { // reversed, f0 missing
			in.Keys = append(in.Keys, fmt.Sprintf("f%d", i))
			in.Vals = append(in.Vals, value.Str(fmt.Sprintf("v%d", i)))
		}
		in.Keys = append(in.Keys, "f7") // repeated: the first f7 wins
		in.Vals = append(in.Vals, value.Str("late"))
		res := p.NewExec().Apply(in)
		if len(res.Errors) > 0 {
			t.Fatalf("vm=%v: %+v", vm, res.Errors[0])
		}
		for i := 0; i < n; i++ {
			got := res.Out.Path(fmt.Sprintf("g%d", i))
			want := fmt.Sprintf("V%d", i)
			if i == 0 {
				if got.K != value.Null && got.K != value.Absent {
					t.Errorf("vm=%v g0 = %s %q, want null", vm, got.K, got.S)
				}
				continue
			}
			if got.S != want {
				t.Errorf("vm=%v g%d = %q, want %q", vm, i, got.S, want)
			}
		}
	}
}
