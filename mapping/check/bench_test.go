package check

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// BenchmarkObserve: the data detectors on the clean control pair (10
// rules, a primary key, formats, enums, lengths), rows pre-mapped by the
// engine so only Observe is timed.
func BenchmarkObserve(b *testing.B) {
	src, dst := controlPair()
	m := M()
	for _, p := range controlMapping() {
		for j := range p {
			if p[j] == ':' {
				m.Rules = append(m.Rules, R(p[:j], "", p[j+1:]))
			}
		}
	}
	p, ds := engine.Compile(m, src, dst)
	if p == nil {
		b.Fatalf("compile: %v", ds)
	}
	ins, _ := controlRows(1024)
	x := p.NewExec()
	res := make([]engine.Result, len(ins))
	for i, in := range ins {
		res[i] = x.Apply(in)
	}
	d := NewData(p, DataOptions{Source: src, Target: dst, MaxKeys: 1 << 16})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(ins)
		d.Observe(int64(i+1), ins[k], res[k], nil)
	}
}

// TestObserveBoundedMemory: distinct keys and lookup misses beyond the
// bounds are counted but not stored.
func TestObserveBoundedMemory(t *testing.T) {
	src := S("s", F("id", "string"), F("code", "string"))
	dst := S("d", F("id", "string", pk), F("status", "string"))
	m := M(R("id", "", "id"), R("status", `lookup("st", code)`, "code"))
	d := NewDataFor(m, src, dst, DataOptions{MaxKeys: 100, MaxValues: 10})
	for i := 0; i < 5000; i++ {
		in := rec("id", fmt.Sprint(i%2000), "code", fmt.Sprint("c", i))
		d.ObserveOut(int64(i+1), in, rec("id", in.Get("id"), "status", value.NullV()),
			[]engine.RowError{{Target: "status", Kind: kind.LookupMiss, Rule: m.Rules[1], Value: in.Get("code")}}, nil)
	}
	var keys *keySet
	for _, dr := range d.rules {
		if dr.keys != nil {
			keys = dr.keys
		}
	}
	if keys == nil || len(keys.m) != 100 || !keys.full {
		t.Fatalf("key set not bounded: %d keys", len(keys.m))
	}
	fs := d.Findings()
	lm := find(fs, kind.LookupMiss)
	if lm == nil || lm.Count != 5000 || len(d.aggs[aggKey{kind.LookupMiss, "status", "status"}].values) != 10 {
		t.Fatalf("lookup miss = %+v", lm)
	}
	dk := find(fs, kind.DuplicateKey)
	if dk == nil {
		t.Fatal("no duplicate_key finding")
	}
	last := dk.Why[len(dk.Why)-1]
	if want := "key tracking stopped after 100 distinct keys"; len(last) < len(want) || last[:len(want)] != want {
		t.Errorf("duplicate_key why = %v", dk.Why)
	}
	if len(lm.Examples) != 5 {
		t.Errorf("examples not bounded: %d", len(lm.Examples))
	}
}

// TestExamplesClipLongValues: a 32,769-character value is kept clipped.
func TestExamplesClipLongValues(t *testing.T) {
	long := strings.Repeat("é", 32769)
	src, dst := S("s", F("note", "string")), S("d", F("note", "string", maxlen(60)))
	d := NewDataFor(M(R("note", "", "note")), src, dst, DataOptions{})
	d.ObserveOut(1, rec("note", long), rec("note", long), []engine.RowError{{Target: "other", Kind: kind.CoercionFailure, Reason: long}}, nil)
	for _, f := range d.Findings() {
		for _, e := range f.Examples {
			if n := utf8.RuneCountInString(e.Target.S); n > MaxExampleChars+1 {
				t.Errorf("%s example target has %d characters", f.Kind, n)
			}
			if n := utf8.RuneCountInString(e.Reason); n > MaxExampleChars+1 {
				t.Errorf("%s example reason has %d characters", f.Kind, n)
			}
			for _, nv := range e.Source {
				if n := utf8.RuneCountInString(nv.Value.S); n > MaxExampleChars+1 {
					t.Errorf("%s example source has %d characters", f.Kind, n)
				}
			}
		}
	}
	if f := find(d.Findings(), kind.Truncation); f == nil || !strings.Contains(f.Why[0], "32769 characters, 65538 UTF-8 bytes") {
		t.Errorf("truncation lost the real length: %+v", f)
	}
}
