package inspect

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func newScreen(t testing.TB, w, h int) (*Model, *common.Session, testkit.Updater) {
	testkit.Pin()
	s := testkit.DemoSession(t)
	m := New(s)
	m.SetSize(w, h)
	return m, s, func(msg tea.Msg) tea.Cmd { return m.Update(msg) }
}

func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 21}, {120, 37}} {
		name := fmt.Sprintf("%dx%d", size[0], size[1]+3)
		m, s, up := newScreen(t, size[0], size[1])
		testkit.Golden(t, "empty_"+name, m.View())
		testkit.Drive(t, up, "r")
		if s.Run == nil || s.Run.Read != 1000 || s.Run.Read != s.Run.Written+s.Run.Rejected {
			t.Fatalf("run %+v", s.Run)
		}
		v := m.View()
		if n := strings.Count(v, "\n") + 1; n != size[1] {
			t.Errorf("%d lines, want %d", n, size[1])
		}
		testkit.Golden(t, "run_"+name, v)
		testkit.Drive(t, up, "j", "j")
		testkit.Golden(t, "finding_"+name, m.View())
		testkit.Drive(t, up, "f")
		testkit.Golden(t, "failing_"+name, m.View())
	}
}

func TestFailingFilterAndExamples(t *testing.T) {
	m, s, up := newScreen(t, 120, 37)
	testkit.Drive(t, up, "r")
	r := s.Run
	testkit.Drive(t, up, "f")
	if m.table.Len() != len(r.Failing) || len(r.Failing) == 0 {
		t.Fatalf("failing view shows %d rows, %d failed", m.table.Len(), len(r.Failing))
	}
	for i := 0; i < m.table.Len(); i++ {
		if !r.Row(m.rowAt(i)).Failed() {
			t.Fatalf("row %d in the failing view did not fail", m.rowAt(i)+1)
		}
	}
	testkit.Drive(t, up, "f")
	if m.table.Len() != r.Len() {
		t.Fatalf("f again: %d rows", m.table.Len())
	}
	// Selecting a data finding shows exactly its example rows.
	testkit.Drive(t, up, "shift+tab")
	for i := 0; i < len(m.findings.Items()); i++ {
		if f := m.SelectedFinding(); f != nil && len(f.Examples) > 0 {
			break
		}
		testkit.Drive(t, up, "j")
	}
	f := m.SelectedFinding()
	if f == nil || len(f.Examples) == 0 {
		t.Fatal("no data finding with examples")
	}
	if m.table.Len() != len(f.Examples) {
		t.Fatalf("examples view: %d rows for %d examples", m.table.Len(), len(f.Examples))
	}
	if got := int64(m.CurrentRow() + 1); got != f.Examples[0].Row {
		t.Fatalf("first example row %d, want %d", got, f.Examples[0].Row)
	}
	// The record view names the edge case when the row is synthetic.
	_, body := m.recordView(100)
	if f.Examples[0].EdgeCase != "" && !strings.Contains(body, "⚑") {
		t.Errorf("edge case not named in the record view:\n%s", body)
	}
	// g asks the mapper to show the rule.
	var jump *common.JumpToRuleMsg
	testkit.Drive(t, func(msg tea.Msg) tea.Cmd {
		if j, ok := msg.(common.JumpToRuleMsg); ok {
			jump = &j
			return nil
		}
		return up(msg)
	}, "g")
	if jump == nil || jump.Target != f.Target {
		t.Fatalf("jump %+v, want target %s", jump, f.Target)
	}
}

func TestRunCancel(t *testing.T) {
	m, s, up := newScreen(t, 80, 21)
	cmd := m.Run()
	up(testkit.Key("esc"))
	testkit.Settle(t, up, cmd)
	if s.Run != nil || m.run.Running() {
		t.Fatalf("a cancelled run left a result")
	}
}

