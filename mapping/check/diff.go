package check

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/xrash/smetrics"
)

// Compatibility classes, with Confluent Schema Registry's meaning. OLD is
// the schema before the change, NEW after it.
//
//   - BACKWARD: consumers using NEW can read data written with OLD
//     (allowed: delete fields, add optional fields; upgrade consumers first).
//   - FORWARD: consumers using OLD can read data written with NEW
//     (allowed: add fields, delete optional fields; upgrade producers first).
//   - FULL: both BACKWARD and FORWARD (add or delete optional fields only).
//   - NONE: neither; readers and writers must change together.
//
// Type changes are compatible only along safe promotions (integer widening,
// integer -> float/decimal, string <-> binary, date -> timestamp) in the
// reading direction; removing an enum symbol breaks BACKWARD, adding one
// breaks FORWARD; a rename is a delete plus an add (no aliases here).
const (
	Backward = "BACKWARD"
	Forward  = "FORWARD"
	Full     = "FULL"
	None     = "NONE"
)

// Change kinds of a DiffReport.
const (
	ChangeAdded      = "added"
	ChangeRemoved    = "removed"
	ChangeRenamed    = "renamed"
	ChangeRetyped    = "retyped"
	ChangeConstraint = "constraint"
)

// Change is one difference between two schemas.
type Change struct {
	Kind string `json:"kind"`
	// Path in OLD (NEW for added fields); NewPath for renames.
	Path    string `json:"path"`
	NewPath string `json:"new_path,omitempty"`
	Old     string `json:"old,omitempty"`
	New     string `json:"new,omitempty"`
	Detail  string `json:"detail,omitempty"`
	// Breaks lists the compatibility directions this change breaks.
	Breaks []string `json:"breaks"`
}

// DiffReport is the difference between two versions of a schema.
type DiffReport struct {
	Old     string   `json:"old"`
	New     string   `json:"new"`
	Changes []Change `json:"changes"`
	// Compatibility is BACKWARD, FORWARD, FULL or NONE.
	Compatibility string `json:"compatibility"`

	oldS, newS *schema.Schema
}

