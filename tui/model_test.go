package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
	"github.com/seamhq/seam/tui/keys"
)

func TestGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m, up := newDemo(t, size[0], size[1])
		testkit.Drive(t, up, "4", "r")
		for i, name := range []string{"schemas", "mapper", "generate", "run", "drift"} {
			testkit.Drive(t, up, fmt.Sprint(i+1))
			v := m.View()
			if got := strings.Count(v, "\n") + 1; got != size[1] {
				t.Errorf("%s at %dx%d: %d lines", name, size[0], size[1], got)
			}
			testkit.Golden(t, fmt.Sprintf("root_%s_%dx%d", name, size[0], size[1]), v)
		}
		testkit.Drive(t, up, "?")
		testkit.Golden(t, fmt.Sprintf("root_help_%dx%d", size[0], size[1]), m.View())
	}
}

func TestUndoRedo(t *testing.T) {
	m, up := newDemo(t, 80, 24)
	n := len(m.s.Mapping.Rules)
	testkit.Drive(t, up, "j", "j", "enter", "j", "j", "j", "enter") // link email
	if len(m.s.Mapping.Rules) != n+1 || !m.s.Dirty {
		t.Fatalf("link: %d rules, dirty %v", len(m.s.Mapping.Rules), m.s.Dirty)
	}
	testkit.Drive(t, up, "u")
	if len(m.s.Mapping.Rules) != n || m.s.Dirty {
		t.Fatalf("undo: %d rules, dirty %v", len(m.s.Mapping.Rules), m.s.Dirty)
	}
	if !strings.Contains(m.status, "undid: link email → email") {
		t.Errorf("status %q", m.status)
	}
	testkit.Drive(t, up, "ctrl+r")
	if len(m.s.Mapping.Rules) != n+1 || m.s.Mapping.RuleFor("email") == nil {
		t.Fatalf("redo: %d rules", len(m.s.Mapping.Rules))
	}
	testkit.Drive(t, up, "ctrl+r")
	if m.status != "nothing to redo" {
		t.Errorf("status %q", m.status)
	}
	// Every change type is undoable: accept, reject, edit, delete.
	before := len(m.s.Mapping.Rules)
	testkit.Drive(t, up, "k", "a", "x", "d")
	testkit.Drive(t, up, "u", "u", "u")
	if len(m.s.Mapping.Rules) != before {
		t.Fatalf("after 3 undos: %d rules, want %d", len(m.s.Mapping.Rules), before)
	}
}

func TestQuitAsksWhenDirty(t *testing.T) {
	_, up := newDemo(t, 80, 24)
	if !testkit.Drive(t, up, "q") {
		t.Fatal("q on a clean session should quit")
	}
	m, up := newDemo(t, 80, 24)
	testkit.Drive(t, up, "j", "j", "enter", "j", "j", "j", "enter")
	if testkit.Drive(t, up, "q") {
		t.Fatal("q with unsaved changes quit without asking")
	}
	if !m.confirmQuit || !strings.Contains(m.View(), "Unsaved changes") {
		t.Fatal("no question shown")
	}
	testkit.Golden(t, "root_quit_80x24", m.View())
	testkit.Drive(t, up, "esc")
	if m.confirmQuit {
		t.Fatal("esc did not close the question")
	}
	testkit.Drive(t, up, "q")
	if !testkit.Drive(t, up, "y") {
		t.Fatal("y did not quit")
	}
}

