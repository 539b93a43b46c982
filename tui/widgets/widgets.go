// Package widgets holds seam's reusable terminal UI pieces in the style of
// charmbracelet/bubbles: a virtual table that renders only its visible
// rows, a bordered pane, a ratio bar and text helpers.
package widgets

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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
	if lipgloss.ColorProfile() == termenv.Ascii {
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

// NewInput returns a text input with a steady (non-blinking) cursor: no
// timer messages, and views that do not change while nothing happens.
func NewInput(prompt string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Cursor.SetMode(cursor.CursorStatic)
	return ti
}

// Printable makes data safe and visible in a terminal: control and
// invisible format characters (escape sequences, zero-width spaces and
// joiners, BOMs, bidi marks) and width-ambiguous emoji modifiers become
// ‹U+XXXX›, so hidden characters are seen, never reach the terminal raw,
// and never shift the columns after them.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if needsEscape(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if needsEscape(r) {
			fmt.Fprintf(&b, "‹U+%04X›", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// needsEscape: control and format characters, and the emoji modifiers and
// variation selectors whose width terminals disagree on (a skin-tone
// modifier after an emoji is one cell pair in one terminal and two in
// another, which shifts every later column).
func needsEscape(r rune) bool {
	return r == utf8.RuneError || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || r == 0xFE0E || r == 0xFE0F
}
