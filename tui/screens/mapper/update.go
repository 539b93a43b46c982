package mapper

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
)

// SuggestedMsg carries rules proposed by the suggester.
type SuggestedMsg struct {
	Version int
	Rules   []*mapping.Rule
	Err     error
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.MappingChangedMsg:
		m.rebuild()
		return m.analyse()
	case AnalysisMsg:
		if msg.Version == m.s.Version {
			m.analysisVer, m.diags, m.findings = msg.Version, msg.Diags, msg.Findings
		}
		return nil
	case common.JumpToRuleMsg:
		var sw tea.Cmd
		if msg.Table != "" && msg.Table != m.s.TargetName(m.s.ActiveTarget()) {
			for i, v := range m.s.Mapping.Targets() {
				if v.OutName() == msg.Table {
					sw = m.switchTarget(i)
				}
			}
		}
		m.clearFilters()
		if i := m.ruleIndex(msg.Rule, msg.Target); i >= 0 {
			m.setFocus(paneRules)
			m.ruleList.Select(i)
		} else if m.selectField(paneTarget, msg.Target) {
			m.setFocus(paneTarget)
		}
		return sw
	case SuggestedMsg:
		return m.suggested(msg)
	case common.JobMsg:
		return tea.Batch(m.checkJob.Update(msg), m.suggestJob.Update(msg), m.previewJob.Update(msg))
	}
	if m.edit != nil {
		return m.updateEdit(msg)
	}
	if m.lookup != nil {
		return m.updateLookup(msg)
	}
	if km, ok := msg.(tea.KeyMsg); ok && m.filtering() {
		cmd, _ := m.column(m.focus).Update(km)
		return cmd
	}
	switch msg := msg.(type) {
	case previewMsg, previewTickMsg:
		return nil
	case tea.MouseMsg:
		return m.mouse(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.Global.NextPane), key.Matches(msg, keys.Nav.Right):
		m.setFocus((m.focus + 1) % 3)
	case key.Matches(msg, keys.Global.PrevPane), key.Matches(msg, keys.Nav.Left):
		m.setFocus((m.focus + 2) % 3)
	case key.Matches(msg, keys.Nav.Back):
		if m.pendingSrc != "" || m.pendingDst != "" {
			m.pendingSrc, m.pendingDst = "", ""
			return common.Status("link cancelled")
		}
		m.clearFilters()
	case key.Matches(msg, keys.Mapper.Link):
		return m.enter()
	case key.Matches(msg, keys.Mapper.Accept):
		return m.setStatus(mapping.StatusAccepted)
	case key.Matches(msg, keys.Mapper.Reject):
		return m.setStatus(mapping.StatusRejected)
	case key.Matches(msg, keys.Mapper.AcceptAll):
		return m.acceptAll()
	case key.Matches(msg, keys.Mapper.Delete):
		return m.deleteRule()
	case key.Matches(msg, keys.Mapper.Edit):
		return m.startEdit()
	case key.Matches(msg, keys.Mapper.Lookups):
		m.OpenLookups()
	case key.Matches(msg, keys.Mapper.Suggest):
		return m.Suggest()
	case key.Matches(msg, keys.Mapper.Jump):
		m.jump()
	case key.Matches(msg, keys.Mapper.OnError):
		return m.cycleOnError()
	case key.Matches(msg, keys.Mapper.NextTarget):
		return m.switchTarget(m.s.ActiveTarget() + 1)
	case key.Matches(msg, keys.Mapper.PrevTarget):
		return m.switchTarget(m.s.ActiveTarget() - 1)
	case key.Matches(msg, keys.Mapper.Scope):
		return m.toggleScope()
	case key.Matches(msg, keys.Mapper.Ignore):
		return m.toggleIgnore()
	default:
		cmd, _ := m.column(m.focus).Update(msg)
		return cmd
	}
	return nil
}

// onErrorCycle is the order `o` steps a rule's on_error through; a
// default(VALUE) is written in the expression editor or the file and is
// replaced by reject on the next step.
var onErrorCycle = []string{"", mapping.OnErrorNull, mapping.OnErrorKeep}

// cycleOnError steps the selected rule's on_error: reject (the default),
// null, keep, and back, as one undoable change.
func (m *Model) cycleOnError() tea.Cmd {
	r := m.SelectedRule()
	if r == nil || m.focus != paneRules {
		return common.Status("select a rule in the middle column (%s) to change its on_error", keys.Name(keys.Global.NextPane))
	}
	next := onErrorCycle[0]
	cur := r.OnError
	if cur == mapping.OnErrorReject {
		cur = ""
	}
	for i, v := range onErrorCycle {
		if v == cur {
			next = onErrorCycle[(i+1)%len(onErrorCycle)]
		}
	}
	i := m.ruleList.Index()
	shown := next
	if shown == "" {
		shown = mapping.OnErrorReject
	}
	m.do(fmt.Sprintf("on_error %s for %s", shown, r.Name()), func(mp *mapping.Mapping) {
		(*m.rulesOf(mp))[i].OnError = next
	})
	return tea.Batch(common.Changed, common.Status("%s: on_error %s", r.Name(), shown))
}

