package mapper

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// previewTimeout bounds the work of one preview.
const previewTimeout = 5 * time.Second

// sampleRows is how many rows the preview shows.
const sampleRows = 5

// editor is the expression editor of one rule.
type editor struct {
	input   textinput.Model
	rule    string // rule name
	index   int
	seq     int
	preview common.Preview
	labels  []string
	// shown is the request id of the preview on screen (0: none yet).
	shown   int
	matches []string
	cycle   int
	orig    string
}

type previewTickMsg struct{ seq int }

type previewMsg struct {
	seq int
	p   common.Preview
	// labels names the edge case of each sample row ("" for none).
	labels []string
}

func (m *Model) startEdit() tea.Cmd {
	if f, ok := m.dst.Selected(); ok && m.focus == paneTarget {
		if i := m.ruleIndex("", f.Path); i >= 0 {
			m.ruleList.Select(i)
		}
	} else if m.focus != paneRules {
		return common.Status("select a rule (middle column) to edit its expression")
	}
	r := m.SelectedRule()
	if r == nil {
		return common.Status("no rule to edit: link a source to a target first")
	}
	ti := widgets.NewInput("")
	ti.Prompt = "expr> "
	ti.Placeholder = widgets.Placeholder("expression (empty: checked cast of " + joinFrom(r) + ")")
	ti.Width = m.w - 12
	ti.SetValue(r.Expr)
	ti.CursorEnd()
	ti.Focus()
	m.editSeq++
	m.edit = &editor{input: ti, rule: r.Name(), index: m.ruleList.Index(), seq: m.editSeq, orig: r.Expr}
	m.setFocus(paneRules)
	return m.previewCmd()
}

// editingRule returns the rule the editor was opened on, with the edited
// expression.
func (m *Model) editingRule() *mapping.Rule {
	rs := m.rules()
	if m.edit == nil || m.edit.index >= len(rs) {
		return nil
	}
	r := *rs[m.edit.index]
	r.Expr = strings.TrimSpace(m.edit.input.Value())
	r.ExprPos = r.Pos
	r.ExprPos.Col = 0
	return &r
}

// samples picks the preview rows from the dataset: first rows whose
// fields of the rule carry an edge case (they show what can go wrong),
// then ordinary rows. With no dataset the engine makes its own samples.
func (m *Model) samples(r *mapping.Rule) ([]*value.Record, []string) {
	d := m.s.Data
	if d == nil || d.Len() == 0 {
		return nil, nil
	}
	const scan = 2000
	var out []*value.Record
	var labels []string
	taken := map[int]bool{}
	seen := map[string]bool{}
	label := func(i int) string {
		for _, f := range r.From {
			if c := d.LabelFor(i, f); c != "" {
				return c
			}
		}
		return ""
	}
	for i := 0; i < d.Len() && i < scan && len(out) < sampleRows-2; i++ {
		if c := label(i); c != "" && !seen[c] {
			seen[c] = true
			taken[i] = true
			out = append(out, d.Row(i))
			labels = append(labels, c)
		}
	}
	for i := 0; i < d.Len() && len(out) < sampleRows; i++ {
		if !taken[i] {
			out = append(out, d.Row(i))
			labels = append(labels, label(i))
		}
	}
	return out, labels
}

func (m *Model) previewCmd() tea.Cmd {
	if m.edit == nil || m.s.Eng == nil {
		return nil
	}
	r := m.editingRule()
	if r == nil {
		return nil
	}
	seq := m.edit.seq
	s := m.s
	mp, src := s.View(s.Mapping.Clone())
	dst := s.Dst
	rows, labels := m.samples(r)
	if (s.Each() != "" || len(mp.Joins) > 0) && m.edit.index < len(mp.Rules) {
		// The view's rule reads through the iterated array (lineItems.x);
		// the engine makes samples of the source as the target sees it.
		rc := *mp.Rules[m.edit.index]
		rc.Expr, rc.ExprPos = r.Expr, r.ExprPos
		r, rows, labels = &rc, nil, nil
	}
	return m.previewJob.Start(s.Context(), 0, func(ctx context.Context, _ func(int64)) tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, previewTimeout)
		defer cancel()
		return previewMsg{seq: seq, p: s.Eng.Preview(ctx, mp, src, dst, r, rows), labels: labels}
	})
}

func (m *Model) updateEdit(msg tea.Msg) tea.Cmd {
	e := m.edit
	switch msg := msg.(type) {
	case previewTickMsg:
		if msg.seq == e.seq {
			return m.previewCmd()
		}
		return nil
	case previewMsg:
		// Drop stale results: only the newest request is shown.
		if msg.seq == e.seq {
			e.preview, e.shown, e.labels = msg.p, msg.seq, msg.labels
		}
		return nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keys.Input.Cancel):
			m.edit = nil
			m.previewJob.Cancel()
			return common.Status("edit cancelled")
		case key.Matches(msg, keys.Input.Accept):
			return m.applyEdit()
		case key.Matches(msg, keys.Input.Complete):
			m.complete()
			return m.changed()
		}
		before := e.input.Value()
		var cmd tea.Cmd
		e.input, cmd = e.input.Update(msg)
		e.matches, e.cycle = nil, 0
		if e.input.Value() != before {
			return tea.Batch(cmd, m.changed())
		}
		return cmd
	}
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(msg)
	return cmd
}

