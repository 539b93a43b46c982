package schema

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/seamhq/seam/mapping/diag"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Metaschema URLs by draft.
const (
	metaDraft4    = "http://json-schema.org/draft-04/schema"
	metaDraft6    = "http://json-schema.org/draft-06/schema"
	metaDraft7    = "http://json-schema.org/draft-07/schema"
	metaDraft2019 = "https://json-schema.org/draft/2019-09/schema"
	metaDraft2020 = "https://json-schema.org/draft/2020-12/schema"
)

var (
	metaMu    sync.Mutex
	metaCache = map[string]*jsonschema.Schema{}
)

// metaschema compiles (once) the built-in metaschema at url.
func metaschema(u string) (*jsonschema.Schema, error) {
	metaMu.Lock()
	defer metaMu.Unlock()
	if s, ok := metaCache[u]; ok {
		return s, nil
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(docLoader{}) // the metaschemas are built in; nothing else loads
	s, err := compileSafe(c, u)
	if err != nil {
		return nil, err
	}
	metaCache[u] = s
	return s, nil
}

// validateJSONSchema checks every loaded document (the root and the files
// it $refs) against its metaschema with santhosh-tekuri/jsonschema and
// reports the first problem at the line of the offending keyword. The
// document is validated as an instance of the metaschema (linear in its
// size); field building (jsonschema.go) walks the positioned tree itself
// because compiled schemas carry no positions.
func validateJSONSchema(c *jsConv, src *source) error {
	rootDraft := metaFor(c.docs[src.name].root)
	for _, d := range c.sortedDocs() {
		u := metaFor(d.root)
		if u == "" {
			u = rootDraft
		}
		if u == "" {
			continue // a custom metaschema: not checked
		}
		meta, err := metaschema(u)
		if err != nil {
			continue
		}
		verr := meta.Validate(d.root.toAny())
		var ve *jsonschema.ValidationError
		if !errors.As(verr, &ve) {
			continue
		}
		leaf := ve
		for len(leaf.Causes) > 0 {
			leaf = leaf.Causes[0]
		}
		n, _ := pointer(d.root, "/"+strings.Join(escapePtr(leaf.InstanceLocation), "/"))
		if len(leaf.InstanceLocation) == 0 || n == nil {
			n = d.root
		}
		msg := leaf.ErrorKind.LocalizedString(message.NewPrinter(language.English))
		return diag.Errorf(diag.Pos{File: d.name, Line: n.line, Col: n.col}, "not a valid JSON Schema at %s: %s", "/"+strings.Join(leaf.InstanceLocation, "/"), msg)
	}
	return nil
}

// sortedDocs returns the loaded documents, root first, then by name.
func (c *jsConv) sortedDocs() []*jsDoc {
	var names []string
	for k := range c.docs {
		if k != c.src.name {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	out := []*jsDoc{c.docs[c.src.name]}
	for _, k := range names {
		out = append(out, c.docs[k])
	}
	return out
}

// metaFor picks the metaschema: $schema when it names a known draft,
// draft-04 for documents in its style (boolean exclusiveMinimum), else
// 2020-12; "" for an unknown $schema.
func metaFor(root *node) string {
	if sch := root.get("$schema"); sch != nil {
		u := strings.TrimSuffix(strings.TrimSpace(sch.str()), "#")
		u = strings.Replace(u, "https://json-schema.org/draft-0", "http://json-schema.org/draft-0", 1)
		switch u {
		case metaDraft4, metaDraft6, metaDraft7, metaDraft2019, metaDraft2020:
			return u
		}
		return ""
	}
	if hasDraft4Style(root, 0) {
		return metaDraft4
	}
	return metaDraft2020
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

// docLoader refuses every URL: metaschemas are built into the library,
// and seam never goes to the network.
type docLoader struct{}

func (docLoader) Load(u string) (any, error) {
	return nil, fmt.Errorf("%s is not loaded", u)
}
