// Package common holds what seam's screens share: the Session (the mapping
// being edited, its two schemas, the dataset, the last run, undo/redo), the
// Screen interface, the Job that runs background work, and the messages
// screens send to the root model.
package common

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// Session is the state every screen works on. Screens change the mapping
// only through Do so that every change can be undone.
type Session struct {
	Mapping *mapping.Mapping
	Src     *schema.Schema
	Dst     *schema.Schema
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
	s.undo = append(s.undo, snapshot{label: label, m: Clone(s.Mapping), dirty: s.Dirty})
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

// Clone deep-copies a mapping so snapshots never share rule or lookup
// values with the live mapping.
func Clone(m *mapping.Mapping) *mapping.Mapping {
	if m == nil {
		return nil
	}
	c := *m
	c.Lookups = make([]*mapping.Lookup, len(m.Lookups))
	for i, l := range m.Lookups {
		lc := *l
		lc.Entries = append([]mapping.LookupEntry(nil), l.Entries...)
		if l.Default != nil {
			d := *l.Default
			lc.Default = &d
		}
		c.Lookups[i] = &lc
	}
	c.Rules = make([]*mapping.Rule, len(m.Rules))
	for i, r := range m.Rules {
		rc := *r
		rc.From = append([]string(nil), r.From...)
		rc.Why = append([]string(nil), r.Why...)
		c.Rules[i] = &rc
	}
	c.IgnoreSource = append([]string(nil), m.IgnoreSource...)
	c.Acknowledged = make([]*mapping.Ack, len(m.Acknowledged))
	for i, a := range m.Acknowledged {
		ac := *a
		c.Acknowledged[i] = &ac
	}
	return &c
}

// RefFrom turns ref, a schema path as the user typed it (relative to the
// working directory, with an optional #selector), into the form the
// mapping file at mappingPath stores: relative to the mapping's folder
// (absolute paths too, so mapping files travel with their schemas).
func RefFrom(mappingPath, ref string) string {
	if mappingPath == "" || ref == "" {
		return ref
	}
	file, sel := ref, ""
	if i := lastHash(ref); i >= 0 {
		file, sel = ref[:i], ref[i:]
	}
	absFile, err1 := filepath.Abs(file)
	absDir, err2 := filepath.Abs(filepath.Dir(mappingPath))
	if err1 != nil || err2 != nil {
		return ref
	}
	rel, err := filepath.Rel(absDir, absFile)
	if err != nil {
		return ref
	}
	return filepath.ToSlash(rel) + sel
}

func lastHash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '#' {
			return i
		}
		if s[i] == '/' {
			return -1
		}
	}
	return -1
}

// Rebase rewrites the mapping's schema references (and lookup files) so
// that they stay right when the mapping moves from its current Path to
// newPath.
func Rebase(m *mapping.Mapping, newPath string) {
	move := func(ref string) string {
		if ref == "" {
			return ref
		}
		return RefFrom(newPath, m.Resolve(ref))
	}
	m.Source.Schema = move(m.Source.Schema)
	m.Target.Schema = move(m.Target.Schema)
	for _, l := range m.Lookups {
		l.File = move(l.File)
	}
}
