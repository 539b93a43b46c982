package transform

import (
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// CheckProgram finds literal arguments that would fail on every row, so
// they are reported at compile time instead of rejecting all data: unknown
// lookup tables, bad regular expressions, unknown date layouts and time
// zones, pad widths and rounding places out of range, empty separators and
// unknown uuid namespaces, and Go method calls other than the read-only
// accessors of allowedMethods. Each error carries the argument's position
// (Line, Column within the expression, after Bind) and a message such as
// `lookup: no lookup table "statsu" in the mapping`. env may be nil; then
// lookup tables are not checked.
func CheckProgram(p *vm.Program, env *Env) []*file.Error {
	c := &checker{env: env}
	node := p.Node()
	ast.Walk(&node, c)
	for _, e := range c.errs {
		e.Bind(p.Source())
	}
	return c.errs
}

type checker struct {
	env  *Env
	errs []*file.Error
}

func strLit(args []ast.Node, i int) (string, ast.Node, bool) {
	if i >= len(args) {
		return "", nil, false
	}
	s, ok := args[i].(*ast.StringNode)
	if !ok {
		return "", nil, false
	}
	return s.Value, s, true
}

func intLit(args []ast.Node, i int) (int, ast.Node, bool) {
	if i >= len(args) {
		return 0, nil, false
	}
	switch n := args[i].(type) {
	case *ast.IntegerNode:
		return n.Value, n, true
	case *ast.UnaryNode:
		if in, ok := n.Node.(*ast.IntegerNode); ok && n.Operator == "-" {
			return -in.Value, n, true
		}
	}
	return 0, nil, false
}

func (c *checker) report(n ast.Node, err error) {
	if err == nil {
		return
	}
	c.errs = append(c.errs, &file.Error{Location: n.Location(), Message: err.Error()})
}

// Visit implements ast.Visitor.
func (c *checker) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	id, ok := call.Callee.(*ast.IdentifierNode)
	if !ok {
		return
	}
	name, args := id.Value, call.Arguments
	if _, known := registry[name]; !known {
		return
	}
	layoutAt := func(i int) {
		if v, n, ok := strLit(args, i); ok {
			_, err := resolveLayout(name, v)
			c.report(n, err)
		}
	}
	zoneAt := func(i int) {
		if v, n, ok := strLit(args, i); ok {
			_, err := loadZone(name, v)
			c.report(n, err)
		}
	}
	nonEmptyAt := func(i int, what string) {
		if v, n, ok := strLit(args, i); ok && v == "" {
			c.report(n, errf(name, "%s must not be empty", what))
		}
	}
	switch name {
	case "lookup":
		if v, n, ok := strLit(args, 0); ok && c.env != nil {
			if _, ok := c.env.Lookups[v]; !ok {
				c.report(n, errf("lookup", "no lookup table %q in the mapping", v))
			}
		}
	case "regex_replace", "regex_extract":
		if v, n, ok := strLit(args, 1); ok {
			_, err := compileRegexp(name, v)
			c.report(n, err)
		}
	case "parse_date", "parse_datetime":
		layoutAt(1)
		zoneAt(2)
	case "format_date":
		layoutAt(1)
	case "to_zone":
		zoneAt(1)
	case "pad_left", "pad_right":
		if v, n, ok := intLit(args, 1); ok && (v < 0 || v > MaxWidth) {
			c.report(n, errf(name, "width %d out of range 0..%d", v, MaxWidth))
		}
		if v, n, ok := strLit(args, 2); ok && utf8.RuneCountInString(v) != 1 {
			c.report(n, errf(name, "char must be exactly one character, got %q", v))
		}
	case "round", "round_even", "to_decimal":
		if v, n, ok := intLit(args, 1); ok && (v < -maxRoundPlaces || v > maxRoundPlaces) {
			c.report(n, errf(name, "places %d out of range -%d..%d", v, maxRoundPlaces, maxRoundPlaces))
		}
	case "replace":
		nonEmptyAt(1, "old")
	case "split", "part":
		nonEmptyAt(1, "sep")
	case "uuid_v5":
		if v, n, ok := strLit(args, 0); ok {
			_, err := uuidV5([]any{v, nil})
			c.report(n, err)
		}
	case "_forbidden_method":
		if v, _, ok := strLit(args, 0); ok {
			_, err := forbiddenMethod([]any{v})
			c.report(call, err)
		}
	case "is_absent":
		c.report(call, errf("is_absent", "argument must be a field name, such as is_absent(middle_name)"))
	}
}
