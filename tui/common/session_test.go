package common

import (
	"testing"

	"github.com/seamhq/seam/mapping"
)

func demo() *Session {
	return &Session{Mapping: &mapping.Mapping{
		Lookups: []*mapping.Lookup{{Name: "s", Entries: []mapping.LookupEntry{{Key: "P", Value: "pending"}}}},
		Rules:   []*mapping.Rule{{Target: "a", From: []string{"x"}, Status: mapping.StatusSuggested}},
	}}
}

func TestDoUndoRedo(t *testing.T) {
	s := demo()
	s.Do("accept a", func(m *mapping.Mapping) { m.Rules[0].Status = mapping.StatusAccepted })
	s.Do("add b", func(m *mapping.Mapping) { m.Rules = append(m.Rules, &mapping.Rule{Target: "b"}) })
	s.Do("lookup", func(m *mapping.Mapping) { m.Lookups[0].Entries[0].Value = "open" })
	if !s.Dirty || s.Version != 3 {
		t.Fatalf("dirty %v version %d", s.Dirty, s.Version)
	}
	for _, want := range []string{"lookup", "add b", "accept a"} {
		if got, ok := s.Undo(); !ok || got != want {
			t.Fatalf("undo = %q, want %q", got, want)
		}
	}
	if _, ok := s.Undo(); ok {
		t.Fatal("undo past the start")
	}
	if s.Dirty || s.Mapping.Rules[0].Status != mapping.StatusSuggested || len(s.Mapping.Rules) != 1 || s.Mapping.Lookups[0].Entries[0].Value != "pending" {
		t.Fatalf("after undo: %+v dirty %v", s.Mapping.Rules[0], s.Dirty)
	}
	s.Redo()
	s.Redo()
	if len(s.Mapping.Rules) != 2 || s.Mapping.Rules[0].Status != mapping.StatusAccepted {
		t.Fatal("redo")
	}
	// A new change drops the redo stack.
	s.Do("x", func(m *mapping.Mapping) {})
	if s.CanRedo() {
		t.Fatal("redo survived a new change")
	}
	// Saving clears the marker; undoing past the save sets it again.
	s.MarkSaved()
	s.Undo()
	if !s.Dirty {
		t.Fatal("undo past a save is not dirty")
	}
}

func TestCloneIsDeep(t *testing.T) {
	s := demo()
	c := s.Mapping.Clone()
	c.Rules[0].From[0] = "changed"
	c.Lookups[0].Entries[0].Key = "Q"
	if s.Mapping.Rules[0].From[0] != "x" || s.Mapping.Lookups[0].Entries[0].Key != "P" {
		t.Fatal("Clone shares data")
	}
}
