package engine

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// KindParentRejected is kind.ParentRejected, kept under its first name for
// the plan code.
const KindParentRejected = kind.ParentRejected

// LineField is the name of the generated 1-based element position in a
// target that iterates an array (each:).
const LineField = "$line"

// Plan is a mapping with one or several targets, iterations (each:) and
// joins, compiled: one Program per target, each against a derived source
// schema (the joins as object fields named after them; an iterated array
// replaced by its element, plus $line). Immutable and safe to share.
type Plan struct {
	m       *mapping.Mapping
	src     *schema.Schema
	targets []*planTarget
	joins   []*planJoin
	// joinNames are the keys the plan adds to a record: $line, then the
	// joins' names.
	extraKeys []string
	// groupBy: the key paths of group_by (every target shares them), nil
	// when records are not grouped.
	groupBy [][]string
}

// planTarget is one target of a plan.
type planTarget struct {
	name string
	prog *Program
	// each: the key path of the iterated array at every level (level 0
	// from the record, level k inside an element of level k-1).
	each [][]string
	// eachText is each as written.
	eachText string
	parent   int // index of the parent target, or -1
	// readsJoin[j]: the target's rules read join j (a miss rejects its
	// rows when the join's on_miss is reject).
	readsJoin []bool
}

// PlanTarget describes one compiled target of a plan.
type PlanTarget struct {
	// Name is the output name (the target's name:, else its schema's
	// #selector, else the file stem).
	Name string
	// Program maps one (derived) record into this target.
	Program *Program
	// Each is the iterated array as written ("" for one row per record).
	Each string
	// Parent names the parent target, "" for none.
	Parent string
}

// Targets returns the plan's targets in file order.
func (p *Plan) Targets() []PlanTarget {
	out := make([]PlanTarget, len(p.targets))
	for i, t := range p.targets {
		out[i] = PlanTarget{Name: t.name, Program: t.prog, Each: t.eachText}
		if t.parent >= 0 {
			out[i].Parent = p.targets[t.parent].name
		}
	}
	return out
}

// Mapping returns the mapping the plan was compiled from.
func (p *Plan) Mapping() *mapping.Mapping { return p.m }

// Source returns the source schema the plan was compiled against (as
// loaded: no joins, no iteration).
func (p *Plan) Source() *schema.Schema { return p.src }

