// Package testkit helps the TUI tests: golden files with -update, a demo
// session over the real engine, key messages, and a driver that runs the
// commands a model returns and feeds their messages back.
package testkit

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/backend"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/demo"
)

// The -update flag rewrites golden files instead of comparing with them.
// x/exp/golden (through teatest) defines the same flag; packages are
// initialised in import-path order, so when it is linked in it is already
// there and shared.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata/")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// Pin fixes the colour profile so views are plain text.
func Pin() {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// Golden compares got with testdata/NAME.golden (or writes it with -update).
func Golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the view (run go test -update after checking):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// DemoSession opens the embedded demo on the real engine.
func DemoSession(t testing.TB) *common.Session {
	t.Helper()
	m, src, dst, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &common.Session{Mapping: m, Src: src, Dst: dst, Demo: true, SavePath: "./" + demo.MappingFile, Eng: backend.New()}
}

// MultiDir is the folder of the two-target fixture: an order JSON Schema
// with lineItems[], a DDL with orders and order_details, the mapping
// shop.seam.yaml (order_details iterates lineItems, parent orders) and
// four orders in orders.jsonl.
func MultiDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "multi")
}

// MultiSession opens the two-target fixture on the real engine, by a
// path relative to the test's folder (so views name files the same way
// on every machine). Tests that save write elsewhere (mapping.Save
// rebases the schema references).
func MultiSession(t testing.TB) *common.Session {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Rel(wd, MultiDir())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "shop.seam.yaml")
	m, err := mapping.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := &common.Session{Mapping: m, Src: src, Dst: dst, SavePath: filepath.Join(t.TempDir(), "shop.seam.yaml"), Eng: backend.New()}
	if err := s.OpenTargets(); err != nil {
		t.Fatal(err)
	}
	return s
}

// Key returns the key message for a key name as key.Matches sees it:
// "enter", "tab", "shift+tab", "esc", "up", "down", "left", "right",
// "backspace", "ctrl+s", "ctrl+r", "ctrl+c", "space", or runes ("a", "1").
func Key(name string) tea.KeyMsg {
	switch name {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+r":
		return tea.KeyMsg{Type: tea.KeyCtrlR}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// Updater is a model's Update as the driver calls it.
type Updater func(tea.Msg) tea.Cmd

// Quit reports that a command asked the program to quit.
type Quit struct{}

// Drive sends each message (a key name string or a tea.Msg) to update and
// runs the returned commands to completion, feeding their messages back.
// It reports whether a command asked to quit.
func Drive(t testing.TB, update Updater, msgs ...any) (quit bool) {
	t.Helper()
	for _, x := range msgs {
		var msg tea.Msg
		switch v := x.(type) {
		case string:
			msg = Key(v)
		default:
			msg = v
		}
		if Settle(t, update, update(msg)) {
			quit = true
		}
	}
	return quit
}

// Type sends each rune of text as a key.
func Type(t testing.TB, update Updater, text string) {
	t.Helper()
	for _, r := range text {
		Settle(t, update, update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))
	}
}

// Settle runs cmd and everything it leads to; cursor blinks are dropped.
// Commands run concurrently (a listener may wait for a worker), their
// messages are handled one at a time. It reports a quit.
func Settle(t testing.TB, update Updater, cmd tea.Cmd) (quit bool) {
	t.Helper()
	msgs := make(chan tea.Msg, 64)
	pending := 0
	var start func(tea.Cmd)
	start = func(c tea.Cmd) {
		if c == nil {
			return
		}
		pending++
		go func() { msgs <- c() }()
	}
	start(cmd)
	deadline := time.After(20 * time.Second)
	for steps := 0; pending > 0; steps++ {
		if steps > 100000 {
			t.Fatal("testkit: too many messages; a command loops")
		}
		var msg tea.Msg
		select {
		case msg = <-msgs:
		case <-deadline:
			t.Fatal("testkit: commands did not finish within 20s")
		}
		pending--
		if seq := sequence(msg); seq != nil {
			// tea.Sequence: run the commands one after another.
			pending++
			go func() {
				for _, c := range seq {
					if c == nil {
						continue
					}
					pending := c()
					if inner := sequence(pending); inner != nil {
						for _, ic := range inner {
							if ic != nil {
								msgs <- wrapped{ic()}
							}
						}
						continue
					}
					msgs <- wrapped{pending}
				}
				msgs <- nil
			}()
			continue
		}
		if w, ok := msg.(wrapped); ok {
			pending++ // a message of a running sequence, not a finished command
			msg = w.msg
		}
		switch m := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range m {
				start(c)
			}
		case tea.QuitMsg:
			quit = true
		default:
			if strings.HasPrefix(fmt.Sprintf("%T", m), "cursor.") {
				continue
			}
			start(update(m))
		}
	}
	return quit
}

// Model adapts a tea.Model to an Updater that keeps the model current.
func Model(m *tea.Model) Updater {
	return func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		*m, cmd = (*m).Update(msg)
		return cmd
	}
}

// Screen adapts a common.Screen's Update.
func Screen(s common.Screen) Updater { return s.Update }

// wrapped marks a message produced inside a sequence.
type wrapped struct{ msg tea.Msg }

// sequence returns the commands of tea.Sequence's (unexported) message.
func sequence(msg tea.Msg) []tea.Cmd {
	if msg == nil {
		return nil
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type() == reflect.TypeOf(tea.BatchMsg(nil)) {
		return nil
	}
	if v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out
}
