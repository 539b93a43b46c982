package widgets

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/theme"
)

// Column is one column of a VTable.
type Column struct {
	Title string
	Width int
}

// CellFunc returns the cells of row i; it is called only for visible rows.
type CellFunc func(i int) []string

// VTable is a virtual table: it holds a row count and a function that
// renders one row, so a million-row result costs nothing until shown.
// Its cursor and scroll offset are a Window; its keys a ListKeyMap.
type VTable struct {
	Columns []Column
	Rows    CellFunc
	// KeyMap is the keys the table answers (DefaultListKeyMap when zero).
	KeyMap  ListKeyMap
	Width   int
	Focused bool
	// RowStyle may style a whole row (after cells are cut).
	RowStyle func(i int, line string) string
	// BlurredCursor draws the cursor row as a list without focus does
	// (bold; "-" without colour), so that only the focused pane's cursor
	// reads as the cursor.
	BlurredCursor bool

	win Window
}

// Len returns the number of rows.
func (t *VTable) Len() int { return t.win.Len() }

// Cursor returns the row under the cursor.
func (t *VTable) Cursor() int { return t.win.Cursor() }

// Offset returns the first visible row.
func (t *VTable) Offset() int { return t.win.Offset() }

// SetN changes the row count, keeping the cursor in range.
func (t *VTable) SetN(n int) { t.win.SetLen(n) }

// SetHeight sets the table's height in lines, its header included.
func (t *VTable) SetHeight(h int) { t.win.SetHeight(h - 1) }

// Reset puts the cursor back on the first row with n rows.
func (t *VTable) Reset(n int) {
	t.win.SetLen(n)
	t.win.Goto(0)
	t.win.offset = 0
}

// Move moves the cursor by d rows.
func (t *VTable) Move(d int) { t.win.Move(d) }

// Goto puts the cursor on row i.
func (t *VTable) Goto(i int) { t.win.Goto(i) }

// Update moves the cursor on navigation keys and mouse wheel; it reports
// whether it used the message.
func (t *VTable) Update(msg tea.Msg) bool {
	km := t.KeyMap
	if km.Up.Keys() == nil {
		km = DefaultListKeyMap()
	}
	return t.win.navigate(km, msg)
}

// Click puts the cursor on the row at body line y (0 = first row under the
// header) and reports whether there is a row there.
func (t *VTable) Click(y int) bool {
	i := t.win.RowAt(y - 1)
	if i < 0 {
		return false
	}
	t.Goto(i)
	return true
}

// View renders the header and the visible rows only.
func (t *VTable) View() string {
	var b strings.Builder
	var hdr []string
	for _, c := range t.Columns {
		hdr = append(hdr, Cell(c.Title, c.Width))
	}
	b.WriteString(theme.Bold.Render(Cell(" "+strings.Join(hdr, " "), t.Width)))
	from, end := t.win.Range()
	for i := from; i < end; i++ {
		cells := t.Rows(i)
		parts := make([]string, len(t.Columns))
		for j, c := range t.Columns {
			v := ""
			if j < len(cells) {
				v = cells[j]
			}
			parts[j] = Cell(v, c.Width)
		}
		line := Cell(strings.Join(parts, " "), t.Width-1)
		if t.RowStyle != nil {
			line = t.RowStyle(i, line)
		}
		switch {
		case i == t.win.Cursor() && t.Focused:
			line = Highlight(">"+line, true)
		case i == t.win.Cursor() && t.BlurredCursor:
			line = Highlight(">"+line, false)
		case i == t.win.Cursor():
			line = ">" + line
		default:
			line = " " + line
		}
		b.WriteString("\n")
		b.WriteString(line)
	}
	return b.String()
}
