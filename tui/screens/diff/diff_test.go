package diff

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func TestDrift(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {120, 37}} {
		testkit.Pin()
		s := testkit.DemoSession(t)
		m := New(s)
		m.SetSize(size[0], size[1])
		var jump *common.JumpToRuleMsg
		up := func(msg tea.Msg) tea.Cmd {
			if j, ok := msg.(common.JumpToRuleMsg); ok {
				jump = &j
				return nil
			}
			return m.Update(msg)
		}
		name := map[int]string{80: "80x24", 120: "120x40"}[size[0]]
		testkit.Golden(t, "empty_"+name, m.View())
		testkit.Drive(t, up, "o", "testdata/orders_v2.schema.json", "enter")
		if m.err != nil {
			t.Fatal(m.err)
		}
		if len(m.report.Changes) == 0 {
			t.Fatal("no changes found in v2")
		}
		found := false
		for _, f := range m.result.Items() {
			if f.Target == "is_deleted" || strings.Contains(strings.Join(f.Source, ","), "active") {
				found = true
			}
		}
		if !found {
			t.Fatalf("the removed source field active breaks is_deleted; findings: %+v", m.result.Items())
		}
		v := m.View()
		if n := strings.Count(v, "\n") + 1; n != size[1] {
			t.Errorf("%d lines, want %d", n, size[1])
		}
		testkit.Golden(t, "v2_"+name, v)
		testkit.Drive(t, up, "enter")
		if jump == nil {
			t.Fatal("enter on a finding did not ask for its rule")
		}
	}
}

func TestDriftBadFile(t *testing.T) {
	testkit.Pin()
	s := testkit.DemoSession(t)
	m := New(s)
	m.SetSize(80, 21)
	var st common.StatusMsg
	up := func(msg tea.Msg) tea.Cmd {
		if x, ok := msg.(common.StatusMsg); ok {
			st = x
		}
		return m.Update(msg)
	}
	testkit.Drive(t, up, "o", "testdata/missing.json", "enter")
	if !st.Err || !strings.Contains(st.Text, "missing.json") {
		t.Fatalf("status %+v", st)
	}
}

// TestDemoNextVersion: in the demo, v compares the source with the
// embedded next version; the rename breaks the customer_name rule.
func TestDemoNextVersion(t *testing.T) {
	testkit.Pin()
	m := New(testkit.DemoSession(t))
	m.SetSize(80, 21)
	testkit.Drive(t, m.Update, "v")
	if m.err != nil {
		t.Fatal(m.err)
	}
	v := m.View()
	for _, want := range []string{"orders.v2.schema.json", "customer_name → buyer_name", "What it breaks"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}
