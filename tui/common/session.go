// Package common holds what seam's screens share: the Session (the mapping
// being edited, its two schemas, the dataset, the last run, undo/redo), the
// Screen interface, the Job that runs background work, and the messages
// screens send to the root model.
package common

import (
	"context"
	"fmt"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// Session is the state every screen works on. Screens change the mapping
// only through Do so that every change can be undone.
type Session struct {
	Mapping *mapping.Mapping
	Src     *schema.Schema
	// Dst is the schema of the target being edited (the active one of a
	// mapping with several targets).
	Dst *schema.Schema
	// Targets are the schemas of every target, in Mapping.Targets order,
	// for a mapping with several targets (nil otherwise); Active is the
	// index of the one being edited (see SetActive).
	Targets []*schema.Schema
	Active  int
	// Joins are the joined datasets' schemas by join name.
	Joins map[string]*schema.Schema
	// SavePath is where ctrl+s writes; for the demo it starts as
	// ./demo.seam.yaml.
	SavePath string
	// Demo is set when the session started from the embedded demo.
	Demo bool
	// SavedOnce is set after the first successful save.
	SavedOnce bool
	// Dirty marks unsaved changes.
	Dirty bool
	// Version grows with every change of the mapping, so screens know when
	// to recompile.
	Version int
	// Data is the dataset the mapping runs over (generated or loaded).
	Data *Dataset
	// Run is the result of the last run, nil before the first.
	Run *RunResult
	// Eng is the engine the screens call (from commands only).
	Eng Engine
	// Ctx is the program's context: work the screens start derives from
	// it (Job.Start), so that it stops when the program ends.
	Ctx context.Context

	undo, redo []snapshot
}

type snapshot struct {
	label string
	m     *mapping.Mapping
	dirty bool
}

// Context returns the program's context; without one (tests that drive
// the model directly) a context that is never cancelled.
func (s *Session) Context() context.Context {
	if s.Ctx == nil {
		return context.Background()
	}
	return s.Ctx
}

// maxUndo bounds the undo stack.
const maxUndo = 200

// Do records the mapping as it is, applies fn to it and marks the session
// dirty. The label names the change in the status line ("link email").
func (s *Session) Do(label string, fn func(m *mapping.Mapping)) {
	s.undo = append(s.undo, snapshot{label: label, m: s.Mapping.Clone(), dirty: s.Dirty})
	if len(s.undo) > maxUndo {
		s.undo = s.undo[len(s.undo)-maxUndo:]
	}
	s.redo = nil
	fn(s.Mapping)
	s.Dirty = true
	s.Version++
}

// CanUndo reports whether there is a change to undo.
func (s *Session) CanUndo() bool { return len(s.undo) > 0 }

// CanRedo reports whether there is a change to redo.
func (s *Session) CanRedo() bool { return len(s.redo) > 0 }

// Undo restores the mapping before the last change and returns its label.
func (s *Session) Undo() (string, bool) { return s.step(&s.undo, &s.redo) }

// Redo applies the last undone change again and returns its label.
func (s *Session) Redo() (string, bool) { return s.step(&s.redo, &s.undo) }

// step makes the top snapshot of from the mapping and keeps the mapping
// it replaces on top of to.
func (s *Session) step(from, to *[]snapshot) (string, bool) {
	n := len(*from)
	if n == 0 {
		return "", false
	}
	top := (*from)[n-1]
	*from = (*from)[:n-1]
	*to = append(*to, snapshot{label: top.label, m: s.Mapping, dirty: s.Dirty})
	s.Mapping, s.Dirty = top.m, top.dirty
	s.Version++
	return top.label, true
}

// MarkSaved clears the unsaved marker. Undo history stays; undoing past a
// save marks the session dirty again.
func (s *Session) MarkSaved() {
	s.Dirty = false
	for i := range s.undo {
		s.undo[i].dirty = true
	}
	for i := range s.redo {
		s.redo[i].dirty = true
	}
}

// FileLabel names the session's file for the status line.
func (s *Session) FileLabel() string {
	if s.SavePath != "" {
		if s.Demo {
			return fmt.Sprintf("%s (demo)", s.SavePath)
		}
		return s.SavePath
	}
	return "(unsaved mapping)"
}

// SetTests sets the mapping's tests: section (text as written, and the
// file line it stands on) once it has been written to the mapping's file
// on its own (mapping.Mapping.SaveTests): in the mapping and in every
// undo and redo step, so that neither undoing nor saving the mapping later
// drops a test that is already in the file. It is no change to undo and
// leaves Dirty as it is; Version grows, so that a recovery file of unsaved
// changes gets the tests too.
func (s *Session) SetTests(text string, line int) {
	set := func(m *mapping.Mapping) {
		if m != nil {
			m.Tests, m.TestsLine = text, line
		}
	}
	set(s.Mapping)
	for _, st := range s.undo {
		set(st.m)
	}
	for _, st := range s.redo {
		set(st.m)
	}
	s.Version++
}
