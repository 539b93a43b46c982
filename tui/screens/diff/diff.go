// Package diff is the Drift screen: load a new version of the source or
// target schema and see what changed and which rules the change breaks.
package diff

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/demo"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// Model is the Drift screen.
type Model struct {
	s     *common.Session
	w, h  int
	side  string // "source" or "target"
	input *widgets.PathInput
	// job reads the new version and compares it, in the background.
	job    common.Job
	newRef string
	// next is the new version, adopted by Repoint.
	next   *schema.Schema
	report check.DiffReport
	// result lists the rules the change breaks, below the changes.
	result widgets.List[check.Finding]
	err    error
}

// New returns the screen.
func New(s *common.Session) *Model {
	m := &Model{s: s, side: "source", result: widgets.NewList[check.Finding]()}
	m.result.Focus()
	return m
}

// Title implements common.Screen.
func (m *Model) Title() string { return "Drift" }

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.layout()
}

// maxChanges is how many changes show before "… N more".
func (m *Model) maxChanges() int { return (m.h - 4) / 2 }

// layout sizes the list of affected rules: what the title, the changes
// and the headings leave.
func (m *Model) layout() {
	lines := len(m.report.Changes)
	switch max := m.maxChanges(); {
	case lines == 0:
		lines = 1
	case max >= 0 && lines > max:
		lines = max + 1
	}
	h := m.h - (4 + lines) - 1
	if len(m.renamedRules()) > 0 {
		h-- // the offer to re-point
	}
	if h < 1 {
		h = 1
	}
	m.result.SetSize(m.w, h)
}

// Capturing implements common.Screen.
func (m *Model) Capturing() bool { return m.input != nil }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.input != nil {
		return []key.Binding{keys.Input.Complete, keys.Input.Accept, keys.Input.Cancel}
	}
	return []key.Binding{keys.Diff.Open, keys.Global.NextPane, keys.Inspect.Jump}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{keys.Diff.Open, keys.Diff.Demo, keys.Diff.Repoint, keys.Global.NextPane, keys.Nav.Up, keys.Nav.Down, keys.Inspect.Jump, keys.Nav.Select}}
}

// DiffMsg carries the drift of one new schema version.
type DiffMsg struct {
	Ref      string
	Schema   *schema.Schema
	Report   check.DiffReport
	Findings []check.Finding
	Err      error
}

// Open compares the current schema of a side with the file at ref.
func (m *Model) Open(side, ref string) tea.Cmd { return m.open(side, ref, nil) }

// noFiles refuses file reads: an embedded schema stands alone.
func noFiles(name string) ([]byte, error) {
	return nil, fmt.Errorf("%s: an embedded schema cannot read other files", name)
}

// open compares with ref, read from data when it is not nil.
func (m *Model) open(side, ref string, data []byte) tea.Cmd {
	s := m.s
	old := s.Src
	if side == "target" {
		old = s.Dst
	}
	if old == nil || s.Eng == nil {
		return common.Errorf("drift: load the %s schema first", side)
	}
	eng, mp := s.Eng, s.Mapping.Clone()
	return tea.Sequence(common.Status("comparing %s with %s …", old.Ref(), ref), m.job.Start(s.Context(), 0, func(context.Context, func(int64)) tea.Msg {
		var nw *schema.Schema
		var err error
		if data != nil {
			nw, err = schema.Parse(ref, data, schema.Options{ReadFile: noFiles})
		} else {
			nw, err = schema.Load(ref, schema.Options{})
		}
		if err != nil {
			return DiffMsg{Ref: ref, Err: err}
		}
		nw.Reindex()
		rep, fs, err := eng.Diff(old, nw, mp)
		return DiffMsg{Ref: ref, Schema: nw, Report: rep, Findings: fs, Err: err}
	}))
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.JobMsg:
		return m.job.Update(msg)
	case DiffMsg:
		m.err = msg.Err
		if msg.Err != nil {
			return common.Errorf("drift: %v", msg.Err)
		}
		m.newRef, m.report, m.next = msg.Ref, msg.Report, msg.Schema
		check.SortFindings(msg.Findings)
		m.result.SetItems(msg.Findings)
		m.result.SetCursor(0)
		m.layout()
		return common.Status("drift: %d changes, %s", len(m.report.Changes), m.verdict())
	case widgets.PathCompletedMsg:
		return m.input.Update(msg)
	case tea.KeyMsg:
		if m.input != nil {
			side := m.side
			return widgets.PromptKey(&m.input, msg, func(ref string) tea.Cmd { return m.Open(side, ref) })
		}
		switch {
		case key.Matches(msg, keys.Diff.Open):
			m.input = widgets.NewPathInput("new version of the "+m.side+" schema: ", "")
		case key.Matches(msg, keys.Diff.Demo) && m.s.Demo:
			m.side = "source"
			return m.open("source", demo.NextSourceFile, demo.Files()[demo.NextSourceFile])
		case key.Matches(msg, keys.Global.NextPane), key.Matches(msg, keys.Global.PrevPane):
			if m.side == "source" {
				m.side = "target"
			} else {
				m.side = "source"
			}
		case key.Matches(msg, keys.Diff.Repoint):
			return m.repoint()
		case key.Matches(msg, keys.Inspect.Jump), key.Matches(msg, keys.Nav.Select):
			if f, ok := m.result.Selected(); ok {
				return func() tea.Msg { return common.JumpToRuleMsg{Rule: f.Rule, Target: f.Target} }
			}
		default:
			cmd, _ := m.result.Update(msg)
			return cmd
		}
	}
	return nil
}