// CompilePlan compiles every target of m against its schema (dsts in the
// order of m.Targets()) and the source schema derived for it; joins holds
// each join's schema by name. It returns all problems; the Plan is nil
// when any is an error.
func CompilePlan(m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema) (*Plan, diag.List) {
	var ds diag.List
	views := m.Targets()
	if src == nil || len(dsts) != len(views) {
		ds.Errorf(diag.Pos{File: m.Path}, "compile needs the source schema and one schema per target (%d targets, %d schemas)", len(views), len(dsts))
		return nil, ds
	}
	p := &Plan{m: m, src: src, extraKeys: []string{LineField}}
	// The joined source: one object field per join.
	joined := cloneSchema(src)
	for _, j := range m.Joins {
		js := joins[j.Name]
		if js == nil {
			ds.Errorf(j.Pos, "join %s: its schema is not loaded", j.Name)
			continue
		}
		if src.Lookup(j.Name) != nil {
			ds.Errorf(j.Pos, "join %s: the source schema has a field %s too; rename the join", j.Name, j.Name)
			continue
		}
		pj, jds := compileJoin(j, len(p.joins), joined, js)
		ds = append(ds, jds...)
		if pj == nil {
			continue
		}
		f := &schema.Field{Name: j.Name, Path: j.Name, Type: schema.Object, Nullable: true, Children: cloneFields(js.Fields)}
		rebuildPaths(f.Children, j.Name)
		joined.Fields = append(joined.Fields, f)
		joined.Reindex()
		p.joins = append(p.joins, pj)
		p.extraKeys = append(p.extraKeys, j.Name)
	}
	for _, g := range m.GroupBy {
		if joined.Lookup(g) == nil {
			ds.Errorf(m.Target.Pos, "group_by: %q is not a field of the source schema %s", g, src.Name)
			continue
		}
		p.groupBy = append(p.groupBy, keysOf(joined, g))
	}
	if ds.HasErrors() {
		return nil, ds
	}
	names := map[string]int{}
	for i, v := range views {
		t := &planTarget{name: v.OutName(), eachText: v.Each, parent: -1}
		names[t.name] = i
		if v.Parent != "" {
			if pi, ok := names[v.Parent]; ok && pi < i {
				t.parent = pi
			}
		}
		derived := joined
		view := v
		if v.Each != "" {
			var err error
			derived, t.each, err = iterated(joined, v.Each)
			if err != nil {
				at := v.Target.Pos
				if i > 0 {
					at = m.Extra[i-1].Pos
				}
				ds.Errorf(at, "target %s: each: %v", t.name, err)
				continue
			}
			view = normaliseEach(v, t.each)
		}
		prog, pds := compile(view, view.Rules, derived, dsts[i], false)
		for k := range pds {
			if pds[k].Subject != "" && len(views) > 1 {
				pds[k].Subject = t.name + ": " + pds[k].Subject
			}
		}
		ds = append(ds, pds...)
		if prog == nil {
			continue
		}
		if len(v.GroupBy) > 0 {
			prog.group = true
		}
		t.prog = prog
		t.readsJoin = make([]bool, len(p.joins))
		for ji, j := range p.joins {
			t.readsJoin[ji] = rulesRead(view.Rules, j.name)
		}
		p.targets = append(p.targets, t)
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return p, ds
}

// rulesRead reports whether an active rule reads the top-level name, in
// from or in its expression.
func rulesRead(rules []*mapping.Rule, name string) bool {
	for _, r := range rules {
		if !r.Active() {
			continue
		}
		for _, f := range r.From {
			if topKey(f) == name || strings.HasPrefix(f, name) && (len(f) == len(name) || f[len(name)] == '.') {
				return true
			}
		}
		if r.Expr != "" {
			if _, ok := exprEnv(r.Expr, map[string]any{name: nil})[name]; ok {
				return true
			}
		}
	}
	return false
}

// iterated derives the schema of a target that iterates the array at
// each (lineItems, lineItems[].discountAllocations): every iterated array
// becomes its element (an object field when the elements are objects)
// under the array's name, and $line (integer, required) is added.
func iterated(s *schema.Schema, each string) (*schema.Schema, [][]string, error) {
	levels := strings.Split(each, "[].")
	out := cloneSchema(s)
	var paths [][]string
	fields := &out.Fields
	prefix := ""
	for li, lv := range levels {
		keys := strings.Split(lv, ".")
		cur := fields
		var f *schema.Field
		for ki, k := range keys {
			f = nil
			for _, c := range *cur {
				if c.Name == k {
					f = c
				}
			}
			if f == nil {
				return nil, nil, fmt.Errorf("%q is not a field of the source schema %s", prefix+strings.Join(keys[:ki+1], "."), s.Name)
			}
			if ki < len(keys)-1 {
				if f.Type != schema.Object {
					return nil, nil, fmt.Errorf("%q is %s, not an object", prefix+strings.Join(keys[:ki+1], "."), f.TypeString())
				}
				cur = &f.Children
			}
		}
		path := prefix + lv
		if f.Type != schema.Array || f.Elem() == nil {
			return nil, nil, fmt.Errorf("%q is %s, not an array: each names an array of the source", path, f.TypeString())
		}
		el := f.Elem()
		*f = schema.Field{Name: f.Name, Path: f.Path, Type: el.Type, Required: false, Nullable: true,
			MaxLength: el.MaxLength, Precision: el.Precision, Scale: el.Scale, Format: el.Format,
			EnumValues: el.EnumValues, Bits: el.Bits, Children: el.Children, Description: f.Description}
		if f.Type == "" {
			f.Type = schema.Object
		}
		paths = append(paths, keys)
		if li < len(levels)-1 {
			fields = &f.Children
			prefix = path + "[]."
		}
	}
	rebuildPaths(out.Fields, "")
	out.Fields = append(out.Fields, &schema.Field{Name: LineField, Path: LineField, Type: schema.Integer, Required: true,
		Description: "the element's 1-based position in its array"})
	out.Reindex()
	return out, paths, nil
}

// normaliseEach rewrites from paths through the iterated arrays
// (lineItems[].x -> lineItems.x) on copies of the rules that need it.
func normaliseEach(v *mapping.Mapping, each [][]string) *mapping.Mapping {
	fix := eachPaths(each)
	c := *v
	c.Rules = make([]*mapping.Rule, len(v.Rules))
	for i, r := range v.Rules {
		c.Rules[i] = r
		changed := false
		from := make([]string, len(r.From))
		for k, f := range r.From {
			from[k] = fix(f)
			changed = changed || from[k] != f
		}
		if changed {
			rc := *r
			rc.From = from
			c.Rules[i] = &rc
		}
	}
	return &c
}

// eachPaths returns the rewrite of a source path through the iterated
// arrays of each (lineItems[].x -> lineItems.x): how a target with each
// names the fields of its element.
func eachPaths(each [][]string) func(string) string {
	var arrs []string
	acc := ""
	for _, keys := range each {
		acc += strings.Join(keys, ".")
		arrs = append(arrs, acc+"[]")
		acc += "."
	}
	return func(f string) string {
		for i := len(arrs) - 1; i >= 0; i-- {
			a := arrs[i]
			if f == a || strings.HasPrefix(f, a+".") {
				f = strings.TrimSuffix(a, "[]") + f[len(a):]
			}
		}
		// earlier levels inside a later one's prefix
		for _, a := range arrs {
			f = strings.ReplaceAll(f, a+".", strings.TrimSuffix(a, "[]")+".")
		}
		return f
	}
}

func cloneSchema(s *schema.Schema) *schema.Schema {
	c := &schema.Schema{Name: s.Name, File: s.File, Selector: s.Selector, Format: s.Format, Charset: s.Charset}
	c.Fields = cloneFields(s.Fields)
	c.Reindex()
	return c
}

func cloneFields(fs []*schema.Field) []*schema.Field {
	out := make([]*schema.Field, len(fs))
	for i, f := range fs {
		c := *f
		c.Children = cloneFields(f.Children)
		out[i] = &c
	}
	return out
}

// rebuildPaths sets every field's Path from the names below prefix
// (array elements are NAME[]).
func rebuildPaths(fs []*schema.Field, prefix string) {
	for _, f := range fs {
		switch {
		case f.Name == "[]":
			f.Path = prefix + "[]"
		case prefix == "":
			f.Path = f.Name
		default:
			f.Path = prefix + "." + f.Name
		}
		if f.Name == "[]" {
			// the element's children hang below NAME[]
			rebuildPaths(f.Children, f.Path)
			continue
		}
		rebuildPaths(f.Children, f.Path)
	}
}
