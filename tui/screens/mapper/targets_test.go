package mapper

import (
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func newMultiMapper(t *testing.T, w, h int) (*Model, *common.Session, testkit.Updater) {
	t.Helper()
	testkit.Pin()
	s := testkit.MultiSession(t)
	m := New(s)
	m.Debounce = 0
	m.SetSize(w, h)
	up := func(msg tea.Msg) tea.Cmd { return m.Update(msg) }
	testkit.Settle(t, up, m.Init())
	return m, s, up
}

// The Mapper of a two-target mapping: the target tables as groups, t
// switches to order_details (its element fields in scope, ∀ on the rules
// reading the element), the rule's iteration in the detail pane.
func TestGoldenMulti(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"multi_80x24", 80, 21, nil},
		{"multi_120x40", 120, 37, nil},
		{"multi_lines_80x24", 80, 21, []string{"t", "tab", "j", "j"}},
		{"multi_lines_120x40", 120, 37, []string{"t", "tab", "j", "j"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _, up := newMultiMapper(t, tc.w, tc.h)
			for _, k := range tc.keys {
				testkit.Drive(t, up, k)
			}
			v := m.View()
			if n := strings.Count(v, "\n") + 1; n != tc.h {
				t.Errorf("view has %d lines, want %d", n, tc.h)
			}
			testkit.Golden(t, tc.name, v)
		})
	}
}

func TestSwitchTarget(t *testing.T) {
	m, s, up := newMultiMapper(t, 80, 21)
	if got := len(m.rules()); got != 4 {
		t.Fatalf("orders has %d rules, want 4", got)
	}
	testkit.Drive(t, up, "t")
	if s.ActiveTarget() != 1 || s.Dst.Name != "order_details" {
		t.Fatalf("active %d, dst %s after t", s.ActiveTarget(), s.Dst.Name)
	}
	if got := len(m.rules()); got != 5 {
		t.Fatalf("order_details shows %d rules, want 5", got)
	}
	paths := map[string]bool{}
	for _, f := range m.src.Items() {
		paths[f.Path] = true
	}
	for _, p := range []string{"id", "lineItems.sku", "$line"} {
		if !paths[p] {
			t.Errorf("source column of order_details lacks %s: %v", p, paths)
		}
	}
	if paths["lineItems[].sku"] {
		t.Error("the iterated array is still shown as an array")
	}
	// Accepting the suggestion changes order_details, not orders.
	testkit.Drive(t, up, "tab")
	for m.SelectedRule() != nil && m.SelectedRule().Target != "unit_price" {
		testkit.Drive(t, up, "j")
	}
	testkit.Drive(t, up, "a")
	if r := s.Mapping.Extra[0].Rules[4]; r.Status != mapping.StatusAccepted {
		t.Fatalf("unit_price status %q after a", r.Status)
	}
	if len(s.Mapping.Rules) != 4 {
		t.Fatalf("orders has %d rules after accepting in order_details", len(s.Mapping.Rules))
	}
	// Linking in order_details adds the rule there.
	testkit.Drive(t, up, "T")
	if s.ActiveTarget() != 0 {
		t.Fatalf("T went to %d", s.ActiveTarget())
	}
	s.Undo() // the root's u
	testkit.Drive(t, up, common.MappingChangedMsg{})
	if s.Mapping.Extra[0].Rules[4].Status != mapping.StatusSuggested {
		t.Fatal("undo did not restore the suggestion")
	}
}

