package transform

import (
	"fmt"
	"math"
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm/runtime"
)

// Integer arithmetic is checked: + - * on two integers whose exact result
// is outside the 64-bit range fail with an *OverflowError (kind
// range_violation) instead of wrapping around as Go and expr do, the same
// rule the exported SQL's guard applies (mapping/export: the sum is
// computed as a wide decimal and must fit a bigint). intOpsPatcher routes
// every + - * whose operands may be integers through _int_add, _int_sub
// and _int_mul; a + whose operands may both be strings goes to _add
// (bound.go), which ends in the same check.

// OverflowError reports integer arithmetic beyond the 64-bit range.
type OverflowError struct {
	Op   string
	A, B int64
}

func (e *OverflowError) Error() string {
	return fmt.Sprintf("%d %s %d is outside the 64-bit integer range", e.A, e.Op, e.B)
}

// checkedInt is a op b, ok false when the exact result does not fit.
func checkedInt(op string, a, b int64) (int64, bool) {
	switch op {
	case "+":
		r := a + b
		return r, !(a > 0 && b > 0 && r < 0 || a < 0 && b < 0 && r >= 0)
	case "-":
		r := a - b
		return r, !(a >= 0 && b < 0 && r < 0 || a < 0 && b > 0 && r >= 0)
	case "*":
		if a == 0 || b == 0 {
			return 0, true
		}
		if a == -1 && b == math.MinInt64 || b == -1 && a == math.MinInt64 {
			return 0, false
		}
		r := a * b
		return r, r/b == a
	}
	return 0, false
}

// intOf reads the integer kinds expr's runtime holds.
func intOf(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case int32:
		return int64(x), true
	}
	return 0, false
}

// arith is expr's + - * with checked integers; other operands keep expr's
// own semantics (runtime.Add, Subtract, Multiply), errors as *OpError.
func arith(op string, x, y any) (r any, err error) {
	if a, ok := intOf(x); ok {
		if b, ok := intOf(y); ok {
			n, fits := checkedInt(op, a, b)
			if !fits {
				return nil, &OverflowError{Op: op, A: a, B: b}
			}
			return int(n), nil
		}
	}
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, &OpError{Reason: fmt.Sprint(p)}
		}
	}()
	switch op {
	case "+":
		return runtime.Add(x, y), nil
	case "-":
		return runtime.Subtract(x, y), nil
	}
	return runtime.Multiply(x, y), nil
}

var intOpNames = map[string]string{"+": "_int_add", "-": "_int_sub", "*": "_int_mul"}

// intOpsPatcher rewrites a + b, a - b and a * b into _int_add(a, b) and
// friends when both operands may be integers at run time (typed int, or
// unknown) and at least one of them is not also maybe a string (those +
// are _add's, which checks integers too).
type intOpsPatcher struct{}

// Visit implements ast.Visitor.
func (intOpsPatcher) Visit(node *ast.Node) {
	b, ok := (*node).(*ast.BinaryNode)
	if !ok {
		return
	}
	name, ok := intOpNames[b.Operator]
	lt, rt := b.Left.Type(), b.Right.Type()
	if !ok || !maybeInt(lt) || !maybeInt(rt) || b.Operator == "+" && maybeString(lt) && maybeString(rt) {
		return
	}
	call := &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: name},
		Arguments: []ast.Node{b.Left, b.Right},
	}
	call.SetLocation(b.Location())
	ast.Patch(node, call)
}

func maybeInt(t reflect.Type) bool {
	return t == nil || t.Kind() == reflect.Int || t.Kind() == reflect.Int64 || t.Kind() == reflect.Interface
}

func init() {
	for op, name := range intOpNames {
		op := op
		register(&def{spec: Spec{Name: name}, hidden: true,
			impl:  fn(func(args []any) (any, error) { return arith(op, args[0], args[1]) }),
			types: []any{new(func(int, int) int), new(func(any, any) any)}})
	}
}
