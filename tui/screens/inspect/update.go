package inspect

import (
	"context"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.JobMsg:
		return tea.Batch(m.run.Update(msg), m.load.Update(msg), m.tests.job.Update(msg))
	case testsDoneMsg:
		return m.testsDone(msg)
	case common.MappingChangedMsg:
		m.tests.stale = true
		return nil
	case runDoneMsg:
		if msg.err != nil {
			m.runFailed(msg.err)
			return common.Errorf("run: %v (all of it in Findings, %s goes to the rule)", msg.err, keys.Name(keys.Nav.Select))
		}
		m.problems = nil
		m.s.Run = msg.res
		m.rebuild()
		r := msg.res
		var cmds []tea.Cmd
		if msg.data != nil && m.s.Data == nil {
			m.s.Data = msg.data
			cmds = append(cmds, func() tea.Msg { return common.DataChangedMsg{} })
		}
		st := common.Status("run: %d read, %d written, %d rejected, %d findings", r.Read, r.Written, r.Rejected, len(r.Findings))
		if len(r.Targets) > 0 {
			st = common.Status("run: %s", multiSummary(r))
		}
		return tea.Batch(append(cmds, func() tea.Msg { return common.RunDoneMsg{} }, st)...)
	case common.RunDoneMsg:
		return nil
	case dataLoadedMsg:
		if msg.err != nil {
			return common.Errorf("load data: %v", msg.err)
		}
		m.s.Data = msg.data
		return tea.Batch(func() tea.Msg { return common.DataChangedMsg{} },
			common.Status("loaded %d rows from %s: press %s to run", len(msg.data.Rows), msg.data.Name, keys.Name(keys.Inspect.Run)))
	case widgets.PathCompletedMsg:
		return m.loadInput.Update(msg)
	case tea.MouseMsg:
		if m.draft != nil || m.tests.open {
			return nil
		}
		return m.mouse(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if m.loadInput != nil {
		return widgets.PromptKey(&m.loadInput, msg, m.loadData)
	}
	if m.ack != nil {
		return m.ackKey(msg)
	}
	if m.draft != nil {
		return m.draftKey(msg)
	}
	if m.tests.open {
		return m.testsKey(msg)
	}
	switch {
	case key.Matches(msg, keys.CancelJob) && m.run.Cancel():
		return common.Status("run cancelled")
	case key.Matches(msg, keys.Inspect.Run):
		return m.Run()
	case key.Matches(msg, keys.Inspect.Load):
		m.loadInput = widgets.NewPathInput("load data (a file, or a dataset folder): ", "")
		return nil
	case key.Matches(msg, keys.Global.NextPane), key.Matches(msg, keys.Global.PrevPane):
		d := 1
		if key.Matches(msg, keys.Global.PrevPane) {
			d = paneCount - 1
		}
		m.setFocus((m.focus + d) % paneCount)
		if m.focus == paneFindings && m.SelectedFinding() != nil && m.rowsView != viewEvery {
			m.rowsView = viewExamples
			m.setRows()
		}
	case key.Matches(msg, keys.Inspect.Detail):
		if m.SelectedFinding() == nil && !m.detail {
			return common.Status("select a finding (%s to the findings list) to see it in full", keys.Name(keys.Global.NextPane))
		}
		m.detail, m.recOff = !m.detail, 0
	case key.Matches(msg, keys.Inspect.AllRows):
		f := m.SelectedFinding()
		if f == nil {
			return common.Status("select a finding to list every row it hit")
		}
		if m.rowsView == viewEvery {
			m.rowsView = viewExamples
		} else {
			m.rowsView = viewEvery
		}
		m.setRows()
		if m.rowsView == viewEvery && m.table.Len() == 0 {
			return common.Status("%s on %s names no rows (a static finding, or one counted over the whole run)", f.Kind, f.Target)
		}
	case key.Matches(msg, keys.Inspect.Failing):
		if m.rowsView == viewFailing {
			m.rowsView = viewAll
		} else {
			m.rowsView = viewFailing
		}
		m.setRows()
		m.setFocus(paneRows)
	case key.Matches(msg, keys.Inspect.Jump), key.Matches(msg, keys.Nav.Select) && m.focus == paneFindings:
		if p := m.selectedProblem(); p != nil && p.Subject != "" {
			table, subject := m.splitSubject(p.Subject)
			return func() tea.Msg { return common.JumpToRuleMsg{Rule: subject, Target: subject, Table: table} }
		}
		if f := m.SelectedFinding(); f != nil {
			rule, target, table := f.Rule, f.Target, f.TargetTable
			return func() tea.Msg { return common.JumpToRuleMsg{Rule: rule, Target: target, Table: table} }
		}
	case key.Matches(msg, keys.Inspect.Ack):
		return m.acknowledge()
	case key.Matches(msg, keys.Inspect.NewTest):
		return m.newTest()
	case key.Matches(msg, keys.Inspect.Tests):
		return m.openTests()
	case key.Matches(msg, keys.Nav.Back):
		if m.rowsView != viewAll {
			m.rowsView = viewAll
			m.setRows()
		}
	case m.focus == paneFindings:
		m.moveFinding(msg)
	case m.focus == paneRecord:
		m.scrollKey(msg)
	default:
		before := m.table.Cursor()
		m.table.Update(msg)
		if m.table.Cursor() != before && !m.detail {
			m.recOff = 0
		}
	}
	return nil
}

// scrollKey scrolls the right pane (the record or the finding's detail).
func (m *Model) scrollKey(msg tea.KeyMsg) {
	_, fh := m.layout()
	page := max(fh-3, 1)
	switch {
	case key.Matches(msg, keys.Nav.Up):
		m.scrollRecord(-1)
	case key.Matches(msg, keys.Nav.Down):
		m.scrollRecord(1)
	case key.Matches(msg, keys.Nav.PageUp):
		m.scrollRecord(-page)
	case key.Matches(msg, keys.Nav.PageDown):
		m.scrollRecord(page)
	case key.Matches(msg, keys.Nav.Top):
		m.recOff = 0
	case key.Matches(msg, keys.Nav.Bottom):
		m.recOff = 1 << 30
	}
}

// moveFinding moves the findings cursor; the rows show the examples of
// the finding it lands on.
func (m *Model) moveFinding(msg tea.KeyMsg) {
	if _, ok := m.findings.Update(msg); ok {
		if m.rowsView != viewEvery {
			m.rowsView = viewExamples
		}
		m.setRows()
		m.recOff = 0
	}
}

func (m *Model) loadData(path string) tea.Cmd {
	if path == "" || m.s.Eng == nil {
		return nil
	}
	eng, mp := m.s.Eng, m.s.Mapping.Clone()
	return tea.Sequence(common.Status("loading %s …", path), m.load.Start(m.s.Context(), 0, func(ctx context.Context, _ func(int64)) tea.Msg {
		// a folder is a multi-table dataset (seam synth -o DIR): its
		// source table, its joins' tables and labels.csv (#15.5)
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			d, err := eng.LoadDataset(ctx, path, mp)
			return dataLoadedMsg{data: d, err: err}
		}
		d, err := eng.LoadData(ctx, path)
		return dataLoadedMsg{data: d, err: err}
	}))
}

