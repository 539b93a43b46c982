package transform

import (
	"testing"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
)

// benchCall measures one library function called directly, as the VM does.
func benchCall(b *testing.B, name string, args ...any) {
	b.Helper()
	d := registry[name]
	env := prepare(ExampleEnv)
	if _, err := d.impl(env, args); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = d.impl(env, args)
	}
}

func BenchmarkTrimUnchanged(b *testing.B)  { benchCall(b, "trim", "already-trimmed") }
func BenchmarkTrimChanged(b *testing.B)    { benchCall(b, "trim", "  padded value  ") }
func BenchmarkLowerUnchanged(b *testing.B) { benchCall(b, "lower", "ada@example.com") }
func BenchmarkLowerChanged(b *testing.B)   { benchCall(b, "lower", "Ada@Example.COM") }
func BenchmarkToInt(b *testing.B)          { benchCall(b, "to_int", "123456") }
func BenchmarkToDecimal(b *testing.B)      { benchCall(b, "to_decimal", "99325.10") }
func BenchmarkParseDateISO(b *testing.B)   { benchCall(b, "parse_date", "2024-02-29") }
func BenchmarkParseDateUS(b *testing.B)    { benchCall(b, "parse_date", "3/7/2024", "MM/DD/YYYY") }
func BenchmarkLookup(b *testing.B)         { benchCall(b, "lookup", "status", "S") }

// BenchmarkRule runs a whole compiled rule on a reused VM, the engine's
// per-record path.
func BenchmarkRule(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"trim_lower", `email | trim() | lower()`},
		{"cents", `to_decimal(amount_cents) / 100`},
		{"lookup", `lookup("status", code)`},
		{"date", `format_date(parse_date(d, "MM/DD/YYYY"), "ISO")`},
	} {
		b.Run(c.name, func(b *testing.B) {
			env := map[string]any{"email": "ada@example.com", "amount_cents": 9932510, "code": "S", "d": "3/7/2024"}
			prog, err := expr.Compile(c.src, append(ExprOptions(ExampleEnv), expr.Env(env))...)
			if err != nil {
				b.Fatal(err)
			}
			var m vm.VM
			if _, err := m.Run(prog, env); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, _ = m.Run(prog, env)
			}
		})
	}
}
