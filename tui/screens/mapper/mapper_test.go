package mapper

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func newMapper(t *testing.T, w, h int) (*Model, *common.Session, testkit.Updater) {
	t.Helper()
	testkit.Pin()
	s := testkit.DemoSession(t)
	m := New(s)
	m.Debounce = 0
	m.SetSize(w, h)
	// The root broadcasts MappingChangedMsg after a change; do the same.
	up := func(msg tea.Msg) tea.Cmd {
		if _, ok := msg.(common.MappingChangedMsg); ok {
			return m.Update(msg)
		}
		return m.Update(msg)
	}
	testkit.Settle(t, up, m.Init())
	return m, s, up
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"start_80x24", 80, 21, nil},
		{"start_120x40", 120, 37, nil},
		{"rule_80x24", 80, 21, []string{"tab", "j", "j"}},
		{"rule_120x40", 120, 37, []string{"tab", "j", "j"}},
		{"linking_80x24", 80, 21, []string{"j", "j", "enter"}},
		{"lookups_80x24", 80, 21, []string{"L"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _, up := newMapper(t, tc.w, tc.h)
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

func TestLinkKeyboard(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		src  string
		dst  string
	}{
		{"source first", []string{"j", "j", "enter", "j", "j", "j", "enter"}, "email", "email"},
		{"target first", []string{"tab", "tab", "j", "j", "j", "j", "j", "j", "j", "j", "j", "enter", "j", "j", "j", "j", "j", "j", "j", "j", "enter"}, "currency", "currency_code"},
		{"relink a suggestion", []string{"j", "j", "j", "j", "enter", "j", "j", "j", "j", "j", "enter"}, "placed_at", "ordered_at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, s, up := newMapper(t, 80, 21)
			testkit.Drive(t, up, toMsgs(tc.keys)...)
			r := s.Mapping.RuleFor(tc.dst)
			if r == nil || len(r.From) != 1 || r.From[0] != tc.src || r.Status != mapping.StatusAccepted {
				t.Fatalf("rule for %s = %+v", tc.dst, r)
			}
			if m.SelectedRule() != r {
				t.Errorf("the new rule is not selected")
			}
			n := 0
			for _, x := range s.Mapping.Rules {
				if x.Target == tc.dst {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d rules write %s, want 1", n, tc.dst)
			}
		})
	}
}

func toMsgs(keys []string) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

func TestLinkCancel(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	n := len(s.Mapping.Rules)
	testkit.Drive(t, up, "j", "j", "enter", "esc", "enter")
	if m.pendingSrc != "" && len(s.Mapping.Rules) != n {
		t.Fatalf("esc did not cancel the link: pending %q, %d rules", m.pendingSrc, len(s.Mapping.Rules))
	}
	if len(s.Mapping.Rules) != n {
		t.Fatalf("a rule was made after esc")
	}
}

func click(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}
}

