package widgets

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// HelpGroup is a titled set of help columns (a help.KeyMap's FullHelp).
type HelpGroup struct {
	Title   string
	Columns [][]key.Binding
}

// helpGap is the space between two help columns.
const helpGap = "   "

// HelpPages lays help out so that every key shows in width x height
// cells: a group's columns stand side by side as far as the width
// allows and wrap below; what does not fit in height goes on further
// pages, broken between rows of columns. Each page is at most height
// lines; a single page when everything fits. title renders group titles.
func HelpPages(h help.Model, groups []HelpGroup, width, height int, title func(string) string) []string {
	if height < 1 {
		height = 1
	}
	// Units are the pieces a page break may not split (unless one is
	// taller than a page): a group's title with its first row of
	// columns, then each further row.
	var units [][]string
	for gi, g := range groups {
		rows := helpRows(h, g.Columns, width)
		for i, r := range rows {
			if i == 0 {
				head := []string{title(g.Title)}
				if gi > 0 && len(units) > 0 {
					head = append([]string{""}, head...)
				}
				r = append(head, r...)
			}
			units = append(units, r)
		}
	}
	var pages []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			pages = append(pages, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, u := range units {
		if len(cur) > 0 && len(cur)+len(u) > height {
			flush()
			if u[0] == "" {
				u = u[1:] // no blank line at the top of a page
			}
		}
		for len(cur)+len(u) > height {
			n := height - len(cur)
			cur = append(cur, u[:n]...)
			u = u[n:]
			flush()
		}
		cur = append(cur, u...)
	}
	flush()
	if len(pages) == 0 {
		pages = []string{""}
	}
	return pages
}

// helpRows renders columns side by side, wrapping to a new row of
// columns when the next one would pass width. It returns each row's lines.
func helpRows(h help.Model, columns [][]key.Binding, width int) [][]string {
	h.Width = 0
	var rows [][]string
	row, rowW := "", 0
	for _, col := range columns {
		block := h.FullHelpView([][]key.Binding{col})
		if block == "" {
			continue
		}
		bw := lipgloss.Width(block)
		if rowW > 0 && rowW+len(helpGap)+bw > width {
			rows = append(rows, strings.Split(row, "\n"))
			row, rowW = "", 0
		}
		if rowW == 0 {
			row, rowW = block, bw
			continue
		}
		row = lipgloss.JoinHorizontal(lipgloss.Top, row, helpGap, block)
		rowW += len(helpGap) + bw
	}
	if rowW > 0 {
		rows = append(rows, strings.Split(row, "\n"))
	}
	return rows
}

// FitHints renders the short help of bindings in one line of width
// cells. When they do not all fit, bindings are dropped from the end of
// optional (the screen's) until they do; keep (help, quit) always show.
func FitHints(h help.Model, optional, keep []key.Binding, width int) string {
	h.Width = 0
	for n := len(optional); n >= 0; n-- {
		bs := append(append([]key.Binding(nil), optional[:n]...), keep...)
		if v := h.ShortHelpView(bs); lipgloss.Width(v) <= width || n == 0 {
			return Cell(v, width)
		}
	}
	return ""
}
