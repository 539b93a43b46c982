package synth

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// NestedTables turns a nested schema (JSON Schema, Avro, OpenAPI) into
// related tables for a Dataset: the root table holds the record's fields
// but its arrays of objects; each array of objects becomes a child table
// named <parent>_<array path> ("orders_line_items") whose rows carry the
// parent's key (a foreign key), a 1-based position within the parent's
// array, and the element's fields. Its primary key is the parent's key
// plus position, so the dataset generates 1..N rows per parent. Arrays
// nested in elements become grandchildren the same way; their parent is
// referenced by its element's id, or by an id column added after
// position, unique across the table.
//
// The root's key is a top-level primary key, else a top-level leaf named
// id, else a column id added in front. Nested objects stay columns
// (written flattened: address.city). Arrays of scalars stay one column.
// The schema is not modified.
func NestedTables(s *schema.Schema) ([]*schema.Schema, error) {
	if s == nil || len(s.Fields) == 0 {
		return nil, ErrNoSchema
	}
	root := tableName(s.Name)
	if root == "" {
		root = "root"
	}
	var out []*schema.Schema
	seen := map[string]bool{}
	var build func(name string, fields []*schema.Field, parentKey []*schema.Field, parentTable string, arrayName string) error
	// parentKey: the parent's columns its children reference (nil for
	// the root)
	build = func(name string, fields []*schema.Field, parentKey []*schema.Field, parentTable string, arrayName string) error {
		if seen[strings.ToLower(name)] {
			return fmt.Errorf("%w: nested arrays give two tables named %s", ErrDataset, name)
		}
		seen[strings.ToLower(name)] = true
		t := &schema.Schema{Name: name, File: s.File, Format: s.Format, Charset: s.Charset}
		type arr struct {
			name string
			f    *schema.Field
		}
		var arrays []arr
		var own []*schema.Field
		var walk func(fs []*schema.Field, prefix, pathPrefix string) []*schema.Field
		walk = func(fs []*schema.Field, prefix, pathPrefix string) []*schema.Field {
			var kept []*schema.Field
			for _, f := range fs {
				if el := f.Elem(); f.Type == schema.Array && el != nil && el.Type == schema.Object && len(el.Children) > 0 {
					arrays = append(arrays, arr{name: prefix + f.Name, f: f})
					continue
				}
				c := *f
				c.Path = pathPrefix + f.Name
				if f.Type == schema.Object && len(f.Children) > 0 {
					c.Children = walk(f.Children, prefix+f.Name+"_", c.Path+".")
				} else if f.Type == schema.Array {
					c.Children = reroot(f.Children, c.Path)
				}
				kept = append(kept, &c)
			}
			return kept
		}
		own = walk(fields, "", "")
		taken := map[string]bool{}
		for _, f := range own {
			taken[strings.ToLower(f.Name)] = true
		}
		var key []*schema.Field
		if parentKey == nil {
			for _, f := range own {
				if f.PrimaryKey {
					key = append(key, f)
				}
			}
			if len(key) == 0 {
				for _, f := range own {
					if strings.EqualFold(f.Name, "id") && f.IsLeaf() && f.Type != schema.Boolean {
						f.PrimaryKey, f.Required, f.Nullable = true, true, false
						key = []*schema.Field{f}
						break
					}
				}
			}
			if len(key) == 0 {
				id := &schema.Field{Name: freeName(taken, "id"), Type: schema.Integer, Bits: 64, Required: true, PrimaryKey: true}
				id.Path = id.Name
				key = []*schema.Field{id}
				own = append([]*schema.Field{id}, own...)
			}
			for _, k := range key {
				k.Unique = false
			}
		} else {
			var head []*schema.Field
			for _, pk := range parentKey {
				c := &schema.Field{Name: freeName(taken, parentTable+"_"+pk.Name), Type: pk.Type, Bits: pk.Bits, MaxLength: pk.MaxLength,
					Precision: pk.Precision, Scale: pk.Scale, Format: pk.Format, Required: true, PrimaryKey: true,
					References: parentTable + "." + pk.Name}
				c.Path = c.Name
				head = append(head, c)
			}
			pos := &schema.Field{Name: freeName(taken, "position"), Type: schema.Integer, Bits: 32, Required: true, PrimaryKey: true,
				Min: floatP(1), Description: "1-based position of the element in the parent's " + arrayName + " array"}
			pos.Path = pos.Name
			for _, f := range own {
				f.PrimaryKey = false // an element's own id is no table key here
			}
			key = []*schema.Field{pos}
			own = append(append(head, pos), own...)
			if len(arrays) > 0 {
				// grandchildren reference this table by one column: the
				// element's id, else an added one, unique across the table
				var link *schema.Field
				for _, f := range own[len(head)+1:] {
					if strings.EqualFold(f.Name, "id") && f.IsLeaf() && f.Type != schema.Boolean {
						link = f
						break
					}
				}
				if link == nil {
					link = &schema.Field{Name: freeName(taken, "id"), Type: schema.Integer, Bits: 64}
					link.Path = link.Name
					own = append(own[:len(head)+1], append([]*schema.Field{link}, own[len(head)+1:]...)...)
				}
				link.Unique, link.Required, link.Nullable = true, true, false
				key = []*schema.Field{link}
			}
		}
		t.Fields = own
		t.Reindex()
		out = append(out, t)
		for _, a := range arrays {
			el := a.f.Elem()
			if err := build(name+"_"+tableName(a.name), el.Children, key, name, a.name); err != nil {
				return err
			}
		}
		return nil
	}
	if err := build(root, s.Fields, nil, "", ""); err != nil {
		return nil, err
	}
	return out, nil
}

// reroot copies fields (an array's element) under a new path prefix
// ("" for top-level fields).
func reroot(fs []*schema.Field, prefix string) []*schema.Field {
	out := make([]*schema.Field, len(fs))
	for i, f := range fs {
		c := *f
		switch {
		case f.Name == "[]":
			c.Path = prefix + "[]"
		case prefix == "":
			c.Path = f.Name
		default:
			c.Path = prefix + "." + f.Name
		}
		c.Children = reroot(f.Children, c.Path)
		out[i] = &c
	}
	return out
}

// freeName returns want, or want with leading underscores until no column
// of taken has it; the name is then taken.
func freeName(taken map[string]bool, want string) string {
	for taken[strings.ToLower(want)] {
		want = "_" + want
	}
	taken[strings.ToLower(want)] = true
	return want
}

// tableName makes a table name of s: letters, digits and underscores.
func tableName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return strings.Trim(b.String(), "_")
}

func floatP(x float64) *float64 { return &x }