func TestLinkMouse(t *testing.T) {
	m, s, up := newMapper(t, 120, 37)
	sw, rw, _ := m.widths()
	// email is the third source row, email the fourth target row.
	testkit.Drive(t, up, click(3, listTop+2))
	if m.pendingSrc != "email" {
		t.Fatalf("click on source row 3: pending %q", m.pendingSrc)
	}
	testkit.Drive(t, up, click(sw+rw+3, listTop+3))
	if r := s.Mapping.RuleFor("email"); r == nil || r.From[0] != "email" {
		t.Fatalf("mouse link: %+v", r)
	}
	// A click in the rules column selects a rule.
	testkit.Drive(t, up, click(sw+3, listTop+4))
	if r := m.SelectedRule(); r == nil || r.Target != "total_amount" {
		t.Fatalf("click on rule 5 selected %+v", r)
	}
	// The wheel scrolls.
	testkit.Drive(t, up, tea.MouseMsg{X: sw + 3, Y: listTop, Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if m.ruleList.Cursor() != 7 {
		t.Fatalf("wheel: cursor %d", m.ruleList.Cursor())
	}
}

func TestAcceptRejectAll(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	c0 := m.Coverage()
	if c0.Required != 8 || c0.RequiredMapped != 4 || c0.Accepted != 4 || c0.Rules != 7 {
		t.Fatalf("demo coverage %+v", c0)
	}
	// a outside the rules column explains instead of acting.
	testkit.Drive(t, up, "a")
	testkit.Drive(t, up, "tab", "j", "j", "j", "j", "a") // total_amount
	if r := s.Mapping.RuleFor("total_amount"); r == nil {
		t.Fatal("total_amount not accepted")
	}
	testkit.Drive(t, up, "j", "x") // cursor moved to ordered_at; skip to subtotal, reject
	if s.Mapping.Rules[6].Status != mapping.StatusRejected {
		t.Fatalf("subtotal status %q", s.Mapping.Rules[6].Status)
	}
	testkit.Drive(t, up, "A")
	// ordered_at is 0.74 < 0.8: A leaves it.
	if s.Mapping.Rules[5].Status != mapping.StatusSuggested {
		t.Fatalf("A accepted ordered_at (0.74) at threshold 0.8")
	}
	m.Threshold = 0.7
	testkit.Drive(t, up, "A")
	if s.Mapping.Rules[5].Status != mapping.StatusAccepted {
		t.Fatalf("A at 0.7 left ordered_at")
	}
	c := m.Coverage()
	if c.RequiredMapped != 6 || c.Accepted != 6 {
		t.Fatalf("coverage after accepting %+v", c)
	}
}

func TestEditCompletionDiagnosticsPreview(t *testing.T) {
	m, s, up := newMapper(t, 120, 37)
	testkit.Drive(t, up, "tab", "j", "j", "e") // is_deleted
	if m.edit == nil {
		t.Fatal("e did not open the editor")
	}
	// Completion: "to_dec" + tab -> "to_decimal(".
	testkit.Type(t, up, "to_dec")
	testkit.Drive(t, up, "tab")
	if got := m.edit.input.Value(); got != "to_decimal(" {
		t.Fatalf("completion: %q", got)
	}
	// A field completes too, and several candidates cycle.
	testkit.Drive(t, up, "ctrl+u")
	testkit.Type(t, up, "activ")
	testkit.Drive(t, up, "tab")
	if got := m.edit.input.Value(); got != "active" {
		t.Fatalf("field completion: %q", got)
	}
	// An unknown name: a diagnostic underlining its range (^ then ~).
	testkit.Drive(t, up, "ctrl+u")
	testkit.Type(t, up, "!actve")
	v := m.View()
	if !strings.Contains(v, "^~~~~ expression: unknown name actve") {
		t.Fatalf("no caret diagnostic:\n%s", v)
	}
	testkit.Golden(t, "edit_error_120x40", v)
	// Fixed: the preview shows rows.
	testkit.Drive(t, up, "ctrl+u")
	testkit.Type(t, up, "!active")
	if len(m.edit.preview.Rows) == 0 || m.edit.preview.Diags.HasErrors() {
		t.Fatalf("preview %+v", m.edit.preview)
	}
	testkit.Golden(t, "edit_preview_120x40", m.View())
	// A stale preview (older request id) is dropped.
	good := m.edit.preview
	testkit.Drive(t, up, previewMsg{seq: m.edit.seq - 1, p: common.Preview{Type: "stale"}})
	if m.edit.preview.Type != good.Type {
		t.Fatal("a stale preview replaced the current one")
	}
	testkit.Drive(t, up, "enter")
	if got := s.Mapping.RuleFor("is_deleted").Expr; got != "!active" {
		t.Fatalf("expr after enter: %q", got)
	}
	// esc cancels an edit without a change.
	testkit.Drive(t, up, "e", "ctrl+u")
	testkit.Type(t, up, "false")
	testkit.Drive(t, up, "esc")
	if got := s.Mapping.RuleFor("is_deleted").Expr; got != "!active" {
		t.Fatalf("esc changed the expr to %q", got)
	}
}

func TestLookupEditor(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	testkit.Drive(t, up, "L", "n")
	testkit.Type(t, up, "R=refunded")
	testkit.Drive(t, up, "enter")
	l := s.Mapping.LookupNamed("status")
	if len(l.Entries) != 4 || l.Entries[3] != (mapping.LookupEntry{Key: "R", Value: "refunded"}) {
		t.Fatalf("entries %+v", l.Entries)
	}
	// Edit the entry in place.
	testkit.Drive(t, up, "enter", "ctrl+u")
	testkit.Type(t, up, "R=returned")
	testkit.Drive(t, up, "enter")
	l = s.Mapping.LookupNamed("status")
	if l.Entries[3].Value != "returned" {
		t.Fatalf("edited entry %+v", l.Entries[3])
	}
	// A malformed entry is refused.
	testkit.Drive(t, up, "n")
	testkit.Type(t, up, "nokey")
	testkit.Drive(t, up, "enter")
	if len(s.Mapping.LookupNamed("status").Entries) != 4 {
		t.Fatal("malformed entry added")
	}
	testkit.Drive(t, up, "d")
	if n := len(s.Mapping.LookupNamed("status").Entries); n != 3 {
		t.Fatalf("delete: %d entries", n)
	}
	// A new table.
	testkit.Drive(t, up, "N")
	testkit.Type(t, up, "country")
	testkit.Drive(t, up, "enter", "n")
	testkit.Type(t, up, "DE=Germany")
	testkit.Drive(t, up, "enter")
	if l := s.Mapping.LookupNamed("country"); l == nil || len(l.Entries) != 1 {
		t.Fatalf("new table %+v", l)
	}
	testkit.Golden(t, "lookups_edited_80x24", m.View())
	testkit.Drive(t, up, "esc")
	if m.lookup != nil {
		t.Fatal("esc did not close the editor")
	}
	// Undo walks back every change.
	for s.CanUndo() {
		s.Undo()
	}
	if l := s.Mapping.LookupNamed("status"); len(l.Entries) != 3 || s.Mapping.LookupNamed("country") != nil {
		t.Fatalf("after undo: %+v", s.Mapping.Lookups)
	}
}

func TestDeleteAndJump(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	testkit.Drive(t, up, "tab", "j", "j", "g")
	if f, _ := m.dst.Selected(); m.focus != paneTarget || f.Path != "is_deleted" {
		t.Fatalf("g from rule: focus %d", m.focus)
	}
	testkit.Drive(t, up, "g")
	if m.focus != paneRules || m.SelectedRule().Target != "is_deleted" {
		t.Fatal("g from target did not go back to the rule")
	}
	testkit.Drive(t, up, "d")
	if s.Mapping.RuleFor("is_deleted") != nil {
		t.Fatal("d did not delete")
	}
	testkit.Drive(t, up, common.JumpToRuleMsg{Target: "status"})
	if m.SelectedRule().Target != "status" {
		t.Fatal("JumpToRuleMsg")
	}
}

func TestSuggest(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	n := len(s.Mapping.Rules)
	testkit.Drive(t, up, "S")
	if len(s.Mapping.Rules) <= n {
		t.Fatalf("S added no suggestions (%d rules)", len(s.Mapping.Rules))
	}
	seen := map[string]int{}
	for _, r := range s.Mapping.Rules {
		seen[r.Target]++
		if seen[r.Target] > 1 {
			t.Fatalf("two rules for %s after S", r.Target)
		}
	}
	var cc *mapping.Rule
	for _, r := range s.Mapping.Rules[n:] {
		if r.Status != mapping.StatusSuggested || r.Confidence <= 0 || len(r.Why) == 0 {
			t.Errorf("suggestion %+v lacks status, confidence or reasons", r)
		}
		if r.Target == "currency_code" {
			cc = r
		}
	}
	if cc == nil || len(cc.From) != 1 || cc.From[0] != "currency" {
		t.Errorf("currency_code suggestion = %+v", cc)
	}
	// One undo removes the whole batch.
	testkit.Drive(t, up, common.MappingChangedMsg{})
	s.Undo()
	if len(s.Mapping.Rules) != n {
		t.Fatalf("undo left %d rules", len(s.Mapping.Rules))
	}
	_ = m
}

func TestFilterAndLink(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	testkit.Drive(t, up, "/")
	testkit.Type(t, up, "zip")
	if vs := m.src.VisibleItems(); len(vs) != 1 || vs[0].Path != "shipping_address.zip" {
		t.Fatalf("filtered sources %d", len(vs))
	}
	// enter keeps the filter; enter again picks the field and moves to the
	// targets, where / filters again.
	testkit.Drive(t, up, "enter")
	if !strings.Contains(m.View(), "/zip 1/17") {
		t.Errorf("title does not show the filter count:\n%s", m.View())
	}
	testkit.Drive(t, up, "enter", "/")
	testkit.Type(t, up, "shzip")
	testkit.Drive(t, up, "enter")
	if vs := m.dst.VisibleItems(); len(vs) != 1 || vs[0].Path != "ship_zip" {
		t.Fatalf("filtered targets %v", vs)
	}
	testkit.Golden(t, "filtered_80x24", m.View())
	testkit.Drive(t, up, "enter")
	if r := s.Mapping.RuleFor("ship_zip"); r == nil || r.From[0] != "shipping_address.zip" {
		t.Fatalf("rule %+v", r)
	}
	// Coverage counts every target, not only the filtered ones.
	if c := m.Coverage(); c.Required != 8 {
		t.Fatalf("coverage over the filtered list: %+v", c)
	}
	// esc in a column drops the filters.
	testkit.Drive(t, up, "tab", "esc")
	if m.dst.Len() != len(m.dst.Items()) || m.src.Len() != len(m.src.Items()) {
		t.Fatal("esc did not clear the filters")
	}
}

// TestOnErrorCycle: o steps the selected rule's on_error through reject,
// null and keep as undoable changes.
func TestOnErrorCycle(t *testing.T) {
	_, s, up := newMapper(t, 80, 21)
	testkit.Drive(t, up, "o") // outside the rules column: explains, changes nothing
	if s.Mapping.Rules[0].OnError != "" {
		t.Fatal("o outside the rules column changed a rule")
	}
	testkit.Drive(t, up, "tab", "o")
	if got := s.Mapping.Rules[0].OnError; got != mapping.OnErrorNull {
		t.Fatalf("after o: on_error %q, want null", got)
	}
	testkit.Drive(t, up, "o")
	if got := s.Mapping.Rules[0].OnError; got != mapping.OnErrorKeep {
		t.Fatalf("after o o: on_error %q, want keep", got)
	}
	testkit.Drive(t, up, "o")
	if got := s.Mapping.Rules[0].OnError; got != "" {
		t.Fatalf("after o o o: on_error %q, want reject (empty)", got)
	}
	if _, ok := s.Undo(); !ok || s.Mapping.Rules[0].OnError != mapping.OnErrorKeep {
		t.Fatalf("undo: on_error %q, want keep", s.Mapping.Rules[0].OnError)
	}
}

// TestEditUnderFilterSeesEverySource: a filter on the source column does
// not hide fields from the expression editor: completion and the rule's
// from list read every source field.
func TestEditUnderFilterSeesEverySource(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	testkit.Drive(t, up, "/")
	testkit.Type(t, up, "zip")
	testkit.Drive(t, up, "enter", "tab", "e") // order_no ← order_id
	if m.edit == nil {
		t.Fatal("e did not open the editor")
	}
	testkit.Drive(t, up, "ctrl+u")
	testkit.Type(t, up, "customer_na")
	testkit.Drive(t, up, "tab")
	if got := m.edit.input.Value(); got != "customer_name" {
		t.Fatalf("completion under a filter: %q", got)
	}
	testkit.Drive(t, up, "enter")
	if r := s.Mapping.Rules[0]; len(r.From) != 1 || r.From[0] != "customer_name" {
		t.Fatalf("from under a filter: %v", r.From)
	}
}

// TestFieldLineNamesFirst: the name gets the width first; the type
// shortens (string(300), str(300), str) before the name is cut, and the
// line is always exactly the width (#14.3).
func TestFieldLineNamesFirst(t *testing.T) {
	n := 300
	f := &schema.Field{Path: "customer_name", Type: schema.String, MaxLength: &n, Required: true}
	for _, tc := range []struct {
		width int
		want  string
	}{
		{30, "customer_name*     string(300)"},
		{24, "customer_name*  str(300)"},
		{20, "customer_name*   str"},
		{18, "customer_name* str"},
		{14, "customer_… str"},
	} {
		got := ansi.Strip(fieldLine(f, tc.width))
		if strings.TrimRight(got, " ") != tc.want || lipgloss.Width(got) != tc.width {
			t.Errorf("width %d: %q, want %q", tc.width, got, tc.want)
		}
	}
}
