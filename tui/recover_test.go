package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// linkEmail is the tour's first step: link email to email.
var linkEmail = []string{"j", "j", "enter", "j", "j", "j", "enter"}

func keyMsgs(names ...string) []tea.Msg {
	out := make([]tea.Msg, len(names))
	for i, n := range names {
		out[i] = testkit.Key(n)
	}
	return out
}

// TestRecoveryRestoresKilledSession runs the real program, makes a change,
// waits for the recovery file and drops the program without quitting (a
// killed terminal). A new session on the same files offers the changes;
// y restores them, undoably; a clean quit then removes the file (#14.1).
func TestRecoveryRestoresKilledSession(t *testing.T) {
	testkit.Pin()
	dir := t.TempDir()
	tm0, err := New(Options{Demo: true, RecoverDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	m0 := tm0.(*model)
	m0.recDelay = 10 * time.Millisecond
	tm := teatest.NewTestModel(t, m0, teatest.WithInitialTermSize(80, 24))
	for _, k := range keyMsgs(linkEmail...) {
		tm.Send(k)
	}
	file := filepath.Join(dir, "demo.seam.yaml")
	teatest.WaitFor(t, tm.Output(), func([]byte) bool {
		data, err := os.ReadFile(file)
		return err == nil && strings.Contains(string(data), "email")
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	// Kill: stop the program without the quit path or Finish.
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}

	m, up := newRecovering(t, dir)
	if m.recovery == nil {
		t.Fatal("the recovery file was not offered")
	}
	if time.Since(m.recovery.Time) > time.Minute {
		t.Fatalf("recovery file time %v", m.recovery.Time)
	}
	m.recovery.Time = time.Date(2026, 3, 4, 15, 4, 0, 0, time.Local)
	testkit.Golden(t, "root_recover_80x24", m.View())
	if m.s.Mapping.RuleFor("email") != nil {
		t.Fatal("the change was applied before the answer")
	}
	testkit.Drive(t, up, "y")
	if m.recovery != nil || m.s.Mapping.RuleFor("email") == nil || !m.s.Dirty {
		t.Fatalf("after y: rule %v, dirty %v, status %q", m.s.Mapping.RuleFor("email") != nil, m.s.Dirty, m.status)
	}
	testkit.Drive(t, up, "u")
	if m.s.Mapping.RuleFor("email") != nil {
		t.Fatal("u did not undo the recovery")
	}
	testkit.Drive(t, up, "ctrl+r", "q", "y")
	if err := m.Finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("quit without saving kept the recovery file: %v", err)
	}
}

func newRecovering(t *testing.T, dir string) (*model, testkit.Updater) {
	t.Helper()
	tm, err := New(Options{Demo: true, RecoverDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	m := tm.(*model)
	m.mapper.Debounce = 0
	m.recDelay = time.Millisecond
	up := func(msg tea.Msg) tea.Cmd { _, c := m.Update(msg); return c }
	testkit.Settle(t, up, m.Init())
	testkit.Drive(t, up, tea.WindowSizeMsg{Width: 80, Height: 24})
	return m, up
}

// TestRecoveryLifecycle: the file follows the changes, goes when undone to
// the saved state and on a clean save; a second ctrl+c keeps the last
// change in it (Finish writes what the delay had not); n discards it.
func TestRecoveryLifecycle(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "demo.seam.yaml")
	exists := func() bool { _, err := os.Stat(file); return err == nil }

	m, up := newRecovering(t, dir)
	if m.recovery != nil || exists() {
		t.Fatal("a recovery file before any change")
	}
	testkit.Drive(t, up, toAny(linkEmail)...)
	if !exists() {
		t.Fatal("no recovery file after a change")
	}
	testkit.Drive(t, up, "u")
	if exists() {
		t.Fatal("undone to the saved state, the recovery file stayed")
	}
	testkit.Drive(t, up, toAny(linkEmail)...)
	save(t, up, filepath.Join(t.TempDir(), "demo.seam.yaml"))
	if m.s.Dirty || exists() {
		t.Fatalf("after a save: dirty %v, recovery file %v (%s)", m.s.Dirty, exists(), m.status)
	}

	// A change then two ctrl+c before the delay: Finish writes it.
	m, up = newRecovering(t, dir)
	testkit.Drive(t, up, toAny(linkEmail)...)
	v := m.s.Version
	up(testkit.Key("d")) // the delayed write of this change never runs
	if m.s.Version == v {
		t.Fatal("d changed nothing")
	}
	up(testkit.Key("ctrl+c"))
	if up(testkit.Key("ctrl+c")) == nil {
		t.Fatal("second ctrl+c did not quit")
	}
	if err := m.Finish(); err != nil || !exists() || m.rec.wrote != m.s.Version {
		t.Fatalf("finish: %v, file %v, wrote version %d of %d", err, exists(), m.rec.wrote, m.s.Version)
	}

	// The next start offers it; ctrl+c before answering keeps it; n drops it.
	m, up = newRecovering(t, dir)
	if m.recovery == nil {
		t.Fatal("not offered")
	}
	if !testkit.Drive(t, up, "ctrl+c") {
		t.Fatal("ctrl+c at the question did not quit")
	}
	if err := m.Finish(); err != nil || !exists() {
		t.Fatalf("an unanswered question lost the file: %v", err)
	}
	m, up = newRecovering(t, dir)
	testkit.Drive(t, up, "n")
	if m.recovery != nil || exists() || m.s.Mapping.RuleFor("email") != nil {
		t.Fatalf("n: question %v, file %v", m.recovery != nil, exists())
	}

	// An unreadable recovery file is reported, never offered or fatal.
	if err := os.WriteFile(file, []byte("seam: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m, _ = newRecovering(t, dir)
	if m.recovery != nil || !m.statusErr || !strings.Contains(m.status, "recovery file") || strings.Contains(m.status, "\n") {
		t.Fatalf("bad file: question %v, status %q", m.recovery != nil, m.status)
	}
}

// TestRecoverPathKeys: the demo, a mapping and a new mapping over two
// schemas each get their own file; the same files the same one.
func TestRecoverPathKeys(t *testing.T) {
	a := recoverPath("/d", Options{Mapping: "m.seam.yaml"}, false)
	b := recoverPath("/d", Options{Mapping: "./m.seam.yaml"}, false)
	c := recoverPath("/d", Options{Mapping: "n.seam.yaml"}, false)
	d := recoverPath("/d", Options{Source: "s.json", Target: "t.sql"}, false)
	e := recoverPath("/d", Options{}, true)
	if a != b || a == c || a == d || e != "/d/demo.seam.yaml" || !strings.HasSuffix(a, ".seam.yaml") {
		t.Fatalf("%s %s %s %s %s", a, b, c, d, e)
	}
	if recoverPath("", Options{}, true) != "" {
		t.Fatal("no dir, no file")
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
