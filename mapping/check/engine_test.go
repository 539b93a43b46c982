package check

import (
	"testing"

	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestDataThroughEngine runs rows through the real engine (Compile,
// Exec.Apply) and the data detectors: planted values fire, clean rows do not.
func TestDataThroughEngine(t *testing.T) {
	src := S("src", F("id", schema.Integer, req), F("city", schema.String, req), F("email", schema.String, req), F("qty", schema.String, req))
	dst := S("dst", F("id", schema.Integer, pk, bits(32)), F("city", schema.String, req, maxlen(15)),
		F("email", schema.String, req, format("email")), F("qty", schema.Integer, req, minv(0)))
	m := M(R("id", "", "id"), R("city", "", "city"), R("email", "", "email"), R("qty", "", "qty"))
	p, ds := engine.Compile(m, src, dst)
	if p == nil {
		t.Fatalf("compile: %v", ds)
	}
	d := NewData(p, DataOptions{Source: src, Target: dst})
	x := p.NewExec()
	rows := []*value.Record{
		rec("id", 1, "city", "Oslo", "email", "a@example.com", "qty", "3"),
		rec("id", 2, "city", "São José dos Campos", "email", "b@example.com", "qty", "4"),
		rec("id", 2, "city", "Bergen", "email", "john@", "qty", "-1"),
		rec("id", 3, "city", "Lima", "email", "c@example.com", "qty", "x12"),
		// Rows 2 and 3 are rejected (the engine refuses a value too long
		// for city and a qty below its minimum), so only a written row
		// repeats a key.
		rec("id", 1, "city", "Oslo", "email", "d@example.com", "qty", "5"),
	}
	labels := []map[string]string{nil, {"city": "string.over_max_length"}, {"email": "email.invalid"}, {"qty": "string.not_a_number"}, nil}
	for i, in := range rows {
		d.Observe(int64(i+1), in, x.Apply(in), labels[i])
	}
	fs := d.Findings()
	want := map[kind.Kind]string{kind.Truncation: "city", kind.FormatViolation: "email", kind.RangeViolation: "qty", kind.DuplicateKey: "id", kind.CoercionFailure: "qty"}
	for k, target := range want {
		f := find(fs, k)
		if f == nil || f.Target != target || f.Count != 1 {
			logFindings(t, fs)
			t.Errorf("%s on %s: got %+v", k, target, f)
		}
	}
	if f := find(fs, kind.Truncation); f != nil && (f.Examples[0].Row != 2 || f.Examples[0].EdgeCase != "string.over_max_length") {
		t.Errorf("truncation example = %+v", f.Examples[0])
	}
	if got := d.Rows(); got.Read != 5 || got.Read != got.Written+got.Rejected {
		t.Errorf("rows = %+v", got)
	}
	if len(fs) != len(want) {
		logFindings(t, fs)
		t.Errorf("%d findings, want %d", len(fs), len(want))
	}
}
