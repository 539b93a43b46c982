package synth

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// RenameTables returns copies of ss named names[i] (a mapping's target
// names) with the foreign keys among them (References naming a schema's
// original table) rewritten to the new names, so that a dataset relates
// them. ss are not modified.
func RenameTables(ss []*schema.Schema, names []string) []*schema.Schema {
	to := map[string]string{}
	for i, s := range ss {
		if _, dup := to[strings.ToLower(s.Name)]; !dup {
			to[strings.ToLower(s.Name)] = names[i]
		}
	}
	out := make([]*schema.Schema, len(ss))
	for i, s := range ss {
		c := &schema.Schema{Name: names[i], File: s.File, Selector: s.Selector, Format: s.Format, Charset: s.Charset, Hints: s.Hints,
			Fields: reroot(s.Fields, "")}
		c.Reindex()
		out[i] = c
		c.Walk(func(f *schema.Field) {
			if f.References == "" {
				return
			}
			t, col, _ := strings.Cut(f.References, ".")
			if n, ok := to[strings.ToLower(lastDot(t))]; ok {
				f.References = n
				if col != "" {
					f.References += "." + col
				}
			}
		})
	}
	return out
}

// LinkParent relates table child to table parent (a mapping target's
// parent:) when the schemas do not already: the child's columns named
// like the parent's key (order_id, or <parent>_id for a key id) reference
// it. A parent without a primary key is keyed by its id column. The
// error says which column is missing.
func LinkParent(ss []*schema.Schema, child, parent string) error {
	var cs, ps *schema.Schema
	for _, s := range ss {
		switch {
		case strings.EqualFold(s.Name, child):
			cs = s
		case strings.EqualFold(s.Name, parent):
			ps = s
		}
	}
	if cs == nil || ps == nil {
		return fmt.Errorf("%w: parent %s of %s: no such table", ErrDataset, parent, child)
	}
	for _, f := range cs.Fields {
		t, _, _ := strings.Cut(f.References, ".")
		if f.References != "" && strings.EqualFold(lastDot(t), ps.Name) {
			return nil // the schema relates them already
		}
	}
	var key []*schema.Field
	for _, f := range ps.Fields {
		if f.PrimaryKey {
			key = append(key, f)
		}
	}
	if len(key) == 0 {
		for _, f := range ps.Fields {
			if strings.EqualFold(f.Name, "id") && f.IsLeaf() {
				f.PrimaryKey, f.Required, f.Nullable = true, true, false
				key = []*schema.Field{f}
				break
			}
		}
	}
	if len(key) == 0 {
		return fmt.Errorf("%w: %s has parent %s, which has no primary key nor id column to reference", ErrDataset, child, parent)
	}
	for _, k := range key {
		want := []string{k.Name}
		if len(key) == 1 {
			p := strings.ToLower(ps.Name)
			want = append(want, p+"_"+k.Name, strings.TrimSuffix(p, "s")+"_"+k.Name, p+k.Name)
		}
		var col *schema.Field
		for _, w := range want {
			for _, f := range cs.Fields {
				own := f.PrimaryKey && strings.EqualFold(f.Name, "id") // the child's own id
				if f.IsLeaf() && strings.EqualFold(f.Name, w) && f.References == "" && !own {
					col = f
					break
				}
			}
			if col != nil {
				break
			}
		}
		if col == nil {
			return fmt.Errorf("%w: %s has parent %s, but no column of %s holds %s's key %s (looked for %s); relate them in --plan (relations)", ErrDataset, child, parent, child, parent, k.Name, strings.Join(want, ", "))
		}
		col.References = ps.Name + "." + k.Name
	}
	return nil
}

// Own makes table child a child table of parent in d: its rows are
// generated per parent row (Card of them, 1..5 unless the plan says),
// through its foreign key to parent. A child whose key holds that foreign
// key is owned already.
func (d *Dataset) Own(child, parent string) error {
	t, p := d.Table(child), d.Table(parent)
	if t == nil || p == nil {
		return fmt.Errorf("%w: parent %s of %s: no such table", ErrDataset, parent, child)
	}
	if t.Owner != nil && t.Owner.Parent == p {
		return nil
	}
	for _, fk := range t.FKs {
		if fk.Parent == p && !fk.Self() {
			t.Owner = fk
			return nil
		}
	}
	return fmt.Errorf("%w: %s has parent %s but no foreign key to it", ErrDataset, child, parent)
}
