package engine

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/shopspring/decimal"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

// nnode evaluates one node of a checked expression directly on values,
// without the expr VM. The native path covers the common shapes (fields,
// constants, calls of library functions, string +, ??, comparisons,
// conditionals, decimal operators); anything else runs on the VM.
type nnode func(x *Exec) (value.Value, error)

// ncomp compiles a checked expr AST into nnodes.
type ncomp struct {
	funcs map[string]*builtin.Function
	tenv  *transform.Env
	slot  func(name string) (int, bool)
	// cov, when set, instruments conditionals and lookups (cover_native.go).
	cov *covComp
}

// compile returns nil when the node (or a child) has no native form.
func (c *ncomp) compile(n ast.Node) nnode {
	if c.cov != nil {
		if w, ok := c.cov.wrap[n]; ok {
			delete(c.cov.wrap, n)
			inner := c.compile(n)
			if inner == nil {
				return nil
			}
			return w(inner)
		}
		if nn, ok := c.covNode(n); ok {
			return nn
		}
	}
	switch x := n.(type) {
	case *ast.IdentifierNode:
		i, ok := c.slot(x.Value)
		if !ok {
			return nil
		}
		return func(e *Exec) (value.Value, error) { return e.typed(i) }
	case *ast.StringNode:
		v := value.Str(x.Value)
		return constNode(v)
	case *ast.IntegerNode:
		return constNode(value.IntV(int64(x.Value)))
	case *ast.FloatNode:
		return constNode(value.FloatV(x.Value))
	case *ast.BoolNode:
		return constNode(value.BoolV(x.Value))
	case *ast.NilNode:
		return constNode(value.NullV())
	case *ast.ConstantNode:
		v, ok := fromAnyOK(x.Value)
		if !ok {
			return nil
		}
		return constNode(v)
	case *ast.CallNode:
		return c.call(x)
	case *ast.MemberNode:
		return c.member(x)
	case *ast.BinaryNode:
		return c.binary(x)
	case *ast.UnaryNode:
		if x.Operator != "not" && x.Operator != "!" {
			return nil
		}
		a := c.compile(x.Node)
		if a == nil || !isKind(x.Node, reflect.Bool) {
			return nil
		}
		return unary(a, func(_ *Exec, v value.Value) (value.Value, error) {
			if v.K != value.Bool {
				return value.Value{}, runtimeErrf("not: want a boolean, got %s", v.K)
			}
			return value.BoolV(!v.Bool()), nil
		})
	case *ast.ConditionalNode:
		cond, a, b := c.compile(x.Cond), c.compile(x.Exp1), c.compile(x.Exp2)
		if cond == nil || a == nil || b == nil {
			return nil
		}
		return unary(cond, func(e *Exec, v value.Value) (value.Value, error) {
			if v.K != value.Bool {
				return value.Value{}, runtimeErrf("condition: want a boolean, got %s", v.K)
			}
			if v.Bool() {
				return a(e)
			}
			return b(e)
		})
	}
	return nil
}

// member reads a property of an object (customer.id, customer?.id,
// customer["id"]): through a null parent it is null, through an absent one
// absent (the null propagation rule of mapping/FORMAT.md).
func (c *ncomp) member(x *ast.MemberNode) nnode {
	prop, ok := x.Property.(*ast.StringNode)
	if !ok || x.Method {
		return nil
	}
	parent := c.compile(x.Node)
	if parent == nil {
		return nil
	}
	key := prop.Value
	return unary(parent, func(_ *Exec, v value.Value) (value.Value, error) {
		return memberOf(v, key)
	})
}

// memberOf is property key of v under the null propagation rule.
func memberOf(v value.Value, key string) (value.Value, error) {
	switch v.K {
	case value.Object:
		if v.Obj == nil {
			return value.Value{}, nil
		}
		return v.Obj.Get(key), nil
	case value.Null, value.Absent:
		return v, nil
	default:
	}
	return value.Value{}, runtimeErrf("cannot read .%s of %s, which is not an object", key, article(schema.Type(v.K.String())))
}

