package common

import (
	"fmt"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
)

// A session over a mapping with several targets (targets:) edits one of
// them at a time, the active one: Dst is its schema and the Mapper shows
// its rules against the source as that target sees it (joins as objects,
// an iterated array as its element plus $line; see engine.TargetView).

// TargetCount is the number of targets of the mapping (1 without one).
func (s *Session) TargetCount() int {
	if s.Mapping == nil {
		return 1
	}
	return 1 + len(s.Mapping.Extra)
}

// Multi reports a session whose mapping has several targets.
func (s *Session) Multi() bool { return s.TargetCount() > 1 }

// ActiveTarget is the index (in Mapping.Targets order) of the target
// being edited, kept within range.
func (s *Session) ActiveTarget() int {
	if s.Active < 0 || s.Active >= s.TargetCount() {
		return 0
	}
	return s.Active
}

// SetActive makes target i the one being edited (Dst becomes its schema).
func (s *Session) SetActive(i int) {
	if i < 0 || i >= s.TargetCount() {
		return
	}
	s.Active = i
	if i < len(s.Targets) && s.Targets[i] != nil {
		s.Dst = s.Targets[i]
	}
}

// SetTarget replaces the active target's schema (opened on the Schemas
// screen).
func (s *Session) SetTarget(sc *schema.Schema) {
	s.Dst = sc
	if i := s.ActiveTarget(); i < len(s.Targets) {
		s.Targets[i] = sc
	}
}

// TargetSchemas returns the schema of every target in Mapping.Targets
// order (Dst alone for a session with one target); nil entries are
// targets whose schema is not loaded.
func (s *Session) TargetSchemas() []*schema.Schema {
	if !s.Multi() || len(s.Targets) == 0 {
		return []*schema.Schema{s.Dst}
	}
	out := make([]*schema.Schema, s.TargetCount())
	copy(out, s.Targets)
	return out
}

// TargetName returns the output name of target i.
func (s *Session) TargetName(i int) string {
	vs := s.Mapping.Targets()
	if i < 0 || i >= len(vs) {
		return ""
	}
	return vs[i].OutName()
}

// Rules returns a pointer to the rules of target ti of mp (Rules for the
// first, Extra[ti-1].Rules for the others), so that screens edit the
// active target's rules through Session.Do.
func Rules(mp *mapping.Mapping, ti int) *[]*mapping.Rule {
	if ti > 0 && ti <= len(mp.Extra) {
		return &mp.Extra[ti-1].Rules
	}
	return &mp.Rules
}

// ActiveRules returns the active target's rules.
func (s *Session) ActiveRules() []*mapping.Rule {
	if s.Mapping == nil {
		return nil
	}
	return *Rules(s.Mapping, s.ActiveTarget())
}

// Each returns what the active target iterates ("" for one row per record).
func (s *Session) Each() string {
	if s.Mapping == nil {
		return ""
	}
	return s.Mapping.Targets()[s.ActiveTarget()].Each
}

// View returns the active target of mp as a single-target mapping and the
// source schema its rules see, for compiling, checking and previewing. For
// a plain mapping it is mp and Src. A wrong each leaves the view with the
// joined source (the compile names the problem).
func (s *Session) View(mp *mapping.Mapping) (*mapping.Mapping, *schema.Schema) {
	if mp == nil || (!mp.MultiTarget() && s.ActiveTarget() == 0) {
		return mp, s.Src
	}
	v, src, _ := engine.TargetView(mp, s.Src, s.Joins, s.ActiveTarget())
	if v == nil {
		return mp, s.Src
	}
	return v, src
}

// ViewSource returns the source schema the active target's rules see.
func (s *Session) ViewSource() *schema.Schema {
	_, src := s.View(s.Mapping)
	return src
}

// SetFingerprints records in mp the fingerprints of the source and of
// every target's schema, as they are now (before a save).
func (s *Session) SetFingerprints(mp *mapping.Mapping) {
	ts := s.TargetSchemas()
	mp.SetFingerprints(s.Src, ts[0])
	for i, t := range mp.Extra {
		if i+1 < len(ts) && ts[i+1] != nil {
			t.Schema.Fingerprint = ts[i+1].Fingerprint()
		}
	}
}

// OpenTargets loads the schemas of the mapping's further targets and of
// its joins (targets:, joins:); Dst must be the first target's.
func (s *Session) OpenTargets() error {
	m := s.Mapping
	if len(m.Extra) == 0 && len(m.Joins) == 0 {
		return nil
	}
	s.Targets = []*schema.Schema{s.Dst}
	for _, t := range m.Extra {
		sc, err := m.LoadSchemaRef(t.Schema.Schema, schema.Options{})
		if err != nil {
			return fmt.Errorf("target %s schema of %s (%s): %w", t.Name, m.Path, t.Schema.Pos, err)
		}
		sc.Reindex()
		s.Targets = append(s.Targets, sc)
	}
	s.Joins = map[string]*schema.Schema{}
	for _, j := range m.Joins {
		sc, err := m.LoadSchemaRef(j.Schema, schema.Options{})
		if err != nil {
			return fmt.Errorf("join %s schema of %s (%s): %w", j.Name, m.Path, j.Pos, err)
		}
		sc.Reindex()
		s.Joins[j.Name] = sc
	}
	s.SetActive(0)
	return nil
}
