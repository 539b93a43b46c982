package mapper

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// A suggestion that cannot compile (a lookup of a table that does not
// exist) says why in its detail, is marked !, and neither a nor A accepts
// it (#14.8).
func TestSuggestionThatCannotCompile(t *testing.T) {
	testkit.Pin()
	s := testkit.DemoSession(t)
	bad := &mapping.Rule{Target: "currency_code", From: []string{"currency"}, Expr: `lookup("currencies", currency)`,
		Status: mapping.StatusSuggested, Confidence: 0.95}
	s.Mapping.Rules = append(s.Mapping.Rules, bad)
	m := New(s)
	m.Debounce = 0
	m.SetSize(120, 37)
	up := m.Update
	testkit.Settle(t, up, m.Init())
	testkit.Drive(t, up, "tab")
	for m.SelectedRule() != nil && m.SelectedRule().Target != "currency_code" {
		testkit.Drive(t, up, "j")
	}
	_, body := m.detailView(116)
	if strings.Contains(body, "no problems found") || !strings.Contains(body, "does not compile") || !strings.Contains(body, "currencies") {
		t.Fatalf("detail of a suggestion that cannot compile:\n%s", body)
	}
	testkit.Drive(t, up, "a")
	if bad.Status != mapping.StatusSuggested {
		t.Fatal("a accepted a suggestion that does not compile")
	}
	testkit.Drive(t, up, "A")
	for _, r := range s.Mapping.Rules {
		if r.Target == "currency_code" && r.Status != mapping.StatusSuggested {
			t.Fatal("A accepted a suggestion that does not compile")
		}
		if r.Target == "total_amount" && r.Status != mapping.StatusAccepted {
			t.Fatal("A did not accept the compiling suggestion above the threshold")
		}
	}
}
