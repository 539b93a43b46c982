package engine

import (
	"context"
	"math/rand"
	"reflect"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestCoverageHandCounted runs three rows through a small mapping whose
// coverage was counted by hand: which rules wrote a value, which lookup
// entries were hit, which arm of each conditional was taken.
func TestCoverageHandCounted(t *testing.T) {
	str := func(n string) *schema.Field {
		return &schema.Field{Path: n, Name: n, Type: schema.String, Nullable: true}
	}
	src := &schema.Schema{Name: "src", Fields: []*schema.Field{str("id"), str("code"), str("nick"), str("name"), str("flag"), str("a"), str("b"),
		{Path: "amount", Name: "amount", Type: schema.Integer, Nullable: true}}}
	dst := &schema.Schema{Name: "dst", Fields: []*schema.Field{{Path: "id", Name: "id", Type: schema.Integer, Required: true},
		str("status"), str("name"), str("word"), str("note"), str("tier"), str("dash"), str("vm")}}
	src.Reindex()
	dst.Reindex()
	m := mustParse(t, `seam: 1
source: {schema: s.csv}
target: {schema: t.csv}
lookups:
  st: {A: active, B: blocked, C: closed}
rules:
  - {target: id, from: [id]}
  - {target: status, expr: 'lookup("st", code)'}
  - {target: name, expr: nick ?? name}
  - {target: word, expr: 'flag == "y" ? "yes" : "no"'}
  - {target: note, expr: 'coalesce(a, b, "none")'}
  - {target: tier, expr: 'amount > 100 ? "gold" : "std"'}
  - {target: dash, expr: 'default(a, "-")'}
  - {target: vm, expr: 'let k = code; amount > 100 ? coalesce(a, b) : lookup("st", k, "?")'}
`)
	p, ds := Compile(m, src, dst)
	if p == nil {
		t.Fatal(ds)
	}
	row := func(vals ...value.Value) *value.Record {
		return &value.Record{Keys: []string{"id", "code", "nick", "name", "flag", "a", "b", "amount"}, Vals: vals}
	}
	s, n, i := value.Str, value.NullV(), value.IntV
	recs := []*value.Record{
		row(s("1"), s("A"), s("Al"), s("Alan"), s("y"), n, s("x"), i(50)),
		row(s("2"), s("Z"), n, s("Bo"), s("n"), s("p"), n, i(500)),
		row(s("3"), n, n, n, s("y"), n, n, i(1)),
	}
	cov := NewCoverage()
	if _, err := Run(context.Background(), p, &sliceReader{recs: recs}, discardW{}, nil, RunOptions{Workers: 1, Coverage: cov}); err != nil {
		t.Fatal(err)
	}
	pc := cov.Of(p)
	// By hand: id writes on 3 rows; status hits A (row 1), misses Z (row
	// 2: a lookup_miss error), gets a null key (row 3: null); name takes
	// nick once and falls back twice (Bo, then null); word is then, else,
	// then; note takes b, a, the literal; dash takes "-" twice; vm hits A
	// once more (row 1, on the VM).
	wantRules := []RuleCoverage{
		{Rule: "id", Target: "id", Rows: 3},
		{Rule: "status", Target: "status", Rows: 1, Nulls: 1, Errors: 1},
		{Rule: "name", Target: "name", Rows: 2, Nulls: 1},
		{Rule: "word", Target: "word", Rows: 3},
		{Rule: "note", Target: "note", Rows: 3},
		{Rule: "tier", Target: "tier", Rows: 3},
		{Rule: "dash", Target: "dash", Rows: 3},
		{Rule: "vm", Target: "vm", Rows: 2, Nulls: 1},
	}
	if !reflect.DeepEqual(pc.Rules, wantRules) {
		t.Errorf("rules:\n got %+v\nwant %+v", pc.Rules, wantRules)
	}
	type arm struct {
		kind     string
		taken    []int64
		measured bool
	}
	var got []arm
	for _, b := range pc.Branches {
		got = append(got, arm{b.Kind, b.Taken, b.Measured})
	}
	want := []arm{
		{"??", []int64{1, 2}, true},
		{"?:", []int64{2, 1}, true},
		{"coalesce", []int64{1, 1, 1, 0}, true},
		{"?:", []int64{1, 2}, true}, // amount > 100 runs on the VM, counted there
		{"default", []int64{1, 2}, true},
		// vm (the VM; the walk lists inner nodes first): amount > 100 on
		// row 2 only, whose coalesce takes a ("p"); rows 1 and 3 look code
		// up: A hits, a null key gives null.
		{"coalesce", []int64{1, 0, 0}, true},
		{"?:", []int64{1, 2}, true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("branches:\n got %+v\nwant %+v", got, want)
	}
	if len(pc.Lookups) != 1 {
		t.Fatalf("lookups: %+v", pc.Lookups)
	}
	lk := pc.Lookups[0]
	if lk.Table != "st" || !reflect.DeepEqual(lk.Entries, []string{"A", "B", "C"}) || !reflect.DeepEqual(lk.Hits, []int64{2, 0, 0}) || lk.Misses != 1 || !lk.Measured {
		t.Errorf("lookup: %+v", lk)
	}
}

// TestCoverageSameResults: without Cover an Exec keeps no counters,
// and a program's results are the same with and without coverage.
func TestCoverageSameResults(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		p, recs := randomCase(rand.New(rand.NewSource(seed)))
		plain, covered := p.NewExec(), p.NewExec()
		covered.Cover(NewCoverage())
		if plain.cov != nil {
			t.Fatal("an Exec counts coverage without Cover")
		}
		for _, r := range recs {
			a, b := plain.Apply(r), covered.Apply(r)
			if a.Rejected != b.Rejected || !reflect.DeepEqual(a.Out, b.Out) || len(a.Errors) != len(b.Errors) {
				t.Fatalf("seed %d: coverage changed the result of %v: %+v vs %+v", seed, r, a, b)
			}
		}
	}
}

type discardW struct{}

func (discardW) Write(*value.Record) error { return nil }
func (discardW) Close() error              { return nil }
