// Package inspect is the Run & inspect screen: run the mapping over the
// dataset, read the findings grouped by severity and kind, see the
// example rows of a finding, compare a source record with its target
// record field by field, filter to failing rows, and jump to the rule.
package inspect

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// Panes.
const (
	paneFindings = iota
	paneRows
	// paneRecord is the right pane (the record, or the finding's
	// detail): it takes the focus to scroll.
	paneRecord
	paneCount
)

// Row filters of the rows table.
const (
	viewAll = iota
	viewFailing
	viewExamples
	// viewEvery lists every row whose errors are the selected finding's
	// kind on its field (not only the examples the finding keeps).
	viewEvery
)

// item is one line of the findings list: a group header, a finding or a
// problem of the last run (a mapping that does not compile).
type item struct {
	header  string
	finding int // index into Run.Findings, -1 for headers and problems
	problem *diag.Diagnostic
}

// Model is the Run & inspect screen.
type Model struct {
	s     *common.Session
	w, h  int
	focus int

	// findings lists the findings grouped under headers; the cursor
	// skips the headers.
	findings widgets.List[item]
	rowsView int
	rowIndex []int32 // rows shown (nil: all rows, identity)
	table    widgets.VTable
	// run runs the mapping; load reads a data file.
	run, load common.Job
	loadInput *widgets.PathInput
	// ack asks why (then who) before a finding is acknowledged.
	ack *ackPrompt
	// problems are why the last run failed (compile errors, or the error
	// of the run), shown in the findings pane until a run succeeds.
	problems diag.List
	// problemsWhat heads them: "does not compile" or "run".
	problemsWhat string
	// detail shows the selected finding in full in the right pane
	// instead of the record; recOff is the right pane's scroll offset.
	detail bool
	recOff int
	// draft is a test made from a row, being edited (n); tests is the
	// Tests view (t).
	draft *testDraft
	tests testsView
}

// New returns the screen.
func New(s *common.Session) *Model {
	m := &Model{s: s}
	m.findings = widgets.NewList[item]()
	m.findings.Selectable = func(it item) bool { return it.finding >= 0 || it.problem != nil }
	m.findings.BlurredCursor = true
	m.findings.Empty = func(string) string { return theme.OK.Render("no findings") }
	m.rebuild()
	m.setFocus(paneFindings)
	return m
}

// setFocus moves the focus to the findings or the rows.
func (m *Model) setFocus(p int) {
	m.focus = p
	m.findings.SetFocused(p == paneFindings)
	m.table.Focused = p == paneRows
}

// scrollRecord moves the right pane's scroll offset by d lines (clamped
// when drawn).
func (m *Model) scrollRecord(d int) { m.recOff = max(m.recOff+d, 0) }

// Title implements common.Screen.
func (m *Model) Title() string { return "Run" }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.table.Columns = m.columns()
	top, fh := m.layout()
	m.findings.SetSize(m.w*2/5-2, fh-2)
	m.table.Width = w
	m.table.SetHeight(m.h - top - fh - 1)
	m.sizeDraft()
	m.sizeTests()
}

// Capturing implements common.Screen.
func (m *Model) Capturing() bool { return m.loadInput != nil || m.ack != nil || m.draft != nil }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.loadInput != nil {
		return []key.Binding{keys.Input.Complete, keys.Input.Accept, keys.Input.Cancel}
	}
	if m.ack != nil {
		return []key.Binding{keys.Input.Accept, keys.Input.Cancel}
	}
	if m.draft != nil {
		return []key.Binding{keys.TestDraft.Add, keys.TestDraft.Switch, keys.TestDraft.Cancel}
	}
	if m.tests.open {
		if m.tests.job.Running() {
			return []key.Binding{keys.CancelJob}
		}
		return []key.Binding{keys.Tests.Run, keys.Tests.Close, keys.Global.NextPane}
	}
	if m.run.Running() {
		return []key.Binding{keys.CancelJob}
	}
	return []key.Binding{keys.Inspect.Run, keys.Global.NextPane, keys.Inspect.Failing, keys.Inspect.Jump, keys.Inspect.Load}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{keys.Nav.Up, keys.Nav.Down, keys.Nav.PageUp, keys.Nav.PageDown, keys.Nav.Top, keys.Nav.Bottom},
		{keys.Inspect.Run, keys.CancelJob, keys.Inspect.Failing, keys.Inspect.Jump, keys.Nav.Select, keys.Inspect.Load, keys.Inspect.Ack, keys.Global.NextPane, keys.Nav.Back},
		{keys.Inspect.Detail, keys.Inspect.AllRows, keys.Inspect.NewTest, keys.Inspect.Tests},
	}
}