// TestCtrlCAsksWhenDirty: with unsaved changes ctrl+c asks like q from
// every screen and dialog, a generate running too; a second ctrl+c quits.
// A clean session quits at once (#14.1).
func TestCtrlCAsksWhenDirty(t *testing.T) {
	_, up := newDemo(t, 80, 24)
	if !testkit.Drive(t, up, "ctrl+c") {
		t.Fatal("ctrl+c on a clean session did not quit")
	}
	link := []any{"j", "j", "enter", "j", "j", "j", "enter"}
	for _, tc := range []struct {
		name string
		keys []any
	}{
		{"mapper", nil},
		{"expression editor", []any{"e"}},
		{"save dialog", []any{"ctrl+s"}},
		{"palette", []any{":"}},
		{"help", []any{"?"}},
		{"lookups", []any{"L"}},
		{"schemas", []any{"1"}},
		{"run", []any{"4", "r"}},
		{"drift", []any{"5"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, up := newDemo(t, 80, 24)
			testkit.Drive(t, up, link...)
			testkit.Drive(t, up, tc.keys...)
			if testkit.Drive(t, up, "ctrl+c") {
				t.Fatal("ctrl+c with unsaved changes quit without asking")
			}
			if !m.confirmQuit || !strings.Contains(m.View(), "Unsaved changes") {
				t.Fatalf("no question shown:\n%s", m.View())
			}
			if !testkit.Drive(t, up, "ctrl+c") {
				t.Fatal("a second ctrl+c did not quit")
			}
			if m.discarded {
				t.Fatal("a second ctrl+c discarded the recovery file")
			}
		})
	}
	// Nothing unsaved but input not applied yet (a test draft from a Run
	// row, an expression being edited): ctrl+c asks too, offering only to
	// stay; a second one quits.
	for _, keys := range [][]any{{"4", "r", "n"}, {"tab", "e"}} {
		m, up := newDemo(t, 80, 24)
		testkit.Drive(t, up, keys...)
		if m.s.Dirty || !m.screens[m.active].Capturing() {
			t.Fatalf("%v: dirty %v, capturing %v", keys, m.s.Dirty, m.screens[m.active].Capturing())
		}
		if testkit.Drive(t, up, "ctrl+c") {
			t.Fatalf("%v: ctrl+c with input not applied quit without asking", keys)
		}
		if !m.confirmQuit || !strings.Contains(m.View(), "Input not applied yet") {
			t.Fatalf("%v: no question shown:\n%s", keys, m.View())
		}
		testkit.Drive(t, up, "d") // discard is not offered: nothing happens
		if !m.confirmQuit {
			t.Fatalf("%v: d closed the question", keys)
		}
		if !testkit.Drive(t, up, "ctrl+c") {
			t.Fatalf("%v: a second ctrl+c did not quit", keys)
		}
	}
	// During a generate: the key arrives while the job runs.
	m, up := newDemo(t, 80, 24)
	testkit.Drive(t, up, link...)
	testkit.Drive(t, up, "3")
	up(testkit.Key("r"))
	if !m.synth.Running() {
		t.Fatal("generate not running")
	}
	if testkit.Drive(t, up, "ctrl+c") || !m.confirmQuit {
		t.Fatal("ctrl+c during a generate did not ask")
	}
	testkit.Drive(t, up, "esc")
	if m.confirmQuit {
		t.Fatal("esc did not close the question")
	}
}

func save(t *testing.T, up testkit.Updater, path string) {
	t.Helper()
	testkit.Drive(t, up, "ctrl+s", "ctrl+u")
	testkit.Type(t, up, path)
	testkit.Drive(t, up, "enter")
}

func TestSaveDemo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.seam.yaml")
	m, up := newDemo(t, 80, 24)
	testkit.Drive(t, up, "j", "j", "enter", "j", "j", "j", "enter")
	save(t, up, path)
	if m.s.Dirty || m.s.SavePath != path {
		t.Fatalf("after save: dirty %v, path %q, status %q", m.s.Dirty, m.s.SavePath, m.status)
	}
	// The saved file loads, with its schemas beside it.
	got, err := mapping.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.RuleFor("email") == nil {
		t.Fatal("saved mapping lacks the new rule")
	}
	if _, _, err := got.LoadSchemas(schemaOpts()); err != nil {
		t.Fatalf("saved demo's schemas: %v", err)
	}
	// A second ctrl+s saves to the same file without asking, keeping the
	// previous version as path~.
	testkit.Drive(t, up, "k", "k", "k", "a", "ctrl+s")
	if m.s.Dirty || m.saveAs != nil {
		t.Fatalf("second save: dirty %v, prompt %v, status %q", m.s.Dirty, m.saveAs != nil, m.status)
	}
	if _, err := os.Stat(path + "~"); err != nil {
		t.Fatalf("previous version not kept: %v", err)
	}
}

func TestFailedSaveKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.seam.yaml")
	m, up := newDemo(t, 80, 24)
	save(t, up, path)
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Make keeping the previous version impossible: path~ is a folder.
	if err := os.Mkdir(path+"~", 0o755); err != nil {
		t.Fatal(err)
	}
	testkit.Drive(t, up, "j", "j", "enter", "j", "j", "j", "enter", "ctrl+s")
	if !m.statusErr || !strings.Contains(m.status, "save failed") {
		t.Fatalf("status %q (err %v)", m.status, m.statusErr)
	}
	if !m.s.Dirty {
		t.Fatal("a failed save cleared the unsaved marker")
	}
	now, _ := os.ReadFile(path)
	if string(now) != string(old) {
		t.Fatal("a failed save changed the file")
	}
	if !strings.Contains(m.View(), "[+]") {
		t.Fatal("unsaved marker not shown")
	}
}

