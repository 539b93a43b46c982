package schema

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
)

// jsDoc is one loaded JSON Schema or OpenAPI document.
type jsDoc struct {
	name string // file name as shown in origins
	root *node
}

// jsConv turns JSON Schema (and OpenAPI schema objects) into fields.
type jsConv struct {
	src     *source
	docs    map[string]*jsDoc
	openapi bool
	// lenient: a $ref to a missing component of the same file becomes an
	// empty object (OpenAPI documents marked as extracts point into specs
	// that are not there).
	lenient bool
	stack   []string
	count   int
}

// maxFields bounds the tree a schema may expand to (recursive or
// combinatorial $refs).
const maxFields = 200000

// maxRefDepth bounds nesting through $refs.
const maxRefDepth = 64

func newJSConv(src *source, root *node) *jsConv {
	c := &jsConv{src: src, docs: map[string]*jsDoc{}}
	c.docs[src.name] = &jsDoc{name: src.name, root: root}
	return c
}

func loadJSONSchema(src *source, data []byte) (*Schema, error) {
	root, err := parseDoc(src.name, data)
	if err != nil {
		return nil, err
	}
	if root.kind != nObj {
		return nil, src.errorf(root.line, root.col, "a JSON Schema must be an object, found %s", root.kind)
	}
	c := newJSConv(src, root)
	doc := c.docs[src.name]
	target, name := root, ""
	if src.selector != "" || !hasFieldsShape(root) {
		defs := c.definitions(root)
		if src.selector == "" {
			if len(defs) == 0 {
				// A scalar or empty root: one field named after the file.
				return c.singleField(doc, root)
			}
			return nil, selectErr(src, "definition", defKeys(defs))
		}
		d, ok := defs[src.selector]
		if strings.HasPrefix(src.selector, "/") {
			// A JSON pointer selector: schema.json#/$defs/customer.
			d, err = pointer(root, src.selector)
			ok = err == nil
			name = src.selector[strings.LastIndexByte(src.selector, '/')+1:]
		} else {
			name = src.selector
		}
		if !ok {
			return nil, selectErr(src, "definition", defKeys(defs))
		}
		target = d
	}
	s := src.newSchema(name)
	if t := root.get("title").str(); t != "" && name == "" {
		s.Name = t
	}
	fields, err := c.rootFields(doc, target)
	if err != nil {
		return nil, err
	}
	s.Fields = fields
	if err := validateJSONSchema(c, src); err != nil {
		return nil, err
	}
	return s, nil
}

// parseDoc parses JSON, or YAML when the text does not start like JSON.
func parseDoc(file string, data []byte) (*node, error) {
	t := strings.TrimSpace(string(trimBOM(data)))
	if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		return parseJSONNode(file, data)
	}
	return parseYAMLNode(file, data)
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

func hasFieldsShape(n *node) bool {
	for _, k := range []string{"properties", "allOf", "items", "$ref", "oneOf", "anyOf", "additionalProperties"} {
		if n.get(k) != nil {
			return true
		}
	}
	return false
}

func defKeys(m map[string]*node) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// definitions gathers $defs, definitions and components.schemas by name.
func (c *jsConv) definitions(root *node) map[string]*node {
	out := map[string]*node{}
	for _, holder := range []*node{root.get("$defs"), root.get("definitions"), root.get("components").get("schemas")} {
		if holder == nil || holder.kind != nObj {
			continue
		}
		for i, k := range holder.keys {
			out[k] = holder.vals[i]
		}
	}
	return out
}

func (c *jsConv) singleField(doc *jsDoc, root *node) (*Schema, error) {
	s := c.src.newSchema("")
	f, err := c.field(doc, root, s.Name, s.Name, true, 0, root.line)
	if err != nil {
		return nil, err
	}
	s.Fields = []*Field{f}
	return s, nil
}

// rootFields returns the top-level fields of an object schema; the items'
// fields of an array schema (re-rooted: "sku", not "[].sku"); or, for a
// scalar schema, one field named after the file.
func (c *jsConv) rootFields(doc *jsDoc, n *node) ([]*Field, error) {
	f, err := c.field(doc, n, "", "", true, 0, n.line)
	if err != nil {
		return nil, err
	}
	switch f.Type {
	case Object:
		return f.Children, nil
	case Array:
		if e := f.Elem(); e != nil && e.Type == Object {
			for _, ch := range e.Children {
				rebase(ch, "[].", "")
			}
			return e.Children, nil
		}
	default:
	}
	name := stem(c.src.name)
	if c.src.selector != "" {
		name = c.src.selector
	}
	f.Name = name
	rebase(f, "", name)
	return []*Field{f}, nil
}