// unary is a node that evaluates a, stops on its error and hands its
// value to f.
func unary(a nnode, f func(e *Exec, v value.Value) (value.Value, error)) nnode {
	return func(e *Exec) (value.Value, error) {
		v, err := a(e)
		if err != nil {
			return v, err
		}
		return f(e, v)
	}
}

// both is a node that evaluates l then r, stops on the first error and
// hands both values to f.
func both(l, r nnode, f func(a, b value.Value) (value.Value, error)) nnode {
	return func(e *Exec) (value.Value, error) {
		a, err := l(e)
		if err != nil {
			return a, err
		}
		b, err := r(e)
		if err != nil {
			return b, err
		}
		return f(a, b)
	}
}

func constNode(v value.Value) nnode {
	return func(*Exec) (value.Value, error) { return v, nil }
}

func isKind(n ast.Node, k reflect.Kind) bool {
	t := n.Type()
	return t != nil && t.Kind() == k
}

// runtimeError is an expression failure outside the library functions
// (an operator on the wrong types); kind coercion_failure.
type runtimeError struct{ msg string }

func (e *runtimeError) Error() string { return e.msg }

func runtimeErrf(format string, args ...any) error {
	return &runtimeError{msg: fmt.Sprintf(format, args...)}
}

func (c *ncomp) binary(x *ast.BinaryNode) nnode {
	l, r := c.compile(x.Left), c.compile(x.Right)
	if l == nil || r == nil {
		return nil
	}
	switch x.Operator {
	case "+":
		if !isKind(x.Left, reflect.String) || !isKind(x.Right, reflect.String) {
			return nil
		}
		return bothExec(l, r, func(e *Exec, a, b value.Value) (value.Value, error) {
			if a.K != value.String || b.K != value.String {
				return value.Value{}, runtimeErrf("invalid operation: %s + %s", a.K, b.K)
			}
			return e.addStrings(a.S, b.S)
		})
	case "??":
		return unary(l, func(e *Exec, a value.Value) (value.Value, error) {
			if a.K == value.Null || a.K == value.Absent {
				return r(e)
			}
			return a, nil
		})
	case "==", "!=":
		ok := func(n ast.Node) bool {
			_, isNil := n.(*ast.NilNode)
			return isNil || isKind(n, reflect.String) || isKind(n, reflect.Bool)
		}
		if !ok(x.Left) || !ok(x.Right) {
			return nil
		}
		neg := x.Operator == "!="
		_, lnil := x.Left.(*ast.NilNode)
		_, rnil := x.Right.(*ast.NilNode)
		typed := !lnil && !rnil // expr compiles typed == that fails on null
		return both(l, r, func(a, b value.Value) (value.Value, error) {
			if typed && (a.IsMissing() || b.IsMissing()) {
				return value.Value{}, runtimeErrf("invalid operation: %s %s %s (null in a typed comparison; use ?? to give a default)", a.K, x.Operator, b.K)
			}
			eq := a.Equal(b) || a.IsMissing() && b.IsMissing()
			return value.BoolV(eq != neg), nil
		})
	case "and", "&&", "or", "||":
		if !isKind(x.Left, reflect.Bool) || !isKind(x.Right, reflect.Bool) {
			return nil
		}
		and := x.Operator == "and" || x.Operator == "&&"
		return unary(l, func(e *Exec, a value.Value) (value.Value, error) {
			if a.K != value.Bool {
				return value.Value{}, runtimeErrf("invalid operation: %s on %s", x.Operator, a.K)
			}
			if a.Bool() != and {
				return a, nil
			}
			b, err := r(e)
			if err != nil {
				return b, err
			}
			if b.K != value.Bool {
				return value.Value{}, runtimeErrf("invalid operation: %s on %s", x.Operator, b.K)
			}
			return b, nil
		})
	}
	return nil
}

