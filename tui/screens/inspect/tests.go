package inspect

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/seamhq/seam/mapping/mtest"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// testsView lists the mapping's tests with pass or fail (run through
// common.Engine.RunTests, as seam test runs them) and shows the selected
// test's differences: expected beside actual.
type testsView struct {
	open bool
	list widgets.List[int] // indexes into results
	// results of the last run of the tests; err is why they could not
	// run (the mapping does not compile, a tests section does not parse).
	results []*mtest.Result
	err     error
	ran     bool
	// stale is set when a test was added or the mapping changed since.
	stale bool
	job   common.Job
	// onDiff gives the diff pane the focus (it scrolls); off is its
	// scroll offset.
	onDiff bool
	off    int
}

type testsDoneMsg struct {
	res []*mtest.Result
	err error
}

// openTests shows the Tests view and runs the tests when they have not
// run since the last change.
func (m *Model) openTests() tea.Cmd {
	t := &m.tests
	t.open = true
	if t.list.Empty == nil {
		t.list = widgets.NewList[int]()
		t.list.BlurredCursor = true
		t.list.Empty = func(string) string {
			return theme.Dim.Render(fmt.Sprintf("no tests yet: %s goes back to the run, %s turns a row into a test",
				keys.Name(keys.Tests.Close), keys.Name(keys.Inspect.NewTest)))
		}
	}
	m.sizeTests()
	if !t.ran || t.stale {
		return m.runTests()
	}
	return nil
}

// runTests runs the mapping's tests in the background.
func (m *Model) runTests() tea.Cmd {
	s := m.s
	if s.Eng == nil || s.Src == nil || s.Dst == nil {
		return common.Errorf("tests: load both schemas first")
	}
	if m.tests.job.Running() {
		return common.Status("the tests are running (%s)", keys.Hint(keys.CancelJob))
	}
	eng, mp, src, dsts, joins := s.Eng, s.Mapping.Clone(), s.Src, s.TargetSchemas(), s.Joins
	m.tests.stale = false
	return m.tests.job.Start(s.Context(), 0, func(ctx context.Context, _ func(int64)) tea.Msg {
		res, err := eng.RunTests(ctx, mp, src, dsts, joins)
		return testsDoneMsg{res: res, err: err}
	})
}

// testsDone takes the results of a run of the tests.
func (m *Model) testsDone(msg testsDoneMsg) tea.Cmd {
	t := &m.tests
	t.ran, t.results, t.err, t.off = true, msg.res, msg.err, 0
	idx := make([]int, len(msg.res))
	for i := range idx {
		idx[i] = i
	}
	t.list.SetItems(idx)
	// Start on the first failing test: that is what one looks at.
	for i, r := range msg.res {
		if !r.Pass() {
			t.list.SetCursor(i)
			break
		}
	}
	if msg.err != nil {
		return common.Errorf("tests: %v (all of it in the Tests view)", msg.err)
	}
	pass, fail := testCounts(msg.res)
	return common.Status("tests: %d passed, %d failed", pass, fail)
}

func testCounts(rs []*mtest.Result) (pass, fail int) {
	for _, r := range rs {
		if r.Pass() {
			pass++
		} else {
			fail++
		}
	}
	return pass, fail
}

// sizeTests sizes the tests list to the left pane.
func (m *Model) sizeTests() {
	m.tests.list.SetSize(m.w*2/5-2, m.h-3)
}

// testsKey handles a key of the Tests view.
func (m *Model) testsKey(msg tea.KeyMsg) tea.Cmd {
	t := &m.tests
	switch {
	case key.Matches(msg, keys.CancelJob) && t.job.Cancel():
		return common.Status("tests cancelled")
	case key.Matches(msg, keys.Tests.Close):
		t.open = false
		return nil
	case key.Matches(msg, keys.Tests.Run):
		return m.runTests()
	case key.Matches(msg, keys.Global.NextPane), key.Matches(msg, keys.Global.PrevPane):
		t.onDiff = !t.onDiff
		t.list.SetFocused(!t.onDiff)
	case t.onDiff:
		t.off, _ = widgets.ScrollOffset(msg, t.off, m.h-5)
	default:
		if _, ok := t.list.Update(msg); ok {
			t.off = 0
		}
	}
	return nil
}

// testsScreen draws the Tests view: a summary line, the tests, and the
// selected test's result.
func (m *Model) testsScreen() string {
	t := &m.tests
	lw := m.w * 2 / 5
	rw := m.w - lw
	h := m.h - 1
	var b strings.Builder
	b.WriteString(widgets.Cell(m.testsSummary(), m.w) + "\n")
	pass, fail := testCounts(t.results)
	left := widgets.Pane(fmt.Sprintf("Tests %d ✓%d ✗%d", len(t.results), pass, fail), m.testsList(), lw, h, !t.onDiff)
	title, body := m.testDiff(rw-2, h-2)
	right := widgets.Pane(title, body, rw, h, t.onDiff)
	b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, left, right))
	return b.String()
}

