// Package mapper is the Mapper screen, the heart of seam's UI: source
// fields, rules and target fields in three columns; linking with the
// keyboard or the mouse; suggestions to accept or reject; an expression
// editor with function completion, inline diagnostics and a live preview;
// lookup tables; coverage.
package mapper

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// Pane indexes.
const (
	paneSource = iota
	paneRules
	paneTarget
)

// DefaultThreshold is the confidence at or above which A accepts suggestions.
const DefaultThreshold = 0.8

// Model is the Mapper screen.
type Model struct {
	s    *common.Session
	w, h int

	focus int
	// src and dst list every leaf field of the schemas (with the `/`
	// fuzzy filter); ruleList lists the mapping's rules in file order, so
	// its item index is the rule's index.
	src, dst widgets.List[*schema.Field]
	// heads are the header rows of the target column (a mapping with
	// several targets), by target index.
	heads map[*schema.Field]int
	// tmarks caches what check says of the target's fields (marks).
	tmarks   *targetMarks
	ruleList widgets.List[*mapping.Rule]

	// pendingSrc / pendingDst: a field chosen with enter, waiting for the
	// other end of the link.
	pendingSrc, pendingDst string

	// Threshold for A.
	Threshold float64

	// Analysis of the current mapping version.
	analysisVer int
	diags       diag.List
	findings    []check.Finding

	edit   *editor
	lookup *lookupEditor
	funcs  []common.FuncInfo
	// checkJob compiles and checks the mapping after each change;
	// suggestJob asks the suggester; previewJob runs the editor's preview.
	checkJob, suggestJob, previewJob common.Job
	// editSeq numbers the editor's preview requests, so that only the
	// newest is shown.
	editSeq int
	// Debounce is how long the editor waits after a keystroke before it
	// compiles the expression for the preview.
	Debounce time.Duration
}

// DefaultDebounce is the editor's Debounce.
const DefaultDebounce = 120 * time.Millisecond

// New returns the mapper over the session.
func New(s *common.Session) *Model {
	m := &Model{s: s, Threshold: DefaultThreshold, analysisVer: -1, Debounce: DefaultDebounce}
	for p, l := range []*widgets.List[*schema.Field]{&m.src, &m.dst} {
		side := "source"
		if p == 1 {
			side = "target"
		}
		*l = widgets.NewList[*schema.Field]()
		l.FilterValue = func(f *schema.Field) string { return f.Path }
		l.BlurredCursor = true
		l.Empty = func(q string) string {
			if q != "" {
				return "no field matches /" + q
			}
			return "no " + side + " schema"
		}
	}
	m.ruleList = widgets.NewList[*mapping.Rule]()
	m.ruleList.BlurredCursor = true
	m.ruleList.FilterValue = func(r *mapping.Rule) string { return r.Target + " " + joinFrom(r) + " " + r.Status }
	m.ruleList.Empty = func(q string) string {
		if q != "" {
			return "no rule matches /" + q
		}
		return fmt.Sprintf("no rules: %s on a source, then on a target", keys.Name(keys.Mapper.Link))
	}
	m.rebuild()
	m.setFocus(paneSource)
	return m
}

// column is what the mapper asks of each of its three lists.
type column interface {
	Update(msg tea.Msg) (tea.Cmd, bool)
	Click(y int) bool
	SetFocused(bool)
	Filtering() bool
}

func (m *Model) column(p int) column {
	switch p {
	case paneSource:
		return &m.src
	case paneTarget:
		return &m.dst
	}
	return &m.ruleList
}

// fields returns the field list of the source or target pane.
func (m *Model) fields(p int) *widgets.List[*schema.Field] {
	if p == paneTarget {
		return &m.dst
	}
	return &m.src
}

// setFocus moves the focus to pane p.
func (m *Model) setFocus(p int) {
	m.focus = p
	for i := paneSource; i <= paneTarget; i++ {
		m.column(i).SetFocused(i == p)
	}
}

// filtering reports that a column's filter input is open.
func (m *Model) filtering() bool {
	return m.src.Filtering() || m.dst.Filtering() || m.ruleList.Filtering()
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Mapper" }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	sw, rw, tw := m.widths()
	m.src.SetSize(sw-2, m.listHeight())
	m.ruleList.SetSize(rw-2, m.listHeight())
	m.dst.SetSize(tw-2, m.listHeight())
	if m.lookup != nil {
		m.lookup.entries.SetSize(m.w-2, m.lookupHeight())
	}
	if m.edit != nil {
		m.edit.input.Width = w - 12
	}
}

// Capturing implements common.Screen.
func (m *Model) Capturing() bool { return m.edit != nil || m.lookup != nil || m.filtering() }