// changed starts a new debounced preview request.
func (m *Model) changed() tea.Cmd {
	m.editSeq++
	m.edit.seq = m.editSeq
	seq := m.editSeq
	return tea.Tick(m.Debounce, func(time.Time) tea.Msg { return previewTickMsg{seq: seq} })
}

func (m *Model) applyEdit() tea.Cmd {
	e := m.edit
	r := m.editingRule()
	m.edit = nil
	m.previewJob.Cancel()
	if r == nil {
		return nil
	}
	expr := r.Expr
	if expr == e.orig {
		return common.Status("expression unchanged")
	}
	i := e.index
	m.do("edit "+r.Name(), func(mp *mapping.Mapping) {
		rs := *m.rulesOf(mp)
		rs[i].Expr = expr
		if expr != "" {
			rs[i].From = fromOf(expr, m.srcPaths(), rs[i].From)
		}
	})
	return tea.Batch(common.Changed, common.Status("%s: expression set", r.Name()))
}

// srcPaths lists every source field, whatever the column's filter.
func (m *Model) srcPaths() []string {
	all := m.src.Items()
	out := make([]string, len(all))
	for i, f := range all {
		out[i] = f.Path
	}
	return out
}

// fromOf lists the source fields an expression names, in source order,
// keeping the old list when it names none.
func fromOf(expr string, paths []string, old []string) []string {
	var out []string
	for _, p := range paths {
		if containsIdent(expr, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return old
	}
	return out
}

func isIdent(c byte) bool {
	return c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func containsIdent(s, name string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], name)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(name)
		if (j == 0 || !isIdent(s[j-1])) && (end == len(s) || !isIdent(s[end])) && (j == 0 || s[j-1] != '"') {
			return true
		}
		i = j + 1
	}
}

// complete completes the word before the cursor from the function library
// and the source fields: one match is inserted, several are narrowed to
// their common prefix and then cycled with further Tabs.
func (m *Model) complete() {
	e := m.edit
	v := e.input.Value()
	pos := e.input.Position()
	start := pos
	for start > 0 && isIdent(v[start-1]) {
		start--
	}
	word := v[start:pos]
	if e.matches == nil {
		var cands []string
		{
			for _, f := range m.functions() {
				if strings.HasPrefix(f.Name, word) {
					cands = append(cands, f.Name+"(")
				}
			}
		}
		for _, p := range m.srcPaths() {
			if strings.HasPrefix(p, word) {
				cands = append(cands, p)
			}
		}
		sort.Strings(cands)
		if len(cands) == 0 {
			return
		}
		if len(cands) == 1 {
			m.replaceWord(start, pos, cands[0])
			return
		}
		prefix := cands[0]
		for _, c := range cands[1:] {
			for !strings.HasPrefix(c, prefix) {
				prefix = prefix[:len(prefix)-1]
			}
		}
		e.matches, e.cycle = cands, -1
		if len(prefix) > len(word) {
			m.replaceWord(start, pos, prefix)
			return
		}
	}
	e.cycle = (e.cycle + 1) % len(e.matches)
	m.replaceWord(start, pos, e.matches[e.cycle])
}

func (m *Model) replaceWord(start, end int, with string) {
	v := m.edit.input.Value()
	m.edit.input.SetValue(v[:start] + with + v[end:])
	m.edit.input.SetCursor(start + len(with))
}

// funcAtCursor returns the function whose name is just before the cursor
// or whose call the cursor is in.
func (m *Model) funcAtCursor() *common.FuncInfo {
	if m.s.Eng == nil {
		return nil
	}
	v := m.edit.input.Value()
	pos := m.edit.input.Position()
	if pos > len(v) {
		pos = len(v)
	}
	depth := 0
	for i := pos - 1; i >= 0; i-- {
		switch v[i] {
		case ')':
			depth++
		case '(':
			if depth > 0 {
				depth--
				continue
			}
			j := i
			for j > 0 && isIdent(v[j-1]) {
				j--
			}
			return m.funcNamed(v[j:i])
		}
	}
	j := pos
	for j > 0 && isIdent(v[j-1]) {
		j--
	}
	return m.funcNamed(v[j:pos])
}

func (m *Model) funcNamed(name string) *common.FuncInfo {
	if name == "" {
		return nil
	}
	for _, f := range m.functions() {
		if f.Name == name {
			return &f
		}
	}
	return nil
}

func describeKind(k string) string {
	if k == "" {
		return ""
	}
	return fmt.Sprintf(" [%s]", k)
}
