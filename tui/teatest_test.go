package tui

import (
	"bytes"
	"io"
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

// TestProgramKeyBurst feeds the real program's input reader the README
// tour's first step in one write, as a fast typist or a paste of keys
// arrives ("jj", enter, "jjj", enter in one read), then two ctrl+c: every
// key is handled, in order, so email is linked to email and the session
// asks before it quits (#14.15, #14.1).
func TestProgramKeyBurst(t *testing.T) {
	testkit.Pin()
	for _, burst := range []string{"jj\rjjj\r\x03\x03", "j"} {
		m, err := New(Options{Demo: true})
		if err != nil {
			t.Fatal(err)
		}
		r, w := io.Pipe()
		p := tea.NewProgram(m, tea.WithInput(r), tea.WithOutput(io.Discard), tea.WithoutSignals())
		done := make(chan tea.Model, 1)
		go func() {
			fm, err := p.Run()
			if err != nil {
				t.Error(err)
			}
			done <- fm
		}()
		if burst == "j" {
			// One key at a time, then a burst of three.
			for _, k := range []string{"j", "j", "\r", "jjj", "\r", "\x03", "\x03"} {
				if _, err := io.WriteString(w, k); err != nil {
					t.Fatal(err)
				}
				time.Sleep(5 * time.Millisecond)
			}
		} else if _, err := io.WriteString(w, burst); err != nil {
			t.Fatal(err)
		}
		var fm *model
		select {
		case x := <-done:
			fm = x.(*model)
		case <-time.After(20 * time.Second):
			p.Kill()
			t.Fatal("the program did not quit after two ctrl+c")
		}
		w.Close()
		rule := fm.s.Mapping.RuleFor("email")
		if rule == nil || len(rule.From) != 1 || rule.From[0] != "email" {
			t.Fatalf("burst %q: email not linked to email (rule %+v)", burst, rule)
		}
	}
}