var sevOrder = []string{"error", "warn", "info"}

// rebuild groups the findings by severity then kind.
func (m *Model) rebuild() {
	var items []item
	r := m.s.Run
	if len(m.problems) > 0 {
		items = append(items, item{header: fmt.Sprintf("error: %s (%d)", m.problemsWhat, len(m.problems)), finding: -1})
		for i := range m.problems {
			items = append(items, item{finding: -1, problem: &m.problems[i]})
		}
		m.findings.SetItems(items)
		m.findings.SetCursor(1)
		m.setRows()
		return
	}
	if r == nil {
		m.findings.SetItems(nil)
		m.setRows()
		return
	}
	type group struct {
		sev, kind string
		idx       []int
	}
	var groups []*group
	byKey := map[string]*group{}
	for i, f := range r.Findings {
		k := f.Severity.String() + "/" + string(f.Kind)
		g := byKey[k]
		if g == nil {
			g = &group{sev: f.Severity.String(), kind: string(f.Kind)}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.idx = append(g.idx, i)
	}
	rank := func(s string) int {
		for i, x := range sevOrder {
			if x == s {
				return i
			}
		}
		return len(sevOrder)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if groups[i].sev != groups[j].sev {
			return rank(groups[i].sev) < rank(groups[j].sev)
		}
		return groups[i].kind < groups[j].kind
	})
	for _, g := range groups {
		items = append(items, item{header: fmt.Sprintf("%s %s (%d)", g.sev, g.kind, len(g.idx)), finding: -1})
		for _, i := range g.idx {
			items = append(items, item{finding: i})
		}
	}
	m.findings.SetItems(items)
	m.setRows()
}

// SelectedFinding returns the finding under the cursor, or nil.
func (m *Model) SelectedFinding() *check.Finding {
	it, ok := m.findings.Selected()
	if m.s.Run == nil || !ok || it.finding < 0 {
		return nil
	}
	return &m.s.Run.Findings[it.finding]
}

// selectedProblem returns the problem under the cursor, or nil.
func (m *Model) selectedProblem() *diag.Diagnostic {
	it, ok := m.findings.Selected()
	if !ok {
		return nil
	}
	return it.problem
}

// runFailed shows why a run failed in the findings pane: each problem of
// a mapping that does not compile (errors first), else the error itself.
func (m *Model) runFailed(err error) {
	var ce *common.CompileError
	m.problemsWhat = "run"
	if errors.As(err, &ce) {
		m.problems, m.problemsWhat = nil, "does not compile"
		for _, sev := range []diag.Severity{diag.Error, diag.Warn, diag.Info} {
			for _, d := range ce.Diags {
				if d.Severity == sev {
					m.problems = append(m.problems, d)
				}
			}
		}
	} else {
		m.problems = diag.List{{Severity: diag.Error, Summary: err.Error()}}
	}
	m.rebuild()
	m.setFocus(paneFindings)
}

// setRows fills the rows table for the current filter.
func (m *Model) setRows() {
	r := m.s.Run
	m.rowIndex = nil
	n := 0
	if r != nil {
		switch m.rowsView {
		case viewAll:
			n = r.Len()
		case viewFailing:
			m.rowIndex = r.Failing
			n = len(r.Failing)
		case viewExamples:
			if f := m.SelectedFinding(); f != nil {
				for _, e := range f.Examples {
					if e.Row >= 1 && e.Row <= int64(r.Len()) {
						m.rowIndex = append(m.rowIndex, int32(e.Row-1))
					}
				}
			}
			if m.rowIndex == nil {
				m.rowIndex = []int32{}
			}
			n = len(m.rowIndex)
		case viewEvery:
			m.rowIndex = []int32{}
			if f := m.SelectedFinding(); f != nil {
				m.rowIndex = everyRow(r, f)
			}
			n = len(m.rowIndex)
		}
	}
	m.table.Columns = m.columns()
	m.table.Rows = m.rowCells
	m.table.Reset(n)
}

