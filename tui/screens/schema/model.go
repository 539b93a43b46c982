// Package schema is the Schemas screen: the source and target schemas as
// trees with types and constraints, a fuzzy filter, and opening another
// schema file by path.
package schema

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sahilm/fuzzy"
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

// tree is one side: the field rows, folding and the filter result.
type tree struct {
	rows   []row
	folded map[string]bool
	shown  []int // indexes into rows after folding and filtering
	cursor int
	offset int
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
	loadID    int
}

// New returns the screen over the session.
func New(s *common.Session) *Model {
	m := &Model{s: s}
	m.filter = widgets.NewInput("")
	m.filter.Prompt = "/"
	m.trees[0].folded = map[string]bool{}
	m.trees[1].folded = map[string]bool{}
	m.rebuild()
	return m
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Schemas" }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h }

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
		t.rows = t.rows[:0]
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
	}
	m.applyFilter()
}

func (m *Model) applyFilter() {
	q := strings.TrimSpace(m.filter.Value())
	for side := range m.trees {
		t := &m.trees[side]
		t.shown = t.shown[:0]
		if q != "" {
			paths := make([]string, len(t.rows))
			for i, r := range t.rows {
				paths[i] = r.f.Path
			}
			for _, mt := range fuzzy.Find(q, paths) {
				t.shown = append(t.shown, mt.Index)
			}
		} else {
			hideUnder := ""
			for i, r := range t.rows {
				if hideUnder != "" && strings.HasPrefix(r.f.Path, hideUnder) {
					continue
				}
				hideUnder = ""
				t.shown = append(t.shown, i)
				if t.folded[r.f.Path] && len(r.f.Children) > 0 {
					hideUnder = r.f.Path
				}
			}
		}
		t.cursor = widgets.Clamp(t.cursor, len(t.shown))
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
	ID     int
	Side   Side
	Ref    string
	Schema *schema.Schema
	Err    error
}

func loadCmd(id int, side Side, ref string) tea.Cmd {
	return common.Safe(func() tea.Msg {
		sc, err := schema.Load(ref, schema.Options{})
		return SchemaLoadedMsg{ID: id, Side: side, Ref: ref, Schema: sc, Err: err}
	})
}

func summary(sc *schema.Schema) string {
	if sc == nil {
		return "(none loaded: press o to open a file)"
	}
	n, req := counts(sc)
	return fmt.Sprintf("%s (%s) · %d fields, %d required", sc.Ref(), sc.Format, n, req)
}