// Diff compares OLD with NEW: added, removed, suspected renames (same type
// and a similar name, or same type at the same position), retyped fields
// and changed constraints, each classed by the direction it breaks.
func Diff(old, new *schema.Schema) DiffReport {
	d := DiffReport{Old: old.Ref(), New: new.Ref(), oldS: old, newS: new}
	if d.Old == "" {
		d.Old = old.Name
	}
	if d.New == "" {
		d.New = new.Name
	}
	var removed, added []*schema.Field
	for _, f := range old.Flatten() {
		if nf := new.Lookup(f.Path); nf != nil {
			d.Changes = append(d.Changes, fieldChanges(f, nf)...)
		} else if parentPresent(new, f.Path) {
			removed = append(removed, f)
		}
	}
	for _, f := range new.Flatten() {
		if old.Lookup(f.Path) == nil && parentPresent(old, f.Path) {
			added = append(added, f)
		}
	}
	// Renames: pair removed and added fields of one type, best name first.
	type cand struct {
		r, a  int
		score float64
		why   string
	}
	var cs []cand
	for i, r := range removed {
		for j, a := range added {
			if r.Type != a.Type || parentOf(r.Path) != parentOf(a.Path) {
				continue
			}
			sc := smetrics.JaroWinkler(strings.ToLower(r.Name), strings.ToLower(a.Name), 0.7, 4)
			why := fmt.Sprintf("same type, similar name (%.2f)", sc)
			if fold(r.Name) == fold(a.Name) {
				sc, why = 1, "same name but for case and separators"
			} else if position(old, r) >= 0 && position(old, r) == position(new, a) && sc < 0.85 {
				sc, why = 0.85, "same type at the same position"
			}
			if sc >= 0.85 {
				cs = append(cs, cand{i, j, sc, why})
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	usedR, usedA := map[int]bool{}, map[int]bool{}
	for _, c := range cs {
		if usedR[c.r] || usedA[c.a] {
			continue
		}
		usedR[c.r], usedA[c.a] = true, true
		r, a := removed[c.r], added[c.a]
		d.Changes = append(d.Changes, Change{Kind: ChangeRenamed, Path: r.Path, NewPath: a.Path, Old: r.TypeString(), New: a.TypeString(),
			Detail: "suspected rename: " + c.why + "; readers by name see a removal and an addition", Breaks: renameBreaks(r, a)})
	}
	for i, r := range removed {
		if !usedR[i] {
			var br []string
			if mustHave(r) {
				br = []string{Forward}
			}
			d.Changes = append(d.Changes, Change{Kind: ChangeRemoved, Path: r.Path, Old: r.TypeString(), Detail: presenceText(r), Breaks: br})
		}
	}
	for j, a := range added {
		if !usedA[j] {
			var br []string
			if mustHave(a) {
				br = []string{Backward}
			}
			d.Changes = append(d.Changes, Change{Kind: ChangeAdded, Path: a.Path, New: a.TypeString(), Detail: presenceText(a), Breaks: br})
		}
	}
	bw, fw := true, true
	for i := range d.Changes {
		if d.Changes[i].Breaks == nil {
			d.Changes[i].Breaks = []string{}
		}
		for _, b := range d.Changes[i].Breaks {
			if b == Backward {
				bw = false
			}
			if b == Forward {
				fw = false
			}
		}
	}
	switch {
	case bw && fw:
		d.Compatibility = Full
	case bw:
		d.Compatibility = Backward
	case fw:
		d.Compatibility = Forward
	default:
		d.Compatibility = None
	}
	if d.Changes == nil {
		d.Changes = []Change{}
	}
	return d
}

func parentOf(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

// parentPresent: report a child only when its parent exists on the other
// side (a removed object is one change, not one per child).
func parentPresent(s *schema.Schema, path string) bool {
	p := strings.TrimSuffix(parentOf(path), "[]")
	return p == "" || s.Lookup(p) != nil || s.Lookup(parentOf(path)) != nil
}

func position(s *schema.Schema, f *schema.Field) int {
	sib := s.Fields
	if p := parentOf(f.Path); p != "" {
		pf := s.Lookup(strings.TrimSuffix(p, "[]"))
		if pf == nil {
			if pf = s.Lookup(p); pf == nil {
				return -1
			}
		}
		sib = pf.Children
	}
	for i, x := range sib {
		if x == f {
			return i
		}
	}
	return -1
}

// mustHave: a reader that expects this field fails on data without it.
func mustHave(f *schema.Field) bool { return f.Required && !f.Nullable && f.Default == nil }

func presenceText(f *schema.Field) string {
	switch {
	case mustHave(f):
		return "required, no default"
	case f.Default != nil:
		return "has default " + *f.Default
	}
	return "optional"
}

func renameBreaks(r, a *schema.Field) []string {
	var br []string
	if mustHave(a) {
		br = append(br, Backward)
	}
	if mustHave(r) {
		br = append(br, Forward)
	}
	return br
}

// DiffMapping says which rules of m a schema change breaks and why. The
// diff is matched to the mapping's source or target by the schema file
// name, else by which side's paths the rules use.
func DiffMapping(d DiffReport, m *mapping.Mapping) []Finding {
	if m == nil {
		return nil
	}
	side := diffSide(d, m)
	var out []Finding
	byPath := map[string]Change{}
	for _, c := range d.Changes {
		if c.Kind == ChangeAdded {
			continue
		}
		byPath[c.Path] = c
	}
	for _, r := range m.Rules {
		if !r.Active() {
			continue
		}
		paths := r.From
		if side == "target" {
			paths = []string{r.Target}
		}
		for _, p := range paths {
			c, ok := byPath[p]
			if !ok {
				continue
			}
			f := Finding{Kind: kind.Drift, Severity: diag.Error, Detector: "D38", Rule: r.Name(), Target: r.Target, Source: append([]string{}, r.From...),
				Why: []string{side + " schema " + d.New + ": " + c.Kind + " " + c.Path}}
			switch c.Kind {
			case ChangeRemoved:
				f.Message = fmt.Sprintf("rule %s uses %s, which the new %s schema no longer has", r.Name(), p, side)
			case ChangeRenamed:
				f.Message = fmt.Sprintf("rule %s uses %s, which looks renamed to %s in the new %s schema", r.Name(), p, c.NewPath, side)
				f.Why = append(f.Why, c.Detail)
			case ChangeRetyped:
				f.Message = fmt.Sprintf("%s changed type %s -> %s: rule %s must be checked (%s)", p, c.Old, c.New, r.Name(), c.Detail)
				f.Severity = changeSeverity(c, side, diag.Error)
			case ChangeConstraint:
				f.Message = fmt.Sprintf("%s: %s (rule %s)", p, c.Detail, r.Name())
				f.Severity = changeSeverity(c, side, diag.Warn)
			default:
			}
			out = append(out, f)
		}
	}
	if side == "target" {
		for _, c := range d.Changes {
			if c.Kind == ChangeAdded && len(c.Breaks) > 0 && m.RuleFor(c.Path) == nil {
				out = append(out, Finding{Kind: kind.UnmappedRequired, Severity: diag.Error, Detector: "D38", Target: c.Path, Source: []string{},
					Message: fmt.Sprintf("the new target schema adds the required field %s (%s) and no rule writes it", c.Path, c.New),
					Why:     []string{"added " + c.Path + ": " + c.Detail}})
			}
		}
	}
	SortFindings(out)
	return out
}

// changeSeverity is what a type or constraint change means to a mapping,
// by the direction that matters on its side: the mapping writes into its
// target, so a target change matters when old-shaped values no longer fit
// (it breaks BACKWARD); it reads its source, so a source change matters
// when new values are ones the rule never saw (it breaks FORWARD). A
// change that breaks only the other direction (a widened target, a
// narrowed source) is info. DiffCheck then puts check's own severity on
// what the change does to the rules.
func changeSeverity(c Change, side string, worst diag.Severity) diag.Severity {
	dir := Forward
	if side == "target" {
		dir = Backward
	}
	for _, b := range c.Breaks {
		if b == dir {
			return worst
		}
	}
	return diag.Info
}

func diffSide(d DiffReport, m *mapping.Mapping) string {
	base := func(ref string) string {
		ref, _, _ = strings.Cut(ref, "#")
		return filepath.Base(ref)
	}
	for _, ref := range []string{d.Old, d.New} {
		switch base(ref) {
		case base(m.Target.Schema):
			if base(m.Target.Schema) != base(m.Source.Schema) {
				return "target"
			}
		case base(m.Source.Schema):
			return "source"
		}
	}
	src, dst := 0, 0
	for _, r := range m.Rules {
		if d.oldS != nil && d.oldS.Lookup(r.Target) != nil {
			dst++
		}
		for _, p := range r.From {
			if d.oldS != nil && d.oldS.Lookup(p) != nil {
				src++
			}
		}
	}
	if dst > src {
		return "target"
	}
	return "source"
}
