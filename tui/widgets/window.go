package widgets

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/keys"
)

// ListKeyMap holds the keys a List and a VTable answer. It implements
// help.KeyMap, so a screen's help can show them.
type ListKeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	// Filter opens the filter input; ClearFilter drops a kept filter.
	Filter, ClearFilter key.Binding
	// AcceptFilter closes the input and keeps the filter; CancelFilter
	// closes it and drops the filter.
	AcceptFilter, CancelFilter key.Binding
}

// DefaultListKeyMap returns the shared navigation bindings of tui/keys.
func DefaultListKeyMap() ListKeyMap {
	return ListKeyMap{
		Up: keys.Nav.Up, Down: keys.Nav.Down, PageUp: keys.Nav.PageUp, PageDown: keys.Nav.PageDown,
		Top: keys.Nav.Top, Bottom: keys.Nav.Bottom,
		Filter: keys.Nav.Filter, ClearFilter: keys.Nav.Back,
		AcceptFilter: keys.FilterDone, CancelFilter: keys.Input.Cancel,
	}
}

// ShortHelp implements help.KeyMap.
func (k ListKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down, k.Filter} }

// FullHelp implements help.KeyMap.
func (k ListKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Filter, k.ClearFilter}}
}

// wheelStep is how many rows one turn of the mouse wheel moves.
const wheelStep = 3

// Window is a cursor and a scroll offset over n rows, height of which show
// at a time. The offset moves as little as possible to keep the cursor in
// sight. List and VTable are built on it.
type Window struct {
	n, cursor, offset, height int
	// skip, when set, says the cursor may not rest on row i.
	skip func(i int) bool
}

// Len returns the number of rows.
func (w *Window) Len() int { return w.n }

// Cursor returns the row under the cursor (0 when there are none).
func (w *Window) Cursor() int { return w.cursor }

// Offset returns the first visible row.
func (w *Window) Offset() int { return w.offset }

// Height returns how many rows show at a time.
func (w *Window) Height() int { return w.height }

// SetLen changes the row count, keeping the cursor in range.
func (w *Window) SetLen(n int) {
	w.n = n
	w.Goto(w.cursor)
}

// SetHeight changes how many rows show at a time.
func (w *Window) SetHeight(h int) {
	if h < 0 {
		h = 0
	}
	w.height = h
	w.scroll()
}

// Goto puts the cursor on row i (clamped), or on the nearest row the
// cursor may rest on, looking down first.
func (w *Window) Goto(i int) { w.land(i, 1) }

// Move moves the cursor by d rows, skipping rows the cursor may not rest
// on in the direction of the move.
func (w *Window) Move(d int) {
	dir := 1
	if d < 0 {
		dir = -1
	}
	w.land(w.cursor+d, dir)
}

// Page returns the rows a page key moves.
func (w *Window) Page() int {
	if w.height < 1 {
		return 1
	}
	return w.height
}

func (w *Window) land(i, dir int) {
	i = Clamp(i, w.n)
	if w.skip != nil && w.n > 0 {
		j := w.find(i, dir)
		if j < 0 {
			j = w.find(i, -dir)
		}
		if j >= 0 {
			i = j
		}
	}
	w.cursor = i
	w.scroll()
}

func (w *Window) find(i, dir int) int {
	for j := i; j >= 0 && j < w.n; j += dir {
		if !w.skip(j) {
			return j
		}
	}
	return -1
}

func (w *Window) scroll() { w.offset = Scroll(w.offset, w.cursor, w.height, w.n) }

// Range returns the visible rows [from, to).
func (w *Window) Range() (from, to int) {
	to = w.offset + w.height
	if to > w.n {
		to = w.n
	}
	return w.offset, to
}

// RowAt returns the row at line y of the visible window, or -1.
func (w *Window) RowAt(y int) int {
	i := w.offset + y
	if y < 0 || y >= w.height || i >= w.n {
		return -1
	}
	return i
}

// navigate moves the cursor for a navigation key or a mouse wheel turn
// and reports whether msg was one.
func (w *Window) navigate(km ListKeyMap, msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, km.Up):
			w.Move(-1)
		case key.Matches(msg, km.Down):
			w.Move(1)
		case key.Matches(msg, km.PageUp):
			w.Move(-w.Page())
		case key.Matches(msg, km.PageDown):
			w.Move(w.Page())
		case key.Matches(msg, km.Top):
			w.Goto(0)
		case key.Matches(msg, km.Bottom):
			w.land(w.n-1, -1)
		default:
			return false
		}
		return true
	case tea.MouseMsg:
		if msg.Action != tea.MouseActionPress {
			return false
		}
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			w.Move(-wheelStep)
			return true
		case tea.MouseButtonWheelDown:
			w.Move(wheelStep)
			return true
		default: // clicks are the owner's: it knows where the rows are
		}
	}
	return false
}

// ScrollOffset applies a navigation key to the scroll offset of a text
// pane showing page lines at a time: up/down a line, page up/down a page,
// top and bottom (a large offset the pane clamps to its end). It returns
// the new offset, never negative, and whether the key was a scroll key.
func ScrollOffset(msg tea.KeyMsg, off, page int) (int, bool) {
	page = max(page, 1)
	switch {
	case key.Matches(msg, keys.Nav.Up):
		off--
	case key.Matches(msg, keys.Nav.Down):
		off++
	case key.Matches(msg, keys.Nav.PageUp):
		off -= page
	case key.Matches(msg, keys.Nav.PageDown):
		off += page
	case key.Matches(msg, keys.Nav.Top):
		off = 0
	case key.Matches(msg, keys.Nav.Bottom):
		off = 1 << 30
	default:
		return max(off, 0), false
	}
	return max(off, 0), true
}
