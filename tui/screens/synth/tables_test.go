package synth

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/backend"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// northwindScreen opens the Generate screen on Northwind's orders table,
// from the DDL of all its tables.
func northwindScreen(t *testing.T, w, h int) (*Model, *common.Session, testkit.Updater, *common.StatusMsg) {
	t.Helper()
	testkit.Pin()
	// a relative path: the view names the file the same on every machine
	src, err := schema.Load("../../../testdata/schemas/realworld/northwind/northwind.sql#orders", schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := &common.Session{Src: src, Dst: src, Eng: backend.New()}
	m := New(s)
	m.SetSize(w, h)
	last := &common.StatusMsg{}
	up := func(msg tea.Msg) tea.Cmd {
		if st, ok := msg.(common.StatusMsg); ok {
			*last = st
		}
		return m.Update(msg)
	}
	return m, s, up, last
}

// T shows Northwind's 14 tables parents first beside their relationships;
// r generates them all into a folder: a CSV per table and labels.csv,
// every order_details row's order among the orders written (#15.5).
func TestTablesView(t *testing.T) {
	m, _, up, last := northwindScreen(t, 80, 21)
	testkit.Drive(t, up, "T")
	v := m.View()
	if n := strings.Count(v, "\n") + 1; n != 21 {
		t.Errorf("tables view has %d lines, want 21", n)
	}
	testkit.Golden(t, "tables_80x24", v)
	set := m.tv.set
	if set == nil || len(set.Tables) != 14 {
		t.Fatalf("tables: %+v (err %v)", set, m.tv.err)
	}
	pos := map[string]int{}
	for i, tb := range set.Tables {
		pos[tb.Name] = i
	}
	for _, r := range set.Relations {
		if !r.Self && pos[r.Parent] > pos[r.Child] {
			t.Errorf("%s is generated before its parent %s", r.Child, r.Parent)
		}
	}
	out := filepath.Join(t.TempDir(), "nw")
	m.SetForm(30, 5, 0.2, "realistic")
	testkit.Drive(t, up, "r", "ctrl+u")
	testkit.Type(t, up, out)
	testkit.Drive(t, up, "enter")
	if last.Err || m.tv.last == nil {
		t.Fatalf("generate: %q", last.Text)
	}
	orders := column(t, filepath.Join(out, "orders.csv"), "order_id")
	lines := column(t, filepath.Join(out, "order_details.csv"), "order_id")
	if len(orders) != 30 || len(lines) < 30 || len(lines) > 150 {
		t.Fatalf("%d orders, %d lines", len(orders), len(lines))
	}
	for _, id := range lines {
		if !slices.Contains(orders, id) {
			t.Fatalf("an order line's order %s is no order", id)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "labels.csv")); err != nil {
		t.Error(err)
	}
	if !strings.Contains(m.View(), "orders") || !strings.Contains(last.Text, "generated 14 tables") {
		t.Errorf("after: %q\n%s", last.Text, m.View())
	}
	testkit.Drive(t, up, "T")
	if m.tv.on {
		t.Error("T again leaves the tables view")
	}
}

// column returns every value of col in the CSV file at path.
func column(t *testing.T, path, col string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	at := slices.Index(recs[0], col)
	if at < 0 {
		t.Fatalf("%s: no column %s in %v", path, col, recs[0])
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[at])
	}
	return out
}

// At 60x20 the 14 tables do not fit: pgdn and pgup scroll them and the
// last line says which lines show.
func TestTablesViewScrolls(t *testing.T) {
	m, _, up, _ := northwindScreen(t, 60, 17)
	testkit.Drive(t, up, "T")
	v := m.View()
	testkit.Golden(t, "tables_60x20", v)
	if !strings.Contains(v, "lines 1-9 of 14") || strings.Contains(v, "us_states") {
		t.Errorf("first page:\n%s", v)
	}
	testkit.Drive(t, up, "pgdown")
	v = m.View()
	testkit.Golden(t, "tables_scrolled_60x20", v)
	if !strings.Contains(v, "lines 6-14 of 14") || !strings.Contains(v, "us_states") || strings.Count(v, "\n")+1 != 17 {
		t.Errorf("second page:\n%s", v)
	}
	testkit.Drive(t, up, "pgup")
	if !strings.Contains(m.View(), "lines 1-9 of 14") {
		t.Errorf("pgup:\n%s", m.View())
	}
}
