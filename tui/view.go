package tui

import (
	"fmt"
	"github.com/seamhq/seam/mapping/textsafe"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// View renders the tab bar, the active screen (or help), an overlay when
// one is open, the status line and the short help.
func (m *model) View() string {
	if m.w < 20 || m.h < 6 {
		return "seam: window too small"
	}
	var body string
	if m.showHelp {
		body = m.helpView()
	} else {
		body = m.screens[m.active].View()
	}
	body = widgets.Fit(body, m.w, m.bodyHeight())
	switch {
	case m.confirmQuit:
		body = overlay(body, theme.Modal.Render("Unsaved changes.\n\n"+
			theme.Key.Render("ctrl+s")+" save and quit   "+theme.Key.Render("y")+" quit without saving   "+theme.Key.Render("n/esc")+" stay"), m.w, m.bodyHeight())
	case m.saveAs != nil:
		v := m.saveAs.Input.View()
		if len(m.saveAs.Matches) > 0 {
			v += "\n" + theme.Dim.Render(strings.Join(m.saveAs.Matches, " "))
		}
		body = overlay(body, theme.Modal.Width(m.w*2/3).Render("Save mapping\n\n"+v), m.w, m.bodyHeight())
	case m.palette != nil:
		body = overlay(body, theme.Modal.Width(m.w*2/3).Render(m.palette.view(m.w*2/3)), m.w, m.bodyHeight())
	}
	// Names and values are made safe where they are drawn; Rendered is
	// the last line of defence for any that were missed.
	return textsafe.Rendered(m.tabBar() + "\n" + body + "\n" + m.statusLine() + "\n" + m.helpLine())
}

var tabNames = []string{"Schemas", "Mapper", "Generate", "Run", "Drift"}

func (m *model) tabLabels() []string {
	out := make([]string, len(tabNames))
	for i, n := range tabNames {
		out[i] = fmt.Sprintf("%d %s", i+1, n)
	}
	return out
}

func (m *model) tabBar() string {
	var parts []string
	parts = append(parts, theme.Title.Render("seam"))
	for i, l := range m.tabLabels() {
		if i == m.active {
			parts = append(parts, theme.TabActive.Render(l))
		} else {
			parts = append(parts, theme.Tab.Render(l))
		}
	}
	return widgets.Cell(strings.Join(parts, ""), m.w)
}

// tabAt returns the screen whose tab covers column x, or -1.
func (m *model) tabAt(x int) int {
	pos := lipgloss.Width(theme.Title.Render("seam"))
	for i, l := range m.tabLabels() {
		w := lipgloss.Width(theme.Tab.Render(l))
		if x >= pos && x < pos+w {
			return i
		}
		pos += w
	}
	return -1
}

// statusLine shows the file and unsaved marker, the last message, and
// the row counts at the right when there is room; the message wins.
func (m *model) statusLine() string {
	s := m.s
	left := s.FileLabel()
	if s.Dirty {
		left += " [+]"
	}
	var counts []string
	if s.Data != nil {
		counts = append(counts, fmt.Sprintf("%d rows", len(s.Data.Rows)))
	}
	if r := s.Run; r != nil {
		counts = append(counts, fmt.Sprintf("run %d→%d ✗%d", r.Read, r.Written, r.Rejected))
	}
	line := left
	if m.status != "" {
		st := theme.Status
		if m.statusErr {
			st = theme.Error
		}
		line += " │ " + st.Render(m.status)
	}
	if len(counts) > 0 {
		right := theme.Dim.Render(strings.Join(counts, " · "))
		if gap := m.w - lipgloss.Width(line) - lipgloss.Width(right); gap >= 2 {
			line += strings.Repeat(" ", gap) + right
		}
	}
	return widgets.Cell(line, m.w)
}

func (m *model) helpLine() string {
	var bs []key.Binding
	switch {
	case m.confirmQuit:
		bs = []key.Binding{keys.Global.Save, keys.Yes, keys.No}
	case m.palette != nil, m.saveAs != nil:
		bs = []key.Binding{keys.Input.Complete, keys.Input.Accept, keys.Input.Cancel}
	default:
		bs = append(m.screens[m.active].ShortHelp(), keys.Global.Help, keys.Global.Palette, keys.Global.Quit)
	}
	return widgets.Cell(m.help.ShortHelpView(bs), m.w)
}

func (m *model) helpView() string {
	sc := m.screens[m.active]
	h := m.help
	h.ShowAll = true
	var b strings.Builder
	b.WriteString(theme.Title.Render(sc.Title()+" keys") + "\n")
	b.WriteString(h.FullHelpView(sc.FullHelp()) + "\n\n")
	b.WriteString(theme.Title.Render("Everywhere") + "\n")
	b.WriteString(h.FullHelpView(keys.Global.FullHelp()) + "\n\n")
	b.WriteString(theme.Dim.Render("any key closes this help"))
	return b.String()
}

// overlay centres box over body.
func overlay(body, box string, w, h int) string {
	lines := strings.Split(body, "\n")
	boxLines := strings.Split(box, "\n")
	bw := lipgloss.Width(box)
	x := (w - bw) / 2
	if x < 0 {
		x = 0
	}
	y := (h - len(boxLines)) / 2
	if y < 0 {
		y = 0
	}
	for i, bl := range boxLines {
		if y+i >= len(lines) {
			break
		}
		lines[y+i] = widgets.Cell(strings.Repeat(" ", x)+bl, w)
	}
	return strings.Join(lines, "\n")
}

// tabAtX returns a column inside tab i (for tests and mouse hit-testing).
func (m *model) tabAtX(i int) int {
	for x := 0; x < m.w; x++ {
		if m.tabAt(x) == i {
			return x + 1
		}
	}
	return -1
}
