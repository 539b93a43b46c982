package schema

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/seamhq/seam/mapping/diag"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// validateJSONSchema checks the documents against their metaschema with
// santhosh-tekuri/jsonschema and reports the first problem at the line of
// the offending keyword. Field building (jsonschema.go) walks the
// positioned tree itself because the compiled schemas carry no positions.
func validateJSONSchema(c *jsConv, src *source) error {
	comp := jsonschema.NewCompiler()
	root := c.docs[src.name].root
	if root.get("$schema") == nil {
		comp.DefaultDraft(guessDraft(root, 0))
	}
	comp.UseRegexpEngine(lenientRegexp)
	byURL := map[string]*jsDoc{}
	rootURL := ""
	for key, d := range c.docs {
		abs, err := filepath.Abs(key)
		if err != nil {
			continue
		}
		u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
		byURL[u] = d
		if key == src.name {
			rootURL = u
		}
	}
	comp.UseLoader(docLoader{c: c, byURL: byURL})
	_, err := compileSafe(comp, rootURL)
	if err == nil {
		return nil
	}
	var sve *jsonschema.SchemaValidationError
	if errors.As(err, &sve) {
		d := byURL[sve.URL]
		if d == nil {
			d = c.docs[src.name]
		}
		var ve *jsonschema.ValidationError
		if errors.As(sve.Err, &ve) {
			leaf := ve
			for len(leaf.Causes) > 0 {
				leaf = leaf.Causes[0]
			}
			n, _ := pointer(d.root, "/"+strings.Join(escapePtr(leaf.InstanceLocation), "/"))
			if len(leaf.InstanceLocation) == 0 {
				n = d.root
			}
			msg := leaf.ErrorKind.LocalizedString(message.NewPrinter(language.English))
			pos := diag.Pos{File: d.name}
			if n != nil {
				pos.Line, pos.Col = n.line, n.col
			}
			return diag.Errorf(pos, "not a valid JSON Schema at %s: %s", "/"+strings.Join(leaf.InstanceLocation, "/"), msg)
		}
	}
	// Reference resolution is the converter's job (it already followed
	// every $ref it needs, more leniently, e.g. "file.json#/"); only
	// metaschema violations are reported from here.
	return nil
}

func compileSafe(comp *jsonschema.Compiler, u string) (s *jsonschema.Schema, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("jsonschema compiler failed: %v", r)
		}
	}()
	return comp.Compile(u)
}

func escapePtr(toks []string) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
	}
	return out
}

// guessDraft picks draft-04 for documents written in its style (boolean
// exclusiveMinimum, "definitions", "id"), else 2020-12.
func guessDraft(n *node, depth int) *jsonschema.Draft {
	if hasDraft4Style(n, 0) {
		return jsonschema.Draft4
	}
	return jsonschema.Draft2020
}

func hasDraft4Style(n *node, depth int) bool {
	if n == nil || depth > 64 {
		return false
	}
	if n.kind == nObj {
		for _, k := range []string{"exclusiveMinimum", "exclusiveMaximum"} {
			if v := n.get(k); v != nil && v.kind == nBool {
				return true
			}
		}
	}
	for _, v := range n.vals {
		if hasDraft4Style(v, depth+1) {
			return true
		}
	}
	return false
}

// docLoader serves already-parsed documents and reads relative files;
// it never goes to the network.
type docLoader struct {
	c     *jsConv
	byURL map[string]*jsDoc
}

func (l docLoader) Load(u string) (any, error) {
	if d, ok := l.byURL[u]; ok {
		return d.root.toAny(), nil
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme != "file" {
		return nil, fmt.Errorf("remote reference %s is not loaded", u)
	}
	p := filepath.FromSlash(pu.Path)
	data, err := l.c.src.opts.readFile(p)
	if err != nil {
		return nil, err
	}
	n, err := parseDoc(p, data)
	if err != nil {
		return nil, err
	}
	return n.toAny(), nil
}

// lenientRegexp compiles patterns with Go's regexp; ECMAScript-only
// syntax (lookaheads) is accepted and matches everything, because a
// pattern seam cannot run must not stop a schema from loading.
func lenientRegexp(s string) (jsonschema.Regexp, error) {
	re, err := regexp.Compile(s)
	if err != nil {
		return anyRegexp(s), nil
	}
	return re, nil
}

type anyRegexp string

func (r anyRegexp) MatchString(string) bool { return true }
func (r anyRegexp) String() string          { return string(r) }