// jump moves between a rule and its fields: from a rule to its target,
// from a field to the rule that uses it.
func (m *Model) jump() {
	switch m.focus {
	case paneRules:
		if r := m.SelectedRule(); r != nil {
			m.clearFilters()
			if m.selectField(paneTarget, r.Target) {
				m.setFocus(paneTarget)
			}
		}
	case paneTarget:
		if f, ok := m.dst.Selected(); ok {
			if _, head := m.header(f); head {
				return
			}
			if i := m.ruleIndex("", f.Path); i >= 0 {
				m.setFocus(paneRules)
				m.ruleList.Select(i)
			}
		}
	case paneSource:
		if f, ok := m.src.Selected(); ok {
			for i, r := range m.rules() {
				if contains(r.From, f.Path) {
					m.setFocus(paneRules)
					m.ruleList.Select(i)
					return
				}
			}
		}
	}
}

// enter selects a link end, completes a link, or edits the rule.
func (m *Model) enter() tea.Cmd {
	if m.focus == paneRules {
		return m.startEdit()
	}
	f, ok := m.fields(m.focus).Selected()
	if !ok {
		return nil
	}
	if ti, ok := m.header(f); ok && m.focus == paneTarget {
		return m.switchTarget(ti)
	}
	if m.focus == paneSource {
		if m.pendingDst != "" {
			return m.Link(f.Path, m.pendingDst)
		}
		m.pendingSrc = f.Path
		m.setFocus(paneTarget)
		return common.Status("linking %s → choose a target and press %s (%s cancels)", f.Path, linkKey(), backKey())
	}
	if m.pendingSrc != "" {
		return m.Link(m.pendingSrc, f.Path)
	}
	m.pendingDst = f.Path
	m.setFocus(paneSource)
	return common.Status("linking → %s: choose a source and press %s (%s cancels)", f.Path, linkKey(), backKey())
}

// Link creates (or re-points) the rule writing dst so that it reads src.
func (m *Model) Link(src, dst string) tea.Cmd {
	m.pendingSrc, m.pendingDst = "", ""
	idx := m.ruleIndex("", dst)
	m.do(fmt.Sprintf("link %s → %s", src, dst), func(mp *mapping.Mapping) {
		if idx >= 0 {
			r := (*m.rulesOf(mp))[idx]
			r.From = []string{src}
			r.Expr = ""
			r.Status = mapping.StatusAccepted
			r.Confidence, r.Why = 0, nil
			return
		}
		rs := m.rulesOf(mp)
		*rs = append(*rs, &mapping.Rule{Target: dst, From: []string{src}, Status: mapping.StatusAccepted})
	})
	if idx < 0 {
		idx = len(m.rules()) - 1
	}
	m.ruleList.Select(idx)
	m.setFocus(paneRules)
	return tea.Batch(common.Changed, common.Status("linked %s → %s", src, dst))
}

func (m *Model) setStatus(status string) tea.Cmd {
	r := m.SelectedRule()
	if r == nil || m.focus != paneRules {
		if m.focus != paneRules {
			return common.Status("select a rule in the middle column (%s) to %s it", keys.Name(keys.Global.NextPane), verb(status))
		}
		return nil
	}
	if r.Status == status {
		return nil
	}
	if d := m.compileError(r); d != nil && status == mapping.StatusAccepted && r.Status == mapping.StatusSuggested {
		return common.Errorf("%s cannot be accepted: %s (%s edits it, %s rejects it)", r.Name(), d.Summary, keys.Name(keys.Mapper.Edit), keys.Name(keys.Mapper.Reject))
	}
	i := m.ruleList.Index()
	m.do(fmt.Sprintf("%s %s", verb(status), r.Name()), func(mp *mapping.Mapping) {
		(*m.rulesOf(mp))[i].Status = status
	})
	m.selectNextSuggestion(i)
	return tea.Batch(common.Changed, common.Status("%s %s", past(status), r.Name()))
}

func verb(status string) string {
	if status == mapping.StatusRejected {
		return "reject"
	}
	return "accept"
}

func past(status string) string {
	if status == mapping.StatusRejected {
		return "rejected"
	}
	return "accepted"
}

