package schema

import (
	"github.com/seamhq/seam/mapping/diag"
	"math"
	"strings"
)

var jsTypes = map[string]bool{"string": true, "integer": true, "number": true, "boolean": true, "object": true, "array": true, "null": true}

// field builds the field declared by n under name/path.
func (c *jsConv) field(doc *jsDoc, n *node, name, path string, required bool, depth, line int) (*Field, error) {
	c.count++
	if c.count > maxFields {
		return nil, c.src.errorf(n.line, n.col, "schema expands to more than %d fields; expected a finite tree", maxFields)
	}
	if depth > maxRefDepth {
		return nil, diag.Errorf(diag.Pos{File: doc.name, Line: n.line, Col: n.col}, "schema nested deeper than %d levels", maxRefDepth)
	}
	f := &Field{Name: name, Path: path, Required: required, Origin: diag.Pos{File: doc.name, Line: line}}
	sp := &spec{required: map[string]bool{}}
	mark := len(c.stack)
	defer func() { c.stack = c.stack[:mark] }()
	if err := c.flatten(doc, n, sp, 0); err != nil {
		return nil, err
	}
	var types []string
	for _, t := range sp.types {
		if !jsTypes[t] {
			tn := sp.typeNode
			return nil, diag.Errorf(diag.Pos{File: sp.doc.name, Line: tn.line, Col: tn.col}, "%s: unknown type %q; expected one of string, integer, number, boolean, object, array, null", fieldLabel(path), t)
		}
		if t == "null" {
			f.Nullable = true
			continue
		}
		types = append(types, t)
	}
	if sp.nullable {
		f.Nullable = true
	}
	// Unions: oneOf/anyOf members, and type lists with several non-null types.
	var unionTypes []Type
	var objMember *resolved
	for i := range sp.union {
		m := sp.union[i]
		msp := &spec{required: map[string]bool{}}
		umark := len(c.stack)
		err := c.flatten(m.doc, m.n, msp, 0)
		c.stack = c.stack[:umark]
		if err != nil {
			return nil, err
		}
		mt := memberType(msp)
		if mt == "null" {
			f.Nullable = true
			continue
		}
		if mt == "" {
			continue
		}
		if mt == Object && objMember == nil {
			objMember = &sp.union[i]
		}
		unionTypes = appendType(unionTypes, mt)
	}
	if len(types) > 1 {
		for _, t := range types {
			unionTypes = appendType(unionTypes, jsonTypeOf(t, sp))
		}
	}
	switch {
	case len(types) >= 1:
		f.Type = jsonTypeOf(types[0], sp)
	case len(unionTypes) > 0:
		f.Type = unionTypes[0]
	case len(sp.props) > 0:
		f.Type = Object
	case sp.items != nil:
		f.Type = Array
	case sp.kw("enum") != nil:
		f.Type = Enum
	case sp.kw("format") != nil || sp.kw("maxLength") != nil || sp.kw("pattern") != nil:
		f.Type = jsonTypeOf("string", sp)
	case sp.kw("minimum") != nil || sp.kw("maximum") != nil:
		f.Type = Float
	default:
		f.Type = Object // {} or a schema without constraints: any JSON value
	}
	if len(unionTypes) > 1 {
		f.Union = unionTypes
	}
	if err := c.applyConstraints(doc, f, sp); err != nil {
		return nil, err
	}
	if sp.recursive != "" && len(sp.props) == 0 {
		f.Description = joinDesc(f.Description, "recursive $ref "+sp.recursive+" (not expanded)")
	}
	if sp.missing != "" {
		f.Description = joinDesc(f.Description, "unresolved $ref "+sp.missing+" (not in this file)")
	}
	switch f.Type {
	case Object:
		props, req := sp.props, sp.required
		if len(props) == 0 && objMember != nil {
			msp := &spec{required: map[string]bool{}}
			if err := c.flatten(objMember.doc, objMember.n, msp, 0); err != nil {
				return nil, err
			}
			props, req = msp.props, msp.required
		}
		if len(props) == 0 && f.Format == "" {
			if ap := sp.kw("additionalProperties"); ap != nil && ap.kind == nObj || sp.kw("patternProperties") != nil {
				f.Format = "map" // an object used as a dictionary
			}
		}
		for _, p := range props {
			ch, err := c.field(p.doc, p.n, p.name, joinPath(path, p.name), req[p.name], depth+1, p.line)
			if err != nil {
				return nil, err
			}
			f.Children = append(f.Children, ch)
		}
	case Array:
		if sp.items != nil {
			ep := path + "[]"
			el, err := c.field(sp.items.doc, sp.items.n, "[]", ep, true, depth+1, sp.items.n.line)
			if err != nil {
				return nil, err
			}
			f.Children = []*Field{el}
		}
	default:
	}
	return f, nil
}

func fieldLabel(path string) string {
	if path == "" {
		return "root"
	}
	return path
}

func joinDesc(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " (" + b + ")"
}

func joinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

func appendType(ts []Type, t Type) []Type {
	for _, x := range ts {
		if x == t {
			return ts
		}
	}
	return append(ts, t)
}

