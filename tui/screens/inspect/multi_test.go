package inspect

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func newMultiScreen(t testing.TB, w, h int) (*Model, *common.Session, testkit.Updater) {
	testkit.Pin()
	s := testkit.MultiSession(t)
	d, err := s.Eng.LoadData(context.Background(), filepath.Join(testkit.MultiDir(), "orders.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	s.Data = d
	m := New(s)
	m.SetSize(w, h)
	return m, s, func(msg tea.Msg) tea.Cmd { return m.Update(msg) }
}

// A run of the two-target fixture: per-target counts, and each record
// beside its rows in orders and order_details (record 2: a line rejected
// with its element; record 4: the order rejected, both lines
// parent_rejected).
func TestGoldenMulti(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {120, 37}} {
		name := fmt.Sprintf("%dx%d", size[0], size[1]+3)
		m, s, up := newMultiScreen(t, size[0], size[1])
		testkit.Drive(t, up, "r")
		r := s.Run
		if r == nil || len(r.Targets) != 2 {
			t.Fatalf("run %+v", r)
		}
		for _, tr := range r.Targets {
			if tr.Read != tr.Written+tr.Rejected {
				t.Errorf("%s: read %d != written %d + rejected %d", tr.Name, tr.Read, tr.Written, tr.Rejected)
			}
		}
		if got := r.Targets[1]; got.Read != 5 || got.Written != 2 || got.ParentRejected != 2 {
			t.Errorf("order_details %+v", got)
		}
		testkit.Drive(t, up, "tab", "j")
		v := m.View()
		if n := strings.Count(v, "\n") + 1; n > size[1] {
			t.Errorf("%d lines, more than %d", n, size[1])
		}
		testkit.Golden(t, "multi_run_"+name, v)
		testkit.Drive(t, up, "j", "j")
		testkit.Golden(t, "multi_parent_"+name, m.View())
	}
}

func TestMultiChildRows(t *testing.T) {
	m, s, up := newMultiScreen(t, 120, 37)
	testkit.Drive(t, up, "r")
	row := s.Run.Row(1)
	if len(row.Children) != 2 || row.Children[1].Elements[0] != 1 || !row.Children[1].Rejected {
		t.Fatalf("record 2 children %+v", row.Children)
	}
	if got := childProblems(row, s.Run); got != "truncation(order_details.product_code#1)" {
		t.Errorf("problems %q", got)
	}
	parent := 0
	for _, c := range s.Run.Row(3).Children {
		for _, e := range c.Errors {
			if e.Kind == kind.ParentRejected {
				parent++
			}
		}
	}
	if parent != 2 {
		t.Errorf("record 4: %d parent_rejected rows, want 2", parent)
	}
	found := false
	for _, f := range s.Run.Findings {
		if f.Kind == kind.ParentRejected && f.TargetTable == "order_details" && f.Count == 2 {
			found = true
		}
	}
	if !found {
		t.Error("no parent_rejected finding of order_details")
	}
	testkit.Drive(t, up, "tab", "j", "j", "j")
	_, body := m.recordView(100)
	for _, want := range []string{"lineItems[1].quantity=70000", "#1 ✗ parent_rejected", "#2 ✗ parent_rejected", "coercion_failure order_date"} {
		if !strings.Contains(body, want) {
			t.Errorf("record 4 view lacks %q:\n%s", want, body)
		}
	}
}
