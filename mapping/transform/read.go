package transform

import (
	"strconv"
	"strings"
	"sync"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/parser"
)

// Reading is what an expression does, read from expr's syntax tree (never
// from its text): the library functions it calls with their facts, the
// field paths it reads, the lookup tables it names, and the operators that
// matter to the static checks.
type Reading struct {
	// Root is the parsed expression; pipes are calls (a | f(b) is f(a, b)).
	Root ast.Node
	// Calls lists every call in the tree, outermost first.
	Calls []Call
	// Paths are the field paths read, in schema spelling ("addr.city",
	// "items[].sku"), each once.
	Paths []string
	// Lookups are the tables named by lookup("table", ...), each once.
	Lookups []string
	// Negated: !x, not x, x == false, x != true, or a Negates function.
	Negated bool
	// Coalesce: ??, a conditional (?: or if/else) or a HandlesNull function.
	Coalesce bool
	// Arith: the expression applies + - * / between values.
	Arith bool
	// Aggregates: a call or builtin sums up a list (len, join, count, all,
	// any, none, one, sum, reduce).
	Aggregates bool
	// ValuePaths are the Paths whose values the result carries; a path
	// read only in tests (the condition of ?:, a comparison, and/or, in,
	// matches) decides which value is taken but is none of them.
	ValuePaths []string
	// Optional: the expression uses ?. (a null parent gives null).
	Optional bool
	// Scale is a unit conversion: a literal "*1000" or "/100" (a power of
	// ten from 100), or a ConvertsUnits function's scale.
	Scale string
	// Result is the outermost node's type when the library fixes it
	// (ResultType of the outermost call; "decimal" for a division), else "".
	Result string
}

// Call is one call in an expression.
type Call struct {
	Name string
	// Known: the name is a function of the library (Facts declared).
	Known bool
	Facts Facts
	Node  *ast.CallNode
}

// Has reports whether any call declares the fact.
func (r *Reading) Has(x Fact) bool {
	for _, c := range r.Calls {
		if c.Facts.Has(x) {
			return true
		}
	}
	return false
}

// Names lists the called function names in tree order.
func (r *Reading) Names() []string {
	out := make([]string, 0, len(r.Calls))
	for _, c := range r.Calls {
		out = append(out, c.Name)
	}
	return out
}

// ReadExpr parses src and reads it. An expression that does not parse
// gives the parser's error (the engine reports it; the checks skip it).
func ReadExpr(src string) (*Reading, error) {
	tree, err := parser.ParseWithConfig(src, parseConf())
	if err != nil {
		return nil, err
	}
	r := &Reading{Root: tree.Node}
	seenPath, seenLook, seenVal := map[string]bool{}, map[string]bool{}, map[string]bool{}
	cond := 0 // > 0 inside a condition
	var walk func(n ast.Node, ctx string)
	// inCond walks n as a condition: the paths it reads are tests.
	inCond := func(n ast.Node, ctx string) {
		cond++
		walk(n, ctx)
		cond--
	}
	walk = func(n ast.Node, ctx string) {
		switch x := n.(type) {
		case nil:
			return
		case *ast.CallNode:
			name := CallName(x)
			f, ok := FactsOf(name)
			r.Calls = append(r.Calls, Call{Name: name, Known: ok, Facts: f, Node: x})
			if f.Has(Aggregates) {
				r.Aggregates = true
			}
			if f.Has(Negates) {
				r.Negated = true
			}
			if f.Has(HandlesNull) {
				r.Coalesce = true
			}
			if f.Has(ConvertsUnits) && r.Scale == "" {
				r.Scale = f.Scale
			}
			if f.Has(LooksUp) && len(x.Arguments) > 0 {
				if s, ok := x.Arguments[0].(*ast.StringNode); ok && !seenLook[s.Value] {
					seenLook[s.Value] = true
					r.Lookups = append(r.Lookups, s.Value)
				}
			}
			if _, isIdent := x.Callee.(*ast.IdentifierNode); !isIdent {
				walk(x.Callee, ctx)
			}
			for _, a := range x.Arguments {
				walk(a, ctx)
			}
			return
		case *ast.UnaryNode:
			if x.Operator == "!" || x.Operator == "not" {
				r.Negated = true
			}
		case *ast.BinaryNode:
			switch x.Operator {
			case "??":
				r.Coalesce = true
			case "==", "!=":
				want := x.Operator == "!="
				for _, side := range []ast.Node{x.Left, x.Right} {
					if b, ok := side.(*ast.BoolNode); ok && b.Value == want {
						r.Negated = true
					}
				}
			case "+", "-", "*", "/":
				r.Arith = true
				if x.Operator == "*" || x.Operator == "/" {
					if s := scaleLit(x.Right); s != "" && r.Scale == "" {
						r.Scale = x.Operator + s
					} else if s := scaleLit(x.Left); s != "" && x.Operator == "*" && r.Scale == "" {
						r.Scale = "*" + s
					}
				}
			default:
			}
			if testOps[x.Operator] {
				inCond(x.Left, ctx)
				inCond(x.Right, ctx)
				return
			}
		case *ast.ConditionalNode:
			r.Coalesce = true
			inCond(x.Cond, ctx)
			walk(x.Exp1, ctx)
			walk(x.Exp2, ctx)
			return
		case *ast.ChainNode:
			r.Optional = true
		case *ast.MemberNode:
			if x.Optional {
				r.Optional = true
			}
		case *ast.BuiltinNode:
			// all, any, map, filter, count ...: their predicate reads the
			// elements of the first argument.
			if aggregateBuiltins[x.Name] {
				r.Aggregates = true
			}
			elem := ""
			if len(x.Arguments) > 0 {
				if p := PathOf(x.Arguments[0], ctx); p != "" {
					elem = p + "[]"
				}
			}
			for i, a := range x.Arguments {
				if i == 0 {
					walk(a, ctx)
				} else {
					walk(a, elem)
				}
			}
			return
		default:
		}
		if p := PathOf(n, ctx); p != "" {
			if !seenPath[p] {
				seenPath[p] = true
				r.Paths = append(r.Paths, p)
			}
			if cond == 0 && !seenVal[p] {
				seenVal[p] = true
				r.ValuePaths = append(r.ValuePaths, p)
			}
			return
		}
		for _, c := range children(n) {
			walk(c, ctx)
		}
	}
	walk(tree.Node, "")
	r.Result = resultOf(tree.Node)
	return r, nil
}

