package theme

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestNoColor(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	t.Setenv("NO_COLOR", "1")
	Setup()
	if lipgloss.ColorProfile() != termenv.Ascii {
		t.Fatal("NO_COLOR did not turn colours off")
	}
	if got := Error.Render("x"); got != "x" {
		t.Fatalf("styled output under NO_COLOR: %q", got)
	}
}

func TestSeverityStyles(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	if Severity("error").Render("e") == Severity("info").Render("e") {
		t.Fatal("error and info look the same")
	}
}