// rowAt maps a table row to a result row index.
func (m *Model) rowAt(i int) int {
	if m.rowIndex != nil {
		if i < 0 || i >= len(m.rowIndex) {
			return -1
		}
		return int(m.rowIndex[i])
	}
	return i
}

// CurrentRow returns the result row under the table cursor, or -1.
func (m *Model) CurrentRow() int {
	if m.s.Run == nil || m.table.Len() == 0 {
		return -1
	}
	return m.rowAt(m.table.Cursor())
}

// Running reports a run in progress.
func (m *Model) Running() bool { return m.run.Running() }

// Cancel stops a run in progress; it reports whether there was one.
func (m *Model) Cancel() bool { return m.run.Cancel() }

type runDoneMsg struct {
	res *common.RunResult
	err error
	// data is set when the run generated the dataset it read.
	data *common.Dataset
}

type dataLoadedMsg struct {
	data *common.Dataset
	err  error
}

// Run runs the mapping over the session's dataset (r, ":run").
func (m *Model) Run() tea.Cmd {
	s := m.s
	if m.run.Running() {
		return common.Status("a run is in progress (%s)", keys.Hint(keys.CancelJob))
	}
	if s.Eng == nil || s.Src == nil || s.Dst == nil {
		return common.Errorf("run: load both schemas first")
	}
	plan := common.DefaultPlan()
	total := int64(plan.Rows)
	if s.Data != nil {
		total = int64(s.Data.Len())
	}
	eng, mp, src, dst, data, ver := s.Eng, s.Mapping.Clone(), s.Src, s.Dst, s.Data, s.Version
	multi := mp.MultiTarget()
	dsts, joins := s.TargetSchemas(), s.Joins
	if multi {
		dst = dsts[0]
	}
	run := m.run.Start(s.Context(), total, func(ctx context.Context, progress func(int64)) tea.Msg {
		generated := false
		if data == nil {
			// No dataset yet: generate the default one first.
			plan.Targets = mp.Feeds(src, dst)
			plan.Keys = check.LookupKeys(mp)
			d, err := eng.Generate(ctx, src, plan, nil)
			if err != nil {
				return runDoneMsg{err: err}
			}
			data, generated = d, true
		}
		var res *common.RunResult
		var err error
		if multi {
			res, err = eng.RunTargets(ctx, mp, src, dsts, joins, data, progress)
		} else {
			res, err = eng.Run(ctx, mp, src, dst, data, progress)
		}
		if res != nil {
			res.Version = ver
			res.Data = data
		}
		msg := runDoneMsg{res: res, err: err}
		if generated {
			msg.data = data
		}
		return msg
	})
	return tea.Sequence(common.Status("running %d rows …", total), run)
}

// columns sizes the rows table: the edge-case column takes what is left.
func (m *Model) columns() []widgets.Column {
	rest := m.w - 8 - 9 - 34 - 5
	if rest < 20 {
		rest = 20
	}
	return []widgets.Column{{Title: "row", Width: 8}, {Title: "result", Width: 9}, {Title: "problems", Width: 34}, {Title: "edge cases", Width: rest}}
}

// everyRow lists the rows with an error of the finding's kind on its
// field (and target table, and join for a join's misses), ascending.
func everyRow(r *common.RunResult, f *check.Finding) []int32 {
	return r.EveryRow(func(e common.ErrKey) bool {
		return e.Kind == f.Kind && (f.Target == "" || e.Target == f.Target || e.Table == f.Target) && (f.TargetTable == "" || e.Table == f.TargetTable) && (f.Join == "" || e.Join == f.Join)
	})
}