// testOps are the operators whose operands are tested, not passed on:
// comparisons, boolean logic, membership and matching.
var testOps = map[string]bool{"==": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true,
	"and": true, "or": true, "&&": true, "||": true, "in": true, "not in": true, "matches": true,
	"contains": true, "startsWith": true, "endsWith": true}

// aggregateBuiltins are expr's predicates that reduce a list to one value.
var aggregateBuiltins = map[string]bool{"all": true, "any": true, "none": true, "one": true, "count": true, "sum": true, "reduce": true}

// parseConf is the parser configuration of the engine: the library's
// functions are calls and expr's own builtins of the same names are
// disabled, so trim(x) reads as the library's trim.
var parseConf = sync.OnceValue(func() *conf.Config {
	c := conf.CreateNew()
	for _, op := range ExprOptions(nil) {
		op(c)
	}
	return c
})

// CallName is the called function's name ("" when the callee is not a
// plain name).
func CallName(c *ast.CallNode) string {
	if id, ok := c.Callee.(*ast.IdentifierNode); ok {
		return id.Value
	}
	return ""
}

// PathOf returns the field path a node reads: an identifier, a member
// chain (a.b, a?.b, a["b"]), an index (items[0].sku is items[].sku), or
// inside a predicate the element (#.sku, .sku) under ctx. "" for anything
// else.
func PathOf(n ast.Node, ctx string) string {
	switch x := n.(type) {
	case *ast.IdentifierNode:
		if x.Value == "$env" {
			return ""
		}
		return x.Value
	case *ast.ChainNode:
		return PathOf(x.Node, ctx)
	case *ast.PointerNode:
		if x.Name == "" && ctx != "" {
			return strings.TrimSuffix(ctx, ".")
		}
		return ""
	case *ast.MemberNode:
		base := PathOf(x.Node, ctx)
		if base == "" {
			return ""
		}
		switch p := x.Property.(type) {
		case *ast.StringNode:
			return base + "." + p.Value
		case *ast.IntegerNode:
			return base + "[]"
		default:
		}
	default:
	}
	return ""
}

// resultOf is the outermost node's type as the library fixes it.
func resultOf(n ast.Node) string {
	switch x := n.(type) {
	case *ast.CallNode:
		return ResultType(CallName(x))
	case *ast.BinaryNode:
		if x.Operator == "/" {
			return "decimal"
		}
	case *ast.ChainNode:
		return resultOf(x.Node)
	default:
	}
	return ""
}

// scaleLit returns "100", "1000" ... for an integer literal 10^k,
// 2 <= k <= 9; "" for anything else.
func scaleLit(n ast.Node) string {
	i, ok := n.(*ast.IntegerNode)
	if !ok || i.Value < 100 || i.Value > 1_000_000_000 {
		return ""
	}
	for v := i.Value; v > 1; v /= 10 {
		if v%10 != 0 {
			return ""
		}
	}
	return strconv.Itoa(i.Value)
}

// IntArg returns the call's i-th argument when it is an integer literal.
func IntArg(c *ast.CallNode, i int) (int, bool) {
	if i < 0 || i >= len(c.Arguments) {
		return 0, false
	}
	if n, ok := c.Arguments[i].(*ast.IntegerNode); ok {
		return n.Value, true
	}
	return 0, false
}

// children lists a node's direct children.
func children(n ast.Node) []ast.Node {
	switch x := n.(type) {
	case *ast.UnaryNode:
		return []ast.Node{x.Node}
	case *ast.BinaryNode:
		return []ast.Node{x.Left, x.Right}
	case *ast.ChainNode:
		return []ast.Node{x.Node}
	case *ast.MemberNode:
		return []ast.Node{x.Node, x.Property}
	case *ast.SliceNode:
		return []ast.Node{x.Node, x.From, x.To}
	case *ast.PredicateNode:
		return []ast.Node{x.Node}
	case *ast.ConditionalNode:
		return []ast.Node{x.Cond, x.Exp1, x.Exp2}
	case *ast.VariableDeclaratorNode:
		return []ast.Node{x.Value, x.Expr}
	case *ast.SequenceNode:
		return x.Nodes
	case *ast.ArrayNode:
		return x.Nodes
	case *ast.MapNode:
		return x.Pairs
	case *ast.PairNode:
		return []ast.Node{x.Key, x.Value}
	default:
	}
	return nil
}