// Init implements common.Screen: analyse the mapping and fetch sample rows.
func (m *Model) Init() tea.Cmd { return m.analyse() }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.edit != nil:
		return []key.Binding{keys.Input.Complete, keys.Input.Accept, keys.Input.Cancel}
	case m.lookup != nil:
		return m.lookup.shortHelp()
	case m.filtering():
		return []key.Binding{keys.Input.Accept, keys.Input.Cancel}
	}
	return []key.Binding{keys.Mapper.Link, keys.Mapper.Accept, keys.Mapper.Reject, keys.Mapper.AcceptAll, keys.Mapper.Edit, keys.Global.Undo}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	t := keys.TableEdit
	return [][]key.Binding{
		{keys.Nav.Up, keys.Nav.Down, keys.Nav.Left, keys.Nav.Right, keys.Nav.PageUp, keys.Nav.PageDown, keys.Nav.Top, keys.Nav.Bottom},
		{keys.Global.NextPane, keys.Nav.Filter, keys.Nav.Back, keys.Mapper.Link, keys.Mapper.Accept, keys.Mapper.Reject, keys.Mapper.AcceptAll, keys.Mapper.Delete},
		{keys.Mapper.Edit, keys.Mapper.OnError, keys.Mapper.Lookups, keys.Mapper.Suggest, keys.Mapper.Jump, keys.Global.Undo, keys.Global.Redo},
		{keys.Mapper.NextTarget, keys.Mapper.PrevTarget, keys.Mapper.Scope, keys.Mapper.Ignore},
		{keys.Input.Complete, keys.Input.Accept, keys.Input.Cancel},
		{t.Add, t.Edit, t.Delete, t.NewTable, t.NextTable, t.PrevTable, t.Close},
	}
}

// rebuild refreshes the field lists from the session's schemas.
func (m *Model) rebuild() {
	m.src.SetItems(leaves(m.s.ViewSource()))
	m.dst.SetItems(m.targetItems())
	m.syncRules()
}

// syncRules gives the rules column the mapping's rules, after a change.
func (m *Model) syncRules() { m.ruleList.SetItems(m.rules()) }

// do changes the mapping as one undoable step and shows the change.
func (m *Model) do(label string, fn func(mp *mapping.Mapping)) {
	m.s.Do(label, fn)
	m.syncRules()
}

// clearFilters shows every field again (before jumping to one).
func (m *Model) clearFilters() {
	m.src.ClearFilter()
	m.dst.ClearFilter()
	m.ruleList.ClearFilter()
}

// selectField puts the cursor of pane p on the field at path and reports
// whether it is shown.
func (m *Model) selectField(p int, path string) bool {
	l := m.fields(p)
	for i, f := range l.Items() {
		if _, head := m.header(f); f.Path == path && !head {
			return l.Select(i)
		}
	}
	return false
}

func leaves(s *schema.Schema) []*schema.Field {
	if s == nil {
		return nil
	}
	return s.Leaves()
}

// rules returns the active target's rules.
func (m *Model) rules() []*mapping.Rule { return m.s.ActiveRules() }

// rulesOf returns the active target's rules of mp (inside Session.Do).
func (m *Model) rulesOf(mp *mapping.Mapping) *[]*mapping.Rule {
	return common.Rules(mp, m.s.ActiveTarget())
}

// SelectedRule returns the rule under the cursor in the rules pane.
func (m *Model) SelectedRule() *mapping.Rule {
	r, _ := m.ruleList.Selected()
	return r
}

// link states of a field.
const (
	linkNone = iota
	linkSuggested
	linkActive
)

// sourceLinks returns, per source path, the strongest link state.
func (m *Model) sourceLinks() map[string]int {
	out := map[string]int{}
	for _, r := range m.rules() {
		st := linkSuggested
		if r.Status == mapping.StatusRejected {
			continue
		}
		if r.Active() {
			st = linkActive
		}
		for _, f := range r.From {
			if out[f] < st {
				out[f] = st
			}
		}
	}
	return out
}

// targetLinks returns, per target path, the strongest link state.
func (m *Model) targetLinks() map[string]int {
	out := map[string]int{}
	for _, r := range m.rules() {
		if r.Status == mapping.StatusRejected {
			continue
		}
		st := linkSuggested
		if r.Active() {
			st = linkActive
		}
		if out[r.Target] < st {
			out[r.Target] = st
		}
	}
	return out
}

// Coverage counts required targets mapped by an active rule, and accepted rules.
type Coverage struct {
	Required, RequiredMapped int
	Rules, Accepted          int
	Unmapped                 []string
}

