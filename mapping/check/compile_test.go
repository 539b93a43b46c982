package check

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// TestCompileEach: a rule that does not compile is a compile_error finding
// and the program keeps the other rules; a mapping that compiles gives no
// finding.
func TestCompileEach(t *testing.T) {
	src := S("s", F("name", schema.String), F("code", schema.String))
	dst := S("d", F("name", schema.String), F("status", schema.String), F("other", schema.String))
	m := M(R("name", "", "name"), R("status", "frobnicate(code)"), R("other", "upper(nmae)")) //nolint:misspell // a typo on purpose
	prog, fs, ds := CompileEach(m, src, dst)
	if prog == nil || !ds.HasErrors() {
		t.Fatalf("prog %v, diagnostics %v", prog, ds)
	}
	if len(fs) != 2 || fs[0].Kind != kind.CompileError || fs[0].Target != "status" || fs[1].Target != "other" {
		t.Fatalf("findings %+v", fs)
	}
	for _, f := range fs {
		if strings.Contains(f.Message, string(kind.UnknownField)) || len(f.Why) == 0 {
			t.Errorf("finding %+v", f)
		}
	}
	var active []string
	for _, r := range prog.Mapping().Rules {
		if r.Active() {
			active = append(active, r.Target)
		}
	}
	if strings.Join(active, ",") != "name" {
		t.Errorf("program runs %v, want name only", active)
	}
	if !m.Rules[1].Active() {
		t.Error("the caller's mapping was changed")
	}
	if _, fs, ds := CompileEach(M(R("name", "", "name")), src, dst); len(fs) != 0 || ds.HasErrors() {
		t.Errorf("clean mapping: %v %v", fs, ds)
	}
}
