package mapping

import (
	"path/filepath"
	"strings"
)

// RefFrom turns ref, a file reference as the user typed it (relative to
// the working directory or absolute, with an optional #selector), into the
// form a mapping file at mappingPath stores: relative to the mapping's
// folder, so mapping files travel with their schemas (and pass the path
// rules of mapping/internal/guard, which refuse absolute references).
// With no mappingPath, ref is returned as it is.
func RefFrom(mappingPath, ref string) string {
	if mappingPath == "" || ref == "" {
		return ref
	}
	file, sel := splitSelector(ref)
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

// splitSelector splits FILE#SELECTOR at the last '#' after the last '/'
// (a '#' inside a folder name is part of the path).
func splitSelector(ref string) (file, sel string) {
	i := strings.LastIndexByte(ref, '#')
	if i < 0 || strings.LastIndexByte(ref, '/') > i {
		return ref, ""
	}
	return ref[:i], ref[i:]
}

// Rebase rewrites the schema and lookup-file references so that they
// still name the same files once the mapping lives at newPath: references
// are read relative to m.Path's folder (to the working directory when the
// mapping has no path yet, as in a new TUI session) and written relative
// to newPath's folder. Save rebases a mapping that has a path; the TUI's
// "save as" rebases before saving. Nothing changes when the folder stays.
func (m *Mapping) Rebase(newPath string) {
	if newPath == "" || m.Path != "" && filepath.Dir(m.Path) == filepath.Dir(newPath) {
		return
	}
	move := func(ref string) string {
		if ref == "" {
			return ref
		}
		file, sel := splitSelector(ref)
		return RefFrom(newPath, m.Resolve(file)) + sel
	}
	m.Source.Schema = move(m.Source.Schema)
	m.Target.Schema = move(m.Target.Schema)
	for _, l := range m.Lookups {
		l.File = move(l.File)
	}
	for _, t := range m.Extra {
		t.Schema.Schema = move(t.Schema.Schema)
	}
	for _, j := range m.Joins {
		j.Schema = move(j.Schema)
		j.Data = move(j.Data)
	}
}

// Clone deep-copies a mapping so that a copy never shares rules, lookups
// or acknowledgements with the original (the TUI's undo snapshots, runs
// on a background goroutine).
func (m *Mapping) Clone() *Mapping {
	if m == nil {
		return nil
	}
	c := *m
	c.Lookups = make([]*Lookup, len(m.Lookups))
	for i, l := range m.Lookups {
		lc := *l
		lc.Entries = append([]LookupEntry(nil), l.Entries...)
		if l.Default != nil {
			d := *l.Default
			lc.Default = &d
		}
		c.Lookups[i] = &lc
	}
	c.Rules = cloneRules(m.Rules)
	c.Extra = nil
	for _, t := range m.Extra {
		tc := *t
		tc.Rules = cloneRules(t.Rules)
		tc.IgnoreTarget = append([]string(nil), t.IgnoreTarget...)
		c.Extra = append(c.Extra, &tc)
	}
	c.Joins = nil
	for _, j := range m.Joins {
		jc := *j
		jc.On = append([]JoinKey(nil), j.On...)
		c.Joins = append(c.Joins, &jc)
	}
	c.IgnoreSource = append([]string(nil), m.IgnoreSource...)
	c.IgnoreTarget = append([]string(nil), m.IgnoreTarget...)
	c.OwnIgnoreTarget = append([]string(nil), m.OwnIgnoreTarget...)
	c.AllowPaths = append([]string(nil), m.AllowPaths...)
	c.Acknowledged = make([]*Ack, len(m.Acknowledged))
	for i, a := range m.Acknowledged {
		ac := *a
		c.Acknowledged[i] = &ac
	}
	return &c
}

func cloneRules(rs []*Rule) []*Rule {
	out := make([]*Rule, len(rs))
	for i, r := range rs {
		rc := *r
		rc.From = append([]string(nil), r.From...)
		rc.Why = append([]string(nil), r.Why...)
		out[i] = &rc
	}
	return out
}
