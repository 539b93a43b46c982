package mapper

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// lookupEditor edits the mapping's lookup tables: one table at a time,
// entries as KEY=VALUE.
type lookupEditor struct {
	table   int
	entries widgets.List[mapping.LookupEntry]
	// input is open while adding or editing an entry or naming a table.
	input   *textinput.Model
	mode    string // "add", "edit", "table"
	editKey string
}

// OpenLookups opens the lookup table editor (L, ":lookups").
func (m *Model) OpenLookups() {
	l := &lookupEditor{entries: widgets.NewList[mapping.LookupEntry]()}
	l.entries.Focus()
	l.entries.Empty = func(string) string {
		return " (empty: " + keys.Hint(keys.TableEdit.Add) + ")"
	}
	l.entries.SetSize(m.w-2, m.lookupHeight())
	m.lookup = l
	m.syncLookup()
}

// lookupHeight is the number of entries the table editor shows.
func (m *Model) lookupHeight() int { return m.h - 6 }

// syncLookup gives the entry list the current table's entries.
func (m *Model) syncLookup() {
	var es []mapping.LookupEntry
	if lk := m.currentLookup(); lk != nil {
		es = lk.Entries
	}
	m.lookup.entries.SetItems(es)
}

// showTable switches the editor to table t, cursor on the first entry.
func (m *Model) showTable(t int) {
	m.lookup.table = t
	m.syncLookup()
	m.lookup.entries.SetCursor(0)
}

func (l *lookupEditor) shortHelp() []key.Binding {
	if l.input != nil {
		return []key.Binding{keys.Input.Accept, keys.Input.Cancel}
	}
	return []key.Binding{keys.TableEdit.Add, keys.TableEdit.Edit, keys.TableEdit.Delete, keys.TableEdit.NewTable, keys.TableEdit.NextTable, keys.TableEdit.Close}
}

func (m *Model) currentLookup() *mapping.Lookup {
	ls := m.s.Mapping.Lookups
	if len(ls) == 0 {
		return nil
	}
	m.lookup.table = widgets.Clamp(m.lookup.table, len(ls))
	return ls[m.lookup.table]
}

func (m *Model) updateLookup(msg tea.Msg) tea.Cmd {
	l := m.lookup
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if l.input != nil {
		switch {
		case key.Matches(km, keys.Input.Cancel):
			l.input = nil
			return nil
		case key.Matches(km, keys.Input.Accept):
			text := strings.TrimSpace(l.input.Value())
			l.input = nil
			return m.lookupSubmit(text)
		}
		var cmd tea.Cmd
		in := *l.input
		in, cmd = in.Update(km)
		l.input = &in
		return cmd
	}
	lk := m.currentLookup()
	e, hasEntry := l.entries.Selected()
	switch {
	case key.Matches(km, keys.TableEdit.Close):
		m.lookup = nil
	case key.Matches(km, keys.TableEdit.NextTable):
		if c := len(m.s.Mapping.Lookups); c > 0 {
			m.showTable((l.table + 1) % c)
		}
	case key.Matches(km, keys.TableEdit.PrevTable):
		if c := len(m.s.Mapping.Lookups); c > 0 {
			m.showTable((l.table + c - 1) % c)
		}
	case key.Matches(km, keys.TableEdit.NewTable):
		return l.prompt("table", "", "new table name: ", "")
	case key.Matches(km, keys.TableEdit.Add):
		if lk == nil {
			return l.prompt("table", "", "new table name: ", "")
		}
		return l.prompt("add", "", "KEY=VALUE: ", "")
	case key.Matches(km, keys.TableEdit.Edit):
		if hasEntry {
			return l.prompt("edit", e.Key, "KEY=VALUE: ", e.Key+"="+e.Value)
		}
	case key.Matches(km, keys.TableEdit.Delete):
		if hasEntry {
			t, i, k := l.table, l.entries.Index(), e.Key
			m.s.Do(fmt.Sprintf("delete %s[%s]", lk.Name, k), func(mp *mapping.Mapping) {
				es := mp.Lookups[t].Entries
				mp.Lookups[t].Entries = append(es[:i:i], es[i+1:]...)
			})
			m.syncLookup()
			return tea.Batch(common.Changed, common.Status("deleted %s[%s]", lk.Name, k))
		}
	default:
		cmd, _ := l.entries.Update(km)
		return cmd
	}
	return nil
}