func (c *ncomp) call(x *ast.CallNode) nnode {
	id, ok := x.Callee.(*ast.IdentifierNode)
	if !ok {
		return nil
	}
	f := c.funcs[id.Value]
	if f == nil || f.Func == nil {
		return nil // an expr builtin or predicate: VM
	}
	args := make([]nnode, len(x.Arguments))
	for i, a := range x.Arguments {
		if args[i] = c.compile(a); args[i] == nil {
			return nil
		}
	}
	generic := genericCall(f, args)
	switch id.Value {
	case "lower", "upper":
		if len(args) != 1 {
			return generic
		}
		conv, up := strings.ToLower, id.Value == "upper"
		if up {
			conv = strings.ToUpper
		}
		return stringFast(f, args[0], func(e *Exec, s string) string { return e.asciiCase(s, conv, up) })
	case "trim":
		if len(args) != 1 {
			return generic
		}
		return stringFast(f, args[0], func(_ *Exec, s string) string { return trimSpace(s) })
	case "_add":
		// transform's bounded +, on strings without the round trip
		// through expr's runtime types.
		if len(args) != 2 {
			return generic
		}
		l, r := args[0], args[1]
		return bothExec(l, r, func(e *Exec, a, b value.Value) (value.Value, error) {
			if a.K == value.String && b.K == value.String {
				return e.addStrings(a.S, b.S)
			}
			return callWith(f, []value.Value{a, b})
		})
	case "to_decimal":
		if len(args) != 1 {
			return generic
		}
		a := args[0]
		return unary(a, func(_ *Exec, v value.Value) (value.Value, error) {
			switch v.K {
			case value.String:
				if d, ok := parseDecimalFast(v.S); ok {
					return value.Dec(d), nil
				}
			case value.Decimal:
				return v, nil
			case value.Int:
				return value.Dec(decimal.NewFromInt(v.I)), nil
			case value.Null, value.Absent:
				return value.NullV(), nil
			default:
			}
			return callWith(f, []value.Value{v})
		})
	case "_dec_div":
		if len(x.Arguments) != 2 {
			return generic
		}
		k, ok := x.Arguments[1].(*ast.IntegerNode)
		if !ok {
			return generic
		}
		shift := int32(0)
		for n := k.Value; n > 1 && n%10 == 0; n /= 10 {
			shift++
		}
		if pow10(shift) != int64(k.Value) || shift == 0 {
			return generic
		}
		a := args[0]
		return unary(a, func(_ *Exec, v value.Value) (value.Value, error) {
			switch v.K {
			case value.Decimal:
				if v.D.Exponent()-shift >= -int32(decimal.DivisionPrecision) {
					return value.Dec(v.D.Shift(-shift)), nil
				}
			case value.Null, value.Absent:
				return value.NullV(), nil
			default:
			}
			return callWith(f, []value.Value{v, value.IntV(int64(k.Value))})
		})
	case "lookup":
		table, ok := x.Arguments[0].(*ast.StringNode)
		if !ok || len(args) < 2 || c.tenv == nil {
			return generic
		}
		entries, ok := c.tenv.Lookups[table.Value]
		if !ok {
			return generic
		}
		def, hasDef := c.tenv.LookupDefaults[table.Value]
		key := args[1]
		var dflt nnode
		if len(args) > 2 {
			dflt = args[2]
		}
		return unary(key, func(e *Exec, k value.Value) (value.Value, error) {
			switch k.K {
			case value.Null, value.Absent:
				return value.NullV(), nil
			case value.String:
				if v, ok := entries[k.S]; ok {
					return value.Str(v), nil
				}
				if dflt != nil {
					return dflt(e)
				}
				if hasDef {
					return value.Str(def), nil
				}
				return value.Value{}, &transform.LookupMissError{Table: table.Value, Key: k.S}
			default:
			}
			return generic(e)
		})
	case "default":
		if len(args) != 2 {
			return generic
		}
		return unary(args[0], func(e *Exec, v value.Value) (value.Value, error) {
			if v.K == value.Null || v.K == value.Absent || v.K == value.String && v.S == "" {
				return args[1](e)
			}
			return v, nil
		})
	case "null_if_empty":
		if len(args) != 1 {
			return generic
		}
		return func(e *Exec) (value.Value, error) {
			v, err := args[0](e)
			if err != nil || v.IsEmpty() {
				return value.NullV(), err
			}
			return v, nil
		}
	case "coalesce":
		return func(e *Exec) (value.Value, error) {
			for _, a := range args {
				v, err := a(e)
				if err != nil {
					return v, err
				}
				if !v.IsMissing() {
					return v, nil
				}
			}
			return value.NullV(), nil
		}
	}
	return generic
}