// enter on a header makes that target active; linking in it writes its rules.
func TestHeaderEnterAndLink(t *testing.T) {
	m, s, up := newMultiMapper(t, 80, 21)
	testkit.Drive(t, up, "tab", "tab")
	for {
		f, ok := m.dst.Selected()
		if !ok {
			t.Fatal("no order_details header")
		}
		if i, head := m.header(f); head && i == 1 {
			break
		}
		testkit.Drive(t, up, "j")
	}
	testkit.Drive(t, up, "enter")
	if s.ActiveTarget() != 1 {
		t.Fatalf("enter on the header: active %d", s.ActiveTarget())
	}
	// lineItems.title -> product_code re-points the rule of order_details
	cmd := m.Link("lineItems.title", "product_code")
	testkit.Settle(t, up, cmd)
	r := s.Mapping.Extra[0].Rules[2]
	if r.Target != "product_code" || r.From[0] != "lineItems.title" {
		t.Fatalf("rule %+v", r)
	}
	if s.Mapping.RuleFor("product_code") != nil {
		t.Fatal("the link landed in orders")
	}
}

// i on a field inside an array sets the target's each (the element comes
// into scope); i on the element's field leaves it; both undo.
func TestScope(t *testing.T) {
	m, s, up := newMultiMapper(t, 80, 21)
	testkit.Drive(t, up, "t")
	testkit.Drive(t, up, "i") // on id: not in the element: leaves nothing
	if s.Each() != "lineItems" {
		t.Fatalf("each %q after i on id", s.Each())
	}
	if !m.selectField(paneSource, "lineItems.sku") {
		t.Fatal("no lineItems.sku in scope")
	}
	testkit.Drive(t, up, "i")
	if s.Each() != "" || s.Mapping.Extra[0].Each != "" {
		t.Fatalf("each %q after leaving", s.Each())
	}
	if !m.selectField(paneSource, "lineItems[].sku") {
		t.Fatal("the array is not shown as an array after leaving the scope")
	}
	testkit.Drive(t, up, "i")
	if s.Mapping.Extra[0].Each != "lineItems" {
		t.Fatalf("each %q after entering again", s.Mapping.Extra[0].Each)
	}
	s.Undo()
	s.Undo()
	testkit.Drive(t, up, common.MappingChangedMsg{})
	if s.Mapping.Extra[0].Each != "lineItems" {
		t.Fatalf("each %q after two undos", s.Mapping.Extra[0].Each)
	}
}

// Saving the edited two-target mapping keeps every target, each, parent and rule.
func TestSaveMultiRoundTrip(t *testing.T) {
	_, s, up := newMultiMapper(t, 80, 21)
	testkit.Drive(t, up, "t", "tab")
	for i := 0; i < 4; i++ {
		testkit.Drive(t, up, "j")
	}
	testkit.Drive(t, up, "a")
	out := s.SavePath
	mp := s.Mapping.Clone()
	s.SetFingerprints(mp)
	if err := s.Eng.Save(mp, out); err != nil {
		t.Fatal(err)
	}
	back, err := mapping.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Extra) != 1 || back.Extra[0].Each != "lineItems" || back.Extra[0].Parent != "orders" || back.TargetName != "orders" {
		t.Fatalf("saved mapping lost its targets: %+v", back)
	}
	if len(back.Rules) != 4 || len(back.Extra[0].Rules) != 5 || back.Extra[0].Rules[4].Status != mapping.StatusAccepted {
		t.Fatalf("rules: %d, %d", len(back.Rules), len(back.Extra[0].Rules))
	}
	if back.Target.Fingerprint == "" || back.Target.Fingerprint == back.Extra[0].Schema.Fingerprint {
		t.Errorf("fingerprints: orders %q, order_details %q", back.Target.Fingerprint, back.Extra[0].Schema.Fingerprint)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "targets:") {
		t.Errorf("saved without targets:\n%s", b)
	}
}

// A finding of another table (Run's g) switches to that table first.
func TestJumpToOtherTable(t *testing.T) {
	m, s, up := newMultiMapper(t, 80, 21)
	testkit.Drive(t, up, common.JumpToRuleMsg{Target: "product_code", Table: "order_details"})
	if s.ActiveTarget() != 1 {
		t.Fatalf("active %d after a jump to order_details", s.ActiveTarget())
	}
	if r := m.SelectedRule(); r == nil || r.Target != "product_code" || m.focus != paneRules {
		t.Fatalf("selected %+v, focus %d", r, m.focus)
	}
}