// memberType is the seam type of a oneOf/anyOf member ("null" for null).
func memberType(sp *spec) Type {
	nonNull := []string{}
	for _, t := range sp.types {
		if t != "null" {
			nonNull = append(nonNull, t)
		}
	}
	switch {
	case len(nonNull) > 0:
		if !jsTypes[nonNull[0]] {
			return ""
		}
		return jsonTypeOf(nonNull[0], sp)
	case len(sp.types) > 0:
		return "null"
	case len(sp.props) > 0 || sp.recursive != "" || sp.missing != "":
		return Object
	case sp.items != nil:
		return Array
	case sp.kw("enum") != nil:
		if e := sp.kw("enum"); e.kind == nArr && len(e.vals) == 1 && e.vals[0].kind == nNull {
			return "null"
		}
		return Enum
	}
	return ""
}

// jsonTypeOf maps a JSON Schema type plus format to a seam type.
func jsonTypeOf(t string, sp *spec) Type {
	format := sp.kw("format").str()
	switch t {
	case "string":
		if e := sp.kw("enum"); e != nil && e.kind == nArr && len(e.vals) > 0 {
			return Enum
		}
		switch strings.ToLower(format) {
		case "date":
			return Date
		case "date-time", "datetime":
			return TimestampTZ
		case "time":
			return Time
		case "uuid":
			return UUID
		case "byte", "binary", "base64":
			return Binary
		case "decimal", "singer.decimal":
			return Decimal
		}
		if enc := sp.kw("contentEncoding").str(); enc == "base64" {
			return Binary
		}
		return String
	case "integer":
		return Integer
	case "number":
		if m, ok := sp.kw("multipleOf").num(); ok && m > 0 && m < 1 {
			return Decimal
		}
		if format == "decimal" {
			return Decimal
		}
		return Float
	case "boolean":
		return Boolean
	case "object":
		return Object
	case "array":
		return Array
	}
	return String
}

func (c *jsConv) applyConstraints(doc *jsDoc, f *Field, sp *spec) error {
	if d := sp.kw("description").str(); d != "" {
		f.Description = d
	} else if t := sp.kw("title").str(); t != "" {
		f.Description = t
	}
	bad := func(n *node, kw string, err error) error {
		return diag.Errorf(diag.Pos{File: doc.name, Line: n.line, Col: n.col}, "%s: %s: %v", fieldLabel(f.Path), kw, err)
	}
	f.Format = sp.kw("format").str()
	if pn := sp.kw("pattern"); pn != nil && pn.kind == nStr {
		note, err := checkPattern(pn.s)
		if err != nil {
			return bad(pn, "pattern", err)
		}
		f.Pattern = pn.s
		if note != "" {
			f.Description = joinDesc(f.Description, note)
		}
	}
	for _, k := range []struct {
		kw  string
		dst **int
	}{{"maxLength", &f.MaxLength}, {"minLength", &f.MinLength}} {
		if n := sp.kw(k.kw); n != nil {
			v, err := wholeNumber(n)
			if err != nil {
				return bad(n, k.kw, err)
			}
			*k.dst = IntP(v)
		}
	}
	for _, k := range []struct {
		kw, alt string
		dst     **float64
	}{{"minimum", "exclusiveMinimum", &f.Min}, {"maximum", "exclusiveMaximum", &f.Max}} {
		n, kw := sp.kw(k.kw), k.kw
		if n == nil || n.kind == nBool { // draft-4 exclusiveMinimum: true
			n, kw = sp.kw(k.alt), k.alt
		}
		if n == nil || n.kind == nBool {
			continue
		}
		v, err := finiteNumber(n)
		if err != nil {
			return bad(n, kw, err)
		}
		*k.dst = FloatP(v)
	}
	if f.Type == Integer {
		switch f.Format {
		case "int16":
			f.Bits = 16
		case "int32":
			f.Bits = 32
		case "int64":
			f.Bits = 64
		}
	}
	if f.Type == Decimal {
		if m, ok := sp.kw("multipleOf").num(); ok && m > 0 && m < 1 {
			s := int(math.Round(-math.Log10(m)))
			if s >= 0 && s < 40 {
				f.Scale = IntP(s)
			}
		}
	}
	if e := sp.kw("enum"); e != nil && e.kind == nArr {
		for _, v := range e.vals {
			if v.kind == nNull {
				f.Nullable = true
				continue
			}
			if s, ok := v.scalarText(); ok {
				f.EnumValues = append(f.EnumValues, s)
			}
		}
	}
	if cst := sp.kw("const"); cst != nil {
		if s, ok := cst.scalarText(); ok && cst.kind != nNull {
			f.EnumValues = []string{s}
		}
	}
	if d := sp.kw("default"); d != nil {
		if s, ok := d.scalarText(); ok && d.kind != nNull {
			f.Default = StrP(s)
		}
	}
	if b, ok := sp.kw("readOnly").boolean(); ok && b {
		f.ReadOnly = true
	}
	if ex := sp.kw("examples"); ex != nil && ex.kind == nArr {
		for _, v := range ex.vals {
			if s, ok := v.scalarText(); ok {
				f.Examples = append(f.Examples, s)
			}
		}
	} else if ex := sp.kw("example"); ex != nil {
		if s, ok := ex.scalarText(); ok {
			f.Examples = []string{s}
		}
	}
	return nil
}
