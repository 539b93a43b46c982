package widgets

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sahilm/fuzzy"
	"github.com/seamhq/seam/tui/theme"
)

// List is a selectable list of items in the style of bubbles' list: its
// own key map, cursor, scroll offset, fuzzy filter and size. It renders
// only the visible rows; the owner draws each item (View's render
// function) and the list cuts it to width and marks the cursor row.
//
// Indexes are of two kinds: a position counts the rows shown (after the
// filter), an index counts Items. Selected, Index and Select speak of
// items, Cursor of positions.
type List[T any] struct {
	// KeyMap is the keys the list answers.
	KeyMap ListKeyMap
	// FilterValue is the text the fuzzy filter matches. Without it (and
	// without Filter) the list cannot be filtered.
	FilterValue func(item T) string
	// Filter, when set, decides which items show for a query (the empty
	// one too), by index, in order; it replaces the fuzzy filter.
	Filter func(query string, items []T) []int
	// Selectable, when set, says whether the cursor may rest on an item
	// (group headers may not).
	Selectable func(item T) bool
	// Empty returns the text shown when no item shows.
	Empty func(filter string) string
	// BlurredCursor marks the cursor row while the list has no focus.
	BlurredCursor bool

	items     []T
	shown     []int
	win       Window
	width     int
	focused   bool
	query     string
	filtering bool
	input     textinput.Model
}

// NewList returns an empty list with the default key map.
func NewList[T any]() List[T] {
	return List[T]{KeyMap: DefaultListKeyMap()}
}

// SetItems replaces the items and applies the filter again; the cursor
// keeps its position as far as it can.
func (l *List[T]) SetItems(items []T) {
	l.items = items
	l.refilter()
}

// Items returns every item, shown or not.
func (l *List[T]) Items() []T { return l.items }

// VisibleItems returns the items that pass the filter, in order.
func (l *List[T]) VisibleItems() []T {
	out := make([]T, len(l.shown))
	for i, j := range l.shown {
		out[i] = l.items[j]
	}
	return out
}

// Len returns the number of rows shown.
func (l *List[T]) Len() int { return len(l.shown) }

// SetSize sets the width of a row and the number of rows shown.
func (l *List[T]) SetSize(width, height int) {
	l.width = width
	l.win.SetHeight(height)
}

// Height returns the number of rows shown at a time.
func (l *List[T]) Height() int { return l.win.Height() }

// Focus gives the list the focus: its cursor row is highlighted.
func (l *List[T]) Focus() { l.focused = true }

// Blur takes the focus away.
func (l *List[T]) Blur() { l.focused = false }

// SetFocused focuses or blurs the list.
func (l *List[T]) SetFocused(f bool) { l.focused = f }

// Focused reports whether the list has the focus.
func (l *List[T]) Focused() bool { return l.focused }

// Cursor returns the position of the cursor among the rows shown.
func (l *List[T]) Cursor() int { return l.win.Cursor() }

// Offset returns the position of the first visible row.
func (l *List[T]) Offset() int { return l.win.Offset() }

// SetCursor moves the cursor to a position among the rows shown.
func (l *List[T]) SetCursor(pos int) { l.win.Goto(pos) }

// Move moves the cursor by d rows.
func (l *List[T]) Move(d int) { l.win.Move(d) }

// Index returns the index in Items of the item under the cursor, or -1.
func (l *List[T]) Index() int {
	if len(l.shown) == 0 {
		return -1
	}
	return l.shown[Clamp(l.win.Cursor(), len(l.shown))]
}

// Selected returns the item under the cursor.
func (l *List[T]) Selected() (T, bool) {
	var zero T
	i := l.Index()
	if i < 0 {
		return zero, false
	}
	return l.items[i], true
}

// Select puts the cursor on the item with index i in Items and reports
// whether it is shown.
func (l *List[T]) Select(i int) bool {
	for pos, j := range l.shown {
		if j == i {
			l.win.Goto(pos)
			return true
		}
	}
	return false
}

// Click puts the cursor on the row at line y of the list and reports
// whether there is one (that the cursor may rest on).
func (l *List[T]) Click(y int) bool {
	pos := l.win.RowAt(y)
	if pos < 0 || (l.Selectable != nil && !l.Selectable(l.items[l.shown[pos]])) {
		return false
	}
	l.win.Goto(pos)
	return true
}

