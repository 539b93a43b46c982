// Package theme holds every colour and style of seam's terminal UI. Colours
// are lipgloss.AdaptiveColor so light and dark terminals both read well;
// NO_COLOR (and a pinned Ascii profile in tests) turns them all off.
package theme

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/seamhq/seam/tui/termbg"
)

// Palette colours, adaptive to the terminal background.
var (
	Accent  = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#9D8CFF"}
	Muted   = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	Good    = lipgloss.AdaptiveColor{Light: "#1B7F3A", Dark: "#5FD38A"}
	Warn    = lipgloss.AdaptiveColor{Light: "#9A6200", Dark: "#F2C14E"}
	Bad     = lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#FF6B6B"}
	Info    = lipgloss.AdaptiveColor{Light: "#1F5FA8", Dark: "#6CB6FF"}
	Pending = lipgloss.AdaptiveColor{Light: "#8A4FB0", Dark: "#D7A6FF"}
	SelBg   = lipgloss.AdaptiveColor{Light: "#DCD6F7", Dark: "#3A3360"}
	Border  = lipgloss.AdaptiveColor{Light: "#B0B0B0", Dark: "#555555"}
)

// ProgressFill is the progress bars' colour (bubbles/progress takes a
// hex string, not an adaptive colour; this one reads on both backgrounds).
const ProgressFill = "#7D56F4"

// Styles used across screens.
var (
	Title     = lipgloss.NewStyle().Bold(true).Foreground(Accent)
	Tab       = lipgloss.NewStyle().Padding(0, 1).Foreground(Muted)
	TabActive = lipgloss.NewStyle().Padding(0, 1).Bold(true).Foreground(Accent).Underline(true)
	Dim       = lipgloss.NewStyle().Foreground(Muted)
	Bold      = lipgloss.NewStyle().Bold(true)
	// Selected marks the cursor row in the focused pane.
	Selected = lipgloss.NewStyle().Background(SelBg).Bold(true)
	// Cursor marks the cursor row in an unfocused pane.
	Cursor  = lipgloss.NewStyle().Bold(true)
	OK      = lipgloss.NewStyle().Foreground(Good)
	Warning = lipgloss.NewStyle().Foreground(Warn)
	Error   = lipgloss.NewStyle().Foreground(Bad).Bold(true)
	Note    = lipgloss.NewStyle().Foreground(Info)
	Suggest = lipgloss.NewStyle().Foreground(Pending).Italic(true)
	Status  = lipgloss.NewStyle().Foreground(Muted)
	Key     = lipgloss.NewStyle().Foreground(Accent).Bold(true)
	// Pane borders: focused and not.
	Pane      = lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(Border)
	PaneFocus = lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(Accent)
	Modal     = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(Accent).Padding(0, 1)
	// Changed, Failed, Truncated and Null mark values in the record diff.
	Changed   = lipgloss.NewStyle().Foreground(Info)
	Failed    = lipgloss.NewStyle().Foreground(Bad).Bold(true)
	Truncated = lipgloss.NewStyle().Foreground(Warn).Underline(true)
	Null      = lipgloss.NewStyle().Foreground(Muted).Italic(true)
)

// Severity returns the style for "error", "warn" or "info".
func Severity(sev string) lipgloss.Style {
	switch sev {
	case "error":
		return Error
	case "warn":
		return Warning
	default:
		return Note
	}
}

// Setup prepares the styles for the TUI, just before it starts. NO_COLOR
// makes every style plain text, and nothing is asked of the terminal.
// Otherwise the terminal is asked for its background (termbg, a short
// timeout) and lipgloss is told the answer, so that it never asks itself:
// lipgloss would ask on the first adaptive colour it renders, while Bubble
// Tea owns the terminal, and wait 5 s for an answer that Bubble Tea reads.
func Setup() {
	if os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
		lipgloss.SetHasDarkBackground(true)
		return
	}
	dark, _ := termbg.Dark(termbg.Timeout)
	lipgloss.SetHasDarkBackground(dark)
}
