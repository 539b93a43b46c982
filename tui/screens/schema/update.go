package schema

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.MappingChangedMsg:
		m.rebuild()
		return nil
	case common.JobMsg:
		return m.load.Update(msg)
	case SchemaLoadedMsg:
		return m.loaded(msg)
	case widgets.PathCompletedMsg:
		return m.open.Update(msg)
	case tea.MouseMsg:
		return m.mouse(msg)
	case tea.KeyMsg:
		return m.key(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if m.open != nil {
		side := m.openSide
		return widgets.PromptKey(&m.open, msg, func(ref string) tea.Cmd { return m.loadSchema(side, ref) })
	}
	if m.filtering {
		switch {
		case key.Matches(msg, keys.Nav.Back):
			m.filtering = false
			m.filter.Blur()
			m.filter.SetValue("")
			m.applyFilter()
			return nil
		case key.Matches(msg, keys.FilterDone):
			m.filtering = false
			m.filter.Blur()
			return nil
		}
		var cmd tea.Cmd
		m.filter, cmd = m.filter.Update(msg)
		m.applyFilter()
		return cmd
	}
	t := &m.trees[m.focus]
	switch {
	case key.Matches(msg, keys.Global.NextPane), key.Matches(msg, keys.Global.PrevPane),
		key.Matches(msg, keys.Nav.Left), key.Matches(msg, keys.Nav.Right):
		m.setFocus(1 - m.focus)
	case key.Matches(msg, keys.Nav.Filter):
		m.filtering = true
		return m.filter.Focus()
	case key.Matches(msg, keys.Nav.Back):
		if m.filter.Value() != "" {
			m.filter.SetValue("")
			m.applyFilter()
		}
	case key.Matches(msg, keys.Schema.Open):
		m.openPrompt(m.focus)
	case key.Matches(msg, keys.Schema.Toggle), key.Matches(msg, keys.Nav.Select):
		if r, ok := t.list.Selected(); ok && len(r.f.Children) > 0 {
			t.folded[r.f.Path] = !t.folded[r.f.Path]
			m.applyFilter()
		}
	default:
		cmd, _ := t.list.Update(msg)
		return cmd
	}
	return nil
}

// Open loads the schema at ref into a side (the palette's "open source PATH").
func (m *Model) Open(side Side, ref string) tea.Cmd {
	m.open = nil
	return m.loadSchema(side, ref)
}

// OpenPrompt opens the path input for a side (the palette's
// "open source"/"open target").
func (m *Model) OpenPrompt(side Side) { m.openPrompt(side) }

func (m *Model) openPrompt(side Side) {
	cur := ""
	if sc := m.schemaOf(side); sc != nil {
		cur = sc.Ref()
	}
	m.open = widgets.NewPathInput("open "+side.String()+": ", cur)
	m.openSide = side
	m.setFocus(side)
}

func (m *Model) loaded(msg SchemaLoadedMsg) tea.Cmd {
	if msg.Err != nil {
		return common.Errorf("%v", msg.Err)
	}
	ref := msg.Ref
	sc := msg.Schema
	m.s.Do("open "+msg.Side.String()+" "+ref, func(mp *mapping.Mapping) {
		r := mapping.SchemaRef{Schema: mapping.RefFrom(mp.Path, ref), Fingerprint: sc.Fingerprint()}
		if msg.Side == Source {
			mp.Source = r
		} else if a := m.s.ActiveTarget(); a > 0 && a <= len(mp.Extra) {
			mp.Extra[a-1].Schema = r
		} else {
			mp.Target = r
		}
	})
	if msg.Side == Source {
		m.s.Src = sc
	} else {
		m.s.SetTarget(sc)
	}
	m.trees[msg.Side].folded = map[string]bool{}
	return tea.Batch(common.Changed, common.Status("%s schema: %s", msg.Side, summary(sc)))
}

func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	side := Source
	if msg.X >= m.w/2 {
		side = Target
	}
	t := &m.trees[side]
	if msg.Button != tea.MouseButtonLeft {
		t.list.Update(msg)
		return nil
	}
	m.setFocus(side)
	// Rows start below the pane border and the summary line.
	t.list.Click(msg.Y - 2)
	return nil
}