// rebase replaces the path prefix old with new in f and its children.
func rebase(f *Field, old, new string) {
	f.Path = new + strings.TrimPrefix(f.Path, old)
	for _, ch := range f.Children {
		rebase(ch, old, new)
	}
}

// resolved is a schema node with the document it lives in.
type resolved struct {
	doc *jsDoc
	n   *node
	key string // doc#pointer for cycle detection; "" when inline
}

// resolveRef follows one $ref from n (in doc).
func (c *jsConv) resolveRef(doc *jsDoc, ref *node) (resolved, error) {
	r := ref.str()
	if ref.kind != nStr {
		return resolved{}, c.src.errorf(ref.line, ref.col, "$ref must be a string, found %s", ref.kind)
	}
	filePart, frag := r, ""
	if i := strings.IndexByte(r, '#'); i >= 0 {
		filePart, frag = r[:i], r[i+1:]
	}
	target := doc
	if filePart != "" {
		if u, err := url.Parse(filePart); err == nil && u.Scheme != "" && u.Scheme != "file" {
			return resolved{}, diag.Errorf(diag.Pos{File: doc.name, Line: ref.line, Col: ref.col}, "$ref %q: remote references are not loaded; expected a local file or #/pointer", r)
		}
		if u, err := url.Parse(filePart); err == nil && u.Scheme == "file" {
			return resolved{}, diag.Errorf(diag.Pos{File: doc.name, Line: ref.line, Col: ref.col}, "$ref %q: file: URLs are not loaded; expected a path relative to this file", r)
		}
		p, err := guard.Resolve(doc.name, filePart)
		if err != nil {
			return resolved{}, diag.Errorf(diag.Pos{File: doc.name, Line: ref.line, Col: ref.col}, "$ref: %v", err)
		}
		d, ok := c.docs[p]
		if !ok {
			data, err := c.src.readFile(p)
			if err != nil {
				reason := err.Error()
				var fe *guard.FileError
				if errors.As(err, &fe) {
					reason = fe.Reason
				}
				return resolved{}, diag.Errorf(diag.Pos{File: doc.name, Line: ref.line, Col: ref.col}, "$ref %q: cannot read %s: %s", r, p, reason)
			}
			root, err := parseDoc(p, data)
			if err != nil {
				return resolved{}, err
			}
			d = &jsDoc{name: p, root: root}
			c.docs[p] = d
		}
		target = d
	}
	n, err := pointer(target.root, frag)
	if err != nil {
		if c.lenient && filePart == "" {
			return resolved{n: nil, doc: target, key: target.name + "#" + frag}, nil
		}
		return resolved{}, diag.Errorf(diag.Pos{File: doc.name, Line: ref.line, Col: ref.col}, "$ref %q: %v", r, err)
	}
	return resolved{doc: target, n: n, key: target.name + "#" + frag}, nil
}

// pointer resolves a JSON pointer ("/definitions/x") in root.
func pointer(root *node, frag string) (*node, error) {
	if frag == "" || frag == "/" && root.get("") == nil {
		return root, nil
	}
	if uf, err := url.PathUnescape(frag); err == nil {
		frag = uf
	}
	if !strings.HasPrefix(frag, "/") {
		// A plain-name fragment: look for a matching $anchor or $id.
		if n := findAnchor(root, frag, 0); n != nil {
			return n, nil
		}
		return nil, fmt.Errorf("no $anchor %q in the document", frag)
	}
	n := root
	for _, tok := range strings.Split(frag[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch n.kind {
		case nObj:
			next := n.get(tok)
			if next == nil {
				return nil, fmt.Errorf("no %q in the document", "#"+frag)
			}
			n = next
		case nArr:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.vals) {
				return nil, fmt.Errorf("no %q in the document", "#"+frag)
			}
			n = n.vals[i]
		default:
			return nil, fmt.Errorf("no %q in the document", "#"+frag)
		}
	}
	return n, nil
}

func findAnchor(n *node, name string, depth int) *node {
	return findNode(n, depth, func(n *node) bool {
		return n.kind == nObj && (n.get("$anchor").str() == name || strings.TrimPrefix(n.get("$id").str(), "#") == name && n.get("$id") != nil)
	})
}

// findNode is the first node, depth first from n itself, that match
// accepts; nodes deeper than maxDepth are not searched.
func findNode(n *node, depth int, match func(*node) bool) *node {
	if n == nil || depth > maxDepth {
		return nil
	}
	if match(n) {
		return n
	}
	for _, v := range n.vals {
		if r := findNode(v, depth+1, match); r != nil {
			return r
		}
	}
	return nil
}

