package inspect

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/mtest"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// draftFile names the test being edited in its errors: their lines are
// the lines of the YAML editor.
const draftFile = "the test"

// testDraft is a test made from a row of the run (its source record as
// given, what the run made of it as expect and expect_rejects), shown
// for editing before it is added to the mapping's tests.
type testDraft struct {
	row    int // 0-based
	result string
	name   textinput.Model
	body   textarea.Model
	onBody bool
	// err is why the last ctrl+s did not add the test (the YAML does not
	// parse, the name is taken, the file could not be written).
	err string
}

// newTest opens the draft of a test made from the row under the cursor.
func (m *Model) newTest() tea.Cmd {
	r, i := m.s.Run, m.CurrentRow()
	if r == nil || i < 0 || i >= r.Len() {
		return common.Status("run the mapping (%s) and select a row to turn it into a test", keys.Name(keys.Inspect.Run))
	}
	if r.Version != m.s.Version {
		return common.Status("the mapping changed since the run: %s runs it again, then %s turns the row into a test",
			keys.Name(keys.Inspect.Run), keys.Name(keys.Inspect.NewTest))
	}
	row := r.Row(i)
	name := uniqueTestName(m.s.Mapping, fmt.Sprintf("row %d %s", i+1, rowResult(row)))
	c := caseOfRow(r, i)
	c.Name = name
	text := mtest.Render([]*mtest.Case{c})
	// The editor holds the test without its "tests:" and "- name:" lines:
	// the name has a field of its own.
	body := ""
	if parts := strings.SplitN(text, "\n", 3); len(parts) == 3 {
		body = parts[2]
	}
	d := &testDraft{row: i, result: rowTitle(row)}
	d.name = widgets.NewInput("name: ")
	d.name.SetValue(name)
	d.name.CharLimit = 200
	d.name.Focus()
	d.body = textarea.New()
	d.body.Cursor.SetMode(cursor.CursorStatic)
	d.body.MaxHeight = 10000
	d.body.MaxWidth = 0
	d.body.SetValue(strings.TrimRight(body, "\n"))
	d.body.Blur()
	m.draft = d
	m.sizeDraft()
	return nil
}

// sizeDraft fits the YAML editor to the screen: a line of title, one of
// name, the editor, two lines for an error.
func (m *Model) sizeDraft() {
	if m.draft == nil {
		return
	}
	m.draft.body.SetWidth(max(m.w, 20))
	m.draft.body.SetHeight(max(m.h-4, 3))
}

// caseOfRow is the test of row i (0-based) of a run: its source record,
// every column of what each target wrote, the errors of what was
// rejected.
func caseOfRow(r *common.RunResult, i int) *mtest.Case {
	row := r.Row(i)
	errs := func(es []engine.RowError) []mtest.RuleErr {
		var out []mtest.RuleErr
		for _, e := range es {
			re := mtest.RuleErr{Target: e.Target, Kind: string(e.Kind), Reason: e.Reason}
			if e.Rule != nil {
				re.Rule = e.Rule.Name()
			}
			out = append(out, re)
		}
		return out
	}
	if len(r.Targets) == 0 {
		var actual [][]*value.Record
		var rejects []mtest.Reject
		if row.Rejected {
			actual = [][]*value.Record{nil}
			rejects = []mtest.Reject{{Row: 1, Errors: errs(row.Errors)}}
		} else {
			actual = [][]*value.Record{{row.Out}}
		}
		return mtest.FromRun("", row.In, []string{""}, actual, rejects)
	}
	names := make([]string, len(r.Targets))
	for t := range r.Targets {
		names[t] = r.Targets[t].Name
	}
	actual := make([][]*value.Record, len(names))
	var rejects []mtest.Reject
	for _, c := range row.Children {
		if c.Target < 0 || c.Target >= len(names) {
			continue
		}
		if c.Rejected {
			rejects = append(rejects, mtest.Reject{Row: 1, Target: names[c.Target], Errors: errs(c.Errors)})
		} else if c.Out != nil {
			actual[c.Target] = append(actual[c.Target], c.Out)
		}
	}
	return mtest.FromRun("", row.In, names, actual, rejects)
}

// uniqueTestName is base, or base (2), (3) ... when a test of the
// mapping already has that name.
func uniqueTestName(mp *mapping.Mapping, base string) string {
	taken := map[string]bool{}
	if cs, err := mtest.Load(mp); err == nil {
		for _, c := range cs {
			taken[c.Name] = true
		}
	}
	name := base
	for n := 2; taken[name]; n++ {
		name = fmt.Sprintf("%s (%d)", base, n)
	}
	return name
}