// Filterable reports whether the list has a filter.
func (l *List[T]) Filterable() bool { return l.FilterValue != nil || l.Filter != nil }

// Filtering reports that the filter input is open: it takes every key.
func (l *List[T]) Filtering() bool { return l.filtering }

// FilterText returns the filter in force ("" for none).
func (l *List[T]) FilterText() string { return l.query }

// SetFilter filters the list by q (the owner's own input, or a test) and
// puts the cursor on the first row.
func (l *List[T]) SetFilter(q string) {
	l.query = q
	l.win.Goto(0)
	l.refilter()
}

// ClearFilter shows every item again and closes the filter input.
func (l *List[T]) ClearFilter() {
	l.filtering = false
	if l.query != "" {
		l.query = ""
		l.refilter()
	}
}

// FilterView renders the filter input (while Filtering).
func (l *List[T]) FilterView() string { return l.input.View() }

// StartFilter opens the filter input with the filter in force.
func (l *List[T]) StartFilter() tea.Cmd {
	l.filtering = true
	l.input = NewInput("/")
	l.input.SetValue(l.query)
	l.input.CursorEnd()
	return l.input.Focus()
}

func (l *List[T]) refilter() {
	switch {
	case l.Filter != nil:
		l.shown = l.Filter(l.query, l.items)
	case l.query == "" || l.FilterValue == nil:
		l.shown = l.shown[:0]
		for i := range l.items {
			l.shown = append(l.shown, i)
		}
	default:
		l.shown = FuzzyFind(l.query, l.items, l.FilterValue)
	}
	l.win.skip = nil
	if sel := l.Selectable; sel != nil {
		// The closure holds the slices, not l: a copied List stays right.
		items, shown := l.items, l.shown
		l.win.skip = func(pos int) bool { return !sel(items[shown[pos]]) }
	}
	l.win.SetLen(len(l.shown))
}

// FuzzyFind returns the indexes of the items whose text matches q
// fuzzily (letters in order), best first.
func FuzzyFind[T any](q string, items []T, text func(T) string) []int {
	strs := make([]string, len(items))
	for i, it := range items {
		strs[i] = text(it)
	}
	var out []int
	for _, mt := range fuzzy.Find(q, strs) {
		out = append(out, mt.Index)
	}
	return out
}

// Update handles the list's keys and the mouse wheel and reports whether
// it used msg. While the filter input is open it takes every key: the
// list follows each keystroke; AcceptFilter keeps the filter,
// CancelFilter drops it.
func (l *List[T]) Update(msg tea.Msg) (tea.Cmd, bool) {
	if l.filtering {
		km, ok := msg.(tea.KeyMsg)
		if !ok {
			return nil, false
		}
		switch {
		case key.Matches(km, l.KeyMap.CancelFilter):
			l.ClearFilter()
			return nil, true
		case key.Matches(km, l.KeyMap.AcceptFilter):
			l.filtering = false
			return nil, true
		}
		var cmd tea.Cmd
		l.input, cmd = l.input.Update(km)
		if v := l.input.Value(); v != l.query {
			l.SetFilter(v)
		}
		return cmd, true
	}
	if km, ok := msg.(tea.KeyMsg); ok && l.Filterable() {
		switch {
		case key.Matches(km, l.KeyMap.Filter):
			return l.StartFilter(), true
		case key.Matches(km, l.KeyMap.ClearFilter) && l.query != "":
			l.ClearFilter()
			return nil, true
		}
	}
	return nil, l.win.navigate(l.KeyMap, msg)
}

// View renders the visible rows: render draws an item, the list cuts it
// to the width and marks the cursor row. With no row shown it renders
// the Empty text.
func (l *List[T]) View(render func(item T) string) string {
	if len(l.shown) == 0 {
		if l.Empty == nil {
			return ""
		}
		return theme.Dim.Render(l.Empty(l.query))
	}
	from, to := l.win.Range()
	lines := make([]string, 0, to-from)
	for pos := from; pos < to; pos++ {
		line := Cell(render(l.items[l.shown[pos]]), l.width)
		if pos == l.win.Cursor() && (l.focused || l.BlurredCursor) {
			line = Highlight(line, l.focused)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