func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	top, fh := m.layout()
	if msg.Y >= top+fh {
		m.setFocus(paneRows)
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
			m.table.Click(msg.Y - (top + fh) - 1)
			return nil
		}
		m.table.Update(msg)
		return nil
	}
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	if msg.X < m.w*2/5 {
		m.setFocus(paneFindings)
		if msg.Button != tea.MouseButtonLeft {
			m.findings.Update(msg)
		} else if m.findings.Click(msg.Y - top - 1) {
			m.rowsView = viewExamples
			m.setRows()
		}
	}
	return nil
}

// acknowledge records the selected finding in the mapping's acknowledged
// list (kind and target, by the user, undoable): it stays in reports,
// marked, and no longer fails seam check.
func (m *Model) acknowledge() tea.Cmd {
	f := m.SelectedFinding()
	if f == nil {
		return common.Status("select a finding (%s to the findings list) to acknowledge it", keys.Name(keys.Global.NextPane))
	}
	if f.Acknowledged != nil {
		return common.Status("%s on %s is already acknowledged", f.Kind, f.Target)
	}
	kind, target := string(f.Kind), f.Target
	if target == "" {
		target = f.Rule
	}
	for _, a := range m.s.Mapping.Acknowledged {
		if a != nil && a.Kind == kind && a.Target == target {
			return common.Status("%s on %s is already acknowledged; run again (%s) to see it marked", kind, target, keys.Name(keys.Inspect.Run))
		}
	}
	by := os.Getenv("USER")
	if by == "" {
		by = "seam tui"
	}
	m.ack = newAckPrompt(kind, target, by)
	return nil
}

// splitSubject splits a compile problem's subject of a mapping with
// several targets ("order_details: product_code") into the target's name
// and the rule.
func (m *Model) splitSubject(subject string) (table, rule string) {
	if m.s.Mapping == nil || !m.s.Multi() {
		return "", subject
	}
	for _, v := range m.s.Mapping.Targets() {
		if r, ok := strings.CutPrefix(subject, v.OutName()+": "); ok {
			return v.OutName(), r
		}
	}
	return "", subject
}