// acceptAll accepts every suggestion at or above the threshold in one change.
func (m *Model) acceptAll() tea.Cmd {
	var idx []int
	broken := 0
	for i, r := range m.rules() {
		if r.Status == mapping.StatusSuggested && r.Confidence >= m.Threshold {
			if m.compileError(r) != nil {
				broken++
				continue
			}
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		if broken > 0 {
			return common.Errorf("no suggestion at or above %.2f compiles (%d do not: see their detail)", m.Threshold, broken)
		}
		return common.Status("no suggestion at or above %.2f", m.Threshold)
	}
	m.do(fmt.Sprintf("accept %d suggestions ≥ %.2f", len(idx), m.Threshold), func(mp *mapping.Mapping) {
		rs := *m.rulesOf(mp)
		for _, i := range idx {
			rs[i].Status = mapping.StatusAccepted
		}
	})
	if broken > 0 {
		return tea.Batch(common.Changed, common.Status("accepted %d suggestions at or above %.2f; %d left that do not compile (see their detail)", len(idx), m.Threshold, broken))
	}
	return tea.Batch(common.Changed, common.Status("accepted %d suggestions at or above %.2f", len(idx), m.Threshold))
}

func (m *Model) deleteRule() tea.Cmd {
	r := m.SelectedRule()
	if r == nil || m.focus != paneRules {
		return nil
	}
	i := m.ruleList.Index()
	m.do("delete "+r.Name(), func(mp *mapping.Mapping) {
		rs := m.rulesOf(mp)
		*rs = append((*rs)[:i:i], (*rs)[i+1:]...)
	})
	m.ruleList.SetCursor(i)
	return tea.Batch(common.Changed, common.Status("deleted rule %s", r.Name()))
}

// Suggest asks the suggester for rules (palette ":suggest" and S).
func (m *Model) Suggest() tea.Cmd {
	s := m.s
	if s.Eng == nil || s.Src == nil || s.Dst == nil {
		return common.Errorf("suggest: load both schemas first")
	}
	ver := s.Version
	mp, src := s.View(s.Mapping.Clone())
	dst := s.Dst
	return tea.Sequence(common.Status("suggesting …"), m.suggestJob.Start(s.Context(), 0, func(ctx context.Context, _ func(int64)) tea.Msg {
		rs, err := s.Eng.Suggest(ctx, mp, src, dst)
		return SuggestedMsg{Version: ver, Rules: rs, Err: err}
	}))
}

func (m *Model) suggested(msg SuggestedMsg) tea.Cmd {
	if msg.Err != nil {
		return common.Errorf("suggest: %v", msg.Err)
	}
	if msg.Version != m.s.Version {
		return common.Status("suggestions dropped: the mapping changed meanwhile; press %s again", keys.Name(keys.Mapper.Suggest))
	}
	// Keep only suggestions for targets without any rule.
	has := map[string]bool{}
	for _, r := range m.rules() {
		has[r.Target] = true
	}
	var add []*mapping.Rule
	for _, r := range msg.Rules {
		if !has[r.Target] {
			add = append(add, r)
			has[r.Target] = true
		}
	}
	if len(add) == 0 {
		return common.Status("no new suggestions")
	}
	m.do(fmt.Sprintf("add %d suggestions", len(add)), func(mp *mapping.Mapping) {
		rs := m.rulesOf(mp)
		*rs = append(*rs, add...)
	})
	return tea.Batch(common.Changed, common.Status("%d new suggestions: %s, %s, %s %.2f", len(add),
		keys.Hint(keys.Mapper.Accept), keys.Hint(keys.Mapper.Reject), keys.Hint(keys.Mapper.AcceptAll), m.Threshold))
}

// mouse: click focuses a column and selects a row; a click on a target
// while a source is chosen links them; the wheel scrolls.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	p := m.paneAt(msg.X)
	col := m.column(p)
	if msg.Button != tea.MouseButtonLeft {
		cmd, _ := col.Update(msg)
		return cmd
	}
	m.setFocus(p)
	if !col.Click(msg.Y - listTop) {
		return nil
	}
	switch p {
	case paneSource:
		return m.enter()
	case paneTarget:
		if m.pendingSrc != "" {
			return m.enter()
		}
	}
	return nil
}

func linkKey() string { return keys.Name(keys.Mapper.Link) }

func backKey() string { return keys.Name(keys.Nav.Back) }

// selectNextSuggestion moves the rules cursor from rule i to the next
// suggestion (after i, then from the top), or to the next rule when no
// suggestion is left, so a / x walk through the suggestions.
func (m *Model) selectNextSuggestion(i int) {
	rs := m.rules()
	for k := 1; k <= len(rs); k++ {
		j := (i + k) % len(rs)
		if rs[j].Status == mapping.StatusSuggested && m.ruleList.Select(j) {
			return
		}
	}
	m.ruleList.Select(i + 1)
}
