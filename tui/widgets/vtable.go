package widgets

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/keys"
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
type VTable struct {
	Columns []Column
	Rows    CellFunc
	// N is the number of rows.
	N       int
	Cursor  int
	Offset  int
	Height  int
	Width   int
	Focused bool
	// RowStyle may style a whole row (after cells are cut).
	RowStyle func(i int, line string) string
}

// SetN changes the row count, keeping the cursor in range.
func (t *VTable) SetN(n int) {
	t.N = n
	t.Cursor = Clamp(t.Cursor, n)
	t.Offset = Scroll(t.Offset, t.Cursor, t.body(), t.N)
}

func (t *VTable) body() int {
	if t.Height <= 1 {
		return 0
	}
	return t.Height - 1 // header
}

// Move moves the cursor by d rows.
func (t *VTable) Move(d int) {
	t.Cursor = Clamp(t.Cursor+d, t.N)
	t.Offset = Scroll(t.Offset, t.Cursor, t.body(), t.N)
}

// Goto puts the cursor on row i.
func (t *VTable) Goto(i int) {
	t.Cursor = Clamp(i, t.N)
	t.Offset = Scroll(t.Offset, t.Cursor, t.body(), t.N)
}

// Update moves the cursor on navigation keys and mouse wheel; it reports
// whether it used the message.
func (t *VTable) Update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keys.Nav.Up):
			t.Move(-1)
		case key.Matches(msg, keys.Nav.Down):
			t.Move(1)
		case key.Matches(msg, keys.Nav.PageUp):
			t.Move(-t.body())
		case key.Matches(msg, keys.Nav.PageDown):
			t.Move(t.body())
		case key.Matches(msg, keys.Nav.Top):
			t.Goto(0)
		case key.Matches(msg, keys.Nav.Bottom):
			t.Goto(t.N - 1)
		default:
			return false
		}
		return true
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			t.Move(-3)
			return true
		case tea.MouseButtonWheelDown:
			t.Move(3)
			return true
		}
	}
	return false
}

// Click puts the cursor on the row at body line y (0 = first row under the
// header) and reports whether there is a row there.
func (t *VTable) Click(y int) bool {
	i := t.Offset + y - 1
	if y < 1 || i >= t.N {
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
	end := t.Offset + t.body()
	if end > t.N {
		end = t.N
	}
	for i := t.Offset; i < end; i++ {
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
		case i == t.Cursor && t.Focused:
			line = Highlight(">"+line, true)
		case i == t.Cursor:
			line = ">" + line
		default:
			line = " " + line
		}
		b.WriteString("\n")
		b.WriteString(line)
	}
	return b.String()
}
