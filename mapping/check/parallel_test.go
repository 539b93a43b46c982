package check

import (
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
)

// observed is one row as Run's OnRow hands it over.
type observed struct {
	row    int64
	in     *value.Record
	res    engine.Result
	labels map[string]string
}

// TestFeedMatchesSerial: a Feed on 1, 2, 3 and 16 shards finds exactly
// what serial Observe finds (counts, messages, the same first examples,
// row counts), on an in-memory fixture with every per-field detector
// firing, on synthetic edge-case rows of two real pairs, and on the
// bench orders.
func TestFeedMatchesSerial(t *testing.T) {
	type input struct {
		name     string
		src, dst *schema.Schema
		p        *engine.Program
		rows     []observed
	}
	var inputs []input

	{ // fixture: duplicate keys, lookup misses, lengths, enums, formats
		src := S("s", F("id", "string"), F("code", "string"), F("name", "string"), F("mail", "string"), F("qty", "string"), F("kind", "string"))
		dst := S("d", F("id", "integer", pk), F("status", "string"), F("name", "string", maxlen(4), req),
			F("mail", "string", format("email")), F("qty", "integer", minv(0), bits(16)), F("kind", "string", enum("a", "b")))
		m := M(R("id", "", "id"), R("status", `lookup("st", code)`, "code"), R("name", "", "name"),
			R("mail", "", "mail"), R("qty", "", "qty"), R("kind", "", "kind"))
		m.Lookups = []*mapping.Lookup{{Name: "st", Entries: []mapping.LookupEntry{{Key: "c0", Value: "zero"}, {Key: "c1", Value: "one"}}}}
		p, ds := engine.Compile(m, src, dst)
		if p == nil {
			t.Fatalf("compile: %v", ds)
		}
		x := p.NewExec()
		var rows []observed
		for i := 0; i < 3000; i++ {
			in := rec("id", fmt.Sprint(i%1700), "code", fmt.Sprint("c", i%7), "name", []string{"ann", "bartholomew", "", "éé"}[i%4],
				"mail", []string{"a@b.co", "nope", "x@y"}[i%3], "qty", []string{"5", "-3", "70000", "x", "007"}[i%5], "kind", []string{"a", "B", "c"}[i%3])
			if i%11 == 0 {
				in.Set("name", value.NullV())
			}
			rows = append(rows, observed{int64(i + 1), in, x.Apply(in), nil})
		}
		inputs = append(inputs, input{"fixture", src, dst, p, rows})
	}

	for _, file := range []string{"p1-hubspot-salesforce.seam.yaml", "p3-zendesk-salesforce.seam.yaml"} {
		if _, err := os.Stat(filepath.Join(repoRoot(t), "..", "shared")); err != nil {
			t.Logf("skipping %s: /work/shared absent", file)
			continue
		}
		m, src, dst := loadPair(t, file)
		p, ds := engine.Compile(m, src, dst)
		if p == nil {
			t.Fatalf("compile %s: %v", file, ds)
		}
		g, err := synth.NewGenerator(src, synth.Plan{Rows: 1500, EdgeRate: 0.3, Profile: synth.Edge}, 11)
		if err != nil {
			t.Fatalf("synth: %v", err)
		}
		x := p.NewExec()
		var rows []observed
		for row := range g.All() {
			labels := map[string]string{}
			for _, l := range row.Labels {
				labels[l.Field] = l.Case
			}
			rows = append(rows, observed{row.N, row.Rec, x.Apply(row.Rec), labels})
		}
		inputs = append(inputs, input{file, src, dst, p, rows})
	}

	{ // bench orders (10,000 rows), through engine.Run as seam check runs it
		root := repoRoot(t)
		m, err := mapping.Load(filepath.Join(root, "testdata", "bench", "orders.seam.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		src, dst, err := m.LoadSchemas(schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		p, ds := engine.Compile(m, src, dst)
		if p == nil {
			t.Fatalf("compile: %v", ds)
		}
		fh, err := os.Open(filepath.Join(root, "testdata", "bench", "orders10k.csv.gz"))
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		gz, err := gzip.NewReader(fh)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := value.NewReader(gz, "orders10k.csv", "csv")
		if err != nil {
			t.Fatal(err)
		}
		var rows []observed
		_, err = engine.Run(context.Background(), p, rd, discardRecords{}, nil, engine.RunOptions{Workers: 2,
			OnRow: func(row int64, in *value.Record, res engine.Result) {
				rows = append(rows, observed{row, in, res, nil})
			}})
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{"orders10k", src, dst, p, rows})
	}

	for _, in := range inputs {
		opts := DataOptions{Source: in.src, Target: in.dst, MaxKeys: 1000, MaxValues: 5, MaxExamples: 3}
		serial := NewData(in.p, opts)
		for _, r := range in.rows {
			serial.Observe(r.row, r.in, r.res, r.labels)
		}
		want := serial.Findings()
		if len(want) == 0 {
			t.Fatalf("%s: no findings: the comparison would prove nothing", in.name)
		}
		for _, shards := range []int{1, 2, 3, 16} {
			d := NewData(in.p, opts)
			f := NewFeed(d, shards)
			for _, r := range in.rows {
				f.Observe(r.row, r.in, r.res, r.labels)
			}
			f.Close()
			f.Close() // idempotent
			if got := d.Findings(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %d shards: findings differ", in.name, shards)
				for i := 0; i < max(len(got), len(want)); i++ {
					var g, w Finding
					if i < len(got) {
						g = got[i]
					}
					if i < len(want) {
						w = want[i]
					}
					if !reflect.DeepEqual(g, w) {
						t.Logf("#%d\n got  %+v\n want %+v", i, g, w)
					}
				}
			}
			if d.Rows() != serial.Rows() {
				t.Errorf("%s, %d shards: rows %+v, want %+v", in.name, shards, d.Rows(), serial.Rows())
			}
		}
		t.Logf("%s: %d rows, %d findings", in.name, len(in.rows), len(want))
	}
}

// TestFeedAfterObserve: a Data that has already observed rows is fed
// serially (its state cannot be split).
func TestFeedAfterObserve(t *testing.T) {
	src, dst := S("s", F("id", "string")), S("d", F("id", "string", pk))
	m := M(R("id", "", "id"))
	p, _ := engine.Compile(m, src, dst)
	x := p.NewExec()
	d := NewData(p, DataOptions{Source: src, Target: dst})
	in := rec("id", "1")
	d.Observe(1, in, x.Apply(in), nil)
	f := NewFeed(d, 4)
	f.Observe(2, in, x.Apply(in), nil)
	f.Close()
	if dk := find(d.Findings(), kind.DuplicateKey); dk == nil || dk.Count != 1 || dk.Examples[0].Row != 2 {
		t.Fatalf("duplicate_key = %+v", dk)
	}
}

type discardRecords struct{}

func (discardRecords) Write(*value.Record) error { return nil }
func (discardRecords) Close() error              { return nil }
