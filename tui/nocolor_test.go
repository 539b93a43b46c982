package tui

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/tui/internal/testkit"
	"github.com/seamhq/seam/tui/widgets"
)

// Without colour (NO_COLOR: the Ascii profile) the current tab is in
// brackets and a placeholder in angle brackets, so neither depends on a
// style the terminal does not show (#14.12).
func TestNoColorTabAndPlaceholder(t *testing.T) {
	testkit.Pin()
	tm, err := New(Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	m := tm.(*model)
	m.w, m.h = 80, 24
	if bar := m.tabBar(); !strings.Contains(bar, "[2 Mapper]") || strings.Contains(bar, "[1 Schemas]") {
		t.Fatalf("tab bar %q", bar)
	}
	if got := widgets.Placeholder("the reason"); got != "<the reason>" {
		t.Fatalf("placeholder %q", got)
	}
}
