package mapping

import (
	"strings"
	"testing"
)

// TestIgnoreTargetRoundTrip: ignore_target is read, cloned and written
// back after ignore_source.
func TestIgnoreTargetRoundTrip(t *testing.T) {
	src := "seam: 1\nname: m\nsource: a.json\ntarget: b.sql\nrules: []\nignore_source: [x]\nignore_target: [fax, legacy.code]\n"
	m, err := Parse("m.seam.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := m.Clone()
	if len(c.IgnoreTarget) != 2 || c.IgnoreTarget[1] != "legacy.code" {
		t.Fatalf("ignore_target %v", c.IgnoreTarget)
	}
	c.IgnoreTarget[0] = "changed"
	if m.IgnoreTarget[0] != "fax" {
		t.Fatal("Clone shares ignore_target")
	}
	out, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "ignore_source: [x]\nignore_target: [fax, legacy.code]\n") {
		t.Errorf("marshalled:\n%s", out)
	}
}
