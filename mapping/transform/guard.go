package transform

import "github.com/expr-lang/expr/ast"

// allowedMethods are the Go methods a rule may call on runtime values:
// read-only, constant-cost accessors of time.Time and decimal.Decimal.
// Every other method call (decimal.Shift, decimal.Pow, time.AddDate...) is
// replaced by a call that fails, because expr would otherwise expose the
// whole Go API of those types, including ways to allocate without bound.
var allowedMethods = map[string]bool{
	"Year": true, "Month": true, "Day": true, "Hour": true, "Minute": true, "Second": true,
	"Nanosecond": true, "Weekday": true, "YearDay": true, "Unix": true, "UnixMilli": true,
	"IsZero": true, "Before": true, "After": true, "Equal": true,
	"Sign": true, "IsInteger": true, "IsNegative": true, "IsPositive": true,
	"LessThan": true, "GreaterThan": true, "Cmp": true,
}

// methodGuard rewrites x.Method(...) with a method outside allowedMethods
// into _forbidden_method("Method"), which CheckProgram reports at compile
// time and which fails if run.
type methodGuard struct{}

// Visit implements ast.Visitor.
func (methodGuard) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	m, ok := call.Callee.(*ast.MemberNode)
	if !ok {
		return
	}
	name := "(computed)"
	if p, ok := m.Property.(*ast.StringNode); ok {
		if allowedMethods[p.Value] {
			return
		}
		name = p.Value
	}
	repl := &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: "_forbidden_method"},
		Arguments: []ast.Node{&ast.StringNode{Value: name}},
	}
	repl.SetLocation(call.Location())
	ast.Patch(node, repl)
}

func forbiddenMethod(args []any) (any, error) {
	name, _ := args[0].(string)
	return nil, errf(name, "method calls are not allowed in rules; use the function library (seam funcs)")
}

func init() {
	register(&def{spec: Spec{Name: "_forbidden_method"}, impl: fn(forbiddenMethod), types: []any{new(func(string) any)}, hidden: true})
}
