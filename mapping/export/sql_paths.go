package export

import (
	"strings"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
)

// Source field references. A top-level field is a column of the source
// table. A nested field (customer.id) is read from the column of its
// top-level object, which holds the object as JSON: PostgreSQL jsonb with
// -> and ->>, SQLite json_extract, MySQL JSON_EXTRACT with JSON_UNQUOTE,
// Spark get_json_object. The JSON scalar is read as text and converted to
// the field's schema type as seam's reader does; a null or absent parent
// gives null (shared null propagation rule). A name the source schema
// lacks is refused, never written as a quoted name: SQLite would read an
// unknown "name" as a string literal.

// ref translates a reference to a top-level source field by name (a
// rule's from field).
func (tr *translator) ref(path string) sx {
	t, st := tText, schema.String
	if tr.src != nil {
		if f := tr.src.Lookup(path); f != nil {
			t, st = typeOf(f.Type), f.Type
		}
	}
	return sx{sql: tr.col(path), t: t, st: st}
}

// refPath translates a field path given as segments ($env["a b"] is the
// one segment "a b").
func (tr *translator) refPath(segs []string) (sx, error) {
	if len(segs) == 0 {
		return sx{}, unsupported("$env as a whole has no SQL form")
	}
	switch {
	case tr.src != nil:
		if x, ok, err := tr.planRef(segs); ok {
			return x, err
		}
	}
	switch {
	case tr.src == nil:
		if len(segs) > 1 {
			return sx{}, unsupported("nested path %s without a source schema", strings.Join(segs, "."))
		}
		return tr.ref(segs[0]), nil
	}
	top := topField(tr.src, segs[0])
	if top == nil {
		return sx{}, unsupported("%q is not a field of the source schema", segs[0])
	}
	if len(segs) == 1 {
		x := sx{sql: tr.col(top.Path), t: typeOf(top.Type), st: top.Type}
		if sp, ok := transform.ParseSpelling(top.Format); ok && top.Type != schema.String && strings.Contains(top.Format, ":") {
			// the field's format says how its text is spelled: the column
			// holds that text
			return tr.typedFromText(sx{sql: x.sql, t: tText}, top, sp)
		}
		return x, nil
	}
	f := top
	for _, s := range segs[1:] {
		c := child(f, s)
		if c == nil {
			if f.Type == schema.Object && len(f.Children) == 0 && top.Type == schema.Object {
				// below a free-form object: any key, read as its JSON text
				raw, err := tr.d.jsonText(tr.col(top.Path), segs[1:])
				if err != nil {
					return sx{}, err
				}
				return sx{sql: tr.bindRaw(raw), t: tAny}, nil
			}
			return sx{}, unsupported("%q is not a field of the source schema", strings.Join(segs, "."))
		}
		f = c
	}
	if top.Type != schema.Object {
		return sx{}, unsupported("%s is read through %s, which is not an object", strings.Join(segs, "."), top.Type)
	}
	switch f.Type {
	case schema.Object, schema.Array:
		return sx{}, unsupported("%s is an %s: SQL reads scalar fields only", strings.Join(segs, "."), f.Type)
	default:
	}
	raw, err := tr.d.jsonText(tr.col(top.Path), segs[1:])
	if err != nil {
		return sx{}, err
	}
	sp, _ := transform.ParseSpelling(f.Format)
	return tr.typedFromText(sx{sql: tr.bindRaw(raw), t: tText}, f, sp)
}

// typedFromText converts the text of a source field to its schema type, as
// seam's reader does: an empty text is null, a text that does not convert
// fails the guard.
func (tr *translator) typedFromText(x sx, f *schema.Field, sp transform.Spelling) (sx, error) {
	switch f.Type {
	case schema.String, schema.Enum, schema.UUID:
		return x, nil
	default:
	}
	nf := *f
	nf.Nullable = true
	y, err := tr.castTo(x, &nf, sp)
	if err != nil {
		return sx{}, err
	}
	return tr.bindSx(y), nil
}

// topField finds a top-level source field by name: through the schema's
// path index (a path without "." or "[]" is top-level), else by a scan for
// a field whose name differs from its path.
func topField(s *schema.Schema, name string) *schema.Field {
	if !strings.Contains(name, ".") && !strings.Contains(name, "[]") {
		if f := s.Lookup(name); f != nil {
			return f
		}
	}
	for _, f := range s.Fields {
		if f.Name == name || f.Path == name {
			return f
		}
	}
	return nil
}

