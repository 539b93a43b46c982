package check

import (
	"github.com/seamhq/seam/mapping/engine"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

// TestNilInputs: missing schemas or mapping never panic; the detectors
// that need them stay quiet.
func TestNilInputs(t *testing.T) {
	src := S("s", F("id", schema.Integer), F("name", schema.String))
	dst := S("d", F("id", schema.Integer, req), F("name", schema.String, maxlen(3)))
	m := M(R("id", "", "id"), R("name", "", "name"), R("ghost", "", "nope"), R("x", "", ""), R("", "", "id"))
	for _, tc := range []struct {
		name     string
		src, dst *schema.Schema
	}{{"both", src, dst}, {"no source", nil, dst}, {"no target", src, nil}, {"none", nil, nil}} {
		t.Run(tc.name, func(t *testing.T) {
			Static(m, tc.src, tc.dst)
			Static(nil, tc.src, tc.dst)
			CoverageOf(m, tc.src, tc.dst)
			d := NewDataFor(m, tc.src, tc.dst, DataOptions{})
			d.ObserveOut(1, rec("id", 1, "name", "abcdef"), rec("id", 1, "name", "abcdef"), []engine.RowError{{Kind: "", Target: "id"}}, nil)
			d.ObserveOut(2, rec(), nil, nil, nil)
			d.Findings()
		})
	}
}
