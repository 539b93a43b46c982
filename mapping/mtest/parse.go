package mtest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
)

// caseKeys are the keys a test may have, in the order --update writes them.
var caseKeys = []string{"name", "given", "expect", "expect_rejects", "expect_findings"}

// Parse reads a `tests:` section (text, whose first line is line `line`
// of file) or a tests file (line 1). Errors name file:line:col and what
// was expected.
func Parse(file string, line int, text []byte) ([]*Case, error) {
	if err := guard.CheckYAML(text); err != nil {
		var se *guard.ScanError
		if errors.As(err, &se) {
			return nil, diag.Errorf(diag.Pos{File: file, Line: se.Line + line - 1, Col: se.Col}, "tests %s; expected a YAML mapping", se.Msg)
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	f, err := parseYAML(text)
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			return nil, diag.Errorf(diag.Pos{File: file, Line: se.Token.Position.Line + line - 1, Col: se.Token.Position.Column}, "%s", se.Message)
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	p := &tparser{file: file, off: line - 1, anchors: map[string]ast.Node{}}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, diag.Errorf(diag.Pos{File: file, Line: line, Col: 1}, "want one YAML document with a `tests:` list")
	}
	var list ast.Node
	found := false
	for _, mv := range p.entries(f.Docs[0].Body, "tests file") {
		switch k := key(mv); k {
		case "tests":
			list, found = mv.Value, true
		case "seam":
			// a tests file may say its format version like a mapping file.
		default:
			p.errf(mv.Key, "unknown key %q: want tests", k)
		}
	}
	if !found && p.diags.Err() == nil {
		p.errf(f.Docs[0].Body, "no `tests:` list")
	}
	var cases []*Case
	if found {
		cases = p.cases(list)
	}
	if err := p.diags.Err(); err != nil {
		return nil, err
	}
	for _, c := range cases {
		c.File = file
	}
	return cases, nil
}

func parseYAML(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("YAML parser failed: %v", r)
		}
	}()
	return parser.ParseBytes(data, 0)
}

type tparser struct {
	file    string
	off     int
	diags   diag.List
	anchors map[string]ast.Node
}

func (p *tparser) pos(n ast.Node) diag.Pos {
	if n == nil || n.GetToken() == nil {
		return diag.Pos{File: p.file}
	}
	tk := n.GetToken()
	return diag.Pos{File: p.file, Line: tk.Position.Line + p.off, Col: tk.Position.Column}
}

func (p *tparser) errf(n ast.Node, format string, args ...any) {
	p.diags.Errorf(p.pos(n), format, args...)
}

// unwrap follows tags, anchors (remembered) and aliases.
func (p *tparser) unwrap(n ast.Node) ast.Node {
	for i := 0; i < 64; i++ {
		switch x := n.(type) {
		case *ast.TagNode:
			n = x.Value
		case *ast.AnchorNode:
			if x.Name != nil {
				p.anchors[x.Name.GetToken().Value] = x.Value
			}
			n = x.Value
		case *ast.AliasNode:
			name := ""
			if x.Value != nil && x.Value.GetToken() != nil {
				name = x.Value.GetToken().Value
			}
			a, ok := p.anchors[name]
			if !ok {
				p.errf(n, "alias *%s names no earlier anchor", name)
				return nil
			}
			n = a
		default:
			return n
		}
	}
	p.errf(n, "aliases nested too deep")
	return nil
}

func key(mv *ast.MappingValueNode) string {
	if mv.Key == nil {
		return ""
	}
	if tk := mv.Key.GetToken(); tk != nil {
		return tk.Value
	}
	return mv.Key.String()
}

func (p *tparser) entries(n ast.Node, what string) []*ast.MappingValueNode {
	switch x := p.unwrap(n).(type) {
	case *ast.MappingNode:
		return x.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{x}
	case *ast.NullNode, nil:
		return nil
	}
	p.errf(n, "%s: want a mapping (key: value), found %s", what, p.kindOf(n))
	return nil
}

func (p *tparser) items(n ast.Node, what string) []ast.Node {
	switch x := p.unwrap(n).(type) {
	case *ast.SequenceNode:
		return x.Values
	case *ast.NullNode, nil:
		return nil
	}
	p.errf(n, "%s: want a list, found %s", what, p.kindOf(n))
	return nil
}

func (p *tparser) kindOf(n ast.Node) string {
	switch p.unwrap(n).(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode:
		return "null"
	case nil:
		return "nothing"
	}
	return "a scalar"
}

func (p *tparser) str(n ast.Node, what string) string {
	v := p.value(n)
	if v == nil || v.Kind == "map" || v.Kind == "list" || v.Kind == "null" {
		p.errf(n, "%s: want a single value, found %s", what, p.kindOf(n))
		return ""
	}
	return v.Text
}

// value converts a YAML node into a Node, keeping the scalar's text.
func (p *tparser) value(n ast.Node) *Node {
	u := p.unwrap(n)
	out := &Node{Pos: p.pos(n)}
	switch x := u.(type) {
	case nil:
		out.Kind = "null"
	case *ast.NullNode:
		out.Kind = "null"
	case *ast.BoolNode:
		out.Kind, out.Text = "bool", strconv.FormatBool(x.Value)
	case *ast.IntegerNode:
		out.Kind, out.Text = "int", x.GetToken().Value
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		out.Kind, out.Text = "float", x.GetToken().Value
	case *ast.StringNode:
		out.Kind, out.Text = "string", x.Value
		if tk := x.GetToken(); tk != nil {
			out.Quoted = tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType
		}
	case *ast.LiteralNode:
		out.Kind, out.Text, out.Quoted = "string", x.Value.Value, true
	case *ast.MappingNode, *ast.MappingValueNode:
		out.Kind = "map"
		for _, mv := range p.entries(x, "record") {
			k := key(mv)
			for _, seen := range out.Keys {
				if seen == k {
					p.errf(mv.Key, "key %q appears twice", k)
				}
			}
			out.Keys = append(out.Keys, k)
			out.Vals = append(out.Vals, p.value(mv.Value))
		}
	case *ast.SequenceNode:
		out.Kind = "list"
		for _, v := range x.Values {
			out.Vals = append(out.Vals, p.value(v))
		}
	default:
		p.errf(n, "want a value, found %s", strings.TrimPrefix(fmt.Sprintf("%T", u), "*ast."))
		out.Kind = "null"
	}
	return out
}
