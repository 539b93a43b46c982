package backend

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/demo"
)

func demoSet(t testing.TB) (*mapping.Mapping, *common.Session) {
	t.Helper()
	m, src, dst, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	return m, &common.Session{Mapping: m, Src: src, Dst: dst}
}

func TestPreviewPositions(t *testing.T) {
	m, s := demoSet(t)
	e := New()
	tests := []struct {
		expr    string
		wantCol int // 0: no error
	}{
		{"!active", 0},
		{"!actve", 2},
		{"to_decimal(order_total_cents) / 100 +", 37},
	}
	for _, tc := range tests {
		r := *m.RuleFor("is_deleted")
		r.Expr = tc.expr
		p := e.Preview(context.Background(), m, s.Src, s.Dst, &r, nil)
		if tc.wantCol == 0 {
			if p.Diags.HasErrors() || len(p.Rows) == 0 {
				t.Errorf("%q: diags %v, %d rows", tc.expr, p.Diags, len(p.Rows))
			}
			continue
		}
		if len(p.Diags) == 0 {
			t.Errorf("%q: no diagnostic", tc.expr)
			continue
		}
		if d := p.Diags[0]; d.Pos.File != "" || d.Pos.Line > 1 || d.Pos.Col != tc.wantCol {
			t.Errorf("%q: diagnostic at %+v, want column %d", tc.expr, d.Pos, tc.wantCol)
		}
	}
}

func TestGenerateRunAccounting(t *testing.T) {
	m, s := demoSet(t)
	e := New()
	var last int64
	d, err := e.Generate(context.Background(), s.Src, common.GenPlan{Rows: 3000, Seed: 3, EdgeRate: 0.2, Profile: "edge"}, func(n int64) { last = n })
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 3000 || last != 3000 || !d.Spilled() {
		t.Fatalf("rows %d, progress %d, spilled %v", d.Len(), last, d.Spilled())
	}
	if d.EdgeRows() == 0 || d.RowLabels(d.Len()-1) == nil && d.EdgeRows() == d.Len() {
		t.Fatalf("%d rows with edge cases", d.EdgeRows())
	}
	res, err := e.Run(context.Background(), m, s.Src, s.Dst, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != 3000 || res.Read != res.Written+res.Rejected {
		t.Fatalf("read %d written %d rejected %d", res.Read, res.Written, res.Rejected)
	}
	failed := 0
	for i := range res.Len() {
		if res.Row(i).Failed() {
			failed++
		}
		if res.Row(i).In != d.Row(i) {
			t.Fatalf("row %d: its source record is not the dataset's", i+1)
		}
	}
	if res.Len() != 3000 {
		t.Fatalf("%d rows in the result", res.Len())
	}
	if failed != len(res.Failing) {
		t.Fatalf("%d failed rows, %d indexed", failed, len(res.Failing))
	}
	if len(res.Findings) == 0 {
		t.Fatal("no findings on the demo")
	}
	// A cancelled context stops both.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Generate(ctx, s.Src, common.GenPlan{Rows: 5000, Seed: 1, Profile: "edge"}, nil); err == nil {
		t.Error("cancelled generate returned no error")
	}
	if _, err := e.Run(ctx, m, s.Src, s.Dst, d, nil); err == nil {
		t.Error("cancelled run returned no error")
	}
}

func TestWriteLoadData(t *testing.T) {
	_, s := demoSet(t)
	e := New()
	d, err := e.Generate(context.Background(), s.Src, common.GenPlan{Rows: 50, Seed: 9, EdgeRate: 0.1, Profile: "realistic"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"d.csv", "d.jsonl", "d.xlsx"} {
		p := filepath.Join(dir, name)
		if err := e.WriteData(d, p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		back, err := e.LoadData(context.Background(), p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if back.Len() != 50 {
			t.Fatalf("%s: %d rows back", name, back.Len())
		}
	}
	if err := e.WriteData(d, filepath.Join(dir, "d.json")); err == nil {
		t.Error("writing .json should be refused")
	}
	if _, err := e.LoadData(context.Background(), filepath.Join(dir, "none.csv")); err == nil {
		t.Error("loading a missing file should fail")
	}
}

func TestFuncsAndSuggest(t *testing.T) {
	m, s := demoSet(t)
	e := New()
	fs := e.Funcs()
	if len(fs) < 10 {
		t.Fatalf("%d functions", len(fs))
	}
	for _, f := range fs {
		if f.Name == "" || f.Signature == "" {
			t.Fatalf("function without name or signature: %+v", f)
		}
	}
	rs, err := e.Suggest(context.Background(), m, s.Src, s.Dst)
	if err != nil || len(rs) == 0 {
		t.Fatalf("suggest: %d rules, %v", len(rs), err)
	}
}
