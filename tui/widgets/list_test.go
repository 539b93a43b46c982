package widgets

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func press(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func words() List[string] {
	l := NewList[string]()
	l.FilterValue = func(s string) string { return s }
	l.SetItems([]string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"})
	l.SetSize(10, 3)
	l.Focus()
	return l
}

func TestListNavigation(t *testing.T) {
	for _, tc := range []struct {
		keys       []string
		want, from int
	}{
		{nil, 0, 0},
		{[]string{"j"}, 1, 0},
		{[]string{"j", "j", "j"}, 3, 1},
		{[]string{"k"}, 0, 0},
		{[]string{"end"}, 6, 4},
		{[]string{"end", "k", "k", "k", "k"}, 2, 2},
		{[]string{"pgdown"}, 3, 1},
		{[]string{"pgdown", "pgdown", "pgdown"}, 6, 4},
		{[]string{"end", "home"}, 0, 0},
	} {
		l := words()
		for _, k := range tc.keys {
			if _, ok := l.Update(press(k)); !ok {
				t.Errorf("%v: %s not used", tc.keys, k)
			}
		}
		if l.Cursor() != tc.want || l.Offset() != tc.from {
			t.Errorf("%v: cursor %d offset %d, want %d %d", tc.keys, l.Cursor(), l.Offset(), tc.want, tc.from)
		}
	}
}

func TestListSkipsUnselectable(t *testing.T) {
	l := NewList[string]()
	l.Selectable = func(s string) bool { return !strings.HasPrefix(s, "#") }
	l.SetItems([]string{"# a", "a1", "a2", "# b", "b1"})
	l.SetSize(10, 5)
	if s, _ := l.Selected(); s != "a1" {
		t.Fatalf("first selectable: %q", s)
	}
	l.Update(press("j"))
	l.Update(press("j"))
	if s, _ := l.Selected(); s != "b1" {
		t.Fatalf("down over a header: %q", s)
	}
	l.Update(press("home"))
	if s, _ := l.Selected(); s != "a1" {
		t.Fatalf("home lands on a header: %q", s)
	}
	if l.Click(0) || !l.Click(4) {
		t.Fatal("a click on a header selected it, or one on b1 did not")
	}
	// A copy of the list keeps skipping its own items.
	c := l
	c.SetItems([]string{"x", "# y", "z"})
	c.SetCursor(0)
	c.Move(1)
	if s, _ := c.Selected(); s != "z" {
		t.Fatalf("copy: %q", s)
	}
}

func TestListFilter(t *testing.T) {
	l := words()
	l.Update(press("/"))
	if !l.Filtering() {
		t.Fatal("/ did not open the filter")
	}
	for _, r := range "eta" {
		l.Update(press(string(r)))
	}
	got := strings.Join(l.VisibleItems(), " ")
	if got != "eta beta zeta delta" {
		t.Fatalf("fuzzy eta: %q", got)
	}
	// j is text while typing, not a move.
	if l.Cursor() != 0 || l.FilterText() != "eta" {
		t.Fatalf("cursor %d filter %q", l.Cursor(), l.FilterText())
	}
	l.Update(press("enter"))
	if l.Filtering() || l.FilterText() != "eta" {
		t.Fatal("enter did not keep the filter")
	}
	l.Update(press("j"))
	if s, _ := l.Selected(); s != "beta" || l.Index() != 1 {
		t.Fatalf("selected %q index %d", s, l.Index())
	}
	if l.Select(0) {
		t.Fatal("Select found alpha, which the filter hides")
	}
	l.Update(press("esc"))
	if l.FilterText() != "" || l.Len() != 7 {
		t.Fatal("esc did not clear the kept filter")
	}
	// esc while typing drops the filter.
	l.Update(press("/"))
	l.Update(press("z"))
	l.Update(press("esc"))
	if l.Filtering() || l.Len() != 7 {
		t.Fatal("esc while typing kept the filter")
	}
	// Without FilterValue / does nothing.
	p := NewList[string]()
	if _, ok := p.Update(press("/")); ok || p.Filtering() {
		t.Fatal("an unfilterable list opened a filter")
	}
}

func TestListView(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	l := words()
	l.Update(press("j"))
	v := l.View(func(s string) string { return " " + s })
	want := " alpha    \n>beta     \n gamma    "
	if v != want {
		t.Fatalf("view:\n%q\nwant\n%q", v, want)
	}
	l.Blur()
	if v := l.View(func(s string) string { return " " + s }); strings.Contains(v, ">") || strings.Contains(v, "-beta") {
		t.Fatalf("blurred view marks the cursor:\n%s", v)
	}
	l.BlurredCursor = true
	if v := l.View(func(s string) string { return " " + s }); !strings.Contains(v, "-beta") {
		t.Fatalf("BlurredCursor: no mark:\n%s", v)
	}
	l.Empty = func(q string) string { return "none for " + q }
	l.SetFilter("qqq")
	if v := l.View(func(s string) string { return s }); v != "none for qqq" {
		t.Fatalf("empty view %q", v)
	}
}
