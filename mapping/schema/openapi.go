package schema

import "strings"

// loadOpenAPI reads an OpenAPI 3 document (a component is chosen with
// #SELECTOR) or a bare component schema file such as Supaglue's
// objects/*.yaml. Schema objects follow JSON Schema plus `nullable: true`.
//
// A $ref to a component missing from the file is an error naming the $ref
// and its file:line:col, unless the document says it is a partial extract
// of a larger spec (an "x-extract..." key, such as x-extract-note, in info
// or at the top level): then such a $ref becomes an object field whose
// description names the reference.
func loadOpenAPI(src *source, data []byte) (*Schema, error) {
	root, err := parseDoc(src.name, data)
	if err != nil {
		return nil, err
	}
	if root.kind != nObj {
		return nil, src.errorf(root.line, root.col, "an OpenAPI document must be an object, found %s", root.kind)
	}
	c := newJSConv(src, root)
	c.openapi, c.lenient = true, isExtract(root)
	doc := c.docs[src.name]
	comps := root.get("components").get("schemas")
	if comps == nil {
		comps = root.get("definitions") // Swagger 2
	}
	if comps == nil || hasFieldsShape(root) && src.selector == "" {
		// A bare schema object.
		s := src.newSchema("")
		if t := root.get("title").str(); t != "" {
			s.Name = t
		}
		fields, err := c.rootFields(doc, root)
		if err != nil {
			return nil, err
		}
		s.Fields = fields
		return s, nil
	}
	if comps.kind != nObj {
		return nil, src.errorf(comps.line, comps.col, "components.schemas must be an object, found %s", comps.kind)
	}
	var target *node
	name := src.selector
	if strings.HasPrefix(name, "/") {
		// A JSON pointer selector: api.yaml#/components/schemas/Customer.
		if target, err = pointer(root, name); err != nil {
			return nil, selectErr(src, "component", comps.keys)
		}
		name = name[strings.LastIndexByte(name, '/')+1:]
	} else if name == "" {
		if len(comps.keys) != 1 {
			return nil, selectErr(src, "component", comps.keys)
		}
		name, target = comps.keys[0], comps.vals[0]
	} else if target = comps.get(name); target == nil {
		return nil, selectErr(src, "component", comps.keys)
	}
	c.stack = append(c.stack, src.name+"#/components/schemas/"+name)
	s := src.newSchema(name)
	fields, err := c.rootFields(doc, target)
	if err != nil {
		return nil, err
	}
	s.Fields = fields
	return s, nil
}

// isExtract reports a document that declares itself a partial extract of a
// larger spec: a key starting with "x-extract" at the top level or in info.
func isExtract(root *node) bool {
	for _, n := range []*node{root, root.get("info")} {
		if n == nil || n.kind != nObj {
			continue
		}
		for _, k := range n.keys {
			if strings.HasPrefix(strings.ToLower(k), "x-extract") {
				return true
			}
		}
	}
	return false
}
