package mapper

import (
	"testing"

	"github.com/seamhq/seam/tui/internal/testkit"
)

// a and x move to the next suggestion, from the top again after the last
// (#14.13).
func TestAcceptMovesToNextSuggestion(t *testing.T) {
	m, _, up := newMapper(t, 80, 21)
	testkit.Drive(t, up, "tab", "G")
	if r := m.SelectedRule(); r == nil || r.Target != "subtotal" {
		t.Fatalf("last rule %+v", r)
	}
	testkit.Drive(t, up, "x")
	if r := m.SelectedRule(); r == nil || r.Target != "total_amount" {
		t.Fatalf("after x on the last suggestion the cursor is on %+v, want total_amount", r)
	}
	testkit.Drive(t, up, "a")
	if r := m.SelectedRule(); r == nil || r.Target != "ordered_at" {
		t.Fatalf("after a the cursor is on %+v, want ordered_at", r)
	}
}

// / in the Rules column filters the rules; acting on a filtered rule
// changes that rule (#14.13).
func TestFilterRules(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	testkit.Drive(t, up, "tab", "/")
	testkit.Type(t, up, "is_deleted")
	testkit.Drive(t, up, "enter")
	testkit.Golden(t, "filtered_rules_80x24", m.View())
	if n := m.ruleList.Len(); n == 0 || n >= len(s.Mapping.Rules) {
		t.Fatalf("filter shows %d of %d rules", n, len(s.Mapping.Rules))
	}
	if r := m.SelectedRule(); r == nil || r.Target != "is_deleted" {
		t.Fatalf("selected %+v", r)
	}
	testkit.Drive(t, up, "o")
	if r := s.Mapping.RuleFor("is_deleted"); r == nil || r.OnError != "null" {
		t.Fatalf("o on the filtered rule: %+v", r)
	}
	testkit.Drive(t, up, "esc")
	if m.ruleList.Len() != len(s.Mapping.Rules) {
		t.Fatalf("esc left %d rules shown", m.ruleList.Len())
	}
}