func child(f *schema.Field, name string) *schema.Field {
	for _, c := range f.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// jsonText renders the text of the JSON scalar at keys inside JSON column
// col (NULL for JSON null, a missing key or a NULL column).
func (d *dialect) jsonText(col string, keys []string) (string, error) {
	for _, k := range keys {
		if strings.ContainsAny(k, "\"'\\[]") && d.name != "postgres" {
			return "", unsupported("JSON key %q has no %s path form", k, d.name)
		}
	}
	switch d.name {
	case "postgres":
		if len(keys) == 0 {
			return "(" + col + " #>> '{}')", nil
		}
		s := "(" + col
		for i, k := range keys {
			op := " -> "
			if i == len(keys)-1 {
				op = " ->> "
			}
			s += op + d.str(k)
		}
		return s + ")", nil
	case "sqlite":
		return "CAST(json_extract(" + col + ", " + d.str(dotPath(keys)) + ") AS TEXT)", nil
	case "mysql":
		e := "JSON_EXTRACT(" + col + ", " + d.str(dotPath(keys)) + ")"
		return "(CASE WHEN JSON_TYPE(" + e + ") = 'NULL' THEN NULL ELSE JSON_UNQUOTE(" + e + ") END)", nil
	}
	p := "$"
	for _, k := range keys {
		p += "['" + k + "']"
	}
	return "GET_JSON_OBJECT(" + col + ", " + d.str(p) + ")", nil
}

// dotPath renders a JSON path with quoted keys: $."a"."b c".
func dotPath(keys []string) string {
	p := "$"
	for _, k := range keys {
		p += `."` + k + `"`
	}
	return p
}

// fromSegs splits a rule's from path into segments: a top-level field
// of that name is one segment, else the dots separate them
// (customer.id, lineItems.product_id).
func fromSegs(s *schema.Schema, from string) []string {
	if s == nil || topField(s, from) != nil || !strings.Contains(from, ".") {
		return []string{from}
	}
	return strings.Split(from, ".")
}

// elemCol is the column holding the element (as JSON) of one iterated
// level; keys is the array's key path from the record, through the
// levels above.
type elemCol struct {
	keys []string
	col  string
}

// planPath reports whether segs reads an element, $line or a join.
func (tr *translator) planPath(segs []string) bool {
	if len(segs) == 0 {
		return false
	}
	if segs[0] == "$line" && tr.line != "" {
		return true
	}
	if _, ok := tr.joinCols[segs[0]]; ok {
		return true
	}
	for _, e := range tr.elems {
		if hasPrefix(segs, e.keys) {
			return true
		}
	}
	return false
}

func hasPrefix(segs, keys []string) bool {
	if len(segs) < len(keys) {
		return false
	}
	for i, k := range keys {
		if segs[i] != k {
			return false
		}
	}
	return true
}

// planRef reads $line, a joined field or a field of an iterated element
// (ok false: segs is none of those).
func (tr *translator) planRef(segs []string) (x sx, ok bool, err error) {
	if segs[0] == "$line" && tr.line != "" && len(segs) == 1 {
		return sx{sql: tr.line, t: tInt, st: schema.Integer}, true, nil
	}
	path := strings.Join(segs, ".")
	if prefix, isJoin := tr.joinCols[segs[0]]; isJoin {
		if tr.readJoin != nil {
			tr.readJoin[segs[0]] = true
		}
		if len(segs) != 2 {
			return sx{}, true, unsupported("%s: SQL reads a join's columns (JOIN.FIELD), not the joined row as a whole or below its columns", path)
		}
		f := tr.src.Lookup(path)
		if f == nil {
			return sx{}, true, unsupported("%q is not a field of the join %s", segs[1], segs[0])
		}
		sp, _ := transform.ParseSpelling(f.Format)
		x, err := tr.typedFromText(sx{sql: tr.d.ident(prefix + path), t: tText}, f, sp)
		return x, true, err
	}
	for i := len(tr.elems) - 1; i >= 0; i-- {
		e := tr.elems[i]
		if !hasPrefix(segs, e.keys) {
			continue
		}
		f := tr.src.Lookup(path)
		if f == nil && freeForm(tr.src, segs) && len(segs) > len(e.keys) {
			// below a free-form object of the element: any key, read as
			// its JSON text
			raw, err := tr.d.jsonText(e.col, segs[len(e.keys):])
			if err != nil {
				return sx{}, true, err
			}
			return sx{sql: tr.bindRaw(raw), t: tAny}, true, nil
		}
		if f == nil {
			return sx{}, true, unsupported("%q is not a field of the source schema", path)
		}
		if f.Type == schema.Object || f.Type == schema.Array {
			return sx{}, true, unsupported("%s is an %s: SQL reads scalar fields only", path, f.Type)
		}
		raw := e.col // Spark's elements are text already
		if rest := segs[len(e.keys):]; len(rest) > 0 || tr.d.name != "spark" {
			if raw, err = tr.d.jsonText(e.col, rest); err != nil {
				return sx{}, true, err
			}
		}
		sp, _ := transform.ParseSpelling(f.Format)
		x, err := tr.typedFromText(sx{sql: tr.bindRaw(raw), t: tText}, f, sp)
		return x, true, err
	}
	return sx{}, false, nil
}