func TestPalette(t *testing.T) {
	m, up := newDemo(t, 80, 24)
	testkit.Drive(t, up, ":")
	testkit.Type(t, up, "thr")
	testkit.Drive(t, up, "tab")
	testkit.Type(t, up, "0.7")
	testkit.Drive(t, up, "enter")
	if m.mapper.Threshold != 0.7 {
		t.Fatalf("threshold %v, status %q", m.mapper.Threshold, m.status)
	}
	// A accepts both suggestions at or above 0.7 (0.86 and 0.74), not 0.41.
	testkit.Drive(t, up, "A")
	var sugg []string
	for _, r := range m.s.Mapping.Rules {
		if r.Status == mapping.StatusSuggested {
			sugg = append(sugg, r.Target)
		}
	}
	if len(sugg) != 1 || sugg[0] != "subtotal" {
		t.Fatalf("suggestions left: %v", sugg)
	}
	testkit.Drive(t, up, ":")
	testkit.Type(t, up, "bogus")
	testkit.Drive(t, up, "enter")
	if !m.statusErr || !strings.Contains(m.status, "unknown command") {
		t.Fatalf("status %q", m.status)
	}
	testkit.Drive(t, up, ":")
	testkit.Type(t, up, "generate")
	testkit.Drive(t, up, "enter")
	if m.active != 2 || m.s.Data == nil || m.s.Data.Len() != 1000 {
		t.Fatalf("generate: screen %d, data %v", m.active, m.s.Data != nil)
	}
}

