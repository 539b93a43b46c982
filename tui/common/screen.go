package common

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Screen is one of seam's screens. The root model owns the window size and
// routes keys; a screen's Update returns only a command.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	help.KeyMap
	// Title names the screen in the tab bar.
	Title() string
	// Capturing reports that a text input or modal of the screen has the
	// focus and takes every key, global ones included.
	Capturing() bool
}

// Screen indexes, in tab order (keys 1-5).
const (
	ScreenSchemas = iota
	ScreenMapper
	ScreenGenerate
	ScreenRun
	ScreenDrift
)

// StatusMsg puts a message in the status line.
type StatusMsg struct {
	Text string
	Err  bool
}

// Status returns a command that shows text in the status line.
func Status(format string, args ...any) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: fmt.Sprintf(format, args...)} }
}

// Errorf returns a command that shows an error in the status line.
func Errorf(format string, args ...any) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: fmt.Sprintf(format, args...), Err: true} }
}

// SwitchScreenMsg asks the root to show another screen.
type SwitchScreenMsg struct{ Screen int }

// JumpToRuleMsg asks the mapper to select the rule writing Target (or
// named Rule), of the target table named Table when it is set (a mapping
// with several targets).
type JumpToRuleMsg struct{ Rule, Target, Table string }

// MappingChangedMsg tells every screen that the session's mapping or
// schemas changed (an edit, undo, redo, a load).
type MappingChangedMsg struct{}

// Changed returns a command that broadcasts MappingChangedMsg.
func Changed() tea.Msg { return MappingChangedMsg{} }

// DataChangedMsg tells screens that Session.Data was replaced.
type DataChangedMsg struct{}

// RunDoneMsg tells screens that Session.Run was replaced.
type RunDoneMsg struct{}

// CommandMsg runs a palette command (":run", ":save", ...) on the root.
type CommandMsg struct{ Name, Arg string }
