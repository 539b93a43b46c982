package tui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// TestProgramRunFlow runs the real Bubble Tea program: it waits for the
// run screen to show its findings, quits, and goldens the final model.
func TestProgramRunFlow(t *testing.T) {
	testkit.Pin()
	m, err := New(Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("4")})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Findings 2")) && bytes.Contains(b, []byte("read 1000"))
	}, teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*model)
	if final.s.Run == nil {
		t.Fatal("no run in the final model")
	}
	testkit.Golden(t, "program_run_80x24", final.View())
}