func TestMouseTabs(t *testing.T) {
	m, up := newDemo(t, 80, 24)
	x := m.tabAtX(3)
	testkit.Drive(t, up, tea.MouseMsg{X: x, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.active != 3 {
		t.Fatalf("click on tab 4 at x=%d: screen %d", x, m.active)
	}
}

func TestOpenFilesAndSaveElsewhere(t *testing.T) {
	testkit.Pin()
	dir := t.TempDir()
	if _, err := demoExtract(dir); err != nil {
		t.Fatal(err)
	}
	src, dst := filepath.Join(dir, "orders.schema.json"), filepath.Join(dir, "erp.sql#erp_customer_order")
	out := filepath.Join(dir, "out", "new.seam.yaml")
	os.Mkdir(filepath.Dir(out), 0o755)
	tm, err := New(Options{Source: src, Target: dst, Mapping: out})
	if err != nil {
		t.Fatal(err)
	}
	m := tm.(*model)
	if len(m.s.Mapping.Rules) != 0 || m.s.Src == nil || m.s.Dst == nil {
		t.Fatal("a new mapping over two schemas expected")
	}
	up := func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c }
	testkit.Drive(t, up, tea.WindowSizeMsg{Width: 80, Height: 24}, "2", "enter", "j", "enter", "ctrl+s")
	if m.statusErr || m.s.Dirty {
		t.Fatalf("save: %q", m.status)
	}
	got, err := mapping.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source.Schema != "../orders.schema.json" || got.Target.Schema != "../erp.sql#erp_customer_order" {
		t.Fatalf("refs %q %q", got.Source.Schema, got.Target.Schema)
	}
	if got.Source.Fingerprint == "" {
		t.Error("no fingerprint saved")
	}
	if _, _, err := got.LoadSchemas(schemaOpts()); err == nil || !strings.Contains(err.Error(), "outside the allowed folders") {
		t.Fatalf("a schema outside the mapping's folder and the working directory: err %v", err)
	}
	if _, _, err := got.LoadSchemas(schema.Options{AllowPaths: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	if len(got.Rules) != 1 || got.Rules[0].Target != "order_no" {
		t.Fatalf("rules %+v", got.Rules)
	}
	// Opening the saved file finds everything again (with the schemas'
	// folder allowed).
	if _, err := New(Options{Mapping: out, AllowPaths: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	// A bad schema path is an error naming the file.
	if _, err := New(Options{Source: filepath.Join(dir, "nope.json"), Target: dst}); err == nil || !strings.Contains(err.Error(), "nope.json") {
		t.Fatalf("err %v", err)
	}
}

func TestResize(t *testing.T) {
	m, up := newDemo(t, 80, 24)
	testkit.Drive(t, up, "4", "r")
	for _, size := range [][2]int{{80, 24}, {100, 30}, {200, 60}, {60, 16}, {30, 8}, {10, 3}} {
		testkit.Drive(t, up, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for i := 1; i <= 5; i++ {
			testkit.Drive(t, up, fmt.Sprint(i))
			v := m.View()
			if size[0] < 20 || size[1] < 6 {
				continue // "window too small"
			}
			lines := strings.Split(v, "\n")
			if len(lines) != size[1] {
				t.Errorf("screen %d at %dx%d: %d lines", i, size[0], size[1], len(lines))
			}
			for _, l := range lines {
				if w := lipgloss.Width(l); w > size[0] {
					t.Errorf("screen %d at %dx%d: a line is %d wide", i, size[0], size[1], w)
					break
				}
			}
		}
	}
}

// TestHelpShowsEveryKey: at 80x24 and 60x20, help (?) on every screen
// shows every key of the screen and every global key in full, on as many
// pages as it takes; no line is cut (#14.2).
func TestHelpShowsEveryKey(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}, {120, 40}} {
		m, up := newDemo(t, size[0], size[1])
		for i := range m.screens {
			testkit.Drive(t, up, fmt.Sprint(i+1), "?")
			var seen strings.Builder
			pages := len(m.helpPages())
			for p := 0; p < pages; p++ {
				v := m.View()
				if size == [2]int{80, 24} && i == 1 {
					testkit.Golden(t, fmt.Sprintf("root_help_mapper_%d_80x24", p+1), v)
				}
				for _, line := range strings.Split(v, "\n")[1:m.bodyHeight()] {
					if strings.Contains(line, "…") {
						t.Errorf("%dx%d %s page %d: cut line %q", size[0], size[1], m.screens[i].Title(), p+1, line)
					}
				}
				seen.WriteString(v)
				if p < pages-1 {
					testkit.Drive(t, up, "right")
				}
			}
			want := append(m.screens[i].FullHelp(), keys.Global.FullHelp()...)
			for _, col := range want {
				for _, b := range col {
					h := b.Help()
					if !strings.Contains(seen.String(), h.Key) || !strings.Contains(seen.String(), h.Desc) {
						t.Errorf("%dx%d %s help: %q %q not shown", size[0], size[1], m.screens[i].Title(), h.Key, h.Desc)
					}
				}
			}
			testkit.Drive(t, up, "esc")
			if m.showHelp {
				t.Fatal("esc did not close help")
			}
		}
	}
}

// TestRunCompileError: a run of a mapping that does not compile puts every
// problem in the Findings pane, in full in the detail pane, enter goes to
// the rule, and the status line stays one line (#14.5).
func TestRunCompileError(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}} {
		m, up := newDemo(t, size[0], size[1])
		m.s.Do("break", func(mp *mapping.Mapping) {
			mp.RuleFor("status").Expr = "lookup(\"no_such_table\", status) +"
			mp.RuleFor("order_no").Expr = "upper(order_id"
		})
		testkit.Drive(t, up, "4", "r")
		v := m.View()
		lines := strings.Split(v, "\n")
		if len(lines) != size[1] || !strings.HasPrefix(lines[0], "seam") {
			t.Fatalf("%dx%d: %d lines, first %q", size[0], size[1], len(lines), lines[0])
		}
		if !m.statusErr || strings.Contains(m.status, "\n") || !strings.Contains(m.status, "does not compile") {
			t.Fatalf("status %q", m.status)
		}
		if !strings.Contains(v, "Run failed (2)") || !strings.Contains(v, "order_no") {
			t.Fatalf("findings pane:\n%s", v)
		}
		testkit.Golden(t, fmt.Sprintf("root_run_compile_error_%dx%d", size[0], size[1]), v)
		testkit.Drive(t, up, "j", "enter")
		if m.active != 1 {
			t.Fatalf("enter on a problem: screen %d", m.active)
		}
		if r := m.mapper.SelectedRule(); r == nil || r.Target != "status" {
			t.Fatalf("enter on the second problem selected rule %+v", r)
		}
		// Fixed, the next run clears the problems.
		testkit.Drive(t, up, "u", "4", "r")
		if v := m.View(); strings.Contains(v, "Run failed") || m.s.Run == nil {
			t.Fatalf("after the fix:\n%s", v)
		}
	}
}

// TestStatusOneLine: a status message with line breaks is one line, so the
// tab bar stays on top (#14.5).
func TestStatusOneLine(t *testing.T) {
	m, up := newDemo(t, 80, 24)
	testkit.Drive(t, up, common.StatusMsg{Text: "first\nsecond\r\n\tthird", Err: true})
	v := m.View()
	lines := strings.Split(v, "\n")
	if len(lines) != 24 || !strings.HasPrefix(lines[0], "seam") || !strings.Contains(lines[22], "first second third") {
		t.Fatalf("view:\n%s", v)
	}
}
