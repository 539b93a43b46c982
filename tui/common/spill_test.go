package common

import (
	"errors"
	"io"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

func TestDatasetBuilderSpills(t *testing.T) {
	keys := []string{"id", "name"}
	b := NewDatasetBuilder(&Dataset{Name: "t", Keys: keys}, t.TempDir())
	rec := value.NewRecord(keys)
	const n = 1000
	for i := range n {
		// The builder encodes at once: the caller reuses its record.
		rec.Vals[0], rec.Vals[1] = value.IntV(int64(i)), value.Str("x")
		var ls []FieldLabel
		if i%3 == 0 {
			ls = []FieldLabel{{Field: "name", Case: "presence.null"}}
			rec.Vals[1] = value.NullV()
		}
		if err := b.Add(rec, ls); err != nil {
			t.Fatal(err)
		}
	}
	d, err := b.Done()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if !d.Spilled() || d.Len() != n || d.Rows != nil {
		t.Fatalf("spilled %v, %d rows, %d in memory", d.Spilled(), d.Len(), len(d.Rows))
	}
	if d.EdgeRows() != 334 || d.CaseCounts()["presence.null"] != 334 {
		t.Errorf("edge rows %d, counts %v", d.EdgeRows(), d.CaseCounts())
	}
	for _, i := range []int{999, 0, 500, 3, 3} {
		r := d.Row(i)
		if r.Get("id").I != int64(i) || (i%3 == 0) != r.Get("name").IsNull() {
			t.Errorf("row %d = %v", i, r.Vals)
		}
		if (i%3 == 0) != (d.LabelFor(i, "name") == "presence.null") {
			t.Errorf("row %d labels %v", i, d.RowLabels(i))
		}
	}
	if d.Row(n) != nil || d.Row(-1) != nil {
		t.Error("rows out of range must be nil")
	}
	// A run reads ahead of the rows it asks labels for.
	rd := d.Reader()
	for i := range 10 {
		if r, err := rd.Read(); err != nil || r.Get("id").I != int64(i) {
			t.Fatalf("read %d: %v %v", i, r, err)
		}
	}
	for row := int64(1); row <= 10; row++ {
		if got := rd.Labels(row)["name"]; (row%3 == 1) != (got == "presence.null") {
			t.Errorf("labels of row %d: %q", row, got)
		}
	}
	read := 10
	for {
		_, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		read++
	}
	if read != n || rd.Row() != n {
		t.Errorf("read %d rows, Row() %d", read, rd.Row())
	}
	if err := d.Err(); err != nil {
		t.Error(err)
	}
}

func TestRunBuilderSpills(t *testing.T) {
	keys := []string{"id"}
	data := &Dataset{Keys: keys}
	for i := range 5 {
		data.Rows = append(data.Rows, &value.Record{Keys: keys, Vals: []value.Value{value.IntV(int64(i))}})
	}
	rule := &mapping.Rule{Target: "out"}
	res := &RunResult{Data: data}
	b := NewRunBuilder(res, t.TempDir())
	out := []string{"out"}
	bad := engine.RowError{Rule: rule, Target: "out", Kind: kind.Truncation, Reason: "too long", Value: value.Str("abc"), Action: "reject", Table: "t", Element: 2}
	add := func(n int64, r *RunRow) {
		t.Helper()
		if err := b.Add(n, r); err != nil {
			t.Fatal(err)
		}
	}
	add(1, &RunRow{Out: &value.Record{Keys: out, Vals: []value.Value{value.Str("a")}}})
	add(2, &RunRow{Rejected: true, Errors: []engine.RowError{bad}})
	// row 3 made nothing: it stays an empty row
	add(4, &RunRow{Children: []ChildRow{{Target: 1, Elements: []int{1, 2}, Out: &value.Record{Keys: out, Vals: []value.Value{value.NullV()}}},
		{Target: 0, Rejected: true, Errors: []engine.RowError{bad}}}, Errors: []engine.RowError{{Kind: kind.LookupMiss, Join: "j"}}})
	if err := b.Done(); err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	if res.Len() != 4 || len(res.Rows) != 0 {
		t.Fatalf("%d rows (%d in memory)", res.Len(), len(res.Rows))
	}
	if len(res.Failing) != 2 || res.Failing[0] != 1 || res.Failing[1] != 3 {
		t.Errorf("failing %v", res.Failing)
	}
	r1 := res.Row(1)
	if !r1.Rejected || len(r1.Errors) != 1 || !sameErr(r1.Errors[0], bad) || r1.In.Get("id").I != 1 {
		t.Errorf("row 2 = %+v", r1)
	}
	if r := res.Row(0); r.Out.Get("out").S != "a" || r.Failed() {
		t.Errorf("row 1 = %+v", r)
	}
	if r := res.Row(2); r.Out != nil || r.Failed() || r.In.Get("id").I != 2 {
		t.Errorf("row 3 = %+v", r)
	}
	r3 := res.Row(3)
	if len(r3.Children) != 2 || r3.Children[0].Target != 1 || len(r3.Children[0].Elements) != 2 || !r3.Children[0].Out.Get("out").IsNull() ||
		!r3.Children[1].Rejected || r3.Children[1].Errors[0].Rule != rule || r3.Children[1].Elements != nil {
		t.Errorf("row 4 children = %+v", r3.Children)
	}
	got := res.EveryRow(func(k ErrKey) bool { return k.Kind == kind.Truncation && k.Table == "t" })
	if len(got) != 1 || got[0] != 1 {
		t.Errorf("every truncation row: %v", got)
	}
	if got := res.EveryRow(func(k ErrKey) bool { return k.Join == "j" }); len(got) != 1 || got[0] != 3 {
		t.Errorf("every row of join j: %v", got)
	}
}

func sameErr(a, b engine.RowError) bool {
	return a.Rule == b.Rule && a.Target == b.Target && a.Kind == b.Kind && a.Reason == b.Reason && a.Value.Equal(b.Value) &&
		a.Action == b.Action && a.Table == b.Table && a.Element == b.Element && a.Join == b.Join
}
