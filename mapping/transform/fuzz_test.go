package transform

import (
	"sort"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// FuzzFunctions calls every library function with fuzzed strings and
// integers in each position and arity: no function may panic, hang or
// return a non-FuncError/LookupMissError error.
func FuzzFunctions(f *testing.F) {
	for _, s := range []string{"", " ", "2024-02-29", "3/7/2024", "Ada Lovelace", "de la", ",", "((", "$1", "ǅ", "\xff", "1e5000", "-0", "Europe/Berlin", "MM/DD/YYYY", "epoch_ms"} {
		f.Add(s, s, 3)
	}
	f.Add("abc", "b", -1)
	f.Add("9223372036854775807", "x", 1<<40)
	names := make([]string, 0, len(registry))
	for name, d := range registry {
		if !d.docOnly {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	env := prepare(ExampleEnv)
	f.Fuzz(func(t *testing.T, a, b string, n int) {
		vals := []any{a, b, n, nil, decimal.NewFromInt(int64(n)), float64(n) / 7, true, time.Unix(int64(n), 0).UTC()}
		for _, name := range names {
			d := registry[name]
			for arity := 1; arity <= 3; arity++ {
				for _, first := range vals {
					args := []any{first, b, n}[:arity]
					args[0] = first
					if arity >= 2 {
						args[1] = b
					}
					if arity == 3 {
						args[2] = a
					}
					if len(args) < minArity(d) {
						continue
					}
					_, err := d.impl(env, args)
					switch err.(type) { //nolint:errorlint // the library returns these types unwrapped
					case nil, *FuncError, *LookupMissError, *TooLargeError, *OpError:
					default:
						t.Fatalf("%s%v: error of type %T: %v", name, args, err, err)
					}
				}
			}
		}
	})
}

// minArity is the fewest arguments of any signature of d.
func minArity(d *def) int {
	m := 99
	for _, t := range d.types {
		ft := funcType(t)
		n := ft.NumIn()
		if ft.IsVariadic() {
			n--
		}
		if n < m {
			m = n
		}
	}
	return m
}
