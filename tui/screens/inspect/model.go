// Package inspect is the Run & inspect screen: run the mapping over the
// dataset, read the findings grouped by severity and kind, see the
// example rows of a finding, compare a source record with its target
// record field by field, filter to failing rows, and jump to the rule.
package inspect

import (
	"context"
	"fmt"
	"sort"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// Panes.
const (
	paneFindings = iota
	paneRows
)

// Row filters of the rows table.
const (
	viewAll = iota
	viewFailing
	viewExamples
)

// item is one line of the findings list: a group header or a finding.
type item struct {
	header  string
	finding int // index into Run.Findings, -1 for headers
}

// Model is the Run & inspect screen.
type Model struct {
	s     *common.Session
	w, h  int
	focus int

	// findings lists the findings grouped under headers; the cursor
	// skips the headers.
	findings  widgets.List[item]
	rowsView  int
	rowIndex  []int32 // rows shown (nil: all rows, identity)
	table     widgets.VTable
	runID     int
	running   bool
	cancel    context.CancelFunc
	done      int64
	total     int64
	ch        chan tea.Msg
	bar       progress.Model
	loadInput *widgets.PathInput
	loadID    int
}

// New returns the screen.
func New(s *common.Session) *Model {
	m := &Model{s: s, bar: progress.New(progress.WithSolidFill(theme.ProgressFill), progress.WithoutPercentage())}
	m.findings = widgets.NewList[item]()
	m.findings.Selectable = func(it item) bool { return it.finding >= 0 }
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

// Title implements common.Screen.
func (m *Model) Title() string { return "Run" }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.table.Columns = m.columns()
	m.bar.Width = w / 3
	top, fh := m.layout()
	m.findings.SetSize(m.w*2/5-2, fh-2)
	m.table.Width = w
	m.table.SetHeight(m.h - top - fh - 1)
}

// Capturing implements common.Screen.
func (m *Model) Capturing() bool { return m.loadInput != nil }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.loadInput != nil {
		return []key.Binding{keys.Input.Complete, keys.Input.Accept, keys.Input.Cancel}
	}
	if m.running {
		return []key.Binding{keys.Synth.Cancel}
	}
	return []key.Binding{keys.Inspect.Run, keys.Global.NextPane, keys.Inspect.Failing, keys.Inspect.Jump, keys.Inspect.Load}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{keys.Nav.Up, keys.Nav.Down, keys.Nav.PageUp, keys.Nav.PageDown, keys.Nav.Top, keys.Nav.Bottom},
		{keys.Inspect.Run, keys.Synth.Cancel, keys.Inspect.Failing, keys.Inspect.Jump, keys.Nav.Select, keys.Inspect.Load, keys.Inspect.Ack, keys.Global.NextPane},
	}
}

var sevOrder = []string{"error", "warn", "info"}

// rebuild groups the findings by severity then kind.
func (m *Model) rebuild() {
	var items []item
	r := m.s.Run
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
		k := f.Severity.String() + "/" + f.Kind
		g := byKey[k]
		if g == nil {
			g = &group{sev: f.Severity.String(), kind: f.Kind}
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

// setRows fills the rows table for the current filter.
func (m *Model) setRows() {
	r := m.s.Run
	m.rowIndex = nil
	n := 0
	if r != nil {
		switch m.rowsView {
		case viewAll:
			n = len(r.Rows)
		case viewFailing:
			m.rowIndex = r.Failing
			n = len(r.Failing)
		case viewExamples:
			if f := m.SelectedFinding(); f != nil {
				for _, e := range f.Examples {
					if e.Row >= 1 && e.Row <= int64(len(r.Rows)) {
						m.rowIndex = append(m.rowIndex, int32(e.Row-1))
					}
				}
			}
			if m.rowIndex == nil {
				m.rowIndex = []int32{}
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

type progressMsg struct {
	id   int
	done int64
}

type runDoneMsg struct {
	id  int
	res *common.RunResult
	err error
	// data is set when the run generated the dataset it read.
	data *common.Dataset
}

// DefaultPlan generates the dataset a run reads when there is none yet
// (the Generate screen's defaults).
var DefaultPlan = common.GenPlan{Rows: 1000, Seed: 42, EdgeRate: 0.2, Profile: "edge"}

type dataLoadedMsg struct {
	id   int
	data *common.Dataset
	err  error
}

// Run runs the mapping over the session's dataset (r, ":run").
func (m *Model) Run() tea.Cmd {
	s := m.s
	if m.running {
		return common.Status("a run is in progress (esc cancels)")
	}
	if s.Eng == nil || s.Src == nil || s.Dst == nil {
		return common.Errorf("run: load both schemas first")
	}
	m.runID++
	id := m.runID
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel, m.running, m.done, m.total = cancel, true, 0, int64(DefaultPlan.Rows)
	if s.Data != nil {
		m.total = int64(len(s.Data.Rows))
	}
	ch := make(chan tea.Msg, 8)
	m.ch = ch
	eng, mp, src, dst, data, ver := s.Eng, common.Clone(s.Mapping), s.Src, s.Dst, s.Data, s.Version
	run := common.Safe(func() tea.Msg {
		defer close(ch)
		generated := false
		if data == nil {
			// No dataset yet: generate the default one first.
			plan := DefaultPlan
			plan.Targets = mp.Feeds(src, dst)
			d, err := eng.Generate(ctx, src, plan, nil)
			if err != nil {
				return runDoneMsg{id: id, err: err}
			}
			data, generated = d, true
		}
		res, err := eng.Run(ctx, mp, src, dst, data, func(n int64) {
			select {
			case ch <- progressMsg{id: id, done: n}:
			default:
			}
		})
		if res != nil {
			res.Version = ver
			res.Data = data
		}
		msg := runDoneMsg{id: id, res: res, err: err}
		if generated {
			msg.data = data
		}
		return msg
	})
	return tea.Sequence(common.Status("running %d rows …", m.total), tea.Batch(run, listen(ch)))
}

func listen(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// columns sizes the rows table: the edge-case column takes what is left.
func (m *Model) columns() []widgets.Column {
	rest := m.w - 8 - 9 - 34 - 5
	if rest < 20 {
		rest = 20
	}
	return []widgets.Column{{Title: "row", Width: 8}, {Title: "result", Width: 9}, {Title: "problems", Width: 34}, {Title: "edge cases", Width: rest}}
}
