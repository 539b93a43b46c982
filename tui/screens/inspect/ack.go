package inspect

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/widgets"
)

// ackPrompt asks why a finding is acknowledged, then who acknowledges it
// (the user's name first): an acknowledgement is a decision someone made
// for a reason, kept in the mapping file.
type ackPrompt struct {
	kind, target string
	why          string
	// defBy is offered as who acknowledges ($USER).
	defBy string
	step  int // 0: why, 1: by
	in    textinput.Model
}

func newAckPrompt(kind, target, by string) *ackPrompt {
	a := &ackPrompt{kind: kind, target: target, defBy: by}
	a.in = widgets.NewInput(fmt.Sprintf("acknowledge %s on %s, why: ", kind, target))
	a.in.Placeholder = widgets.Placeholder("the reason (required)")
	a.in.Focus()
	a.in.SetValue("")
	a.in.CharLimit = 300
	return a
}

// ackKey answers the prompt: enter goes to the next question or records
// the acknowledgement, esc cancels.
func (m *Model) ackKey(msg tea.KeyMsg) tea.Cmd {
	a := m.ack
	switch {
	case key.Matches(msg, keys.Input.Cancel):
		m.ack = nil
		return common.Status("acknowledgement cancelled")
	case key.Matches(msg, keys.Input.Accept):
		v := strings.TrimSpace(a.in.Value())
		if a.step == 0 {
			if v == "" {
				return common.Errorf("say why %s on %s is acknowledged (%s cancels)", a.kind, a.target, keys.Name(keys.Input.Cancel))
			}
			a.why, a.step = v, 1
			a.in.Prompt = "acknowledged by: "
			a.in.Placeholder = ""
			a.in.SetValue(a.defBy)
			a.in.CursorEnd()
			return nil
		}
		if v == "" {
			return common.Errorf("say who acknowledges it (%s cancels)", keys.Name(keys.Input.Cancel))
		}
		m.ack = nil
		return m.recordAck(a.kind, a.target, a.why, v)
	}
	var cmd tea.Cmd
	a.in, cmd = a.in.Update(msg)
	return cmd
}

// recordAck adds the acknowledgement to the mapping (one undoable change)
// and marks the matching findings of the last run at once.
func (m *Model) recordAck(kind, target, why, by string) tea.Cmd {
	ack := &mapping.Ack{Kind: kind, Target: target, By: by, Why: why}
	m.s.Do(fmt.Sprintf("acknowledge %s on %s", kind, target), func(mp *mapping.Mapping) {
		c := *ack
		mp.Acknowledged = append(mp.Acknowledged, &c)
	})
	if r := m.s.Run; r != nil {
		for i := range r.Findings {
			f := &r.Findings[i]
			if string(f.Kind) == kind && (f.Target == target || (f.Target == "" && f.Rule == target)) && f.Acknowledged == nil {
				c := *ack
				f.Acknowledged = &c
			}
		}
	}
	return tea.Batch(common.Changed, common.Status("acknowledged %s on %s (%s): it stays in reports, no longer fails seam check; %s undoes",
		kind, target, why, keys.Name(keys.Global.Undo)))
}
