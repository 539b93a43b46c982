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
	table  int
	cursor int
	// input is open while adding or editing an entry or naming a table.
	input   *textinput.Model
	mode    string // "add", "edit", "table"
	editKey string
}

// OpenLookups opens the lookup table editor (L, ":lookups").
func (m *Model) OpenLookups() {
	m.lookup = &lookupEditor{}
}

func (l *lookupEditor) shortHelp() []key.Binding {
	if l.input != nil {
		return []key.Binding{keys.Input.Accept, keys.Input.Cancel}
	}
	return []key.Binding{keys.TableEdit.Add, keys.TableEdit.Edit, keys.TableEdit.Delete, keys.TableEdit.NewTable, keys.Global.NextPane, keys.Nav.Back}
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
	n := 0
	if lk != nil {
		n = len(lk.Entries)
	}
	switch {
	case key.Matches(km, keys.Nav.Back), key.Matches(km, keys.Mapper.Lookups):
		m.lookup = nil
	case key.Matches(km, keys.Global.NextPane), key.Matches(km, keys.Nav.Right):
		if c := len(m.s.Mapping.Lookups); c > 0 {
			l.table, l.cursor = (l.table+1)%c, 0
		}
	case key.Matches(km, keys.Global.PrevPane), key.Matches(km, keys.Nav.Left):
		if c := len(m.s.Mapping.Lookups); c > 0 {
			l.table, l.cursor = (l.table+c-1)%c, 0
		}
	case key.Matches(km, keys.Nav.Up):
		l.cursor = widgets.Clamp(l.cursor-1, n)
	case key.Matches(km, keys.Nav.Down):
		l.cursor = widgets.Clamp(l.cursor+1, n)
	case key.Matches(km, keys.TableEdit.NewTable):
		return l.prompt("table", "", "new table name: ", "")
	case key.Matches(km, keys.TableEdit.Add):
		if lk == nil {
			return l.prompt("table", "", "new table name: ", "")
		}
		return l.prompt("add", "", "KEY=VALUE: ", "")
	case key.Matches(km, keys.TableEdit.Edit):
		if lk != nil && n > 0 {
			e := lk.Entries[l.cursor]
			return l.prompt("edit", e.Key, "KEY=VALUE: ", e.Key+"="+e.Value)
		}
	case key.Matches(km, keys.TableEdit.Delete):
		if lk != nil && n > 0 {
			t, i, k := l.table, l.cursor, lk.Entries[l.cursor].Key
			m.s.Do(fmt.Sprintf("delete %s[%s]", lk.Name, k), func(mp *mapping.Mapping) {
				es := mp.Lookups[t].Entries
				mp.Lookups[t].Entries = append(es[:i:i], es[i+1:]...)
			})
			l.cursor = widgets.Clamp(l.cursor, n-1)
			return tea.Batch(common.Changed, common.Status("deleted %s[%s]", lk.Name, k))
		}
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
		l.table, l.cursor = len(m.s.Mapping.Lookups)-1, 0
		return tea.Batch(common.Changed, common.Status("new lookup table %s: press n to add entries", text))
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
	if idx < 0 {
		l.cursor = len(m.currentLookup().Entries) - 1
	} else {
		l.cursor = idx
	}
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
		b.WriteString(theme.Dim.Render("no lookup tables: press N to make one"))
	} else {
		b.WriteString(strings.Join(tabs, " "))
	}
	lk := m.currentLookup()
	body := height - 3
	if lk != nil {
		off := widgets.Scroll(0, l.cursor, body, len(lk.Entries))
		b.WriteString("\n" + theme.Bold.Render(widgets.Cell(" key", 14)+" value"))
		for i := off; i < len(lk.Entries) && i < off+body; i++ {
			e := lk.Entries[i]
			line := widgets.Cell(" "+e.Key, 14) + " " + e.Value
			line = widgets.Cell(line, width)
			if i == l.cursor {
				line = widgets.Highlight(line, true)
			}
			b.WriteString("\n" + line)
		}
		if len(lk.Entries) == 0 {
			b.WriteString("\n" + theme.Dim.Render(" (empty: n adds an entry)"))
		}
	}
	out := widgets.Fit(b.String(), width, height-1)
	foot := theme.Dim.Render("n add · enter edit · d delete · N new table · tab next table · esc close")
	if l.input != nil {
		foot = l.input.View()
	}
	return out + "\n" + widgets.Cell(foot, width)
}
