package synth

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.JobMsg:
		return tea.Batch(m.gen.Update(msg), m.writer.Update(msg))
	case doneMsg:
		if msg.err != nil {
			return common.Errorf("generate: %v", msg.err)
		}
		m.s.Data = msg.data
		m.resetTable()
		return tea.Batch(func() tea.Msg { return common.DataChangedMsg{} },
			common.Status("generated %d rows (seed %d, %d with edge cases): run with %s then %s", len(msg.data.Rows), msg.data.Seed, edgeRows(msg.data),
				keys.Name(keys.Global.Screen4), keys.Name(keys.Inspect.Run)))
	case common.DataChangedMsg:
		m.resetTable()
		return nil
	case writtenMsg:
		if msg.err != nil {
			return common.Errorf("write dataset: %v", msg.err)
		}
		return common.Status("wrote %s", msg.path)
	case widgets.PathCompletedMsg:
		return m.save.Update(msg)
	case tea.MouseMsg:
		m.table.Update(msg)
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if m.save != nil {
		return widgets.PromptKey(&m.save, msg, m.write)
	}
	if m.editing {
		switch {
		case key.Matches(msg, keys.Input.Accept), key.Matches(msg, keys.Input.Cancel),
			key.Matches(msg, keys.Global.NextPane):
			m.editing = false
			m.inputs[m.focus].Blur()
			if key.Matches(msg, keys.Global.NextPane) {
				m.focus = (m.focus + 1) % nFields
			}
			if _, err := m.Plan(); err != nil {
				return common.Errorf("%v", err)
			}
			return nil
		}
		var cmd tea.Cmd
		m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, keys.CancelJob) && m.gen.Cancel():
		return common.Status("generation cancelled")
	case key.Matches(msg, keys.Synth.Start):
		return m.Start()
	case key.Matches(msg, keys.Synth.SaveData):
		if m.s.Data == nil {
			return common.Status("nothing to write: generate first (%s)", keys.Name(keys.Synth.Start))
		}
		m.save = widgets.NewPathInput("write dataset (.csv .tsv .jsonl .xlsx): ", "./demo-data.csv")
	case key.Matches(msg, keys.Global.NextPane), key.Matches(msg, keys.Nav.Down) && m.table.Len() == 0:
		m.focus = (m.focus + 1) % nFields
	case key.Matches(msg, keys.Global.PrevPane), key.Matches(msg, keys.Nav.Up) && m.table.Len() == 0:
		m.focus = (m.focus + nFields - 1) % nFields
	case key.Matches(msg, keys.Synth.Edit):
		if m.focus == fProfile {
			// Cycle the profiles.
			cur := m.inputs[fProfile].Value()
			next := Profiles[0]
			for i, p := range Profiles {
				if p == cur {
					next = Profiles[(i+1)%len(Profiles)]
				}
			}
			m.inputs[fProfile].SetValue(next)
			return nil
		}
		m.editing = true
		m.inputs[m.focus].CursorEnd()
		return m.inputs[m.focus].Focus()
	default:
		m.table.Update(msg)
	}
	return nil
}

func (m *Model) write(path string) tea.Cmd {
	if path == "" || m.s.Data == nil {
		return nil
	}
	d, eng := m.s.Data, m.s.Eng
	return m.writer.Start(m.s.Context(), 0, func(context.Context, func(int64)) tea.Msg {
		return writtenMsg{path: path, err: eng.WriteData(d, path)}
	})
}

func (m *Model) resetTable() {
	d := m.s.Data
	m.table = widgets.VTable{Focused: true, Width: m.w}
	m.table.SetHeight(m.tableHeight())
	if d == nil {
		return
	}
	cols := []widgets.Column{{Title: "#", Width: 5}}
	keys := d.Keys
	if len(keys) > 6 {
		keys = keys[:6]
	}
	for _, k := range keys {
		cols = append(cols, widgets.Column{Title: k, Width: 14})
	}
	cols = append(cols, widgets.Column{Title: "edge cases", Width: 30})
	m.table.Columns = cols
	m.table.Rows = func(i int) []string {
		r := d.Rows[i]
		cells := []string{itoa(i + 1)}
		for _, k := range keys {
			cells = append(cells, textsafe.Terminal(check.Render(r.Get(k))))
		}
		var ls []string
		for _, l := range d.RowLabels(i) {
			ls = append(ls, l.Field+":"+l.Case)
		}
		return append(cells, join(ls))
	}
	m.table.SetN(len(d.Rows))
}