// BenchmarkKeyPressLargeRun: one key press and one View on a model
// holding a 1,000,000-row result; the table renders only visible rows.
func BenchmarkKeyPressLargeRun(b *testing.B) {
	m, s, up := newScreen(b, 120, 37)
	testkit.Drive(b, up, "r")
	small := s.Run
	const n = 1000000
	big := &common.RunResult{Rows: make([]common.RunRow, n), Findings: small.Findings, Data: small.Data,
		Read: n, Version: s.Version}
	for i := range big.Rows {
		big.Rows[i] = *small.Row(i % small.Len())
		if big.Rows[i].Failed() {
			big.Failing = append(big.Failing, int32(i))
			big.Rejected++
		} else {
			big.Written++
		}
	}
	big.Data = nil
	s.Run = big
	m.rebuild()
	m.focus = paneRows
	keys := []tea.Msg{testkit.Key("j"), testkit.Key("pgdown"), testkit.Key("f"), testkit.Key("end")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(keys[i%len(keys)])
		_ = m.View()
	}
}

// TestAcknowledge: K records the selected finding in the mapping's
// acknowledged list; the next run marks it; undo takes it back.
func TestAcknowledge(t *testing.T) {
	m, s, up := newScreen(t, 120, 37)
	testkit.Drive(t, up, "r", "j")
	f := m.SelectedFinding()
	if f == nil {
		t.Fatal("no finding selected")
	}
	kind, target := string(f.Kind), f.Target
	if target == "" {
		target = f.Rule
	}
	testkit.Drive(t, up, "K")
	if len(s.Mapping.Acknowledged) != 0 || m.ack == nil {
		t.Fatal("K acknowledged without asking why")
	}
	testkit.Drive(t, up, "enter")
	if m.ack == nil || m.ack.step != 0 {
		t.Fatal("an empty reason was taken")
	}
	testkit.Type(t, up, "legacy field, dropped on purpose")
	testkit.Drive(t, up, "enter")
	if !strings.Contains(m.View(), "acknowledged by: ") {
		t.Fatalf("no who question:\n%s", m.View())
	}
	testkit.Drive(t, up, "ctrl+u")
	testkit.Type(t, up, "ana")
	testkit.Drive(t, up, "enter")
	acks := s.Mapping.Acknowledged
	if len(acks) != 1 || acks[0].Kind != kind || acks[0].Target != target || acks[0].Why != "legacy field, dropped on purpose" || acks[0].By != "ana" {
		t.Fatalf("acknowledged = %+v, want %s on %s", acks, kind, target)
	}
	if !strings.Contains(m.View(), "(ack)") {
		t.Fatalf("the finding is not marked at once:\n%s", m.View())
	}
	testkit.Drive(t, up, "r")
	marked := false
	for _, g := range s.Run.Findings {
		if string(g.Kind) == kind && (g.Target == target || g.Rule == target) && g.Acknowledged != nil {
			marked = true
		}
	}
	if !marked {
		t.Fatal("the rerun did not mark the acknowledged finding")
	}
	if !strings.Contains(m.View(), "(ack)") {
		t.Errorf("findings list does not show (ack):\n%s", m.View())
	}
	if _, ok := s.Undo(); !ok || len(s.Mapping.Acknowledged) != 0 {
		t.Fatalf("undo left %d acks", len(s.Mapping.Acknowledged))
	}
}

// TestRunErrorInFindings: any error of a run, not only compile errors, is
// shown in the findings pane in full; a run that succeeds clears it.
func TestRunErrorInFindings(t *testing.T) {
	m, s, up := newScreen(t, 80, 21)
	testkit.Drive(t, up, runDoneMsg{err: errors.New("read data.csv: line 7: bare quote\nin field 2")})
	if len(m.problems) != 1 || m.selectedProblem() == nil {
		t.Fatalf("problems %v", m.problems)
	}
	v := m.View()
	if !strings.Contains(v, "Run failed (1)") || !strings.Contains(v, "bare quote") || !strings.Contains(v, "in field 2") {
		t.Fatalf("view:\n%s", v)
	}
	testkit.Drive(t, up, "r")
	if len(m.problems) != 0 || s.Run == nil {
		t.Fatalf("after a good run: problems %v", m.problems)
	}
}
