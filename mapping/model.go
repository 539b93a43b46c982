// Package mapping is the mapping document: the file model (*.seam.yaml),
// loading and saving it, cloning, rebasing relative paths and lookups.
// Package mapping/engine compiles a Mapping against its two schemas into a
// Program and runs records through it.
package mapping

import (
	"path/filepath"
	"slices"
	"strings"

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
	// Target and Rules are the first target (the only one of a mapping
	// written with `target:` and `rules:`); TargetName, Each and Parent
	// are its `name`, `each` and `parent` in the `targets:` form.
	Target SchemaRef
	// Lookups in file order.
	Lookups []*Lookup
	Rules   []*Rule
	// TargetName is the first target's output name as written ("" takes
	// the default: see OutName).
	TargetName string
	// Each names the source array the first target iterates
	// (lineItems, lineItems[].discountAllocations); "" for one row per
	// record.
	Each string
	// Parent names an earlier target whose row must not be rejected for
	// this target's row to be written.
	Parent string
	// GroupBy lists the source paths whose values key a group: consecutive
	// records with the same key become one target document (nil: one
	// document per record).
	GroupBy []string
	// Extra are the further targets of a `targets:` mapping, in file order.
	Extra []*Target
	// Joins bring further datasets in by key, in file order.
	Joins []*Join
	// IgnoreSource lists source fields dropped on purpose.
	IgnoreSource []string
	// IgnoreTarget lists target fields left unmapped on purpose (a
	// nullable field the target marks required, one the target system
	// fills): never reported as unmapped_required, counted as covered,
	// listed as such in reports. With several targets a path is ignored
	// in every target that has it; a target's own list is its entry's
	// ignore_target (OwnIgnoreTarget, Target.IgnoreTarget).
	IgnoreTarget []string
	// OwnIgnoreTarget is the first target's own ignore_target (its item of
	// `targets:`), target fields unmapped on purpose in that target only;
	// in a view of Targets, the viewed target's. See IgnoredTargets.
	OwnIgnoreTarget []string
	// Acknowledged findings: still reported, no longer failing CI.
	Acknowledged []*Ack
	// Tests is the `tests:` section as written (from its key to its last
	// line, comments kept), read by package mapping/mtest and written back
	// unchanged; TestsLine is the file line its key stands on.
	Tests     string
	TestsLine int
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

// Target is one target of a `targets:` mapping beyond the first (the
// first lives in Mapping.Target, Rules, TargetName, Each and Parent).
type Target struct {
	Name    string
	Schema  SchemaRef
	Each    string
	Parent  string
	GroupBy []string
	Rules   []*Rule
	// IgnoreTarget lists this target's fields unmapped on purpose (the
	// item's ignore_target), besides the mapping's own ignore_target.
	IgnoreTarget []string
	Pos          diag.Pos
}

// Join is a dataset brought in by key: in rules its fields are
// NAME.FIELD.
type Join struct {
	Name string
	// Schema is the joined data's schema (FILE or FILE#SELECTOR).
	Schema string
	// Data is the joined data file, relative to the mapping; `--join
	// NAME=FILE` overrides it.
	Data string
	// On pairs a left path (a source field, or an earlier join's field
	// written JOIN.FIELD) with a key field of the joined data.
	On []JoinKey
	// OnMiss is "reject" (default, also "") or "null".
	OnMiss string
	// OnDuplicate is "" (a repeated key is an error) or "first".
	OnDuplicate string
	Pos         diag.Pos
}

// JoinKey is one `left: right` pair of a join's `on`.
type JoinKey struct {
	Left, Right string
}

// Join on_miss and on_duplicate modes.
const (
	JoinMissReject = "reject"
	JoinMissNull   = "null"
	JoinDupFirst   = "first"
)

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
	// For a rule with Items it is ItemsExpr(Items), made when the file is
	// read (Marshal writes the items, not the expression).
	Expr string
	// Items build an array of objects, one element per item (see
	// ItemsExpr); nil for an ordinary rule.
	Items      []Item
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

// OutName is the first target's output name: TargetName, else the target
// schema's #selector, else its file stem.
func (m *Mapping) OutName() string {
	if m.TargetName != "" {
		return m.TargetName
	}
	return defaultTargetName(m.Target.Schema)
}

// TableName is the table a schema reference names: its #selector, else
// its file stem (orders.schema.json -> orders). A target's default name
// and the file of a dataset's table (seam run --dataset) follow it.
func TableName(ref string) string { return defaultTargetName(ref) }

func defaultTargetName(ref string) string {
	file, sel := splitSelector(ref)
	if sel != "" {
		return sel[1:]
	}
	base := filepath.Base(file)
	for {
		ext := filepath.Ext(base)
		if ext == "" || ext == base {
			return base
		}
		base = strings.TrimSuffix(base, ext)
	}
}

// MultiTarget reports a mapping that needs the `targets:` form: several
// targets, an iteration, joins or a named target.
func (m *Mapping) MultiTarget() bool {
	return len(m.Extra) > 0 || m.Each != "" || m.Parent != "" || len(m.Joins) > 0 || m.TargetName != "" || len(m.GroupBy) > 0
}

// Targets returns one single-target view per target, in file order: index
// 0 is m itself; the others are shallow copies sharing Source, Lookups,
// Joins, Path and AllowPaths, with the Target, Rules, TargetName, Each and
// Parent of that target (their Extra is nil). The rules themselves are
// shared, so editing a rule of a view edits the mapping.
func (m *Mapping) Targets() []*Mapping {
	out := make([]*Mapping, 0, 1+len(m.Extra))
	out = append(out, m)
	for _, t := range m.Extra {
		c := *m
		c.Target, c.Rules, c.TargetName, c.Each, c.Parent, c.GroupBy = t.Schema, t.Rules, t.Name, t.Each, t.Parent, t.GroupBy
		c.OwnIgnoreTarget = t.IgnoreTarget
		c.Extra = nil
		out = append(out, &c)
	}
	return out
}

// IgnoredTargets lists the target fields unmapped on purpose in m's
// (first) target: the mapping's ignore_target, then the target's own.
// For another target, call it on its view (Targets).
func (m *Mapping) IgnoredTargets() []string {
	if len(m.OwnIgnoreTarget) == 0 {
		return m.IgnoreTarget
	}
	out := append([]string(nil), m.IgnoreTarget...)
	for _, p := range m.OwnIgnoreTarget {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// JoinNamed returns the join called name, or nil.
func (m *Mapping) JoinNamed(name string) *Join {
	return first(m.Joins, func(j *Join) bool { return j.Name == name })
}

// RuleFor returns the first active rule writing target, or nil.
func (m *Mapping) RuleFor(target string) *Rule {
	return first(m.Rules, func(r *Rule) bool { return r.Target == target && r.Active() })
}

// LookupNamed returns the lookup table called name, or nil.
func (m *Mapping) LookupNamed(name string) *Lookup {
	return first(m.Lookups, func(l *Lookup) bool { return l.Name == name })
}

// first is the first of xs that match accepts, or the zero value.
func first[T any](xs []T, match func(T) bool) T {
	for _, x := range xs {
		if match(x) {
			return x
		}
	}
	var zero T
	return zero
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
