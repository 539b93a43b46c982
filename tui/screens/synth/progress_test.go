package synth

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// slowEngine generates by reporting 250 rows done, then waits.
type slowEngine struct {
	common.Engine
	release chan struct{}
}

func (e slowEngine) Generate(ctx context.Context, _ *schema.Schema, _ common.GenPlan, progress func(int64)) (*common.Dataset, error) {
	progress(250)
	select {
	case <-e.release:
	case <-ctx.Done():
	}
	return nil, ctx.Err()
}

// During generation the screen counts the rows done and says the time
// left at the pace so far (250 of 1000 in 5 s: 15 s left).
func TestGenerateProgress(t *testing.T) {
	m, s, _, _ := newScreen(t, 80, 21)
	eng := slowEngine{release: make(chan struct{})}
	s.Eng = eng
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m.gen.Clock = func() time.Time { return now }
	m.SetForm(1000, 1, 0.2, "edge")
	seq := m.Start()().(tea.Msg)
	v := reflect.ValueOf(seq)
	if v.Kind() != reflect.Slice || v.Len() != 2 {
		t.Fatalf("Start returned %T", seq)
	}
	batch, ok := v.Index(1).Interface().(tea.Cmd)().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatal("the job's command is no batch of work and listener")
	}
	done := make(chan struct{})
	go func() { batch[0](); close(done) }()
	m.Update(batch[1]()) // the progress the work reported
	now = now.Add(5 * time.Second)
	view := m.View()
	close(eng.release)
	<-done
	testkit.Golden(t, "progress_80x24", view)
	if !strings.Contains(view, "250/1000 rows · 15s left") {
		t.Fatalf("no progress count and time left:\n%s", view)
	}
}
