package transform

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// typeName names a runtime value's type in error messages with the schema
// type names of SPEC.md.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "integer"
	case decimal.Decimal:
		return "decimal"
	case float32, float64:
		return "float"
	case bool:
		return "boolean"
	case time.Time:
		return "timestamp"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

// quoteShort quotes a value for an error message, cutting long strings.
func quoteShort(v any) string {
	if s, ok := v.(string); ok {
		if len(s) > 60 {
			s = s[:57] + "..."
		}
		return strconv.Quote(s)
	}
	switch v.(type) {
	case []any, map[string]any, []string:
		// An array may share one long element many times: render a
		// bounded prefix only.
		if _, ok := sizeWithin(v, 200); !ok {
			return typeName(v) + " (long)"
		}
	}
	return Render(v)
}

// argString returns args[i] as a string; a nil or non-string is an error
// naming the function and argument.
func argString(fn string, args []any, i int, what string) (string, error) {
	if i >= len(args) {
		return "", errf(fn, "missing argument %s", what)
	}
	switch v := args[i].(type) {
	case string:
		return v, nil
	case nil:
		return "", errf(fn, "%s is null", what)
	default:
		return "", errf(fn, "%s must be a string, got %s", what, typeName(v))
	}
}

// argInt returns args[i] as an int (integers, integral floats and
// decimals); nil is an error.
func argInt(fn string, args []any, i int, what string) (int, error) {
	if i >= len(args) {
		return 0, errf(fn, "missing argument %s", what)
	}
	n, ok := asInt(args[i])
	if !ok {
		if args[i] == nil {
			return 0, errf(fn, "%s is null", what)
		}
		return 0, errf(fn, "%s must be an integer, got %s", what, quoteShort(args[i]))
	}
	return n, nil
}

// asInt converts whole numbers of any numeric type to int.
func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case int16:
		return int(n), true
	case int8:
		return int(n), true
	case uint8:
		return int(n), true
	case uint16:
		return int(n), true
	case uint32:
		return int(n), true
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int(n), true
		}
	case decimal.Decimal:
		if n.IsInteger() && n.Abs().LessThan(decimal.New(1, 18)) {
			return int(n.IntPart()), true
		}
	}
	return 0, false
}

// strOrNil returns the main string argument: isNil when it is nil (the
// caller then returns nil), an error when it is not a string.
func strOrNil(fn string, args []any) (s string, isNil bool, err error) {
	if len(args) == 0 {
		return "", false, errf(fn, "missing argument")
	}
	switch v := args[0].(type) {
	case nil:
		return "", true, nil
	case string:
		return v, false, nil
	default:
		return "", false, errf(fn, "expects a string, got %s %s", typeName(v), quoteShort(v))
	}
}

// strFunc wraps a string -> string function with null propagation; when
// the result equals the input the original interface value is returned, so
// unchanged strings cost no allocation.
func strFunc(name string, f func(string) string) func(*Env, []any) (any, error) {
	return func(_ *Env, args []any) (any, error) {
		s, isNil, err := strOrNil(name, args)
		if isNil || err != nil {
			return nil, err
		}
		r := f(s)
		if len(r) == len(s) && r == s {
			return args[0], nil
		}
		return r, nil
	}
}

// text renders any scalar as plain text (strings unquoted), the form
// concat and join use.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	return Render(v)
}