// spec is a schema object flattened through $ref and allOf.
type spec struct {
	doc       *jsDoc
	types     []string // declared types (without "null")
	typeNode  *node
	nullable  bool
	props     []propDef
	propSeen  map[string]bool
	required  map[string]bool
	items     *resolved
	union     []resolved
	nodes     []*node
	recursive string
	missing   string
}

type propDef struct {
	name string
	n    *node
	doc  *jsDoc
	line int
}

// flatten merges n with its $ref target and allOf members.
func (c *jsConv) flatten(doc *jsDoc, n *node, sp *spec, depth int) error {
	if depth > maxRefDepth {
		return c.src.errorf(n.line, n.col, "$ref/allOf nested deeper than %d levels", maxRefDepth)
	}
	if n.kind == nBool {
		return nil // true/false schemas: anything / nothing
	}
	if n.kind != nObj {
		return diag.Errorf(diag.Pos{File: doc.name, Line: n.line, Col: n.col}, "expected a schema object, found %s", n.kind)
	}
	sp.nodes = append(sp.nodes, n)
	if sp.doc == nil {
		sp.doc = doc
	}
	if t := n.get("type"); t != nil && sp.typeNode == nil {
		sp.typeNode = t
		switch t.kind {
		case nStr:
			sp.types = append(sp.types, t.s)
		case nArr:
			for _, x := range t.vals {
				if x.kind != nStr {
					return diag.Errorf(diag.Pos{File: doc.name, Line: x.line, Col: x.col}, "type list must hold strings, found %s", x.kind)
				}
				sp.types = append(sp.types, x.s)
			}
		default:
			return diag.Errorf(diag.Pos{File: doc.name, Line: t.line, Col: t.col}, "type must be a string or a list of strings, found %s", t.kind)
		}
	}
	if b, ok := n.get("nullable").boolean(); ok && b {
		sp.nullable = true
	}
	if p := n.get("properties"); p != nil {
		if p.kind != nObj {
			return diag.Errorf(diag.Pos{File: doc.name, Line: p.line, Col: p.col}, "properties must be an object, found %s", p.kind)
		}
		if sp.propSeen == nil {
			sp.propSeen = map[string]bool{}
		}
		for i, k := range p.keys {
			if !sp.propSeen[k] {
				sp.propSeen[k] = true
				sp.props = append(sp.props, propDef{name: k, n: p.vals[i], doc: doc, line: p.kline[i]})
			}
		}
	}
	if r := n.get("required"); r != nil && r.kind == nArr {
		for _, x := range r.vals {
			sp.required[strings.TrimSpace(x.str())] = true
		}
	}
	if pi := n.get("prefixItems"); pi != nil && pi.kind == nArr && len(pi.vals) > 0 && sp.items == nil {
		sp.items = &resolved{doc: doc, n: pi.vals[0]} // 2020-12 tuples: the first position
	}
	if it := n.get("items"); it != nil && sp.items == nil {
		if it.kind == nArr { // draft-04 tuple form: take the first
			if len(it.vals) > 0 {
				sp.items = &resolved{doc: doc, n: it.vals[0]}
			}
		} else {
			sp.items = &resolved{doc: doc, n: it}
		}
	}
	for _, kw := range []string{"oneOf", "anyOf"} {
		if u := n.get(kw); u != nil && u.kind == nArr {
			for _, m := range u.vals {
				sp.union = append(sp.union, resolved{doc: doc, n: m})
			}
		}
	}
	if ref := n.get("$ref"); ref != nil {
		r, err := c.resolveRef(doc, ref)
		if err != nil {
			return err
		}
		if r.n == nil {
			sp.missing = ref.str()
		} else if c.onStack(r.key) {
			sp.recursive = ref.str()
		} else {
			// The key stays on the stack until the field's children are
			// built (field pops it), so a $ref back to it stops there.
			c.stack = append(c.stack, r.key)
			if err := c.flatten(r.doc, r.n, sp, depth+1); err != nil {
				return err
			}
		}
	}
	if all := n.get("allOf"); all != nil && all.kind == nArr {
		for _, m := range all.vals {
			if err := c.flatten(doc, m, sp, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *jsConv) onStack(key string) bool {
	for _, k := range c.stack {
		if k == key {
			return true
		}
	}
	return false
}

func (sp *spec) kw(k string) *node {
	for _, n := range sp.nodes {
		if v := n.get(k); v != nil {
			return v
		}
	}
	return nil
}
