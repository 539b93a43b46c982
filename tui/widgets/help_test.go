package widgets

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func bind(k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc))
}

func TestHelpPagesFitAndKeepEveryKey(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	var cols [][]key.Binding
	var all []key.Binding
	for c := 0; c < 5; c++ {
		var col []key.Binding
		for i := 0; i < 6; i++ {
			b := bind(string(rune('a'+c*6+i)), strings.Repeat("x", 8+c)+"-desc")
			col = append(col, b)
			all = append(all, b)
		}
		cols = append(cols, col)
	}
	groups := []HelpGroup{{Title: "Screen", Columns: cols}, {Title: "Global", Columns: cols[:2]}}
	for _, tc := range []struct{ w, h, pages int }{{120, 40, 1}, {80, 21, 1}, {80, 12, 3}, {40, 10, 4}, {40, 5, 8}} {
		pages := HelpPages(help.New(), groups, tc.w, tc.h, func(s string) string { return s })
		if len(pages) != tc.pages {
			t.Errorf("%dx%d: %d pages, want %d", tc.w, tc.h, len(pages), tc.pages)
		}
		joined := strings.Join(pages, "\n")
		for _, p := range pages {
			lines := strings.Split(p, "\n")
			if len(lines) > tc.h || lines[0] == "" {
				t.Errorf("%dx%d: a page of %d lines, or a blank first line:\n%s", tc.w, tc.h, len(lines), p)
			}
			for _, l := range lines {
				if lipgloss.Width(l) > tc.w {
					t.Errorf("%dx%d: line wider than the page: %q", tc.w, tc.h, l)
				}
			}
		}
		for _, b := range all {
			if !strings.Contains(joined, b.Help().Key+" "+b.Help().Desc) {
				t.Errorf("%dx%d: %q missing", tc.w, tc.h, b.Help().Key)
			}
		}
	}
}

func TestFitHintsKeepsTheKeptOnes(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	opt := []key.Binding{bind("a", "alpha alpha"), bind("b", "beta beta"), bind("c", "gamma gamma")}
	keep := []key.Binding{bind("?", "help"), bind("q", "quit")}
	if got := strings.TrimSpace(FitHints(help.New(), opt, keep, 80)); got != "a alpha alpha • b beta beta • c gamma gamma • ? help • q quit" {
		t.Fatalf("wide: %q", got)
	}
	got := FitHints(help.New(), opt, keep, 40)
	if lipgloss.Width(got) != 40 || !strings.Contains(got, "? help • q quit") || strings.Contains(got, "…") || strings.Contains(got, "gamma") {
		t.Fatalf("narrow: %q", got)
	}
}
