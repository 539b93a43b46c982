package synth

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func newScreen(t *testing.T, w, h int) (*Model, *common.Session, testkit.Updater, *common.StatusMsg) {
	testkit.Pin()
	s := testkit.DemoSession(t)
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

func TestGenerateGolden(t *testing.T) {
	for _, size := range [][2]int{{60, 17}, {80, 21}, {120, 37}} {
		m, s, up, _ := newScreen(t, size[0], size[1])
		testkit.Golden(t, "empty_"+sz(size), m.View())
		m.SetForm(200, 7, 0.3, "edge")
		testkit.Drive(t, up, "r")
		if s.Data == nil || s.Data.Len() != 200 || s.Data.Seed != 7 {
			t.Fatalf("generated %+v", s.Data)
		}
		v := m.View()
		if n := strings.Count(v, "\n") + 1; n != size[1] {
			t.Errorf("%d lines, want %d", n, size[1])
		}
		testkit.Golden(t, "generated_"+sz(size), v)
	}
}

// sz names a screen size by the terminal's (the screen has three lines
// fewer: the tab bar, the status and the hint lines).
func sz(s [2]int) string { return fmt.Sprintf("%dx%d", s[0], s[1]+3) }

func TestSameSeedSameData(t *testing.T) {
	_, s1, up1, _ := newScreen(t, 80, 21)
	_, s2, up2, _ := newScreen(t, 80, 21)
	testkit.Drive(t, up1, "r")
	testkit.Drive(t, up2, "r")
	if s1.Data.Len() == 0 || s1.Data.Len() != s2.Data.Len() {
		t.Fatalf("%d and %d rows", s1.Data.Len(), s2.Data.Len())
	}
	for i := range s1.Data.Len() {
		if !s1.Data.Row(i).Equal(s2.Data.Row(i)) {
			a, b := s1.Data.Row(i), s2.Data.Row(i)
			for j := range a.Vals {
				if !a.Vals[j].Equal(b.Vals[j]) && a.Vals[j].Text() != b.Vals[j].Text() {
					t.Fatalf("row %d field %s differs between two runs with seed 42: %q vs %q", i+1, a.Keys[j], a.Vals[j].Text(), b.Vals[j].Text())
				}
			}
		}
	}
}

func TestFormEditingAndValidation(t *testing.T) {
	m, _, up, last := newScreen(t, 80, 21)
	// enter edits rows; type a bad value; enter reports the problem.
	testkit.Drive(t, up, "enter", "ctrl+u")
	testkit.Type(t, up, "ten")
	testkit.Drive(t, up, "enter")
	if !last.Err || !strings.Contains(last.Text, "rows") {
		t.Fatalf("status %+v", last)
	}
	testkit.Drive(t, up, "r")
	if !last.Err || !strings.Contains(last.Text, "rows: expected a whole number") {
		t.Fatalf("generate with bad rows: %+v", last)
	}
	// Fix it, then cycle the profile with enter on its field.
	testkit.Drive(t, up, "enter", "ctrl+u")
	testkit.Type(t, up, "50")
	testkit.Drive(t, up, "enter", "down", "down", "down", "enter")
	p, err := m.Plan()
	if err != nil || p.Rows != 50 || p.Profile != "hostile" {
		t.Fatalf("plan %+v, %v", p, err)
	}
}

func TestCancel(t *testing.T) {
	m, s, up, last := newScreen(t, 80, 21)
	m.SetForm(2000000, 1, 0.2, "edge")
	cmd := m.Start()
	if !m.Running() {
		t.Fatal("not running")
	}
	// esc cancels; the cancelled run's result is dropped.
	up(testkit.Key("esc"))
	testkit.Settle(t, up, cmd)
	if m.Running() || s.Data != nil {
		t.Fatalf("after cancel: running %v, data %v", m.Running(), s.Data != nil)
	}
	if !strings.Contains(last.Text, "cancelled") && !last.Err {
		t.Logf("last status %+v", last)
	}
}

func TestWriteDataset(t *testing.T) {
	dir := t.TempDir()
	_, _, up, last := newScreen(t, 80, 21)
	testkit.Drive(t, up, "r")
	for _, name := range []string{"d.csv", "d.jsonl", "d.xlsx"} {
		path := filepath.Join(dir, name)
		testkit.Drive(t, up, "w", "ctrl+u", path, "enter")
		if last.Err {
			t.Fatalf("%s: %s", name, last.Text)
		}
		st, err := os.Stat(path)
		if err != nil || st.Size() == 0 {
			t.Fatalf("%s not written: %v", name, err)
		}
	}
	testkit.Drive(t, up, "w", "ctrl+u", filepath.Join(dir, "d.txt"), "enter")
	if !last.Err || !strings.Contains(last.Text, "d.txt") {
		t.Fatalf("unknown extension: %+v", last)
	}
}

// TestProgramContextEndsGeneration: generation runs under the program's
// context (Session.Ctx), so it stops when the program ends, without esc.
func TestProgramContextEndsGeneration(t *testing.T) {
	m, s, up, last := newScreen(t, 80, 21)
	ctx, stop := context.WithCancel(context.Background())
	s.Ctx = ctx
	m.SetForm(2000000, 1, 0.2, "edge")
	cmd := m.Start()
	stop()
	testkit.Settle(t, up, cmd)
	if m.Running() || s.Data != nil || !last.Err || !strings.Contains(last.Text, "context canceled") {
		t.Fatalf("after the program's context ended: running %v, data %v, status %+v", m.Running(), s.Data != nil, last)
	}
}