func (l *lookupEditor) prompt(mode, key, prompt, val string) tea.Cmd {
	ti := widgets.NewInput("")
	ti.Prompt = prompt
	ti.SetValue(val)
	ti.CursorEnd()
	cmd := ti.Focus()
	l.input, l.mode, l.editKey = &ti, mode, key
	return cmd
}

func (m *Model) lookupSubmit(text string) tea.Cmd {
	l := m.lookup
	if text == "" {
		return nil
	}
	if l.mode == "table" {
		if m.s.Mapping.LookupNamed(text) != nil {
			return common.Errorf("lookup table %q exists already", text)
		}
		m.s.Do("new lookup "+text, func(mp *mapping.Mapping) {
			mp.Lookups = append(mp.Lookups, &mapping.Lookup{Name: text})
		})
		m.showTable(len(m.s.Mapping.Lookups) - 1)
		return tea.Batch(common.Changed, common.Status("new lookup table %s: press %s to add entries", text, keys.Name(keys.TableEdit.Add)))
	}
	k, v, ok := strings.Cut(text, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return common.Errorf("lookup entry %q: expected KEY=VALUE", text)
	}
	v = strings.TrimSpace(v)
	lk := m.currentLookup()
	t := l.table
	old := l.editKey
	idx := -1
	for i, e := range lk.Entries {
		if (l.mode == "edit" && e.Key == old) || (l.mode == "add" && e.Key == k) {
			idx = i
		}
	}
	if l.mode == "edit" && k != old {
		for _, e := range lk.Entries {
			if e.Key == k {
				return common.Errorf("lookup %s: key %q exists already", lk.Name, k)
			}
		}
	}
	m.s.Do(fmt.Sprintf("set %s[%s]", lk.Name, k), func(mp *mapping.Mapping) {
		e := mapping.LookupEntry{Key: k, Value: v}
		if idx >= 0 {
			mp.Lookups[t].Entries[idx] = e
		} else {
			mp.Lookups[t].Entries = append(mp.Lookups[t].Entries, e)
		}
	})
	m.syncLookup()
	if idx < 0 {
		idx = len(m.currentLookup().Entries) - 1
	}
	l.entries.Select(idx)
	return tea.Batch(common.Changed, common.Status("%s[%s] = %s", lk.Name, k, v))
}

// lookupView renders the table editor into width x height.
func (m *Model) lookupView(width, height int) string {
	l := m.lookup
	var b strings.Builder
	ls := m.s.Mapping.Lookups
	var tabs []string
	for i, t := range ls {
		name := t.Name
		if i == l.table {
			name = theme.TabActive.Render(name)
		} else {
			name = theme.Tab.Render(name)
		}
		tabs = append(tabs, name)
	}
	if len(tabs) == 0 {
		b.WriteString(theme.Dim.Render("no lookup tables: press " + keys.Name(keys.TableEdit.NewTable) + " to make one"))
	} else {
		b.WriteString(strings.Join(tabs, " "))
	}
	if m.currentLookup() != nil {
		b.WriteString("\n" + theme.Bold.Render(widgets.Cell(" key", 14)+" value"))
		b.WriteString("\n" + l.entries.View(func(e mapping.LookupEntry) string {
			return widgets.Cell(" "+e.Key, 14) + " " + e.Value
		}))
	}
	out := widgets.Fit(b.String(), width, height-1)
	foot := theme.Dim.Render(keys.Hints(l.shortHelp()...))
	if l.input != nil {
		foot = l.input.View()
	}
	return out + "\n" + widgets.Cell(foot, width)
}
