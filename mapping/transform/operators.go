package transform

import (
	"github.com/expr-lang/expr"
	"github.com/shopspring/decimal"
)

// Decimal operators: when either operand of + - * / % == != < <= > >= is
// statically a decimal.Decimal, expr calls one of these hidden functions
// instead of its own arithmetic, which does not know decimals. The other
// operand may be a decimal, an int or a float (converted through its
// shortest form); anything else is an error.
//
// Null: arithmetic with a null operand gives null (so
// to_decimal(amount_cents) / 100 stays null for a null amount); == and !=
// treat null as a value (null == null); ordering against null is an error.
// Division: the quotient is rounded to 16 decimal places
// (decimal.DivisionPrecision; x / 10^k is an exact shift within that);
// division by zero is an error. Strings are not operands: to_decimal them
// first.
var decimalOps = []struct {
	op, name string
	arith    func(a, b decimal.Decimal) (decimal.Decimal, error)
	cmp      func(c int) bool
}{
	{op: "+", name: "_dec_add", arith: func(a, b decimal.Decimal) (decimal.Decimal, error) { return a.Add(b), nil }},
	{op: "-", name: "_dec_sub", arith: func(a, b decimal.Decimal) (decimal.Decimal, error) { return a.Sub(b), nil }},
	{op: "*", name: "_dec_mul", arith: func(a, b decimal.Decimal) (decimal.Decimal, error) { return a.Mul(b), nil }},
	{op: "/", name: "_dec_div", arith: func(a, b decimal.Decimal) (decimal.Decimal, error) {
		if b.IsZero() {
			return a, errf("decimal /", "division by zero")
		}
		return a.Div(b), nil
	}},
	{op: "%", name: "_dec_mod", arith: func(a, b decimal.Decimal) (decimal.Decimal, error) {
		if b.IsZero() {
			return a, errf("decimal %", "division by zero")
		}
		return a.Mod(b), nil
	}},
	{op: "==", name: "_dec_eq", cmp: func(c int) bool { return c == 0 }},
	{op: "!=", name: "_dec_ne", cmp: func(c int) bool { return c != 0 }},
	{op: "<", name: "_dec_lt", cmp: func(c int) bool { return c < 0 }},
	{op: "<=", name: "_dec_le", cmp: func(c int) bool { return c <= 0 }},
	{op: ">", name: "_dec_gt", cmp: func(c int) bool { return c > 0 }},
	{op: ">=", name: "_dec_ge", cmp: func(c int) bool { return c >= 0 }},
}

func init() {
	for _, o := range decimalOps {
		o := o
		var types []any
		var impl func([]any) (any, error)
		if o.arith != nil {
			types = []any{new(func(dec, dec) dec), new(func(dec, int) dec), new(func(int, dec) dec),
				new(func(dec, float64) dec), new(func(float64, dec) dec), new(func(dec, any) dec), new(func(any, dec) dec)}
			impl = func(args []any) (any, error) {
				if args[0] == nil || args[1] == nil {
					return nil, nil
				}
				if o.op == "/" {
					// Dividing by a power of ten (x / 100) is an exact
					// exponent shift: no big.Int division.
					// Same result as Div while the shifted exponent stays
					// within DivisionPrecision places.
					if a, ok := args[0].(decimal.Decimal); ok {
						if k, ok := powerOfTen(args[1]); ok && a.Exponent()-k >= -int32(decimal.DivisionPrecision) {
							return a.Shift(-k), nil
						}
					}
				}
				a, b, err := decOperands(o.op, args)
				if err != nil {
					return nil, err
				}
				r, err := o.arith(a, b)
				if err != nil {
					return nil, err
				}
				return r, nil
			}
		} else {
			types = []any{new(func(dec, dec) bool), new(func(dec, int) bool), new(func(int, dec) bool),
				new(func(dec, float64) bool), new(func(float64, dec) bool), new(func(dec, any) bool), new(func(any, dec) bool)}
			eq := o.op == "==" || o.op == "!="
			impl = func(args []any) (any, error) {
				if args[0] == nil || args[1] == nil {
					if eq {
						return o.cmp(boolCmp(args[0] == nil, args[1] == nil)), nil
					}
					return nil, errf("decimal "+o.op, "cannot compare null")
				}
				a, b, err := decOperands(o.op, args)
				if err != nil {
					if eq {
						return o.op == "!=", nil
					}
					return nil, err
				}
				return o.cmp(a.Cmp(b)), nil
			}
		}
		register(&def{spec: Spec{Name: o.name}, impl: fn(impl), types: types, hidden: true})
	}
	register(&def{
		spec: Spec{Name: "operators", Signature: "decimal (+ - * / % == != < <= > >=) decimal|int|float", Category: "number",
			Doc: "Arithmetic with a decimal operand is exact decimal arithmetic; the other side may be an int or float. " +
				"A null operand gives null; division by zero is an error; a quotient is rounded to 16 decimal places. " +
				"Comparisons compare values (1.50 == 1.5). Not a function: shown for the docs.",
			Examples: []Example{{Expr: `to_decimal("0.1") + to_decimal("0.2")`, Want: `0.3`},
				{Expr: `to_decimal(price) * 3`, Env: map[string]any{"price": "19.99"}, Want: `59.97`},
				{Expr: `to_decimal("1.50") == to_decimal("1.5")`, Want: `true`},
				{Expr: `to_decimal("1") / 0`, Want: `error: division by zero`},
				{Expr: `to_decimal(cents) / 100`, Env: map[string]any{"cents": nil}, Want: `null`}}},
		docOnly: true,
	})
}

func boolCmp(a, b bool) int {
	if a == b {
		return 0
	}
	return 1
}

func decOperands(op string, args []any) (a, b decimal.Decimal, err error) {
	fn := "decimal " + op
	for _, v := range args {
		if _, ok := v.(string); ok {
			return a, b, errf(fn, "cannot use string %s in decimal arithmetic (convert it with to_decimal)", quoteShort(v))
		}
	}
	if a, _, err = asDecimal(fn, args[0]); err != nil {
		return
	}
	b, _, err = asDecimal(fn, args[1])
	return
}

// operatorOptions installs the decimal overloads.
func operatorOptions() []expr.Option {
	opts := make([]expr.Option, 0, len(decimalOps))
	for _, o := range decimalOps {
		opts = append(opts, expr.Operator(o.op, o.name))
	}
	return opts
}

// powerOfTen reports whether v is the int 10^k for k >= 1 (up to 10^18).
func powerOfTen(v any) (int32, bool) {
	n, ok := v.(int)
	if !ok || n < 10 {
		return 0, false
	}
	var k int32
	for n%10 == 0 {
		n /= 10
		k++
	}
	return k, n == 1
}
