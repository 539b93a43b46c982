package mapper

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// A mapping with several targets shows them as groups in the target
// column: one header row per target table (its name), the active
// target's fields under its header; the rules column and the source
// column are the active target's (its rules; the source as it sees it).
// t / T or enter on a header switch the active target.

// targetItems lists the target column: for one target its fields; for
// several a header per target with the active one's fields below it.
func (m *Model) targetItems() []*schema.Field {
	m.heads = nil
	if !m.s.Multi() {
		return leaves(m.s.Dst)
	}
	m.heads = map[*schema.Field]int{}
	active := m.s.ActiveTarget()
	var out []*schema.Field
	for i, v := range m.s.Mapping.Targets() {
		h := &schema.Field{Name: v.OutName(), Path: v.OutName(), Type: schema.Object}
		m.heads[h] = i
		out = append(out, h)
		if i == active {
			out = append(out, leaves(m.s.Dst)...)
		}
	}
	return out
}

// header returns the target index of a header row of the target column.
func (m *Model) header(f *schema.Field) (int, bool) {
	i, ok := m.heads[f]
	return i, ok
}

// switchTarget makes target i the active one, the cursor on its header.
func (m *Model) switchTarget(i int) tea.Cmd {
	n := m.s.TargetCount()
	if n < 2 {
		return common.Status("the mapping has one target")
	}
	i = (i%n + n) % n
	m.s.SetActive(i)
	m.pendingSrc, m.pendingDst = "", ""
	m.clearFilters()
	m.rebuild()
	for h, ti := range m.heads {
		if ti == i {
			for k, f := range m.dst.Items() {
				if f == h {
					m.dst.Select(k)
				}
			}
		}
	}
	m.ruleList.SetCursor(0)
	m.analysisVer, m.diags, m.findings = -1, nil, nil
	return tea.Batch(common.Changed, common.Status("target %d of %d: %s", i+1, n, m.targetSummary(i)))
}

// targetSummary names target i with its iteration and parent.
func (m *Model) targetSummary(i int) string {
	v := m.s.Mapping.Targets()[i]
	out := v.OutName()
	if v.Each != "" {
		out += ", one row per element of " + v.Each + "[]"
	}
	if v.Parent != "" {
		out += ", parent " + v.Parent
	}
	return out
}

// scopeTitle is the source column's title: the array the active target
// iterates, when it does.
func (m *Model) scopeTitle() string {
	if e := m.s.Each(); e != "" {
		return "Source ∀" + e + "[]"
	}
	return "Source"
}

// arrayOf returns the array a source path reads through (the part before
// its last []), or "".
func arrayOf(path string) string {
	if i := strings.LastIndex(path, "[]"); i > 0 {
		return path[:i]
	}
	return ""
}

// toggleScope enters the array of the selected source field (i): the
// target that iterates it becomes active, else the active target gets
// each: that array (one undoable change), so the element's fields are in
// scope; on a field of the iterated element it leaves the scope again
// (each: removed).
func (m *Model) toggleScope() tea.Cmd {
	if m.focus != paneSource {
		return common.Status("%s works on a source field inside an array (%s to the source column)", keys.Name(keys.Mapper.Scope), keys.Name(keys.Global.PrevPane))
	}
	f, ok := m.src.Selected()
	if !ok {
		return nil
	}
	if each := m.s.Each(); each != "" {
		elem := strings.ReplaceAll(each, "[]", "")
		if f.Path == elem || strings.HasPrefix(f.Path, elem+".") || f.Path == "$line" {
			return m.setEach("", "left "+each+"[]: one row per record")
		}
	}
	arr := arrayOf(f.Path)
	if arr == "" {
		return common.Status("%s is not inside an array: %s enters the array of a field like items[].sku", textsafe.Terminal(f.Path), keys.Name(keys.Mapper.Scope))
	}
	for i, v := range m.s.Mapping.Targets() {
		if v.Each == arr && i != m.s.ActiveTarget() {
			return m.switchTarget(i)
		}
	}
	return m.setEach(arr, fmt.Sprintf("entered %s[]: one row per element, the record's fields stay in scope", arr))
}

