package engine

import (
	"fmt"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// TargetView returns target ti of m (index into m.Targets()) as a
// single-target mapping that Compile, check.Static and CompileRule accept,
// and the source schema it is compiled against: the joins as nullable
// object fields named after them (a join whose schema is missing from
// joins is left out), and for a target with each the iterated array
// replaced by its element plus $line, with from paths through the array
// normalised (lineItems[].x -> lineItems.x) as CompilePlan does. The view
// shares m's rules except those it had to rewrite. The TUI edits one
// target at a time through it.
func TargetView(m *mapping.Mapping, src *schema.Schema, joins map[string]*schema.Schema, ti int) (*mapping.Mapping, *schema.Schema, error) {
	views := m.Targets()
	if ti < 0 || ti >= len(views) {
		return nil, nil, fmt.Errorf("the mapping has %d targets, not %d", len(views), ti+1)
	}
	v := views[ti]
	if src == nil {
		return v, nil, nil
	}
	derived := src
	if len(m.Joins) > 0 {
		derived = cloneSchema(src)
		for _, j := range m.Joins {
			js := joins[j.Name]
			if js == nil || src.Lookup(j.Name) != nil {
				continue
			}
			f := &schema.Field{Name: j.Name, Path: j.Name, Type: schema.Object, Nullable: true, Children: cloneFields(js.Fields)}
			rebuildPaths(f.Children, j.Name)
			derived.Fields = append(derived.Fields, f)
		}
		derived.Reindex()
	}
	if v.Each == "" {
		return v, derived, nil
	}
	it, each, err := iterated(derived, v.Each)
	if err != nil {
		return v, derived, fmt.Errorf("target %s: each: %w", v.OutName(), err)
	}
	return normaliseEach(v, each), it, nil
}
