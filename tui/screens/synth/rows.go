package synth

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// Widths of the rows table: the row number, each data column, and the
// edge-case column (a quarter of the width, within these bounds).
const (
	numW      = 5
	colW      = 12
	edgeMinW  = 20
	edgeMaxW  = 40
	tableGaps = 1 // the cursor cell
)

// edgeW is the edge-case column's width.
func (m *Model) edgeW() int { return min(max(m.w/4, edgeMinW), edgeMaxW) }

// fit is how many data columns the width shows beside the row number and
// the edge cases (at least one).
func (m *Model) fit() int {
	return max((m.w-tableGaps-(numW+1)-m.edgeW())/(colW+1), 1)
}

// shown returns the first and end (exclusive) data column shown.
func (m *Model) shown() (from, to int) {
	d := m.s.Data
	if d == nil {
		return 0, 0
	}
	n := len(d.Keys)
	m.col = min(max(m.col, 0), max(n-m.fit(), 0))
	return m.col, min(m.col+m.fit(), n)
}

// resetTable shows the session's dataset from its first row and column.
func (m *Model) resetTable() {
	n := 0
	if m.s.Data != nil {
		n = m.s.Data.Len()
	}
	m.table = widgets.VTable{Focused: m.onRows, Width: m.w, BlurredCursor: true}
	m.table.SetHeight(m.tableHeight())
	m.col, m.detail, m.detOff = 0, false, 0
	m.columns()
	m.table.Rows = m.cells
	m.table.SetN(n)
	if n == 0 {
		m.setRows(false)
	}
}

// columns sets the table's columns to those shown from m.col.
func (m *Model) columns() {
	d := m.s.Data
	if d == nil {
		m.table.Columns = nil
		return
	}
	from, to := m.shown()
	cols := []widgets.Column{{Title: "#", Width: numW}}
	for _, k := range d.Keys[from:to] {
		cols = append(cols, widgets.Column{Title: textsafe.Terminal(k), Width: colW})
	}
	m.table.Columns = append(cols, widgets.Column{Title: "edge cases", Width: m.edgeW()})
}

// cells renders row i: its number, the columns shown, its edge cases.
func (m *Model) cells(i int) []string {
	d := m.s.Data
	r := d.Row(i)
	if r == nil {
		return nil
	}
	from, to := m.shown()
	cells := []string{itoa(i + 1)}
	for _, k := range d.Keys[from:to] {
		cells = append(cells, textsafe.Terminal(check.Render(r.Get(k))))
	}
	var ls []string
	for _, l := range d.RowLabels(i) {
		ls = append(ls, l.Field+":"+l.Case)
	}
	return append(cells, textsafe.Terminal(join(ls)))
}

// columnsLabel says which columns show and how to see the others.
func (m *Model) columnsLabel() string {
	d := m.s.Data
	if d == nil {
		return ""
	}
	from, to := m.shown()
	if from == 0 && to == len(d.Keys) {
		return fmt.Sprintf("%d columns", len(d.Keys))
	}
	return fmt.Sprintf("columns %d-%d of %d (%s %s)", from+1, to, len(d.Keys), keys.Name(keys.SynthRows.Left), keys.Name(keys.SynthRows.Right))
}

// rowsKey moves in the rows: up and down by row, left and right by a
// page of columns, enter shows the row in full.
func (m *Model) rowsKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, keys.SynthRows.Right):
		m.col += m.fit()
		m.columns()
	case key.Matches(msg, keys.SynthRows.Left):
		m.col -= m.fit()
		m.columns()
	case key.Matches(msg, keys.SynthRows.Detail):
		if m.table.Len() > 0 {
			m.detail, m.detOff = true, 0
		}
	default:
		m.table.Update(msg)
	}
	return nil
}

// detailKey scrolls the row detail; esc goes back to the rows.
func (m *Model) detailKey(msg tea.KeyMsg) {
	if key.Matches(msg, keys.SynthRows.Back) || key.Matches(msg, keys.SynthRows.Detail) {
		m.detail = false
		return
	}
	m.detOff, _ = widgets.ScrollOffset(msg, m.detOff, m.h-2)
}

// detailView shows the row under the cursor in full: every field with
// its value and the edge case that went into it, one a line, scrolled.
func (m *Model) detailView() string {
	d := m.s.Data
	i := m.table.Cursor()
	r := d.Row(i)
	if r == nil {
		m.detail = false
		return ""
	}
	nw := 0
	for _, k := range d.Keys {
		nw = max(nw, len(k))
	}
	nw = min(nw, m.w/3)
	var lines []string
	for _, k := range d.Keys {
		line := widgets.Cell(textsafe.Terminal(k), nw) + "  " + textsafe.Terminal(check.Render(r.Get(k)))
		if c := d.LabelFor(i, k); c != "" {
			line += "  " + theme.Suggest.Render("⚑ "+textsafe.Terminal(c))
		}
		lines = append(lines, line)
	}
	// Edge cases of nested fields (items[].sku) have no column of their own.
	for _, l := range d.RowLabels(i) {
		if r.Index(l.Field) < 0 {
			lines = append(lines, widgets.Cell(textsafe.Terminal(l.Field), nw)+"  "+theme.Suggest.Render("⚑ "+textsafe.Terminal(l.Case)))
		}
	}
	h := max(m.h-1, 1)
	m.detOff = min(m.detOff, max(len(lines)-h, 0))
	end := min(m.detOff+h, len(lines))
	head := fmt.Sprintf("Row %d of %d · %d fields", i+1, d.Len(), len(d.Keys))
	if len(lines) > h {
		head += fmt.Sprintf(" · ↕%d-%d/%d", m.detOff+1, end, len(lines))
	}
	head = theme.Bold.Render(head) + theme.Dim.Render(" · "+keys.Hints(keys.SynthRows.Back))
	return widgets.Fit(head+"\n"+strings.Join(lines[m.detOff:end], "\n"), m.w, m.h)
}