// Coverage returns the current coverage: the required targets as
// check counts them (required, writable, not left unmapped on purpose),
// so that the bar reaches 100% exactly when a run reports no
// unmapped_required.
func (m *Model) Coverage() Coverage {
	var c Coverage
	tm := m.marks()
	c.Required = len(tm.cov.Required)
	c.RequiredMapped = c.Required - len(tm.cov.RequiredUnmapped)
	c.Unmapped = append(c.Unmapped, tm.cov.RequiredUnmapped...)
	for _, r := range m.rules() {
		if r.Status == mapping.StatusRejected {
			continue
		}
		c.Rules++
		if r.Active() {
			c.Accepted++
		}
	}
	return c
}

// ruleIndex finds the rule for target (active first, else any).
func (m *Model) ruleIndex(name, target string) int {
	best := -1
	for i, r := range m.rules() {
		if (name != "" && r.Name() == name) || (name == "" && r.Target == target) {
			if r.Active() {
				return i
			}
			if best < 0 {
				best = i
			}
		}
	}
	return best
}

// diagsFor returns the compile diagnostics and static findings of a rule.
func (m *Model) diagsFor(r *mapping.Rule) (diag.List, []check.Finding) {
	var ds diag.List
	for _, d := range m.diags {
		if d.Subject == r.Name() || d.Subject == r.Target || (!r.Pos.IsZero() && d.Pos.Line == r.Pos.Line) ||
			(!r.ExprPos.IsZero() && d.Pos.Line == r.ExprPos.Line) {
			ds = append(ds, d)
		}
	}
	var fs []check.Finding
	for _, f := range m.findings {
		if f.Rule == r.Name() || (f.Rule == "" && f.Target == r.Target) {
			fs = append(fs, f)
		}
	}
	return ds, fs
}

// worst returns the worst severity on a rule, or -1.
func (m *Model) worst(r *mapping.Rule) diag.Severity {
	ds, fs := m.diagsFor(r)
	w := diag.Severity(-1)
	for _, d := range ds {
		if w < 0 || d.Severity < w {
			w = d.Severity
		}
	}
	for _, f := range fs {
		if w < 0 || f.Severity < w {
			w = f.Severity
		}
	}
	return w
}

// AnalysisMsg carries the compile diagnostics and static findings of one
// mapping version.
type AnalysisMsg struct {
	Version  int
	Diags    diag.List
	Findings []check.Finding
}

func (m *Model) analyse() tea.Cmd {
	s := m.s
	if s.Eng == nil || s.Mapping == nil || s.Src == nil || s.Dst == nil {
		return nil
	}
	ver := s.Version
	mp, src := s.View(s.Mapping.Clone())
	dst := s.Dst
	return m.checkJob.Start(s.Context(), 0, func(context.Context, func(int64)) tea.Msg {
		ds := s.Eng.Compile(mp, src, dst)
		ds = append(ds, suggestionErrors(s.Eng, mp, src, dst)...)
		fs := s.Eng.Static(mp, src, dst)
		check.SortFindings(fs)
		return AnalysisMsg{Version: ver, Diags: ds, Findings: fs}
	})
}

// Findings returns the static findings of the last analysis.
func (m *Model) Findings() []check.Finding { return m.findings }

func fmtConf(c float64) string {
	if c <= 0 {
		return ""
	}
	return fmt.Sprintf("%.2f", c)
}

func joinFrom(r *mapping.Rule) string {
	if len(r.From) == 0 {
		return "(expr)"
	}
	return strings.Join(r.From, ",")
}

// functions returns the transform library, read once.
func (m *Model) functions() []common.FuncInfo {
	if m.funcs == nil && m.s.Eng != nil {
		m.funcs = m.s.Eng.Funcs()
	}
	return m.funcs
}

// suggestionErrors compiles each suggested rule on its own (a suggestion
// does not run, so the mapping's compile leaves it out) and returns its
// errors, named by the rule: a suggestion that cannot compile says why
// instead of "no problems found", and accepting it is refused.
func suggestionErrors(eng common.Engine, mp *mapping.Mapping, src, dst *schema.Schema) diag.List {
	var out diag.List
	for _, r := range mp.Rules {
		if r.Status != mapping.StatusSuggested {
			continue
		}
		mc := *mp
		rc := *r
		rc.Status = mapping.StatusAccepted
		mc.Rules = []*mapping.Rule{&rc}
		for _, d := range eng.Compile(&mc, src, dst) {
			if d.Severity == diag.Error {
				d.Subject = r.Name()
				d.Summary = "the suggestion does not compile: " + d.Summary
				out = append(out, d)
			}
		}
	}
	return out
}

// compileError returns the first compile error of a rule, or nil.
func (m *Model) compileError(r *mapping.Rule) *diag.Diagnostic {
	ds, _ := m.diagsFor(r)
	for i := range ds {
		if ds[i].Severity == diag.Error {
			return &ds[i]
		}
	}
	return nil
}
