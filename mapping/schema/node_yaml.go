package schema

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
	"strconv"
	"strings"
)

// parseYAMLNode parses a YAML (or JSON) document into a positioned tree.
func parseYAMLNode(file string, data []byte) (*node, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "empty file: expected a YAML document")
	}
	if err := guard.CheckYAML(data); err != nil {
		var se *guard.ScanError
		if errors.As(err, &se) {
			return nil, diag.Errorf(diag.Pos{File: file, Line: se.Line, Col: se.Col}, "document %s; expected a schema", se.Msg)
		}
		return nil, diag.Errorf(diag.Pos{File: file}, "%v", err)
	}
	f, err := parseYAMLSafe(data)
	if err != nil {
		return nil, yamlError(file, err)
	}
	if len(f.Docs) == 0 || f.Docs[0] == nil || f.Docs[0].Body == nil {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "empty file: expected a YAML document")
	}
	c := &yamlConv{file: file, anchors: map[string]ast.Node{}}
	return c.conv(f.Docs[0].Body, 0)
}

// parseYAMLSafe guards the YAML parser: a panic on hostile input becomes
// an error.
func parseYAMLSafe(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("YAML parser failed: %v", r)
		}
	}()
	return parser.ParseBytes(data, 0)
}

// yamlError turns a go-yaml error into "file:line:col: message".
func yamlError(file string, err error) error {
	msg := err.Error()
	line, col := 0, 0
	var ye interface {
		GetMessage() string
		GetToken() *token.Token
	}
	if errors.As(err, &ye) {
		msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line, col = tk.Position.Line, tk.Position.Column
		}
	}
	if j := strings.IndexByte(msg, '\n'); j > 0 {
		msg = msg[:j]
	}
	return diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, "invalid YAML: %s", msg)
}

type yamlConv struct {
	file    string
	anchors map[string]ast.Node
	count   int
}

// maxYAMLNodes bounds the tree after alias expansion ("billion laughs").
const maxYAMLNodes = 500000

func (c *yamlConv) conv(n ast.Node, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, diag.Errorf(diag.Pos{File: c.file}, "document nested deeper than %d levels", maxDepth)
	}
	c.count++
	if c.count > maxYAMLNodes {
		return nil, diag.Errorf(diag.Pos{File: c.file}, "document expands to more than %d nodes through aliases; expected a schema", maxYAMLNodes)
	}
	if n == nil {
		return &node{kind: nNull}, nil
	}
	out := &node{}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		out.line, out.col = tk.Position.Line, tk.Position.Column
	}
	switch v := n.(type) {
	case *ast.NullNode:
		out.kind = nNull
	case *ast.BoolNode:
		out.kind, out.s = nBool, strconv.FormatBool(v.Value)
	case *ast.IntegerNode:
		out.kind, out.s = nNum, fmt.Sprint(v.Value)
	case *ast.FloatNode:
		out.kind, out.s = nNum, strconv.FormatFloat(v.Value, 'g', -1, 64)
	case *ast.InfinityNode, *ast.NanNode:
		out.kind, out.s = nStr, v.String()
	case *ast.StringNode:
		out.kind, out.s = nStr, v.Value
	case *ast.LiteralNode:
		out.kind, out.s = nStr, v.Value.Value
	case *ast.TagNode:
		return c.conv(v.Value, depth+1)
	case *ast.AnchorNode:
		if v.Name != nil {
			c.anchors[v.Name.String()] = v.Value
		}
		if v.Value == nil {
			out.kind = nNull
			return out, nil
		}
		return c.conv(v.Value, depth+1)
	case *ast.AliasNode:
		name := ""
		if v.Value != nil {
			name = v.Value.String()
		}
		target, ok := c.anchors[name]
		if !ok {
			return nil, diag.Errorf(diag.Pos{File: c.file, Line: out.line, Col: out.col}, "invalid YAML: unknown alias *%s", name)
		}
		r, err := c.conv(target, depth+1)
		if err != nil {
			return nil, err
		}
		return r, nil
	case *ast.MappingNode:
		out.kind = nObj
		merged := map[string]bool{}
		for _, mv := range v.Values {
			if err := c.addPair(out, mv, depth, merged); err != nil {
				return nil, err
			}
		}
	case *ast.MappingValueNode:
		out.kind = nObj
		if err := c.addPair(out, v, depth, map[string]bool{}); err != nil {
			return nil, err
		}
	case *ast.SequenceNode:
		out.kind = nArr
		for _, it := range v.Values {
			if it == nil {
				out.vals = append(out.vals, &node{kind: nNull, line: out.line, col: out.col})
				continue
			}
			x, err := c.conv(it, depth+1)
			if err != nil {
				return nil, err
			}
			out.vals = append(out.vals, x)
		}
	default:
		return nil, diag.Errorf(diag.Pos{File: c.file, Line: out.line, Col: out.col}, "unsupported YAML node %s", n.Type())
	}
	return out, nil
}

// addPair adds one key: value to out. merged marks the keys that came
// from "<<" merges: a key written in the mapping itself overrides them,
// and of two merges the earlier wins, as YAML's merge key says.
func (c *yamlConv) addPair(out *node, mv *ast.MappingValueNode, depth int, merged map[string]bool) error {
	if mv == nil || mv.Key == nil {
		return nil
	}
	key := mv.Key.String()
	if k, ok := mv.Key.(*ast.StringNode); ok {
		key = k.Value
	}
	kl := out.line
	if tk := mv.Key.GetToken(); tk != nil && tk.Position != nil {
		kl = tk.Position.Line
	}
	if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
		// "<<: *anchor" merges the anchored mapping's pairs.
		if mv.Value == nil {
			return nil
		}
		m, err := c.conv(mv.Value, depth+1)
		if err != nil {
			return err
		}
		for _, mm := range mergeSources(m) {
			for i, k := range mm.keys {
				if out.get(k) != nil {
					continue
				}
				merged[k] = true
				out.keys = append(out.keys, k)
				out.vals = append(out.vals, mm.vals[i])
				out.kline = append(out.kline, mm.kline[i])
			}
		}
		return nil
	}
	var val *node
	if mv.Value == nil {
		val = &node{kind: nNull, line: kl}
	} else {
		var err error
		if val, err = c.conv(mv.Value, depth+1); err != nil {
			return err
		}
	}
	if merged[key] {
		for i, k := range out.keys {
			if k == key {
				out.vals[i], out.kline[i] = val, kl
			}
		}
		delete(merged, key)
		return nil
	}
	out.keys = append(out.keys, key)
	out.kline = append(out.kline, kl)
	out.vals = append(out.vals, val)
	return nil
}

// mergeSources returns the mappings a "<<" value names: one mapping, or
// a list of them (<<: [*a, *b]).
func mergeSources(m *node) []*node {
	switch m.kind {
	case nObj:
		return []*node{m}
	case nArr:
		var out []*node
		for _, x := range m.vals {
			if x.kind == nObj {
				out = append(out, x)
			}
		}
		return out
	default:
	}
	return nil
}
