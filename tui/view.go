package tui

import (
	"fmt"
	"github.com/seamhq/seam/mapping/textsafe"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
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
	case m.recovery != nil:
		q := fmt.Sprintf("Recover unsaved changes from %s?\n%s\n\n%s   %s", m.recovery.Time.Format("15:04 (Jan 2)"),
			theme.Dim.Render("a session on these files ended without saving"),
			theme.Key.Render(keys.Name(keys.Yes))+" recover", theme.Key.Render(keys.Name(keys.No))+" discard")
		body = overlay(body, theme.Modal.Render(q), m.w, m.bodyHeight())
	case m.confirmQuit:
		q := keys.QuitDialog
		var opts []string
		for _, b := range []key.Binding{q.SaveQuit, q.Discard, q.Stay} {
			opts = append(opts, theme.Key.Render(keys.Name(b))+" "+b.Help().Desc)
		}
		again := "quit without saving"
		if m.rec != nil {
			again = "quit, keeping a recovery file"
		}
		again = theme.Dim.Render(keys.Name(keys.Global.ForceQuit) + " again: " + again)
		title := "Unsaved changes."
		if !m.s.Dirty {
			// only input not applied yet: saving would not keep it
			title, opts = "Input not applied yet (an edit, a draft or a dialog).", opts[len(opts)-1:]
			again = theme.Dim.Render(keys.Name(keys.Global.ForceQuit) + " again: quit, losing it")
		}
		body = overlay(body, theme.Modal.Render(title+"\n\n"+strings.Join(opts, "   ")+"\n"+again), m.w, m.bodyHeight())
	case m.saveAs != nil:
		body = overlay(body, theme.Modal.Width(m.w*2/3).Render("Save mapping\n\n"+m.saveAs.View("\n")), m.w, m.bodyHeight())
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
			if widgets.NoColor() {
				// Without colour the underline is gone too: brackets
				// take the padding's cells, so the tabs do not move.
				parts = append(parts, "["+l+"]")
				continue
			}
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
		counts = append(counts, fmt.Sprintf("%d rows", s.Data.Len()))
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

// helpLine is the footer: the keys of what has the focus, generated from
// the bindings; when they do not fit, the screen's last keys give way to
// help, commands and quit.
func (m *model) helpLine() string {
	q := keys.QuitDialog
	switch {
	case m.recovery != nil:
		return widgets.FitHints(m.help, nil, []key.Binding{keys.Yes, keys.No}, m.w)
	case m.confirmQuit:
		return widgets.FitHints(m.help, nil, []key.Binding{q.SaveQuit, q.Discard, q.Stay}, m.w)
	case m.palette != nil, m.saveAs != nil:
		return widgets.FitHints(m.help, nil, []key.Binding{keys.Input.Complete, keys.Input.Accept, keys.Input.Cancel}, m.w)
	}
	return widgets.FitHints(m.help, m.screens[m.active].ShortHelp(), []key.Binding{keys.Global.Help, keys.Global.Palette, keys.Global.Quit}, m.w)
}

// helpBody is the height help pages may take: the body less a blank line
// and the line that says how to turn pages or close.
func (m *model) helpBody() int { return m.bodyHeight() - 2 }

// helpPages lays out the active screen's keys and the global ones.
func (m *model) helpPages() []string {
	sc := m.screens[m.active]
	groups := []widgets.HelpGroup{
		{Title: sc.Title() + " keys", Columns: sc.FullHelp()},
		{Title: "Everywhere", Columns: keys.Global.FullHelp()},
	}
	return widgets.HelpPages(m.help, groups, m.w, m.helpBody(), func(s string) string { return theme.Title.Render(s) })
}

func (m *model) openHelp() {
	m.showHelp = true
	m.helpPage = 0
}

// helpKey turns the pages of help; any other key closes it.
func (m *model) helpKey(msg tea.KeyMsg) {
	n := len(m.helpPages())
	switch {
	case n > 1 && key.Matches(msg, keys.HelpPages.Next):
		m.helpPage = min(m.helpPage+1, n-1)
	case n > 1 && key.Matches(msg, keys.HelpPages.Prev):
		m.helpPage = max(m.helpPage-1, 0)
	default:
		m.showHelp = false
	}
}

func (m *model) helpView() string {
	pages := m.helpPages()
	p := widgets.Clamp(m.helpPage, len(pages))
	foot := "any key closes this help"
	if len(pages) > 1 {
		// As much of it as fits, most needed first.
		parts := []string{fmt.Sprintf("page %d/%d", p+1, len(pages)), keys.Hint(keys.HelpPages.Next),
			keys.Hint(keys.HelpPages.Prev), "any other key closes"}
		for n := len(parts); n > 0; n-- {
			if foot = strings.Join(parts[:n], " · "); lipgloss.Width(foot) <= m.w {
				break
			}
		}
	}
	return pages[p] + "\n\n" + theme.Dim.Render(foot)
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

// oneLine makes a status message one line: line breaks and tabs become
// spaces and runs of spaces one, so the tab bar never scrolls off.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
