package synth

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/backend"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// wideScreen is the Generate screen on a 368-column schema.
func wideScreen(t *testing.T) (*Model, *common.Session, testkit.Updater) {
	t.Helper()
	testkit.Pin()
	src, err := schema.Load("testdata/wide.sql", schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(src.Fields); n != 368 {
		t.Fatalf("wide.sql has %d columns", n)
	}
	s := &common.Session{Mapping: &mapping.Mapping{}, Src: src, Dst: src, Eng: backend.New()}
	m := New(s)
	m.SetSize(80, 21)
	return m, s, func(msg tea.Msg) tea.Cmd { return m.Update(msg) }
}

// One cursor at a time: the settings' until rows exist, then the rows'
// (tab switches, the other pane's cursor is drawn blurred); the columns
// of a wide schema scroll sideways a page at a time; enter shows the row
// in full, every field scrolled into view (#14.6).
func TestWideSchema(t *testing.T) {
	m, s, up := wideScreen(t)
	m.SetForm(40, 3, 0.3, "edge")
	testkit.Drive(t, up, "tab")
	if m.onRows {
		t.Fatal("tab moved to rows that do not exist")
	}
	testkit.Drive(t, up, "r")
	if s.Data == nil || len(s.Data.Keys) != 368 {
		t.Fatalf("generated %v", s.Data)
	}
	if !m.onRows || !m.table.Focused {
		t.Fatal("after generating, the rows do not have the focus")
	}
	v := m.View()
	testkit.Golden(t, "wide_80x24", v)
	if strings.Count(v, "\n>") != 1 || !strings.Contains(v, "\n-rows") {
		t.Errorf("want one focused cursor (the rows') and the settings' blurred:\n%s", v)
	}
	testkit.Drive(t, up, "l", "l")
	v = m.View()
	testkit.Golden(t, "wide_scrolled_80x24", v)
	from, to := m.shown()
	if from != 2*m.fit() || !strings.Contains(v, s.Data.Keys[from]) || !strings.Contains(v, "of 368") {
		t.Fatalf("columns %d-%d after two pages:\n%s", from, to, v)
	}
	for i := 0; i < 100; i++ {
		testkit.Drive(t, up, "l")
	}
	if _, to := m.shown(); to != 368 {
		t.Fatalf("right end shows up to column %d", to)
	}
	testkit.Drive(t, up, "down", "enter")
	if !m.detail {
		t.Fatal("enter did not open the row")
	}
	v = m.View()
	testkit.Golden(t, "wide_detail_80x24", v)
	if !strings.Contains(v, "Row 2 of 40 · 368 fields") || !strings.Contains(v, "id ") {
		t.Fatalf("row detail:\n%s", v)
	}
	testkit.Drive(t, up, "G")
	if v = m.View(); !strings.Contains(v, "ref_368") {
		t.Fatalf("the detail's end lacks the last column:\n%s", v)
	}
	testkit.Drive(t, up, "esc")
	if m.detail || !m.onRows {
		t.Fatal("esc did not go back to the rows")
	}
	testkit.Drive(t, up, "tab")
	if m.onRows || m.table.Focused {
		t.Fatal("tab did not give the settings the focus")
	}
	testkit.Drive(t, up, "down")
	if m.focus != fSeed || m.table.Cursor() != 1 {
		t.Fatalf("down with the settings focused: field %d, row %d", m.focus, m.table.Cursor())
	}
}

// The wide schema's rows and row detail at the smallest and the largest
// sizes: every line fits, the column window says where it is.
func TestWideSchemaSizes(t *testing.T) {
	for _, size := range [][2]int{{60, 17}, {120, 37}} {
		m, s, up := wideScreen(t)
		m.SetSize(size[0], size[1])
		m.SetForm(40, 3, 0.3, "edge")
		testkit.Drive(t, up, "r")
		if s.Data == nil {
			t.Fatal("nothing generated")
		}
		v := m.View()
		if n := strings.Count(v, "\n") + 1; n != size[1] {
			t.Errorf("%s: %d lines, want %d", sz(size), n, size[1])
		}
		if !strings.Contains(v, "of 368") {
			t.Errorf("%s: no column window:\n%s", sz(size), v)
		}
		testkit.Golden(t, "wide_"+sz(size), v)
		testkit.Drive(t, up, "enter")
		testkit.Golden(t, "wide_detail_"+sz(size), m.View())
	}
}