// addStrings is a + b within transform.MaxValueBytes, made in the
// Exec's arena.
func (e *Exec) addStrings(a, b string) (value.Value, error) {
	if len(a)+len(b) > transform.MaxValueBytes {
		return value.Value{}, &transform.TooLargeError{Op: "+", Bytes: int64(len(a)) + int64(len(b))}
	}
	return value.Str(e.arena.Concat(a, b)), nil
}

// bothExec is both for an f that needs the Exec.
func bothExec(l, r nnode, f func(e *Exec, a, b value.Value) (value.Value, error)) nnode {
	return func(e *Exec) (value.Value, error) {
		a, err := l(e)
		if err != nil {
			return a, err
		}
		b, err := r(e)
		if err != nil {
			return b, err
		}
		return f(e, a, b)
	}
}

func pow10(n int32) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// asciiCase applies conv, skipping it for ASCII text that is already in
// the wanted case (the result is then the same string); other ASCII text
// is converted in the Exec's arena, the rest by conv.
func (e *Exec) asciiCase(s string, conv func(string) string, upper bool) string {
	change := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return conv(s)
		}
		if upper && c >= 'a' && c <= 'z' || !upper && c >= 'A' && c <= 'Z' {
			change = true
		}
	}
	if !change {
		return s
	}
	return e.arena.ASCIICase(s, upper)
}

// trimSpace is transform's trim: Unicode white space plus the zero-width
// space and the byte-order mark, from both ends.
func trimSpace(s string) string {
	if s == "" || (s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80) {
		return s
	}
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF'
	})
}

// parseDecimalFast is to_decimal's reading of text: transform's spelling
// rule, which has its own fast path for the common shapes.
func parseDecimalFast(s string) (decimal.Decimal, bool) {
	d, st := transform.ParseDecimal(s, transform.NumberFormat{})
	return d, st == transform.NumOK
}

func genericCall(f *builtin.Function, args []nnode) nnode { return countedCall(f, args, nil) }

// countedCall evaluates args and calls f; count, when not nil, sees the
// argument values first (coverage counts a lookup's key or a branch).
func countedCall(f *builtin.Function, args []nnode, count func(*Exec, []value.Value)) nnode {
	return func(e *Exec) (value.Value, error) {
		var buf [4]value.Value
		vals := buf[:0]
		for _, a := range args {
			v, err := a(e)
			if err != nil {
				return v, err
			}
			vals = append(vals, v)
		}
		if count != nil {
			count(e, vals)
		}
		return callWith(f, vals)
	}
}

// callWith calls a library function with values converted to expr's
// runtime types, and converts the result back.
func callWith(f *builtin.Function, vals []value.Value) (value.Value, error) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = toAny(v)
	}
	r, err := f.Func(args...)
	if err != nil {
		return value.Value{}, err
	}
	return fromAny(r), nil
}

