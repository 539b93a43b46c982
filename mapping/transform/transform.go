// Package transform is seam's function library for rule expressions. Every
// function is registered with a Spec (signature, description, examples);
// ExprOptions turns the library into expr-lang/expr options with typed
// signatures, so expr's checker rejects wrong arity and wrong argument types
// at compile time, plus operator overloads that keep decimal arithmetic exact.
//
// Runtime values follow the engine's conversion: string, int, decimal.Decimal,
// float64, bool, time.Time, map[string]any, []any, and nil for null or absent.
//
// Null handling: a function whose first (main) argument is nil returns nil
// (null in, null out), except the functions about nulls themselves
// (coalesce, default, is_null, is_empty, is_absent, null_if_empty, concat,
// join). A nil in any other argument position is an error. The empty string
// is not null: to_int("") is an error, trim("") is "".
//
// Errors are Go errors: *FuncError (a value that does not convert or an
// argument out of range; kind coercion_failure) and *LookupMissError (a key
// missing from a lookup table; kind lookup_miss). expr wraps them in a
// *file.Error that unwraps, so errors.As finds them; ErrorKind names the kind.
package transform

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"sort"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/conf"

	"github.com/seamhq/seam/mapping/kind"
)

// Spec documents one function (or the operator family) of the library.
type Spec struct {
	// Name as called in expressions.
	Name string
	// Signature in a readable form, e.g. "pad_left(s string, n int [, char string]) string".
	Signature string
	// Doc is a one-paragraph description, including null and error behaviour.
	Doc string
	// Category groups functions in docs: string, convert, number, date,
	// null, lookup, name, hash, logic, list.
	Category string
	// Examples are run by TestSpecExamples, so they cannot drift.
	Examples []Example
}

// Example is one documented call and its rendered result.
type Example struct {
	// Expr is the expression, e.g. `trim("  a ")`.
	Expr string
	// Env holds optional input variables for Expr.
	Env map[string]any
	// Want is Render(result), or "error: " followed by a substring of the
	// error message.
	Want string
}

// Env is what functions need from the mapping at compile time.
type Env struct {
	// Lookups are the mapping's code tables: table -> key -> value.
	Lookups map[string]map[string]string
	// LookupDefaults holds a per-table default value used on a miss when the
	// call gives no default argument.
	LookupDefaults map[string]string

	// boxed holds the lookup values as interface values, made once by
	// ExprOptions, so a hit does not allocate.
	boxed map[string]map[string]any
}

// prepare copies env and boxes its lookup values.
func prepare(env *Env) *Env {
	rt := &Env{}
	if env != nil {
		rt.Lookups, rt.LookupDefaults = env.Lookups, env.LookupDefaults
	}
	rt.boxed = make(map[string]map[string]any, len(rt.Lookups))
	for name, table := range rt.Lookups {
		b := make(map[string]any, len(table))
		for k, v := range table {
			b[k] = v
		}
		rt.boxed[name] = b
	}
	return rt
}

// FuncError is a runtime failure of a library function: a value that does
// not convert (kind coercion_failure) or an argument out of range.
type FuncError struct {
	Func   string // function name, e.g. "to_int"
	Reason string // e.g. `"two" is not an integer`
}

func (e *FuncError) Error() string { return e.Func + ": " + e.Reason }

// LookupMissError reports a key missing from a lookup table with no default
// (kind lookup_miss).
type LookupMissError struct {
	Table string
	Key   string
}

func (e *LookupMissError) Error() string {
	return fmt.Sprintf("lookup: no entry for %q in table %q", e.Key, e.Table)
}

// ErrorKind returns the findings kind for an error returned while running an
// expression: "lookup_miss" for a *LookupMissError anywhere in the chain,
// "value_too_large" for a *TooLargeError, otherwise "coercion_failure".
func ErrorKind(err error) kind.Kind {
	var lm *LookupMissError
	if errors.As(err, &lm) {
		return kind.LookupMiss
	}
	var tl *TooLargeError
	if errors.As(err, &tl) {
		return kind.ValueTooLarge
	}
	var oe *OverflowError
	if errors.As(err, &oe) {
		return kind.RangeViolation
	}
	return kind.CoercionFailure
}

func errf(fn, format string, args ...any) error {
	return &FuncError{Func: fn, Reason: fmt.Sprintf(format, args...)}
}

// def is one registered function: its spec, its implementation and the
// typed signatures the checker sees.
type def struct {
	spec  Spec
	impl  func(env *Env, args []any) (any, error)
	types []any
	// hidden functions (operator helpers) have no spec in Specs.
	hidden bool
	// docOnly specs document syntax (the operators); they are not callable.
	docOnly bool
}

var registry = map[string]*def{}

// register adds d; it panics on a duplicate name (a programming error).
func register(d *def) {
	if _, dup := registry[d.spec.Name]; dup {
		panic("transform: duplicate function " + d.spec.Name)
	}
	registry[d.spec.Name] = d
}

// fn is a shorthand for functions that do not need the Env.
func fn(f func(args []any) (any, error)) func(*Env, []any) (any, error) {
	return func(_ *Env, args []any) (any, error) { return f(args) }
}

