// Package widgets holds seam's reusable terminal UI pieces in the style of
// charmbracelet/bubbles: a selectable, filterable List and a virtual
// table (VTable), both on one Window (cursor and scroll offset) and one
// ListKeyMap; help laid out in pages from key bindings; a path prompt
// with completion; a bordered pane, a ratio bar and text helpers.
package widgets

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/seamhq/seam/tui/theme"
)

// Pane draws content inside a border of exactly width x height cells
// (border included) with a title in the top border.
func Pane(title, content string, width, height int, focused bool) string {
	if width < 4 || height < 2 {
		return ""
	}
	st := theme.Pane
	if focused {
		st = theme.PaneFocus
	}
	inner := Fit(content, width-2, height-2)
	box := st.Width(width - 2).Height(height - 2).Render(inner)
	if title == "" {
		return box
	}
	// Put the title into the top border line.
	lines := strings.SplitN(box, "\n", 2)
	t := " " + title + " "
	if focused {
		t = theme.Title.Render(t)
	} else {
		t = theme.Bold.Render(t)
	}
	top := lines[0]
	tw := lipgloss.Width(t)
	if tw+2 < width {
		top = ansi.Truncate(top, 1, "") + t + ansi.TruncateLeft(top, tw+1, "")
	}
	if len(lines) == 2 {
		return top + "\n" + lines[1]
	}
	return top
}

// Fit cuts or pads text to exactly width x height cells.
func Fit(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		lines[i] = PadRight(ansi.Truncate(l, width, "…"), width)
	}
	for len(lines) < height {
		lines = append(lines, strings.Repeat(" ", width))
	}
	return strings.Join(lines, "\n")
}

// PadRight pads s with spaces to width cells (no cut).
func PadRight(s string, width int) string {
	w := lipgloss.Width(s)
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}

// Cell cuts s to width cells with an ellipsis and pads it to width.
func Cell(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return PadRight(ansi.Truncate(s, width, "…"), width)
}

// Bar renders "label [#####-----] n/total" in width cells; the filled part
// uses style.
func Bar(label string, n, total, width int, style lipgloss.Style) string {
	counts := " " + itoa(n) + "/" + itoa(total)
	bw := width - lipgloss.Width(label) - len(counts) - 3
	if bw < 4 {
		return label + counts
	}
	fill := 0
	if total > 0 {
		fill = n * bw / total
	}
	return label + " [" + style.Render(strings.Repeat("#", fill)) + theme.Dim.Render(strings.Repeat("-", bw-fill)) + "]" + counts
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Scroll returns the first visible index so that cursor stays inside a
// window of height rows, moving offset as little as possible.
func Scroll(offset, cursor, height, n int) int {
	if height <= 0 {
		return 0
	}
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+height {
		offset = cursor - height + 1
	}
	if max := n - height; offset > max {
		offset = max
	}
	if offset < 0 {
		offset = 0
	}
	return offset
}

// Clamp keeps i within [0, n-1] (0 when n is 0).
func Clamp(i, n int) int {
	if i >= n {
		i = n - 1
	}
	if i < 0 {
		i = 0
	}
	return i
}

// Highlight renders a cursor row: the whole line in the selection style
// when the pane has the focus, bold otherwise. Inner styles are dropped so
// the selection background runs unbroken.
//
// Without colour (NO_COLOR, or tests with the Ascii profile) the first cell
// becomes ">" so the cursor stays visible; lists keep that cell blank.
func Highlight(line string, focused bool) string {
	plain := ansi.Strip(line)
	if NoColor() {
		mark := ">"
		if !focused {
			mark = "-"
		}
		return mark + ansi.TruncateLeft(plain, 1, "")
	}
	if focused {
		return theme.Selected.Render(plain)
	}
	return theme.Cursor.Render(plain)
}

// NoColor reports a terminal without colour or attributes (NO_COLOR, or
// tests with the Ascii profile): what styles tell apart must be told by
// characters.
func NoColor() bool { return lipgloss.ColorProfile() == termenv.Ascii }

// Placeholder returns an input's placeholder text; without colour it is
// put in <angle brackets> so it does not read as typed text.
func Placeholder(text string) string {
	if text == "" || !NoColor() {
		return text
	}
	return "<" + text + ">"
}

// NewInput returns a text input with a steady (non-blinking) cursor: no
// timer messages, and views that do not change while nothing happens.
func NewInput(prompt string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Cursor.SetMode(cursor.CursorStatic)
	return ti
}