// View implements common.Screen.
func (m *Model) View() string { return widgets.Fit(m.view(), m.w, m.h) }

func (m *Model) view() string {
	var b strings.Builder
	cur := "(none)"
	sc := m.s.Src
	if m.side == "target" {
		sc = m.s.Dst
	}
	if sc != nil {
		cur = sc.Ref()
	}
	b.WriteString(theme.Title.Render("Schema drift") + "  " + m.side + ": " + cur + theme.Dim.Render(" · "+keys.Name(keys.Global.NextPane)+" switches side") + "\n")
	switch {
	case m.input != nil:
		b.WriteString(m.input.View("  ") + "\n")
	case m.newRef != "":
		b.WriteString(widgets.Cell(fmt.Sprintf("%s · %d changes · new version %s", m.verdict(), len(m.report.Changes), m.newRef), m.w) + "\n")
	default:
		hint := "press " + keys.Name(keys.Diff.Open) + " to open the new version of the schema"
		if m.s.Demo {
			hint += "\ndemo: press " + keys.Name(keys.Diff.Demo) + " to compare the source with " + demo.NextSourceFile
		}
		b.WriteString(theme.Dim.Render(hint) + "\n")
	}
	if m.newRef == "" {
		return b.String()
	}
	// Changes take up to half the space; the affected rules the rest.
	ch := len(m.report.Changes)
	maxCh := m.maxChanges()
	b.WriteString(theme.Bold.Render("Changes") + "\n")
	if ch == 0 {
		b.WriteString(theme.OK.Render("  none") + "\n")
	}
	for i, c := range m.report.Changes {
		if i == maxCh {
			b.WriteString(theme.Dim.Render(fmt.Sprintf("  … %d more", ch-i)) + "\n")
			break
		}
		desc := c.Path
		if c.NewPath != "" {
			desc += " → " + c.NewPath
		}
		if c.Old != "" || c.New != "" {
			desc += ": " + c.Old + " → " + c.New
		}
		if c.Detail != "" {
			desc += " (" + c.Detail + ")"
		}
		brk := ""
		if len(c.Breaks) > 0 {
			brk = theme.Warning.Render(" breaks " + strings.Join(c.Breaks, ","))
		}
		b.WriteString(widgets.Cell("  "+widgets.Cell(c.Kind, 11)+desc+brk, m.w) + "\n")
	}
	if n := len(m.renamedRules()); n > 0 {
		b.WriteString(theme.Note.Render(widgets.Cell(fmt.Sprintf("%s adopts this version and re-points %d rule(s) to the renamed fields", keys.Name(keys.Diff.Repoint), n), m.w)) + "\n")
	}
	b.WriteString(theme.Bold.Render(fmt.Sprintf("What it breaks in the mapping: %d", m.result.Len())) + "\n")
	if m.result.Len() == 0 {
		b.WriteString(theme.OK.Render("  no rule is affected") + "\n")
		return b.String()
	}
	b.WriteString(m.result.View(func(f check.Finding) string {
		sev := f.Severity.String()
		return " " + theme.Severity(sev).Render(widgets.Cell(sev+" "+string(f.Kind), 22)) + " " + widgets.Cell(f.Target, 14) + " " + f.Message
	}) + "\n")
	if f, _ := m.result.Selected(); len(f.Why) > 0 {
		b.WriteString(theme.Dim.Render(widgets.Cell("why: "+strings.Join(f.Why, "; "), m.w)))
	}
	return b.String()
}
