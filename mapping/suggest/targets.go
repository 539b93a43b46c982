package suggest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// Several targets (#12.8): a source record that carries its lines in an
// array (a Shopify order's lineItems, a Stripe invoice's lines.data) feeds
// a header table one row per record and a lines table one row per element.
// SuggestTargets proposes, for every target after the first, the source
// array its rows come from (each:), the parent target whose key it carries
// (parent:), and rules whose sources are the element's fields (written
// ARRAY.FIELD, as in an each: target) or the record's own fields. The
// array is the one whose element fields explain the target best; a target
// that no array explains gets one row per record like the first.

// TargetPlan is the suggestion for one target of a mapping with several.
type TargetPlan struct {
	// Name is the target's name in the mapping (its schema's name).
	Name   string
	Schema *schema.Schema
	// Each is the source array iterated ("lineItems"); "" for one row
	// per record.
	Each string
	// Parent names the target whose key the rows carry; "" for none.
	Parent string
	// Why says why the array and the parent were chosen.
	Why   []string
	Props []Proposal
}

// minElementScore is the least summed confidence of rules reading an
// array's element fields for the array to be proposed as a target's each:.
const minElementScore = 1.0

// SuggestTargets proposes a mapping from src into every schema of dsts:
// the first target one row per source record, each further target from
// the source array that explains it best (or one row per record), with
// the parent key carried to the child rows.
func SuggestTargets(src *schema.Schema, dsts []*schema.Schema, opts Options) []TargetPlan {
	if src == nil || len(dsts) == 0 {
		return nil
	}
	arrays := objectArrays(src)
	var out []TargetPlan
	for i, dst := range dsts {
		tp := TargetPlan{Name: dst.Name, Schema: dst}
		if i == 0 || len(arrays) == 0 {
			tp.Props = Suggest(src, dst, opts)
			out = append(out, tp)
			continue
		}
		best, bestScore := -1, 0.0
		var bestProps []Proposal
		for ai, a := range arrays {
			props := Suggest(elementView(src, a), dst, opts)
			if sc := elementScore(props, arrayPath(a)); sc > bestScore {
				best, bestScore, bestProps = ai, sc, props
			}
		}
		// a table whose foreign key references an earlier target is a
		// child of it: its rows come from an array when any element field
		// explains it at all; another table needs the array to explain it
		// well
		explains := best >= 0 && bestScore > 0 && (bestScore >= minElementScore || referencesEarlier(dst, dsts[:i]))
		if !explains {
			tp.Props = Suggest(src, dst, opts)
			tp.Why = append(tp.Why, fmt.Sprintf("one row per source record: no array of the source explains %s (best element score %.2f)", dst.Name, bestScore))
			out = append(out, tp)
			continue
		}
		tp.Each = arrayPath(arrays[best])
		tp.Props = bestProps
		tp.Why = append(tp.Why, fmt.Sprintf("one row per element of %s: its fields feed %s (summed confidence %.2f)", tp.Each, dst.Name, bestScore))
		out = append(out, tp)
	}
	for i := 1; i < len(out); i++ {
		if out[i].Each != "" {
			linkParent(out, i)
		}
	}
	return out
}

// referencesEarlier: a column of dst references one of the earlier
// targets (REFERENCES, or the name of its sole primary key).
func referencesEarlier(dst *schema.Schema, earlier []*schema.Schema) bool {
	for _, f := range dst.Leaves() {
		for _, e := range earlier {
			if referencedColumn(f, e) != "" {
				return true
			}
		}
	}
	return false
}

// objectArrays lists the source's arrays of objects, outermost first
// (an array inside an array element is left out: each: reads one level).
func objectArrays(s *schema.Schema) []*schema.Field {
	var out []*schema.Field
	var walk func(fs []*schema.Field)
	walk = func(fs []*schema.Field) {
		for _, f := range fs {
			switch {
			case f.Type == schema.Array:
				if el := f.Elem(); el != nil && el.Type == schema.Object && len(el.Children) > 0 {
					out = append(out, f)
				}
			case f.Type == schema.Object:
				walk(f.Children)
			default:
			}
		}
	}
	walk(s.Fields)
	return out
}

// arrayPath is an array field's path as each: names it.
func arrayPath(a *schema.Field) string { return strings.TrimSuffix(a.Path, "[]") }

