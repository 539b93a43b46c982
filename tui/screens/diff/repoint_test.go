package diff

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// The label agrees with the changes: the compatibility class as seam
// diff names it, and what the change does to this mapping (#14.7).
func TestVerdictNamesBrokenRules(t *testing.T) {
	testkit.Pin()
	m := New(testkit.DemoSession(t))
	m.SetSize(120, 37)
	testkit.Drive(t, m.Update, "o", "testdata/orders_v2.schema.json", "enter")
	errs := 0
	for _, f := range m.result.Items() {
		if f.Severity == diag.Error {
			errs++
		}
	}
	if errs == 0 {
		t.Fatal("v2 breaks no rule")
	}
	v := m.View()
	if !strings.Contains(v, "compatibility "+m.report.Compatibility+" · mapping: 1 rule broken, 2 to review") {
		t.Fatalf("label:\n%s", v)
	}
}

// p adopts the new version and re-points the rule on the renamed field,
// its expression renamed through the parse tree; undo restores it.
func TestRepointRename(t *testing.T) {
	testkit.Pin()
	s := testkit.DemoSession(t)
	m := New(s)
	m.SetSize(80, 21)
	testkit.Drive(t, m.Update, "v")
	if !strings.Contains(m.View(), "p adopts this version and re-points 1 rule(s)") {
		t.Fatalf("no offer:\n%s", m.View())
	}
	testkit.Drive(t, m.Update, "p")
	r := s.Mapping.RuleFor("customer_name")
	if r == nil || r.From[0] != "buyer_name" || r.Expr != "buyer_name | trim()" {
		t.Fatalf("rule %+v", r)
	}
	if s.Src.Lookup("buyer_name") == nil || !strings.Contains(s.Mapping.Source.Schema, "v2") {
		t.Fatalf("the new version was not adopted: %s", s.Mapping.Source.Schema)
	}
	if diags := s.Eng.Compile(s.Mapping, s.Src, s.Dst); diags.HasErrors() {
		t.Fatalf("the re-pointed mapping does not compile: %v", diags)
	}
	s.Undo()
	if r := s.Mapping.RuleFor("customer_name"); r.From[0] != "customer_name" {
		t.Fatalf("undo: %+v", r)
	}
	_ = common.Changed
}

func TestRenameIdent(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"customer_name | trim()", "buyer_name | trim()"},
		{`é + customer_name + "customer_name"`, `é + buyer_name + "customer_name"`},
		{"customer_name.first ?? customer_name", "buyer_name.first ?? buyer_name"},
		{"customer_names", ""},
		{"(", ""},
	} {
		got, ok := renameIdent(tc.in, "customer_name", "buyer_name")
		if (tc.want == "") == ok || (ok && got != tc.want) {
			t.Errorf("renameIdent(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}