// setEach sets the active target's each: as one undoable change.
func (m *Model) setEach(each, status string) tea.Cmd {
	a := m.s.ActiveTarget()
	name := m.s.TargetName(a)
	label := "each " + each + " for " + name
	if each == "" {
		label = "no each for " + name
	}
	m.do(label, func(mp *mapping.Mapping) {
		if a > 0 && a <= len(mp.Extra) {
			mp.Extra[a-1].Each = each
		} else {
			mp.Each = each
		}
	})
	m.pendingSrc, m.pendingDst = "", ""
	m.clearFilters()
	m.rebuild()
	return tea.Batch(common.Changed, common.Status("%s", status))
}

// ruleScope describes where a rule of the active target reads: the
// iteration, the parent and the joins it reads ("" for a plain mapping).
func (m *Model) ruleScope(r *mapping.Rule) string {
	mp := m.s.Mapping
	if mp == nil || !mp.MultiTarget() {
		return ""
	}
	v := mp.Targets()[m.s.ActiveTarget()]
	var parts []string
	parts = append(parts, "target "+v.OutName())
	if v.Each != "" {
		parts = append(parts, "one row per element of "+v.Each+"[] ($line = position)")
	}
	if v.Parent != "" {
		parts = append(parts, "parent "+v.Parent)
	}
	for _, j := range mp.Joins {
		if readsName(r, j.Name) {
			var on []string
			for _, k := range j.On {
				on = append(on, k.Left+" = "+j.Name+"."+k.Right)
			}
			miss := j.OnMiss
			if miss == "" {
				miss = mapping.JoinMissReject
			}
			parts = append(parts, fmt.Sprintf("join %s on %s (miss: %s)", j.Name, strings.Join(on, ", "), miss))
		}
	}
	return textsafe.Terminal(strings.Join(parts, " · "))
}

// readsName reports a rule whose from reads the top-level name (the
// editor keeps from in step with the fields an expression names).
func readsName(r *mapping.Rule, name string) bool {
	for _, f := range r.From {
		if f == name || strings.HasPrefix(f, name+".") || strings.HasPrefix(f, name+"[]") {
			return true
		}
	}
	return false
}

// ruleMarks are the short marks of a rule line: ∀ when it reads the
// iterated element, ⋈ when it reads a join.
func (m *Model) ruleMarks(r *mapping.Rule) string {
	mp := m.s.Mapping
	if mp == nil || !mp.MultiTarget() {
		return ""
	}
	out := ""
	if each := m.s.Each(); each != "" {
		root := strings.SplitN(strings.ReplaceAll(each, "[]", ""), ".", 2)[0]
		if readsName(r, root) || readsName(r, "$line") {
			out += "∀"
		}
	}
	for _, j := range mp.Joins {
		if readsName(r, j.Name) {
			out += "⋈"
			break
		}
	}
	return out
}

// headerLine draws target ti's header row: ▾ for the active target (its
// fields follow), ▸ for the others, with its iteration.
func (m *Model) headerLine(ti, width int) string {
	v := m.s.Mapping.Targets()[ti]
	mark := " ▸ "
	if ti == m.s.ActiveTarget() {
		mark = " ▾ "
	}
	tail := ""
	if v.Each != "" {
		tail = " ∀" + v.Each + "[]"
	}
	n := 0
	for _, r := range v.Rules {
		if r.Status != mapping.StatusRejected {
			n++
		}
	}
	text := widgets.Cell(textsafe.Terminal(v.OutName()+tail), max(width-3-len(fmt.Sprint(n))-1, 1))
	return theme.Bold.Render(mark+text) + " " + theme.Dim.Render(fmt.Sprint(n))
}
