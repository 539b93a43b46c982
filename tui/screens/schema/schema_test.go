package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

func newScreen(t *testing.T, w, h int) (*Model, *common.Session, testkit.Updater) {
	testkit.Pin()
	s := testkit.DemoSession(t)
	m := New(s)
	m.SetSize(w, h)
	up := func(msg tea.Msg) tea.Cmd {
		cmd := m.Update(msg)
		return cmd
	}
	return m, s, up
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
		keys []string
	}{
		{"start_80x24", 80, 21, nil},
		{"start_120x40", 120, 37, nil},
		{"folded_120x40", 120, 37, []string{"j", "j", "j", "j", "j", "j", "j", "j", "j", "space"}},
		{"target_80x24", 80, 21, []string{"tab", "j"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _, up := newScreen(t, tc.w, tc.h)
			testkit.Drive(t, up, toAny(tc.keys)...)
			v := m.View()
			if n := strings.Count(v, "\n") + 1; n != tc.h {
				t.Errorf("%d lines, want %d", n, tc.h)
			}
			testkit.Golden(t, tc.name, v)
		})
	}
}

func toAny(keys []string) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

func TestFuzzyFilter(t *testing.T) {
	m, _, up := newScreen(t, 80, 21)
	testkit.Drive(t, up, "/")
	if !m.Capturing() {
		t.Fatal("/ did not open the filter")
	}
	testkit.Type(t, up, "zip")
	src := m.trees[Source].list.VisibleItems()
	if len(src) != 1 || src[0].f.Path != "shipping_address.zip" {
		t.Fatalf("filter zip: %d shown", len(src))
	}
	testkit.Golden(t, "filter_80x24", m.View())
	// Fuzzy: letters in order, not adjacent.
	testkit.Drive(t, up, "backspace", "backspace", "backspace")
	testkit.Type(t, up, "otc")
	found := false
	for _, r := range m.trees[Source].list.VisibleItems() {
		if r.f.Path == "order_total_cents" {
			found = true
		}
	}
	if !found {
		t.Fatal("fuzzy otc did not match order_total_cents")
	}
	testkit.Drive(t, up, "esc")
	if m.Capturing() || m.trees[Source].list.Len() != len(m.trees[Source].rows) {
		t.Fatal("esc did not clear the filter")
	}
}

func TestOpenWithCompletion(t *testing.T) {
	dir := t.TempDir()
	ddl := "CREATE TABLE customer (\n  id INTEGER PRIMARY KEY,\n  full_name VARCHAR(80) NOT NULL\n);\n"
	if err := os.WriteFile(filepath.Join(dir, "crm_customer.sql"), []byte(ddl), 0o644); err != nil {
		t.Fatal(err)
	}
	m, s, up := newScreen(t, 80, 21)
	testkit.Drive(t, up, "tab", "o", "ctrl+u")
	testkit.Type(t, up, filepath.Join(dir, "crm"))
	testkit.Drive(t, up, "tab")
	if got := m.open.Value(); got != filepath.Join(dir, "crm_customer.sql") {
		t.Fatalf("completion: %q", got)
	}
	testkit.Drive(t, up, "enter")
	if s.Dst == nil || s.Dst.Lookup("full_name") == nil {
		t.Fatalf("target not replaced: %+v", s.Dst)
	}
	if !s.Dirty || !strings.HasSuffix(s.Mapping.Target.Schema, "crm_customer.sql") {
		t.Fatalf("mapping target ref %q", s.Mapping.Target.Schema)
	}
	// A broken file: an error, the schema stays.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\"type\": \"object\", \"properties\": {"), 0o644)
	var status common.StatusMsg
	testkit.Drive(t, func(msg tea.Msg) tea.Cmd {
		if st, ok := msg.(common.StatusMsg); ok {
			status = st
		}
		return up(msg)
	}, "o", "ctrl+u", bad, "enter")
	if !status.Err || !strings.Contains(status.Text, "bad.json") {
		t.Fatalf("status %+v: want an error naming the file", status)
	}
	if s.Dst.Lookup("full_name") == nil {
		t.Fatal("a failed load replaced the schema")
	}
}

// TestHostileNamesAreEscaped: field names and descriptions with terminal
// escapes (a title change, leaving the alternate screen), carriage returns
// and bidi overrides are shown as ‹U+XXXX›, never sent raw (#20.2).
func TestHostileNamesAreEscaped(t *testing.T) {
	testkit.Pin()
	s := testkit.DemoSession(t)
	f := s.Src.Fields[0]
	f.Name = "\x1b]0;pwned\a\x1b[?1049l"
	f.Path = f.Name
	f.Description = "over\rwrite\u202Eevil"
	m := New(s)
	m.SetSize(120, 37)
	v := m.View()
	for _, bad := range []string{"\x1b", "\a", "\r", "\u202E"} {
		if strings.Contains(v, bad) {
			t.Errorf("schema view holds %q raw:\n%s", bad, v)
		}
	}
	if !strings.Contains(v, "‹U+001B›]0;pwned") || !strings.Contains(v, "over‹U+000D›write‹U+202E›evil") {
		t.Errorf("schema view does not show the escaped name and description:\n%s", v)
	}
}
