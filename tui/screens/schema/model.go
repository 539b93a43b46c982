// Package schema is the Schemas screen: the source and target schemas as
// trees with types and constraints, a fuzzy filter, and opening another
// schema file by path.
package schema

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// Side picks the source or the target schema.
type Side int

// Sides.
const (
	Source Side = iota
	Target
)

func (s Side) String() string {
	if s == Source {
		return "source"
	}
	return "target"
}

type row struct {
	f     *schema.Field
	depth int
}

// tree is one side: the field rows, folding, and the list that shows
// them (folded rows hidden; with a filter, every matching row).
type tree struct {
	rows   []row
	folded map[string]bool
	list   widgets.List[row]
}

// show returns the rows a query shows: the fuzzy matches by path, or
// without a query the rows not folded away.
func (t *tree) show(q string, rows []row) []int {
	var out []int
	if q != "" {
		return widgets.FuzzyFind(q, rows, func(r row) string { return r.f.Path })
	}
	hideUnder := ""
	for i, r := range rows {
		if hideUnder != "" && strings.HasPrefix(r.f.Path, hideUnder) {
			continue
		}
		hideUnder = ""
		out = append(out, i)
		if t.folded[r.f.Path] && len(r.f.Children) > 0 {
			hideUnder = r.f.Path
		}
	}
	return out
}

// Model is the Schemas screen.
type Model struct {
	s      *common.Session
	w, h   int
	focus  Side
	trees  [2]tree
	filter textinput.Model
	// filtering: the filter input has the focus.
	filtering bool
	open      *widgets.PathInput
	openSide  Side
	// load reads a schema file in the background.
	load common.Job
}

// New returns the screen over the session.
func New(s *common.Session) *Model {
	m := &Model{s: s}
	m.filter = widgets.NewInput("")
	m.filter.Prompt = "/"
	for side := range m.trees {
		t := &m.trees[side]
		t.folded = map[string]bool{}
		t.list = widgets.NewList[row]()
		t.list.Filter = t.show
		sc := Side(side)
		t.list.Empty = func(string) string {
			if m.schemaOf(sc) == nil {
				return ""
			}
			return "no field matches the filter"
		}
	}
	m.rebuild()
	m.setFocus(Source)
	return m
}

// setFocus moves the focus to one side.
func (m *Model) setFocus(side Side) {
	m.focus = side
	m.trees[Source].list.SetFocused(side == Source)
	m.trees[Target].list.SetFocused(side == Target)
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Schemas" }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.trees[Source].list.SetSize(w/2-2, m.bodyHeight())
	m.trees[Target].list.SetSize(w-w/2-2, m.bodyHeight())
}

// Capturing implements common.Screen.
func (m *Model) Capturing() bool { return m.filtering || m.open != nil }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.open != nil {
		return []key.Binding{keys.Input.Complete, keys.Input.Accept, keys.Input.Cancel}
	}
	return []key.Binding{keys.Global.NextPane, keys.Nav.Filter, keys.Schema.Open, keys.Schema.Toggle}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{keys.Nav.Up, keys.Nav.Down, keys.Nav.PageUp, keys.Nav.PageDown, keys.Nav.Top, keys.Nav.Bottom},
		{keys.Global.NextPane, keys.Nav.Filter, keys.Schema.Open, keys.Schema.Toggle, keys.Nav.Back},
	}
}

func (m *Model) schemaOf(side Side) *schema.Schema {
	if side == Source {
		return m.s.Src
	}
	return m.s.Dst
}

// rebuild flattens both schemas into rows and reapplies fold and filter.
func (m *Model) rebuild() {
	for side := Source; side <= Target; side++ {
		t := &m.trees[side]
		t.rows = nil
		if sc := m.schemaOf(side); sc != nil {
			var walk func(fs []*schema.Field, d int)
			walk = func(fs []*schema.Field, d int) {
				for _, f := range fs {
					t.rows = append(t.rows, row{f: f, depth: d})
					walk(f.Children, d+1)
				}
			}
			walk(sc.Fields, 0)
		}
		t.list.SetItems(t.rows)
	}
	m.applyFilter()
}

// applyFilter shows the rows of both sides for the filter and folding.
func (m *Model) applyFilter() {
	q := strings.TrimSpace(m.filter.Value())
	for side := range m.trees {
		l := &m.trees[side].list
		if q != l.FilterText() {
			l.SetFilter(q)
		} else {
			l.SetItems(m.trees[side].rows)
		}
	}
}

// counts returns fields, leaves and required leaves of a schema.
func counts(sc *schema.Schema) (fields, required int) {
	if sc == nil {
		return 0, 0
	}
	sc.Walk(func(f *schema.Field) {
		fields++
		if f.Required {
			required++
		}
	})
	return
}

// SchemaLoadedMsg carries a schema opened from the screen.
type SchemaLoadedMsg struct {
	Side   Side
	Ref    string
	Schema *schema.Schema
	Err    error
}

// loadSchema reads the schema at ref for a side, in the background.
func (m *Model) loadSchema(side Side, ref string) tea.Cmd {
	return tea.Sequence(common.Status("loading %s …", ref), m.load.Start(m.s.Context(), 0, func(context.Context, func(int64)) tea.Msg {
		sc, err := schema.Load(ref, schema.Options{})
		return SchemaLoadedMsg{Side: side, Ref: ref, Schema: sc, Err: err}
	}))
}

func summary(sc *schema.Schema) string {
	if sc == nil {
		return "(none loaded: press " + keys.Name(keys.Schema.Open) + " to open a file)"
	}
	n, req := counts(sc)
	return fmt.Sprintf("%s (%s) · %d fields, %d required", sc.Ref(), sc.Format, n, req)
}
