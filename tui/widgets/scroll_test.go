package widgets

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestScrollOffset: the navigation keys move a text pane's offset by a
// line, a page, to the top and past the end; it never goes negative and
// other keys are not scroll keys.
func TestScrollOffset(t *testing.T) {
	k := func(s string) tea.KeyMsg {
		switch s {
		case "up":
			return tea.KeyMsg{Type: tea.KeyUp}
		case "down":
			return tea.KeyMsg{Type: tea.KeyDown}
		case "pgup":
			return tea.KeyMsg{Type: tea.KeyPgUp}
		case "pgdown":
			return tea.KeyMsg{Type: tea.KeyPgDown}
		case "home":
			return tea.KeyMsg{Type: tea.KeyHome}
		case "end":
			return tea.KeyMsg{Type: tea.KeyEnd}
		}
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
	}
	for _, c := range []struct {
		key       string
		off, page int
		want      int
		ok        bool
	}{
		{"down", 3, 10, 4, true},
		{"up", 3, 10, 2, true},
		{"up", 0, 10, 0, true},
		{"pgdown", 3, 10, 13, true},
		{"pgup", 3, 10, 0, true},
		{"pgdown", 3, 0, 4, true},
		{"home", 7, 10, 0, true},
		{"end", 7, 10, 1 << 30, true},
		{"x", 7, 10, 7, false},
	} {
		got, ok := ScrollOffset(k(c.key), c.off, c.page)
		if got != c.want || ok != c.ok {
			t.Errorf("%s from %d (page %d): %d, %v; want %d, %v", c.key, c.off, c.page, got, ok, c.want, c.ok)
		}
	}
}