// toAny converts a value to expr's runtime form: nil for absent and null,
// int for integers, decimal.Decimal, float64, bool, string, time.Time,
// map[string]any and []any.
func toAny(v value.Value) any {
	switch v.K {
	case value.String, value.Bytes:
		return v.S
	case value.Int:
		return int(v.I)
	case value.Decimal:
		return v.D
	case value.Float:
		return v.F
	case value.Bool:
		return v.I != 0
	case value.Date, value.Time, value.Timestamp, value.TimestampTZ:
		return v.T
	case value.Object:
		if v.Obj == nil {
			return map[string]any{}
		}
		m := make(map[string]any, len(v.Obj.Keys))
		for i, k := range v.Obj.Keys {
			if v.Obj.Vals[i].K != value.Absent {
				m[k] = toAny(v.Obj.Vals[i])
			}
		}
		return m
	case value.Array:
		a := make([]any, len(v.Arr))
		for i, e := range v.Arr {
			a[i] = toAny(e)
		}
		return a
	default:
	}
	return nil
}

// fromAny converts an expr result to a value; unknown types become their
// printed text.
func fromAny(x any) value.Value {
	if v, ok := fromAnyOK(x); ok {
		return v
	}
	return value.Str(fmt.Sprint(x))
}

func fromAnyOK(x any) (value.Value, bool) {
	switch v := x.(type) {
	case nil:
		return value.NullV(), true
	case string:
		return value.Str(v), true
	case int:
		return value.IntV(int64(v)), true
	case int64:
		return value.IntV(v), true
	case int32:
		return value.IntV(int64(v)), true
	case int16:
		return value.IntV(int64(v)), true
	case int8:
		return value.IntV(int64(v)), true
	case uint8:
		return value.IntV(int64(v)), true
	case uint16:
		return value.IntV(int64(v)), true
	case uint32:
		return value.IntV(int64(v)), true
	case uint:
		if v <= 1<<63-1 {
			return value.IntV(int64(v)), true
		}
		return value.Dec(decimal.RequireFromString(fmt.Sprint(v))), true
	case uint64:
		if v <= 1<<63-1 {
			return value.IntV(int64(v)), true
		}
		return value.Dec(decimal.RequireFromString(fmt.Sprint(v))), true
	case float64:
		return value.FloatV(v), true
	case float32:
		return value.FloatV(float64(v)), true
	case decimal.Decimal:
		return value.Dec(v), true
	case *decimal.Decimal:
		if v == nil {
			return value.NullV(), true
		}
		return value.Dec(*v), true
	case bool:
		return value.BoolV(v), true
	case time.Time:
		if v.Location() == time.UTC {
			return value.TimeV(value.Timestamp, v), true
		}
		return value.TimeV(value.TimestampTZ, v), true
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		r := &value.Record{Keys: keys, Vals: make([]value.Value, len(keys))}
		for i, k := range keys {
			r.Vals[i] = fromAny(v[k])
		}
		return value.Value{K: value.Object, Obj: r}, true
	case map[string]string:
		m := make(map[string]any, len(v))
		for k, s := range v {
			m[k] = s
		}
		return fromAnyOK(m)
	case []any:
		a := make([]value.Value, len(v))
		for i, e := range v {
			a[i] = fromAny(e)
		}
		return value.Value{K: value.Array, Arr: a}, true
	case []string:
		a := make([]value.Value, len(v))
		for i, e := range v {
			a[i] = value.Str(e)
		}
		return value.Value{K: value.Array, Arr: a}, true
	}
	return value.Value{}, false
}

// stringFast runs a one-argument string function natively: a string goes
// through fn, null and absent give null, anything else takes the library
// function's own path (and its error).
func stringFast(f *builtin.Function, a nnode, fn func(*Exec, string) string) nnode {
	return unary(a, func(e *Exec, v value.Value) (value.Value, error) {
		switch v.K {
		case value.String:
			r := fn(e, v.S)
			if len(r) > transform.MaxValueBytes {
				return value.Value{}, &transform.TooLargeError{Op: f.Name, Bytes: int64(len(r))}
			}
			return value.Str(r), nil
		case value.Null, value.Absent:
			return value.NullV(), nil
		default:
		}
		return callWith(f, []value.Value{v})
	})
}