// draftKey edits the draft: tab switches between name and YAML, ctrl+s
// adds the test, esc drops it.
func (m *Model) draftKey(msg tea.KeyMsg) tea.Cmd {
	d := m.draft
	switch {
	case key.Matches(msg, keys.TestDraft.Cancel):
		m.draft = nil
		return common.Status("the test was not added")
	case key.Matches(msg, keys.TestDraft.Add):
		return m.addTest()
	case key.Matches(msg, keys.TestDraft.Switch):
		d.onBody = !d.onBody
		if d.onBody {
			d.name.Blur()
			return d.body.Focus()
		}
		d.body.Blur()
		return d.name.Focus()
	case !d.onBody && key.Matches(msg, keys.Input.Accept):
		return m.addTest()
	}
	var cmd tea.Cmd
	if d.onBody {
		d.body, cmd = d.body.Update(msg)
	} else {
		d.name, cmd = d.name.Update(msg)
	}
	return cmd
}

// addTest checks the draft (its YAML parses as one test, its name is
// new) and adds it to the mapping's tests: written into the mapping's
// file at once when it has one (only its tests: section, like seam test
// --update), else an undoable change that ctrl+s saves. A draft that
// cannot be added stays open with the reason.
func (m *Model) addTest() tea.Cmd {
	d := m.draft
	name := strings.TrimSpace(d.name.Value())
	if name == "" {
		d.err = "the test needs a name"
		return nil
	}
	body := d.body.Value()
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	text := "tests:\n" + mtest.NameLine(name) + body
	// Line -1: an error's line is the line of the editor.
	cs, err := mtest.Parse(draftFile, -1, []byte(text))
	if err != nil {
		d.err = err.Error()
		return nil
	}
	if len(cs) != 1 {
		d.err = fmt.Sprintf("the YAML holds %d tests; keep one", len(cs))
		return nil
	}
	mp := m.s.Mapping
	if uniqueTestName(mp, name) != name {
		d.err = fmt.Sprintf("a test is already named %q", name)
		return nil
	}
	sec, err := mtest.Append(mp.Tests, text)
	var all []*mtest.Case
	if err == nil {
		all, err = mtest.Parse(mp.Path, max(mp.TestsLine, 1), []byte(sec))
	}
	if err != nil {
		d.err = err.Error()
		return nil
	}
	n := len(all)
	m.tests.stale = true
	// Tests do not change what a run makes: a current run stays current.
	fresh := m.s.Run != nil && m.s.Run.Version == m.s.Version
	defer func() {
		if fresh {
			m.s.Run.Version = m.s.Version
		}
	}()
	if mp.Path != "" && !m.s.Demo {
		c := mp.Clone()
		if err := c.SaveTests(sec); err != nil {
			d.err = "writing the test: " + err.Error()
			return nil
		}
		m.s.SetTests(c.Tests, c.TestsLine)
		m.draft = nil
		return common.Status("test %q added to %s (%s) · %s runs them", name, mp.Path, plural(n, "test"), keys.Name(keys.Inspect.Tests))
	}
	m.s.Do("add test "+name, func(mp *mapping.Mapping) { mp.Tests = sec })
	m.draft = nil
	return tea.Batch(common.Changed, common.Status("test %q added to the mapping's tests (%s): %s saves it · %s runs them",
		name, plural(n, "test"), keys.Name(keys.Global.Save), keys.Name(keys.Inspect.Tests)))
}

// draftView shows the draft: what it is made of, its name, its YAML and
// why it was not added yet.
func (m *Model) draftView() string {
	d := m.draft
	head := theme.Bold.Render(fmt.Sprintf("New test from row %d (%s)", d.row+1, d.result)) +
		theme.Dim.Render(" · given: its source record · expect: what the run made of it")
	var b strings.Builder
	b.WriteString(widgets.Cell(head, m.w) + "\n")
	b.WriteString(widgets.Cell(d.name.View(), m.w) + "\n")
	b.WriteString(d.body.View() + "\n")
	msg := widgets.Cell(keys.Hints(keys.TestDraft.Switch, keys.TestDraft.Add, keys.TestDraft.Cancel), m.w)
	if d.err != "" {
		msg = ansi.Wrap(theme.Error.Render("✗ "+textsafe.Terminal(strings.Join(strings.Fields(d.err), " "))), m.w, " ")
	}
	b.WriteString(msg)
	return widgets.Fit(b.String(), m.w, m.h)
}
