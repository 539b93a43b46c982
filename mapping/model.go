// Package mapping is the mapping document: the file model (*.seam.yaml),
// loading and saving it, cloning, rebasing relative paths and lookups.
// Package mapping/engine compiles a Mapping against its two schemas into a
// Program and runs records through it.
package mapping

import (
	"path/filepath"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/schema"
)

// FormatVersion is the `seam:` version this build reads and writes.
const FormatVersion = 1

// Rule statuses.
const (
	StatusSuggested = "suggested"
	StatusAccepted  = "accepted"
	StatusRejected  = "rejected"
)

// Mapping is one *.seam.yaml file.
type Mapping struct {
	Seam   int
	Name   string
	Source SchemaRef
	Target SchemaRef
	// Lookups in file order.
	Lookups []*Lookup
	Rules   []*Rule
	// IgnoreSource lists source fields dropped on purpose.
	IgnoreSource []string
	// Acknowledged findings: still reported, no longer failing CI.
	Acknowledged []*Ack
	// Path is the file the mapping was loaded from or saved to; schema
	// references are relative to its folder.
	Path string
	// Pos of the top-level keys, for diagnostics.
	Pos diag.Pos
	// AllowPaths are folders, besides the mapping's own folder and the
	// working directory, that the files it names (schemas, lookup files)
	// may be read from (`--allow-path`). Not saved in the file.
	AllowPaths []string

	// comments read from the file, kept when it is written back; keyed by
	// a path that names rules by their Name, so reordering keeps them.
	comments map[string]*commentSet
}

// SchemaRef names a schema file (with an optional #selector) relative to
// the mapping file, and the fingerprint it had when the mapping was saved.
type SchemaRef struct {
	Schema      string
	Fingerprint string
	Pos         diag.Pos
}

// Lookup is a named code table, inline or read from a two-column CSV file.
type Lookup struct {
	Name    string
	Entries []LookupEntry
	// File, when the table lives in a CSV (key,value) beside the mapping.
	File string
	// Default used by lookup(name, key) when the key is missing and no
	// default argument is given; nil means a miss is an error.
	Default *string
	Pos     diag.Pos
}

// LookupEntry is one key -> value pair.
type LookupEntry struct {
	Key   string
	Value string
}

// Rule writes one target field.
type Rule struct {
	// ID is optional and stable across edits; when empty the target path
	// names the rule.
	ID     string
	Target string
	From   []string
	// Expr in expr-lang syntax; empty means a checked cast of From[0].
	Expr       string
	Status     string
	Confidence float64
	Why        []string
	// OnError: "" or "reject" (default), "null", "default(VALUE)", "keep".
	OnError string
	Notes   string
	Pos     diag.Pos
	// ExprPos is where the expression text starts, so diagnostics point into it.
	ExprPos diag.Pos
}

// Name returns the rule's ID or, when it has none, its target.
func (r *Rule) Name() string {
	if r.ID != "" {
		return r.ID
	}
	return r.Target
}

// Active reports whether the rule runs: accepted or no status. Suggested and
// rejected rules do not write data.
func (r *Rule) Active() bool {
	return r.Status == "" || r.Status == StatusAccepted
}

// Ack acknowledges a finding: it stays in reports but no longer fails CI.
type Ack struct {
	Kind   string
	Target string
	By     string
	Why    string
	Pos    diag.Pos
}

// RuleFor returns the first active rule writing target, or nil.
func (m *Mapping) RuleFor(target string) *Rule {
	for _, r := range m.Rules {
		if r.Target == target && r.Active() {
			return r
		}
	}
	return nil
}

// LookupNamed returns the lookup table called name, or nil.
func (m *Mapping) LookupNamed(name string) *Lookup {
	for _, l := range m.Lookups {
		if l.Name == name {
			return l
		}
	}
	return nil
}

// Resolve turns a path written in the mapping (a schema or lookup file,
// possibly with #selector) into one relative to the working directory. It
// only joins paths; LoadSchemas and LoadLookupFiles also confine them.
func (m *Mapping) Resolve(ref string) string {
	if ref == "" || filepath.IsAbs(ref) || m.Path == "" {
		return ref
	}
	return filepath.Join(filepath.Dir(m.Path), ref)
}

// Feeds maps each source field an active rule reads to the target field
// that rule writes (the first such rule in file order), so generated data
// can aim its edge cases at the target's limits too (VARCHAR(100): 100 and
// 101 characters). Fields either schema lacks are left out. It is the one
// answer to "which target does this source field feed", for seam synth,
// seam check --synth and the TUI's generate screen alike.
func (m *Mapping) Feeds(src, dst *schema.Schema) map[string]*schema.Field {
	out := map[string]*schema.Field{}
	if m == nil || src == nil || dst == nil {
		return out
	}
	for _, r := range m.Rules {
		if !r.Active() {
			continue
		}
		t := dst.Lookup(r.Target)
		if t == nil {
			continue
		}
		for _, f := range r.From {
			if src.Lookup(f) != nil {
				if _, seen := out[f]; !seen {
					out[f] = t
				}
			}
		}
	}
	return out
}
