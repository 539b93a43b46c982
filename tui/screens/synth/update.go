package synth

import (
	"context"

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
		return tea.Batch(m.gen.Update(msg), m.writer.Update(msg), m.tv.load.Update(msg), m.tv.gen.Update(msg))
	case tablesLoadedMsg, tablesDoneMsg:
		cmd, _ := m.tablesUpdate(msg)
		return cmd
	case doneMsg:
		if msg.err != nil {
			return common.Errorf("generate: %v", msg.err)
		}
		m.s.Data = msg.data
		m.resetTable()
		m.setRows(true)
		return tea.Batch(func() tea.Msg { return common.DataChangedMsg{} },
			common.Status("generated %d rows (seed %d, %d with edge cases): run with %s then %s", msg.data.Len(), msg.data.Seed, msg.data.EdgeRows(),
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
		if m.tv.dir != nil {
			return m.tv.dir.Update(msg)
		}
		return m.save.Update(msg)
	case tea.MouseMsg:
		if !m.detail && m.table.Update(msg) {
			m.setRows(true)
		}
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
	if m.tv.on && (m.tv.dir != nil || key.Matches(msg, keys.CancelJob) || key.Matches(msg, keys.Synth.Tables) || key.Matches(msg, keys.Synth.Start) ||
		key.Matches(msg, keys.Nav.PageDown) || key.Matches(msg, keys.Nav.PageUp)) {
		return m.tablesKey(msg)
	}
	if m.tv.on && !key.Matches(msg, keys.Nav.Down) && !key.Matches(msg, keys.Nav.Up) && !key.Matches(msg, keys.Synth.Edit) {
		return nil // the form's keys work beside the tables; the rows are hidden
	}
	if key.Matches(msg, keys.CancelJob) && m.gen.Cancel() {
		return common.Status("generation cancelled")
	}
	if m.detail {
		m.detailKey(msg)
		return nil
	}
	switch {
	case key.Matches(msg, keys.Synth.Tables):
		m.setRows(false)
		return m.toggleTables()
	case key.Matches(msg, keys.Synth.Start):
		return m.Start()
	case key.Matches(msg, keys.Synth.SaveData):
		if m.s.Data == nil {
			return common.Status("nothing to write: generate first (%s)", keys.Name(keys.Synth.Start))
		}
		m.save = widgets.NewPathInput("write dataset (.csv .tsv .jsonl .xlsx): ", "./demo-data.csv")
	case key.Matches(msg, keys.Global.NextPane), key.Matches(msg, keys.Global.PrevPane):
		if m.s.Data == nil {
			m.setRows(false)
			return common.Status("no rows yet: %s generates them", keys.Name(keys.Synth.Start))
		}
		m.setRows(!m.onRows)
	case m.onRows:
		return m.rowsKey(msg)
	case key.Matches(msg, keys.Nav.Down):
		m.focus = (m.focus + 1) % nFields
	case key.Matches(msg, keys.Nav.Up):
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
