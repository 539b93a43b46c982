package inspect

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/mtest"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/backend"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/demo"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// firstRow puts the rows cursor on the first row whose result is want
// ("rejected", "ok") in the all-rows view.
func firstRow(t *testing.T, m *Model, up testkit.Updater, want string) int {
	t.Helper()
	if m.rowsView != viewAll {
		testkit.Drive(t, up, "esc")
	}
	m.setFocus(paneRows)
	m.table.Goto(0)
	for i := 0; i < m.table.Len(); i++ {
		if rowResult(m.s.Run.Row(m.CurrentRow())) == want {
			return m.CurrentRow()
		}
		testkit.Drive(t, up, "down")
	}
	t.Fatalf("no %s row", want)
	return -1
}

// n turns the selected row into a test: its source record as given, what
// the run made of it as expectation (a reject as expect_rejects), shown
// for editing; ctrl+s adds it to the mapping's tests (an undoable change
// of the demo, which has no file yet), and t runs it: it passes.
func TestRowToTest(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {120, 37}} {
		name := fmt.Sprintf("%dx%d", size[0], size[1]+3)
		m, s, up := newScreen(t, size[0], size[1])
		testkit.Drive(t, up, "r")
		i := firstRow(t, m, up, "rejected")
		testkit.Drive(t, up, "n")
		if m.draft == nil || !m.Capturing() {
			t.Fatal("n opened no draft")
		}
		v := m.View()
		testkit.Golden(t, "newtest_"+name, v)
		if n := strings.Count(v, "\n") + 1; n != size[1] {
			t.Errorf("draft: %d lines, want %d", n, size[1])
		}
		body := m.draft.body.Value()
		if !strings.Contains(body, "given:") || !strings.Contains(body, "expect: []") || !strings.Contains(body, "expect_rejects:") {
			t.Fatalf("draft of a rejected row:\n%s", body)
		}
		want := fmt.Sprintf("row %d rejected", i+1)
		if m.draft.name.Value() != want {
			t.Errorf("name %q, want %q", m.draft.name.Value(), want)
		}
		testkit.Drive(t, up, "ctrl+s")
		if m.draft != nil {
			t.Fatalf("not added: %s", m.draft.err)
		}
		if !s.Dirty || !strings.Contains(s.Mapping.Tests, want) {
			t.Fatalf("the mapping's tests:\n%s", s.Mapping.Tests)
		}
		// A second test of an ok row, named on its own.
		firstRow(t, m, up, "ok")
		testkit.Drive(t, up, "n", "ctrl+s")
		testkit.Drive(t, up, "t")
		if !m.tests.open || len(m.tests.results) != 2 {
			t.Fatalf("tests view: open %v, %d results, err %v", m.tests.open, len(m.tests.results), m.tests.err)
		}
		for _, r := range m.tests.results {
			if !r.Pass() {
				t.Errorf("test %q made from the run fails: %+v %v", r.Case.Name, r.Failures, r.Err)
			}
		}
		testkit.Golden(t, "tests_pass_"+name, m.View())
		testkit.Drive(t, up, "t")
		if m.tests.open {
			t.Fatal("t did not close the tests view")
		}
		// Undo takes the tests back out.
		if _, ok := s.Undo(); !ok || strings.Count(s.Mapping.Tests, "- name:") != 1 {
			t.Errorf("undo left:\n%s", s.Mapping.Tests)
		}
	}
}

// A draft whose YAML does not parse is not added: it stays open with the
// reason, at the editor's line; esc drops it without a change.
func TestRowToTestBadYAML(t *testing.T) {
	m, s, up := newScreen(t, 80, 21)
	testkit.Drive(t, up, "r")
	firstRow(t, m, up, "ok")
	testkit.Drive(t, up, "n", "tab")
	m.draft.body.SetValue("    given: [{id: 1}]\n    expect: [\n")
	testkit.Drive(t, up, "ctrl+s")
	if m.draft == nil || !strings.HasPrefix(m.draft.err, draftFile+":") {
		t.Fatalf("bad YAML: draft %v", m.draft)
	}
	testkit.Golden(t, "newtest_error_80x24", m.View())
	testkit.Drive(t, up, "esc")
	if m.draft != nil || s.Dirty || s.Mapping.Tests != "" {
		t.Fatalf("esc: draft %v dirty %v tests %q", m.draft, s.Dirty, s.Mapping.Tests)
	}
}

