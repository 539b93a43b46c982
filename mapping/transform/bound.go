package transform

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"
)

// MaxValueBytes bounds the bytes of one value an expression builds: a
// string (+, concat, join, replace, regex_replace, pad, upper...) or the
// text of an array or object result. It equals the longest record seam
// reads, so no value read from data is longer; a rule that builds a
// longer one (doubling a field in a chain of lets, a replace that
// multiplies) fails on that row with a *TooLargeError instead of taking
// the machine's memory, and its on_error decides.
const MaxValueBytes = 16 << 20

// TooLargeError reports a value that would grow beyond MaxValueBytes.
type TooLargeError struct {
	// Op is the function or operator that would build it ("+", "concat").
	Op string
	// Bytes is the size it would have (at least; the count may stop early).
	Bytes int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("a value grew beyond %d MiB (%s would make %d bytes)", MaxValueBytes>>20, e.Op, e.Bytes)
}

// tooLarge returns a *TooLargeError when n exceeds MaxValueBytes.
func tooLarge(op string, n int64) error {
	if n > MaxValueBytes {
		return &TooLargeError{Op: op, Bytes: n}
	}
	return nil
}

// CheckSize returns a *TooLargeError when v, a runtime value of an
// expression, holds more than MaxValueBytes bytes of text: a string's
// length, or for arrays and objects the sum over their elements and keys
// (each element counting at least one byte). Arrays may share elements
// (a chain of lets doubling [a, a]); the walk stops as soon as the bound
// is passed, so its cost is bounded too.
func CheckSize(op string, v any) error {
	switch x := v.(type) {
	case string:
		return tooLarge(op, int64(len(x)))
	case []any, map[string]any, []string:
		if n, ok := sizeWithin(x, MaxValueBytes); !ok {
			return &TooLargeError{Op: op, Bytes: n}
		}
	}
	return nil
}

// sizeWithin adds the bytes of v to a running count; ok is false once the
// count passes budget (n is then the count so far).
func sizeWithin(v any, budget int64) (n int64, ok bool) {
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			n += int64(len(x)) + 1
		case []any:
			n++
			for _, e := range x {
				if n > budget || !walk(e) {
					return false
				}
			}
		case []string:
			for _, e := range x {
				n += int64(len(e)) + 1
				if n > budget {
					return false
				}
			}
		case map[string]any:
			n++
			for k, e := range x {
				n += int64(len(k))
				if n > budget || !walk(e) {
					return false
				}
			}
		default:
			n += 8
		}
		return n <= budget
	}
	ok = walk(v)
	return n, ok
}

// add is expr's + with the bound on strings: the engine rewrites every +
// whose operands may be strings into a call of _add (see addPatcher), so a
// rule cannot double a value without limit. Other operands keep expr's own
// semantics (runtime.Add), errors included.
func add(args []any) (r any, err error) {
	if a, ok := args[0].(string); ok {
		if b, ok := args[1].(string); ok {
			if err := tooLarge("+", int64(len(a))+int64(len(b))); err != nil {
				return nil, err
			}
			return a + b, nil
		}
	}
	return arith("+", args[0], args[1]) // checked integers (intops.go)
}

// OpError is an operator's failure on the operands of one row
// ("invalid operation: int + string"); kind coercion_failure. Unlike a
// *FuncError it names no function: the engine says where in the
// expression it failed.
type OpError struct{ Reason string }

func (e *OpError) Error() string { return e.Reason }

// addPatcher rewrites a + b into _add(a, b) when both operands may be
// strings at run time (typed string, or unknown). Numeric, decimal and
// date arithmetic keep their own operators.
type addPatcher struct{}

// Visit implements ast.Visitor.
func (addPatcher) Visit(node *ast.Node) {
	b, ok := (*node).(*ast.BinaryNode)
	if !ok || b.Operator != "+" || !maybeString(b.Left.Type()) || !maybeString(b.Right.Type()) {
		return
	}
	call := &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: "_add"},
		Arguments: []ast.Node{b.Left, b.Right},
	}
	call.SetLocation(b.Location())
	ast.Patch(node, call)
}

func maybeString(t reflect.Type) bool {
	return t == nil || t.Kind() == reflect.String || t.Kind() == reflect.Interface
}

func init() {
	register(&def{spec: Spec{Name: "_add"}, impl: fn(add), hidden: true,
		types: []any{new(func(string, string) string), new(func(any, any) any)}})
}

// growBy checks the size of a result built from s by replacing n
// occurrences of bytes old by bytes repl.
func growBy(op string, s string, n int, old, repl int) error {
	return tooLarge(op, int64(len(s))+int64(n)*(int64(repl)-int64(old)))
}

// regexBound is an upper bound of the bytes regex_replace(s, re, repl)
// makes when each match m is replaced by repl expanded: the template's
// literal bytes plus, per $ reference, at most len(m) (a group lies
// inside its match). It is exact for templates without references.
func regexBound(s string, matches func(f func(m string)), repl string) int64 {
	lit, refs := templateCost(repl)
	n := int64(len(s))
	matches(func(m string) {
		n += lit + int64(refs-1)*int64(len(m))
	})
	return n
}

// templateCost counts the literal bytes and the $ references of a
// regexp replacement template (regexp.Expand's syntax).
func templateCost(t string) (lit int64, refs int) {
	for len(t) > 0 {
		i := strings.IndexByte(t, '$')
		if i < 0 {
			lit += int64(len(t))
			break
		}
		lit += int64(i)
		t = t[i+1:]
		if strings.HasPrefix(t, "$") {
			lit++
			t = t[1:]
			continue
		}
		refs++
		if strings.HasPrefix(t, "{") {
			if j := strings.IndexByte(t, '}'); j >= 0 {
				t = t[j+1:]
				continue
			}
		}
		for len(t) > 0 {
			r, size := utf8.DecodeRuneInString(t)
			if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				break
			}
			t = t[size:]
		}
	}
	return lit, refs
}