// Specs returns every documented function, sorted by category then name.
func Specs() []Spec {
	out := make([]Spec, 0, len(registry))
	for _, d := range registry {
		if !d.hidden {
			out = append(out, d.spec)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category < out[j].Category
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// safeBuiltins are the expr builtins kept: cheap, deterministic and bounded
// by the size of the data. Disabled are, among others, now() (not
// reproducible), repeat() (allocation bomb), date() (superseded by
// parse_datetime), fromJSON and the numeric builtins that do not know
// decimals (abs, round, ceil, floor, max, min, sum, mean, median).
var safeBuiltins = []string{
	"trimPrefix", "trimSuffix", "hasPrefix", "hasSuffix",
	"first", "last", "keys", "values", "reverse", "uniq", "type",
}

// ExprOptions returns the expr options that install the library: every
// function with its typed signatures, the decimal operator overloads, the
// is_absent patch, the bounded string + (addPatcher, MaxValueBytes), a guard against Go method calls (see allowedMethods), and a reduced builtin set (expr.DisableAllBuiltins plus
// a few safe ones). env may be nil (lookup then fails with a clear error).
// The lookup tables are copied when ExprOptions is called: compile again
// after changing them (the engine compiles once per edit anyway).
// The predicates all, any, none, one, filter, map, count, find stay
// available (expr parses them as syntax).
func ExprOptions(env *Env) []expr.Option {
	env = prepare(env)
	// The function table is built once here and copied into each
	// compile's configuration in one step: expr.Function options would
	// rebuild every entry for every rule compiled (#20.9).
	table := make(conf.FunctionsTable, len(registry))
	for name, d := range registry {
		if d.docOnly {
			continue
		}
		impl, name := d.impl, name
		sigs := signatures(d)
		types := make([]reflect.Type, len(sigs))
		for i, t := range sigs {
			types[i] = funcType(t)
		}
		table[name] = &builtin.Function{Name: name, Types: types, Func: func(args ...any) (any, error) {
			r, err := impl(env, args)
			// Functions whose result may outgrow their input check
			// before building it; this catches the rest (upper of
			// text whose capitals are longer, a long date layout).
			if s, ok := r.(string); ok && len(s) > MaxValueBytes {
				return nil, &TooLargeError{Op: name, Bytes: int64(len(s))}
			}
			return r, err
		}}
	}
	opts := []expr.Option{func(c *conf.Config) {
		for name := range c.Builtins {
			c.Disabled[name] = true
		}
		for _, b := range safeBuiltins {
			delete(c.Disabled, b)
		}
		if len(c.Functions) == 0 {
			c.Functions = maps.Clone(table)
		} else {
			maps.Copy(c.Functions, table)
		}
	}}
	opts = append(opts, operatorOptions()...)
	opts = append(opts, expr.Patch(absentPatcher{}), expr.Patch(methodGuard{}), expr.Patch(addPatcher{}), expr.Patch(intOpsPatcher{}))
	return opts
}

// nullArg is the static parameter type that accepts a nil literal or a
// variable declared as nil, and nothing else: no type implements it, and
// expr lets nil through to any interface parameter.
type nullArg interface{ nullOnly() }

var (
	sigOnce  sync.Once
	sigCache map[string][]any
)

// signatures returns d.types plus, for each signature whose first
// parameter is concrete, a variant taking nullArg there, so that a null
// main argument type-checks (and gives null at run time) while a wrong type
// is still a compile error.
func signatures(d *def) []any {
	sigOnce.Do(func() {
		sigCache = map[string][]any{}
		nullT := reflect.TypeOf((*nullArg)(nil)).Elem()
		for name, d := range registry {
			// Concrete signatures by descending arity: expr reports the
			// last failing overload, and the one-argument form gives the
			// clearest message ("cannot use int as argument (type string)").
			concrete := append([]any(nil), d.types...)
			sort.SliceStable(concrete, func(i, j int) bool { return funcType(concrete[i]).NumIn() > funcType(concrete[j]).NumIn() })
			var nulls []any
			seen := map[string]bool{}
			for _, t := range concrete {
				ft := funcType(t)
				if d.hidden || ft.NumIn() == 0 || ft.In(0).Kind() == reflect.Interface || ft.IsVariadic() {
					continue
				}
				in := make([]reflect.Type, ft.NumIn())
				for i := range in {
					in[i] = ft.In(i)
				}
				in[0] = nullT
				key := fmt.Sprint(in)
				if seen[key] {
					continue
				}
				seen[key] = true
				nulls = append(nulls, reflect.Zero(reflect.FuncOf(in, []reflect.Type{ft.Out(0)}, false)).Interface())
			}
			// Null variants first: a nil argument matches only them, and
			// they return what the first concrete form of that arity does.
			out := append(nulls, concrete...)
			sigCache[name] = out
		}
	})
	return sigCache[d.spec.Name]
}

func funcType(t any) reflect.Type {
	ft := reflect.TypeOf(t)
	if ft.Kind() == reflect.Pointer {
		ft = ft.Elem()
	}
	return ft
}