// elementView is the source as an each: target over array a sees it: the
// record's own fields outside arrays, and the element's fields written
// ARRAY.FIELD (lineItems.quantity).
func elementView(src *schema.Schema, a *schema.Field) *schema.Schema {
	el := a.Elem()
	prefix := el.Path + "."
	base := arrayPath(a)
	var fields []*schema.Field
	var keep func(fs []*schema.Field) []*schema.Field
	keep = func(fs []*schema.Field) []*schema.Field {
		var out []*schema.Field
		for _, f := range fs {
			switch f.Type {
			case schema.Array:
				continue // the array itself and the others: not one value per row
			case schema.Object:
				c := *f
				c.Children = keep(f.Children)
				if len(c.Children) == 0 {
					continue
				}
				out = append(out, &c)
			default:
				out = append(out, f)
			}
		}
		return out
	}
	fields = keep(src.Fields)
	var repath func(fs []*schema.Field) []*schema.Field
	repath = func(fs []*schema.Field) []*schema.Field {
		out := make([]*schema.Field, 0, len(fs))
		for _, f := range fs {
			c := *f
			c.Path = base + "." + strings.TrimPrefix(f.Path, prefix)
			if f.Type == schema.Object {
				c.Children = repath(f.Children)
			}
			out = append(out, &c)
		}
		return out
	}
	elemObj := &schema.Field{Path: base, Name: a.Name, Type: schema.Object, Description: a.Description, Children: repath(el.Children)}
	fields = append(fields, elemObj)
	v := &schema.Schema{Name: src.Name, Format: src.Format, File: src.File, Selector: src.Selector, Fields: fields}
	v.Reindex()
	return v
}

// elementScore sums the confidence of the proposals that read only the
// element's fields (base.X): how much of the target the array explains.
func elementScore(props []Proposal, base string) float64 {
	sum := 0.0
	for _, p := range props {
		inside := len(p.Sources) > 0
		for _, s := range p.Sources {
			if !strings.HasPrefix(s, base+".") {
				inside = false
			}
		}
		if inside {
			sum += p.Confidence
		}
	}
	return sum
}

// linkParent makes out[i] a child of the earlier target its foreign key
// references (REFERENCES orders(order_id)), or that shares its primary
// key's name; the child's key column is fed like the parent's.
func linkParent(out []TargetPlan, i int) {
	child := &out[i]
	for _, f := range child.Schema.Leaves() {
		for pi := 0; pi < i; pi++ {
			parent := &out[pi]
			col := referencedColumn(f, parent.Schema)
			if col == "" {
				continue
			}
			child.Parent = parent.Name
			pp := proposalFor(parent.Props, col)
			if pp == nil {
				child.Why = append(child.Why, fmt.Sprintf("parent %s: %s references %s.%s, which has no suggestion to copy", parent.Name, f.Path, parent.Name, col))
				return
			}
			expr := ""
			for ti, t := range pp.Targets {
				if t == col {
					expr = pp.ExprFor(ti)
				}
			}
			carry := Proposal{Targets: []string{f.Path}, Sources: append([]string(nil), pp.Sources...), Expr: expr,
				Confidence: pp.Confidence, Reasons: []Reason{{Signal: "key", Detail: fmt.Sprintf("the parent's key: %s.%s carries %s.%s", child.Name, f.Path, parent.Name, col), Contribution: 0}}}
			replaced := false
			for k := range child.Props {
				if len(child.Props[k].Targets) == 1 && child.Props[k].Targets[0] == f.Path {
					child.Props[k], replaced = carry, true
				}
			}
			if !replaced {
				child.Props = append(child.Props, carry)
				sort.SliceStable(child.Props, func(a, b int) bool {
					return fieldOrder(child.Schema, child.Props[a].Targets[0]) < fieldOrder(child.Schema, child.Props[b].Targets[0])
				})
			}
			child.Why = append(child.Why, fmt.Sprintf("parent %s: %s carries its key %s", parent.Name, f.Path, col))
			return
		}
	}
}

// referencedColumn is the column of parent that f references: by its
// REFERENCES clause, else by sharing the name of parent's sole primary key.
func referencedColumn(f *schema.Field, parent *schema.Schema) string {
	if f.References != "" {
		table, col, _ := strings.Cut(f.References, ".")
		if strings.EqualFold(table, parent.Name) {
			if col == "" {
				col = primaryKey(parent)
			}
			return col
		}
		return ""
	}
	if pk := primaryKey(parent); pk != "" && strings.EqualFold(pk, f.Name) {
		return pk
	}
	return ""
}

// primaryKey is the path of a schema's sole primary-key column; "" when
// it has none or several.
func primaryKey(s *schema.Schema) string {
	pk := ""
	for _, f := range s.Leaves() {
		if f.PrimaryKey {
			if pk != "" {
				return ""
			}
			pk = f.Path
		}
	}
	return pk
}

func proposalFor(props []Proposal, target string) *Proposal {
	for i := range props {
		for _, t := range props[i].Targets {
			if t == target {
				return &props[i]
			}
		}
	}
	return nil
}

func fieldOrder(s *schema.Schema, path string) int {
	for i, f := range s.Leaves() {
		if f.Path == path {
			return i
		}
	}
	return len(s.Leaves())
}
