package inspect

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// selectKind puts the findings cursor on the first finding of kind k.
func selectKind(t *testing.T, m *Model, up testkit.Updater, k kind.Kind) {
	t.Helper()
	for i := 0; i < len(m.findings.Items()); i++ {
		if f := m.SelectedFinding(); f != nil && f.Kind == k {
			return
		}
		testkit.Drive(t, up, "j")
	}
	t.Fatalf("no %s finding", k)
}

// d shows the selected finding in full (its whole message, reasons and
// examples); e lists every row it hit, not only its five examples
// (#14.4).
func TestFindingDetailAndEveryRow(t *testing.T) {
	m, s, up := newScreen(t, 80, 21)
	testkit.Drive(t, up, "r")
	selectKind(t, m, up, kind.LookupMiss)
	f := m.SelectedFinding()
	testkit.Drive(t, up, "d")
	v := m.View()
	testkit.Golden(t, "detail_80x24", v)
	if !strings.Contains(v, "Finding lookup_miss") || !strings.Contains(v, "388 rows had no entry") {
		t.Fatalf("no finding detail:\n%s", v)
	}
	if d := m.findingDetail(f, 76); !strings.Contains(d, "row 3") || !strings.Contains(d, "no entry for") {
		t.Fatalf("the detail lacks the examples:\n%s", d)
	}
	if m.table.Len() != len(f.Examples) || f.Count <= int64(len(f.Examples)) {
		t.Fatalf("examples view %d rows, %d examples, count %d", m.table.Len(), len(f.Examples), f.Count)
	}
	testkit.Drive(t, up, "e")
	if int64(m.table.Len()) != f.Count {
		t.Fatalf("every row: %d rows, the finding counts %d", m.table.Len(), f.Count)
	}
	for i := 0; i < m.table.Len(); i++ {
		ok := false
		for _, e := range s.Run.Row(m.rowAt(i)).Errors {
			ok = ok || e.Kind == kind.LookupMiss
		}
		if !ok {
			t.Fatalf("row %d listed without a lookup_miss", m.rowAt(i)+1)
		}
	}
	testkit.Drive(t, up, "e")
	if m.table.Len() != len(f.Examples) {
		t.Fatalf("e again: %d rows", m.table.Len())
	}
}

// The right pane takes the focus (tab from the rows) and scrolls: the
// last lines of a long record come into view (#14.4).
func TestRecordPaneScrolls(t *testing.T) {
	m, _, up := newMultiScreen(t, 80, 21)
	testkit.Drive(t, up, "r", "tab", "j", "j", "j")
	if strings.Contains(m.View(), "lineItems[2].pric") {
		t.Fatal("the record fits: nothing to scroll")
	}
	testkit.Drive(t, up, "tab")
	if m.focus != paneRecord {
		t.Fatalf("focus %d after tab from the rows", m.focus)
	}
	testkit.Drive(t, up, "j", "j", "j", "j", "j")
	v := m.View()
	if !strings.Contains(v, "lineItems[2].pric") || !strings.Contains(v, "↕5-13/13") {
		t.Fatalf("scrolled view:\n%s", v)
	}
	testkit.Golden(t, "multi_scrolled_80x24", v)
	testkit.Drive(t, up, "tab")
	if m.focus != paneFindings {
		t.Fatalf("focus %d after tab from the record", m.focus)
	}
}