func (m *Model) testsSummary() string {
	t := &m.tests
	hints := keys.Hints(keys.Tests.Run, keys.Tests.Close)
	switch {
	case t.job.Running():
		return "running the tests … " + keys.Hint(keys.CancelJob)
	case t.err != nil:
		return theme.Error.Render("the tests could not run") + " · " + hints
	case !t.ran:
		return hints
	}
	pass, fail := testCounts(t.results)
	line := fmt.Sprintf("%d passed · %d failed · %s", pass, fail, hints)
	if fail == 0 && pass > 0 {
		line = theme.OK.Render(fmt.Sprintf("all %d passed", pass)) + " · " + hints
	}
	if t.stale {
		line += " · " + theme.Warning.Render("changed since: "+keys.Name(keys.Tests.Run)+" runs again")
	}
	return line
}

func (m *Model) testsList() string {
	t := &m.tests
	if t.err != nil {
		return ansi.Wrap(theme.Error.Render(textsafe.Terminal(t.err.Error())), m.w*2/5-2, " ")
	}
	if !t.ran {
		return theme.Dim.Render("running …")
	}
	return t.list.View(func(i int) string {
		r := t.results[i]
		mark := theme.OK.Render("✓")
		if !r.Pass() {
			mark = theme.Failed.Render("✗")
		}
		return " " + mark + " " + textsafe.Terminal(r.Case.Name)
	})
}

// testDiff is the right pane: the selected test's result; for a failing
// test each difference with what was expected beside what the mapping
// did, scrolled by off.
func (m *Model) testDiff(width, height int) (string, string) {
	t := &m.tests
	i, ok := t.list.Selected()
	if t.err != nil || !ok || i < 0 || i >= len(t.results) {
		return "Result", ""
	}
	r := t.results[i]
	name := textsafe.Terminal(r.Case.Name)
	var b strings.Builder
	if pos := r.Case.Pos; pos.File != "" {
		b.WriteString(theme.Dim.Render(textsafe.Terminal(pos.String())) + "\n")
	}
	switch {
	case r.Err != nil:
		b.WriteString(ansi.Wrap(theme.Failed.Render("✗ could not run: ")+textsafe.Terminal(r.Err.Error()), width, " "))
	case r.Pass():
		b.WriteString(theme.OK.Render("✓ passed") + "\n" + ansi.Wrap(m.testOutline(r), width, " "))
	default:
		b.WriteString(theme.Failed.Render("✗ "+plural(len(r.Failures), "difference")) + "\n")
		b.WriteString(sideBySide(r.Failures, width))
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	title := "Test " + name
	if len(lines) > height {
		t.off = min(t.off, len(lines)-height)
		end := t.off + height
		title = fmt.Sprintf("↕%d-%d/%d ", t.off+1, end, len(lines)) + title
		lines = lines[t.off:end]
	} else {
		t.off = 0
	}
	return ansi.Truncate(title, width-3, "…"), strings.Join(lines, "\n")
}

// testOutline says what a passing test looked at.
func (m *Model) testOutline(r *mtest.Result) string {
	c := r.Case
	rows := 0
	for _, rs := range c.Expect {
		rows += len(rs)
	}
	given := "given " + plural(len(c.Given), "record")
	if c.GivenFile != "" {
		given = "given " + textsafe.Terminal(c.GivenFile)
	}
	return theme.Dim.Render(fmt.Sprintf("%s · expects %s, %s, %s", given, plural(rows, "row"), plural(len(c.ExpectRejects), "reject"), plural(len(c.ExpectFindings), "finding")))
}

// plural is "1 row", "2 rows".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// sideBySide lays the differences out in three columns (where, expected,
// actual), each value wrapped in its column so nothing is cut; a
// difference that is not a value (a row count, a missing reject) is a
// line of its own.
func sideBySide(fs []mtest.Failure, width int) string {
	ww := max(width/4, 8)
	vw := max((width-ww-2)/2, 6)
	var b strings.Builder
	b.WriteString(theme.Bold.Render(widgets.Cell("where", ww)+" "+widgets.Cell("expected", vw)+" "+widgets.Cell("actual", vw)) + "\n")
	for _, f := range fs {
		where := ""
		if f.Target != "" {
			where = f.Target + " "
		}
		if f.Row > 0 {
			where += fmt.Sprintf("row %d ", f.Row)
		}
		where += f.Column
		if f.Message != "" && f.Column == "" {
			b.WriteString(ansi.Wrap(theme.Warning.Render(textsafe.Terminal(strings.TrimSpace(where+" "+f.Message))), width, " ") + "\n")
			continue
		}
		cols := [][]string{
			strings.Split(ansi.Wrap(textsafe.Terminal(where), ww, " "), "\n"),
			strings.Split(ansi.Wrap(textsafe.Terminal(f.Want), vw, " "), "\n"),
			strings.Split(ansi.Wrap(textsafe.Terminal(f.Got), vw, " "), "\n"),
		}
		n := max(len(cols[0]), len(cols[1]), len(cols[2]))
		for i := 0; i < n; i++ {
			part := func(c []string, w int) string {
				if i < len(c) {
					return widgets.Cell(c[i], w)
				}
				return strings.Repeat(" ", w)
			}
			b.WriteString(part(cols[0], ww) + " " + theme.OK.Render(part(cols[1], vw)) + " " + theme.Failed.Render(part(cols[2], vw)) + "\n")
		}
		if f.Message != "" {
			b.WriteString(ansi.Wrap(theme.Dim.Render(textsafe.Terminal(f.Message)), width, " ") + "\n")
		}
	}
	return b.String()
}
