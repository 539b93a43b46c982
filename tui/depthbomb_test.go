package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/tui/internal/testkit"
)

// TestDepthBombKeepsUnsavedWork: a schema nested 100,000 levels deep (it
// took ~10 GB and killed the TUI with the unsaved mapping, #20.5), opened
// from the palette in a session with unsaved edits, ends in an error on
// the status line; the edits, the schemas and the dirty mark stay. A
// depth-bomb mapping named at start is an error from New, not a crash.
func TestDepthBombKeepsUnsavedWork(t *testing.T) {
	dir := t.TempDir()
	bombs := map[string]string{
		"bomb.yaml":   "seam_schema: 1\nfields: " + strings.Repeat("[", 100000),
		"bomb.json":   strings.Repeat(`{"properties": {"a": `, 100000),
		"api.yaml":    "openapi: 3.0.0\ncomponents:\n  schemas:\n    A: " + strings.Repeat("{properties: {a: ", 20000),
		"m.seam.yaml": "seam: 1\nrules: " + strings.Repeat("[", 100000),
	}
	for name, body := range bombs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"bomb.yaml", "bomb.json", "api.yaml"} {
		for _, side := range []string{"source", "target"} {
			t.Run(side+" "+name, func(t *testing.T) {
				m, up := newDemo(t, 80, 24)
				testkit.Drive(t, up, "j", "j", "enter", "j", "j", "j", "enter")
				if !m.s.Dirty {
					t.Fatal("setup: the edit left the session clean")
				}
				before, err := m.s.Mapping.Marshal()
				if err != nil {
					t.Fatal(err)
				}
				src, dst := m.s.Src, m.s.Dst
				testkit.Drive(t, up, ":")
				testkit.Type(t, up, "open "+side+" "+filepath.Join(dir, name))
				testkit.Drive(t, up, "enter")
				if !m.statusErr || !strings.Contains(m.status, "nested deeper than 512 levels") {
					t.Errorf("status %q (error %v), want the depth error", m.status, m.statusErr)
				}
				after, err := m.s.Mapping.Marshal()
				if err != nil {
					t.Fatal(err)
				}
				if string(after) != string(before) || !m.s.Dirty || m.s.Src != src || m.s.Dst != dst {
					t.Errorf("unsaved work changed: dirty %v, mapping changed %v, schemas kept %v %v",
						m.s.Dirty, string(after) != string(before), m.s.Src == src, m.s.Dst == dst)
				}
			})
		}
	}
	if _, err := New(Options{Mapping: filepath.Join(dir, "m.seam.yaml")}); err == nil || !strings.Contains(err.Error(), "nested deeper than 512 levels") {
		t.Errorf("a depth-bomb mapping at start: err %v, want the depth error", err)
	}
}