// fileSession opens the demo extracted into a folder: a mapping read from
// its file.
func fileSession(t *testing.T) *common.Session {
	t.Helper()
	path, err := demo.Extract(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mp, err := mapping.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	src, dst, err := mp.LoadSchemas(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &common.Session{Mapping: mp, Src: src, Dst: dst, SavePath: path, Eng: backend.New()}
}

// Saving a test of a mapping read from a file writes it into the file's
// tests: section at once (every other byte kept) and into every undo
// step, so undoing an edit does not take it out again.
func TestRowToTestSavesIntoFile(t *testing.T) {
	testkit.Pin()
	s := fileSession(t)
	before, err := os.ReadFile(s.Mapping.Path)
	if err != nil {
		t.Fatal(err)
	}
	m := New(s)
	m.SetSize(80, 21)
	up := func(msg tea.Msg) tea.Cmd { return m.Update(msg) }
	s.Do("an edit", func(mp *mapping.Mapping) { mp.Name = "edited" })
	testkit.Drive(t, up, "r")
	i := firstRow(t, m, up, "rejected")
	testkit.Drive(t, up, "n", "ctrl+s")
	if m.draft != nil {
		t.Fatalf("not added: %s", m.draft.err)
	}
	if s.Run.Version != s.Version {
		t.Error("adding a test made the run stale")
	}
	after, err := os.ReadFile(s.Mapping.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(after), string(before)) || !strings.Contains(string(after), fmt.Sprintf("- name: \"row %d rejected\"", i+1)) {
		t.Fatalf("file after adding the test:\n%s", after)
	}
	back, err := mapping.Load(s.Mapping.Path)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := mtest.Load(back)
	if err != nil || len(cs) != 1 || len(cs[0].ExpectRejects) == 0 {
		t.Fatalf("tests read back: %v %+v", err, cs)
	}
	if _, ok := s.Undo(); !ok || s.Mapping.Name == "edited" || s.Mapping.Tests == "" {
		t.Fatalf("undo: name %q, tests %q", s.Mapping.Name, s.Mapping.Tests)
	}
	// A second test replaces the section it wrote, never adds another.
	testkit.Drive(t, up, "r")
	firstRow(t, m, up, "ok")
	testkit.Drive(t, up, "n", "ctrl+s")
	back, err = mapping.Load(s.Mapping.Path)
	if err != nil {
		t.Fatal(err)
	}
	if cs, err := mtest.Load(back); err != nil || len(cs) != 2 {
		t.Fatalf("two tests: %v %d", err, len(cs))
	}
}

// The Tests view shows a failing test's differences, expected beside
// actual.
func TestTestsViewFailing(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {120, 37}} {
		name := fmt.Sprintf("%dx%d", size[0], size[1]+3)
		m, s, up := newScreen(t, size[0], size[1])
		s.Mapping.Tests = `tests:
  - name: looks the status up
    given: [{order_id: "A-1", customer_name: " Ann ", active: true, status: "P"}]
    expect: [{order_no: "A-1", customer_name: "Ann", status: "shipped"}]
  - name: passes nothing through
    given: []
    expect: []
`
		testkit.Drive(t, up, "t")
		if len(m.tests.results) != 2 || m.tests.results[0].Pass() {
			t.Fatalf("results %d, err %v", len(m.tests.results), m.tests.err)
		}
		v := m.View()
		testkit.Golden(t, "tests_fail_"+name, v)
		if !strings.Contains(v, "expected") || !strings.Contains(v, "actual") || !strings.Contains(v, "shipped") {
			t.Fatalf("no side-by-side diff:\n%s", v)
		}
		if n := strings.Count(v, "\n") + 1; n != size[1] {
			t.Errorf("%d lines, want %d", n, size[1])
		}
	}
}

// A row of a run of several targets becomes a test with every target's
// rows (each: elements included) and the rejects named by target; it
// passes. The mapping is copied first: adding a test writes its file.
func TestRowToTestMulti(t *testing.T) {
	m, s, up := newMultiScreen(t, 120, 37)
	body, err := os.ReadFile(s.Mapping.Path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "shop.seam.yaml")
	if err := os.WriteFile(cp, body, 0o644); err != nil {
		t.Fatal(err)
	}
	s.Mapping.Path = cp
	testkit.Drive(t, up, "r")
	for i := range s.Run.Len() {
		m.setFocus(paneRows)
		m.table.Goto(i)
		testkit.Drive(t, up, "n")
		if m.draft == nil {
			t.Fatalf("row %d: no draft", i+1)
		}
		testkit.Drive(t, up, "ctrl+s")
		if m.draft != nil {
			t.Fatalf("row %d not added: %s\n%s", i+1, m.draft.err, m.draft.body.Value())
		}
	}
	testkit.Drive(t, up, "t")
	if len(m.tests.results) != s.Run.Len() {
		t.Fatalf("%d tests for %d rows (err %v)", len(m.tests.results), s.Run.Len(), m.tests.err)
	}
	rejects := 0
	for _, r := range m.tests.results {
		if !r.Pass() {
			t.Errorf("test %q fails: %+v %v", r.Case.Name, r.Failures, r.Err)
		}
		for _, w := range r.Case.ExpectRejects {
			if w.Target == "" {
				t.Errorf("test %q: a reject without its target", r.Case.Name)
			}
			rejects++
		}
	}
	if rejects == 0 {
		t.Error("no test expects a reject")
	}
}
