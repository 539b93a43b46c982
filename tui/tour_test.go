package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/demo"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func newDemo(t testing.TB, w, h int) (*model, testkit.Updater) {
	t.Helper()
	testkit.Pin()
	tm, err := New(Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	m := tm.(*model)
	m.mapper.Debounce = 0
	up := func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c }
	testkit.Settle(t, up, m.Init())
	testkit.Drive(t, up, tea.WindowSizeMsg{Width: w, Height: h})
	return m, up
}

func hasFinding(fs []check.Finding, kind, target string) bool {
	for _, f := range fs {
		if string(f.Kind) == kind && f.Target == target {
			return true
		}
	}
	return false
}

// TestNewcomerTour drives the tour of the README with its exact keys:
//
//	j j enter j j j enter   link source email to target email
//	k k k a                 accept the total_amount suggestion
//	4 r                     run (1000 synthetic rows): polarity on is_deleted
//	2 k k k e !active enter fix the planted mismatch
//	4 r                     run again: the polarity finding is gone
//	ctrl+s enter            save ./demo.seam.yaml (its schemas beside it)
//	q                       quit
func TestNewcomerTour(t *testing.T) {
	m, up := newDemo(t, 80, 24)
	s := m.s

	// 1. Link email -> email: the source cursor starts on order_id; email
	// is two down. Enter picks it and moves to the targets, where email is
	// three down; enter links.
	testkit.Drive(t, up, "j", "j", "enter", "j", "j", "j", "enter")
	r := s.Mapping.RuleFor("email")
	if r == nil || len(r.From) != 1 || r.From[0] != "email" || r.Status != mapping.StatusAccepted {
		t.Fatalf("after linking, rule for email = %+v", r)
	}
	// 2. Accept the total_amount suggestion: three up from the new rule.
	testkit.Drive(t, up, "k", "k", "k", "a")
	if r := s.Mapping.RuleFor("total_amount"); r == nil || r.Status != mapping.StatusAccepted {
		t.Fatalf("total_amount not accepted: %+v", r)
	}
	// 3. Run: 4 opens Run & inspect, r runs (generating 1000 rows first).
	testkit.Drive(t, up, "4", "r")
	if s.Run == nil {
		t.Fatal("no run result")
	}
	if !hasFinding(s.Run.Findings, "polarity", "is_deleted") {
		t.Fatalf("the planted polarity mismatch is not found: %v", kinds(s.Run.Findings))
	}
	// 4. Back to the mapper (2): the cursor is on ordered_at, the rule
	// after the accepted one; is_deleted is three up.
	testkit.Drive(t, up, "2", "k", "k", "k")
	if r := m.mapper.SelectedRule(); r == nil || r.Target != "is_deleted" {
		t.Fatalf("selected rule = %+v, want is_deleted", r)
	}
	// 5. Fix it: e edits the expression, type !active, enter applies.
	testkit.Drive(t, up, "e")
	testkit.Type(t, up, "!active")
	testkit.Drive(t, up, "enter")
	if got := s.Mapping.RuleFor("is_deleted").Expr; got != "!active" {
		t.Fatalf("is_deleted expr = %q", got)
	}
	// 6. Run again: the finding is gone.
	testkit.Drive(t, up, "4", "r")
	if hasFinding(s.Run.Findings, "polarity", "is_deleted") {
		t.Fatalf("polarity finding still there after the fix")
	}
	if !strings.Contains(m.View(), "Findings") {
		t.Fatal("run screen not shown")
	}
	// 7. ctrl+s enter saves ./demo.seam.yaml (schemas beside it); q quits.
	t.Chdir(t.TempDir())
	testkit.Drive(t, up, "ctrl+s", "enter")
	if m.s.Dirty || m.statusErr {
		t.Fatalf("save: %q", m.status)
	}
	saved, err := mapping.Load("demo.seam.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r := saved.RuleFor("is_deleted"); r == nil || r.Expr != "!active" {
		t.Fatalf("saved is_deleted rule %+v", r)
	}
	if !testkit.Drive(t, up, "q") {
		t.Fatal("q did not quit after saving")
	}
}

func kinds(fs []check.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Kind)+":"+f.Target)
	}
	return out
}

// TestFindingJumpsToRule: enter on a finding opens its rule in the mapper.
func TestFindingJumpsToRule(t *testing.T) {
	m, up := newDemo(t, 120, 40)
	testkit.Drive(t, up, "4", "r")
	for i := 0; i < 40; i++ {
		if f := m.inspect.SelectedFinding(); f != nil && f.Kind == "polarity" {
			break
		}
		testkit.Drive(t, up, "j")
	}
	f := m.inspect.SelectedFinding()
	if f == nil || f.Kind != "polarity" {
		t.Fatalf("no polarity finding reachable: %v", kinds(m.s.Run.Findings))
	}
	testkit.Drive(t, up, "enter")
	if m.active != 1 || m.mapper.SelectedRule().Target != "is_deleted" {
		t.Fatalf("enter did not open the is_deleted rule (screen %d)", m.active)
	}
}

func schemaOpts() schema.Options { return schema.Options{} }

func demoExtract(dir string) (string, error) { return demo.Extract(dir) }
