package schema

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// seamKeys are the keys a field of seam's YAML schema may have.
var seamKeys = map[string]bool{
	"name": true, "type": true, "bits": true, "required": true, "nullable": true,
	"max_length": true, "min_length": true, "precision": true, "scale": true,
	"min": true, "max": true, "pattern": true, "format": true, "enum": true,
	"description": true, "examples": true, "hints": true, "default": true, "primary_key": true,
	"unique": true, "readonly": true, "generated": true, "references": true,
	"charset": true, "fields": true, "items": true, "union": true,
}

// loadSeamYAML reads seam's own schema format (FORMAT.md).
func loadSeamYAML(src *source, data []byte) (*Schema, error) {
	root, err := parseYAMLNode(src.name, data)
	if err != nil {
		return nil, err
	}
	if root.kind != nObj {
		return nil, src.errorf(root.line, root.col, "expected a mapping with name: and fields:, found %s", root.kind)
	}
	for i, k := range root.keys {
		switch k {
		case "seam_schema", "name", "description", "fields", "charset":
		default:
			return nil, src.errorf(root.kline[i], 1, "unknown key %q; expected seam_schema, name, description, charset or fields", k)
		}
	}
	s := src.newSchema(root.get("name").str())
	s.Charset = root.get("charset").str()
	fl := root.get("fields")
	if fl == nil {
		return nil, src.errorf(root.line, root.col, "missing fields: (a list of fields)")
	}
	s.Fields, err = seamFields(src, fl, "", 0)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func seamFields(src *source, fl *node, prefix string, depth int) ([]*Field, error) {
	if fl.kind != nArr {
		return nil, src.errorf(fl.line, fl.col, "fields must be a list, found %s", fl.kind)
	}
	if depth > maxRefDepth {
		return nil, src.errorf(fl.line, fl.col, "fields nested deeper than %d levels", maxRefDepth)
	}
	seen := map[string]int{}
	var out []*Field
	for _, n := range fl.vals {
		if n.kind != nObj {
			return nil, src.errorf(n.line, n.col, "expected a field (a mapping with name: and type:), found %s", n.kind)
		}
		name := n.get("name")
		if name == nil || name.kind != nStr && name.kind != nNum || name.s == "" {
			return nil, src.errorf(n.line, n.col, "field without a name; expected name: TEXT")
		}
		if l, dup := seen[name.s]; dup {
			return nil, src.errorf(name.line, name.col, "duplicate field %q (first at line %d)", name.s, l)
		}
		seen[name.s] = name.line
		f, err := seamField(src, n, name.s, joinPath(prefix, name.s), depth)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func seamField(src *source, n *node, name, path string, depth int) (*Field, error) {
	f := &Field{Name: name, Path: path, Required: true, Origin: src.pos(n.line, 0)}
	for i, k := range n.keys {
		if !seamKeys[k] {
			keys := make([]string, 0, len(seamKeys))
			for x := range seamKeys {
				keys = append(keys, x)
			}
			sort.Strings(keys)
			return nil, src.errorf(n.kline[i], 0, "%s: unknown key %q; expected one of %s", path, k, strings.Join(keys, ", "))
		}
	}
	tn := n.get("type")
	if tn == nil || tn.kind != nStr {
		line, col := n.line, n.col
		if tn != nil {
			line, col = tn.line, tn.col
		}
		return nil, src.errorf(line, col, "%s: missing type; expected one of %s", path, typeList())
	}
	if err := parseTypeString(f, tn.s); err != nil {
		return nil, src.errorf(tn.line, tn.col, "%s: %v", path, err)
	}
	var err error
	boolKey := func(k string, dst *bool) {
		if v := n.get(k); v != nil && err == nil {
			b, ok := v.boolean()
			if !ok {
				err = src.errorf(v.line, v.col, "%s: %s must be true or false, found %s", path, k, v.kind)
				return
			}
			*dst = b
		}
	}
	intKey := func(k string, dst **int) {
		if v := n.get(k); v != nil && err == nil {
			x, ok := v.num()
			if !ok || x != math.Trunc(x) || x < 0 || x > math.MaxInt32 {
				err = src.errorf(v.line, v.col, "%s: %s must be a whole number >= 0", path, k)
				return
			}
			*dst = IntP(int(x))
		}
	}
	floatKey := func(k string, dst **float64) {
		if v := n.get(k); v != nil && err == nil {
			x, e := finiteNumber(v)
			if e != nil {
				err = src.errorf(v.line, v.col, "%s: %s: %v", path, k, e)
				return
			}
			*dst = FloatP(x)
		}
	}
	strKey := func(k string, dst *string) {
		if v := n.get(k); v != nil && err == nil {
			s, ok := v.scalarText()
			if !ok || v.kind == nNull {
				err = src.errorf(v.line, v.col, "%s: %s must be text, found %s", path, k, v.kind)
				return
			}
			*dst = s
		}
	}
	listKey := func(k string, dst *[]string) {
		if v := n.get(k); v != nil && err == nil {
			if v.kind != nArr {
				err = src.errorf(v.line, v.col, "%s: %s must be a list, found %s", path, k, v.kind)
				return
			}
			*dst = nil
			for _, x := range v.vals {
				s, ok := x.scalarText()
				if !ok {
					err = src.errorf(x.line, x.col, "%s: %s entries must be scalars", path, k)
					return
				}
				*dst = append(*dst, s)
			}
		}
	}
	boolKey("required", &f.Required)
	boolKey("nullable", &f.Nullable)
	boolKey("primary_key", &f.PrimaryKey)
	boolKey("unique", &f.Unique)
	boolKey("readonly", &f.ReadOnly)
	boolKey("generated", &f.Generated)
	intKey("max_length", &f.MaxLength)
	intKey("min_length", &f.MinLength)
	intKey("precision", &f.Precision)
	intKey("scale", &f.Scale)
	floatKey("min", &f.Min)
	floatKey("max", &f.Max)
	strKey("pattern", &f.Pattern)
	strKey("format", &f.Format)
	strKey("description", &f.Description)
	strKey("references", &f.References)
	strKey("charset", &f.Charset)
	listKey("enum", &f.EnumValues)
	listKey("examples", &f.Examples)
	var union []string
	listKey("union", &union)
	if err != nil {
		return nil, err
	}
	if v := n.get("hints"); v != nil {
		if v.kind != nObj {
			return nil, src.errorf(v.line, v.col, "%s: hints must be a mapping (range, regex, options, iteration, length), found %s", path, v.kind)
		}
		for i, k := range v.keys {
			switch k {
			case "range", "regex", "options", "iteration", "length":
			default:
				return nil, src.errorf(v.kline[i], 0, "%s: hints: unknown key %q; expected range, regex, options, iteration or length", path, k)
			}
		}
		f.Hints = hintsOf(v)
	}
	if f.Pattern != "" {
		note, e := checkPattern(f.Pattern)
		if e != nil {
			v := n.get("pattern")
			return nil, src.errorf(v.line, v.col, "%s: %v", path, e)
		}
		f.Description = joinDesc(f.Description, note)
	}
	for _, u := range union {
		if !Type(u).Valid() {
			return nil, src.errorf(n.get("union").line, 0, "%s: unknown union type %q; expected one of %s", path, u, typeList())
		}
		f.Union = append(f.Union, Type(u))
	}
	if v := n.get("bits"); v != nil {
		x, _ := v.num()
		if x != 16 && x != 32 && x != 64 {
			return nil, src.errorf(v.line, v.col, "%s: bits must be 16, 32 or 64", path)
		}
		f.Bits = int(x)
	}
	if v := n.get("default"); v != nil {
		s, ok := v.scalarText()
		if !ok {
			return nil, src.errorf(v.line, v.col, "%s: default must be a scalar", path)
		}
		if v.kind != nNull {
			f.Default = &s
		}
	}
	if f.Type == Enum && len(f.EnumValues) == 0 {
		return nil, src.errorf(tn.line, tn.col, "%s: type enum needs enum: [values]", path)
	}
	if fl := n.get("fields"); fl != nil {
		if f.Type != Object {
			return nil, src.errorf(fl.line, fl.col, "%s: fields: is only for type object, not %s", path, f.Type)
		}
		ch, err := seamFields(src, fl, path, depth+1)
		if err != nil {
			return nil, err
		}
		f.Children = ch
	}
	if it := n.get("items"); it != nil {
		if f.Type != Array {
			return nil, src.errorf(it.line, it.col, "%s: items: is only for type array, not %s", path, f.Type)
		}
		if it.kind != nObj {
			return nil, src.errorf(it.line, it.col, "%s: items must be a field mapping (type: ...)", path)
		}
		el, err := seamField(src, it, "[]", path+"[]", depth+1)
		if err != nil {
			return nil, err
		}
		f.Children = []*Field{el}
	}
	return f, nil
}

func typeList() string {
	var out []string
	for _, t := range Types {
		out = append(out, string(t))
	}
	return strings.Join(out, ", ")
}

// parseTypeString reads a type name or the compact forms TypeString
// writes: "string(15)", "integer(32)", "decimal(10,2)", "enum(A|B)".
func parseTypeString(f *Field, s string) error {
	s = strings.TrimSpace(s)
	base, args, hasArgs := strings.Cut(s, "(")
	base = strings.TrimSpace(base)
	if !Type(base).Valid() {
		return fmt.Errorf("unknown type %q; expected one of %s", s, typeList())
	}
	f.Type = Type(base)
	if !hasArgs {
		return nil
	}
	if !strings.HasSuffix(args, ")") {
		return fmt.Errorf("type %q: expected a closing )", s)
	}
	args = strings.TrimSuffix(args, ")")
	switch f.Type {
	case String:
		n, err := strconv.Atoi(strings.TrimSpace(args))
		if err != nil || n < 0 {
			return fmt.Errorf("type %q: expected string(MAX_LENGTH)", s)
		}
		f.MaxLength = IntP(n)
	case Integer:
		n, err := strconv.Atoi(strings.TrimSpace(args))
		if err != nil || n != 16 && n != 32 && n != 64 {
			return fmt.Errorf("type %q: expected integer(16), integer(32) or integer(64)", s)
		}
		f.Bits = n
	case Decimal:
		p, sc, _ := strings.Cut(args, ",")
		pn, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || pn <= 0 || pn > 1000 {
			return fmt.Errorf("type %q: expected decimal(PRECISION,SCALE)", s)
		}
		f.Precision = IntP(pn)
		if strings.TrimSpace(sc) != "" {
			sn, err := strconv.Atoi(strings.TrimSpace(sc))
			if err != nil || sn < 0 || sn > pn {
				return fmt.Errorf("type %q: expected a scale between 0 and the precision", s)
			}
			f.Scale = IntP(sn)
		} else {
			f.Scale = IntP(0)
		}
	case Enum:
		for _, v := range strings.Split(args, "|") {
			f.EnumValues = append(f.EnumValues, strings.TrimSpace(v))
		}
	default:
		return fmt.Errorf("type %q: %s takes no arguments", s, f.Type)
	}
	return nil
}
