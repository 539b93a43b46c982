package transform

import "github.com/shopspring/decimal"

type dec = decimal.Decimal

func init() {
	register(&def{
		spec: Spec{Name: "to_int", Signature: "to_int(x string|int|float|decimal|bool) int", Category: "convert",
			Doc: "Converts to a 64-bit integer. Strings: optional sign, decimal digits, surrounding spaces ignored; a zero fraction (\"42.00\") is accepted. Never truncates: 2.5 is an error. The empty string is an error, not null.",
			Examples: []Example{{Expr: `to_int(" 0042 ")`, Want: `42`}, {Expr: `to_int("two")`, Want: `error: to_int: "two" is not an integer`},
				{Expr: `to_int(2.5)`, Want: `error: not a whole number`}, {Expr: `to_int("")`, Want: `error: to_int: "" is not an integer`}}},
		impl:  fn(toInt),
		types: []any{new(func(string) int), new(func(int) int), new(func(float64) int), new(func(dec) int), new(func(bool) int)},
	})
	register(&def{
		spec: Spec{Name: "to_decimal", Signature: "to_decimal(x string|int|float|decimal [, places int]) decimal", Category: "convert",
			Doc: "Converts to an exact decimal; with places, rounds half away from zero to that many places. Floats convert through their shortest form (0.1 stays 0.1). NaN, infinity and thousands separators are errors.",
			Examples: []Example{{Expr: `to_decimal(amount_cents) / 100`, Env: map[string]any{"amount_cents": 9932510}, Want: `99325.1`},
				{Expr: `to_decimal("0.1") + to_decimal("0.2") == to_decimal("0.3")`, Want: `true`},
				{Expr: `to_decimal("2.345", 2)`, Want: `2.35`}, {Expr: `to_decimal("1,5")`, Want: `error: to_decimal: "1,5" is not a decimal number`}}},
		impl: fn(toDecimal),
		types: []any{new(func(string) dec), new(func(int) dec), new(func(float64) dec), new(func(dec) dec),
			new(func(string, int) dec), new(func(int, int) dec), new(func(float64, int) dec), new(func(dec, int) dec)},
	})
	register(&def{
		spec: Spec{Name: "to_float", Signature: "to_float(x string|int|decimal|float) float", Category: "convert",
			Doc:      "Converts to a 64-bit float (may lose precision: prefer decimals for money). NaN and infinity are errors.",
			Examples: []Example{{Expr: `to_float("1e3")`, Want: `1000`}, {Expr: `to_float("abc")`, Want: `error: to_float: "abc" is not a finite number`}}},
		impl:  fn(toFloat),
		types: []any{new(func(string) float64), new(func(int) float64), new(func(float64) float64), new(func(dec) float64)},
	})
	register(&def{
		spec: Spec{Name: "to_bool", Signature: "to_bool(x string|int|bool) bool", Category: "convert",
			Doc: "Converts yes/no, y/n, true/false, t/f, 1/0, on/off (any case, surrounding spaces ignored) and the integers 1/0. Anything else is an error.",
			Examples: []Example{{Expr: `to_bool("Yes")`, Want: `true`}, {Expr: `to_bool("OFF")`, Want: `false`},
				{Expr: `to_bool("maybe")`, Want: `error: to_bool: "maybe" is not a boolean`}}},
		impl:  fn(toBool),
		types: []any{new(func(string) bool), new(func(int) bool), new(func(bool) bool)},
	})
	register(&def{
		spec: Spec{Name: "to_string", Signature: "to_string(x any) string", Category: "convert",
			Doc:      "Text form of a scalar: numbers in shortest exact form, dates ISO 8601. Objects and arrays are errors. Null in, null out.",
			Examples: []Example{{Expr: `to_string(to_decimal("1.50"))`, Want: `"1.5"`}, {Expr: `to_string(parse_date("2024-02-29"))`, Want: `"2024-02-29"`}}},
		impl:  fn(toString),
		types: []any{new(func(any) string)},
	})
	register(&def{
		spec: Spec{Name: "round", Signature: "round(x number [, places int]) number", Category: "number",
			Doc: "Rounds half away from zero (commercial rounding, as Excel and SQL ROUND) to places (default 0; negative rounds to tens, hundreds). Exact for decimals; floats round through their shortest decimal form. Keeps the input's type.",
			Examples: []Example{{Expr: `round(to_decimal("2.345"), 2)`, Want: `2.35`}, {Expr: `round(-2.5)`, Want: `-3`},
				{Expr: `round(2.675, 2)`, Want: `2.68`}, {Expr: `round(1234, -2)`, Want: `1200`}}},
		impl:  roundWith("round", false),
		types: roundTypes,
	})
	register(&def{
		spec: Spec{Name: "round_even", Signature: "round_even(x number [, places int]) number", Category: "number",
			Doc:      "Rounds half to even (banker's rounding) to places (default 0). Exact for decimals.",
			Examples: []Example{{Expr: `round_even(to_decimal("2.345"), 2)`, Want: `2.34`}, {Expr: `round_even(2.5)`, Want: `2`}}},
		impl:  roundWith("round_even", true),
		types: roundTypes,
	})
	register(&def{
		spec: Spec{Name: "cents_to_units", Signature: "cents_to_units(x int|decimal|string) decimal", Category: "number",
			Doc:      "Minor units to major units, exactly: x / 100 as a decimal.",
			Examples: []Example{{Expr: `cents_to_units(12345)`, Want: `123.45`}, {Expr: `cents_to_units("-5")`, Want: `-0.05`}}},
		impl:  fn(centsToUnits),
		types: []any{new(func(int) dec), new(func(dec) dec), new(func(string) dec)},
	})
	register(&def{
		spec: Spec{Name: "units_to_cents", Signature: "units_to_cents(x decimal|int|string) int", Category: "number",
			Doc:      "Major units to minor units: x * 100 as an integer; more than two decimal places is an error (no silent rounding).",
			Examples: []Example{{Expr: `units_to_cents("19.99")`, Want: `1999`}, {Expr: `units_to_cents("0.001")`, Want: `error: more than 2 decimal places`}}},
		impl:  fn(unitsToCents),
		types: []any{new(func(dec) int), new(func(int) int), new(func(string) int), new(func(float64) int)},
	})
	register(&def{
		spec: Spec{Name: "abs", Signature: "abs(x number) number", Category: "number",
			Doc:      "Absolute value, keeping the type (exact for decimals).",
			Examples: []Example{{Expr: `abs(to_decimal("-1.10"))`, Want: `1.1`}, {Expr: `abs(-3)`, Want: `3`}}},
		impl:  fn(abs),
		types: []any{new(func(int) int), new(func(float64) float64), new(func(dec) dec)},
	})
	register(&def{
		spec: Spec{Name: "ceil", Signature: "ceil(x number) number", Category: "number",
			Doc:      "The least whole number not below x, keeping the type (exact for decimals).",
			Examples: []Example{{Expr: `ceil(to_decimal("1.01"))`, Want: `2`}, {Expr: `ceil(-1.5)`, Want: `-1`}}},
		impl:  ceilFloor("ceil", true),
		types: []any{new(func(int) int), new(func(float64) float64), new(func(dec) dec)},
	})
	register(&def{
		spec: Spec{Name: "floor", Signature: "floor(x number) number", Category: "number",
			Doc:      "The greatest whole number not above x, keeping the type (exact for decimals).",
			Examples: []Example{{Expr: `floor(to_decimal("-1.01"))`, Want: `-2`}, {Expr: `floor(7)`, Want: `7`}}},
		impl:  ceilFloor("floor", false),
		types: []any{new(func(int) int), new(func(float64) float64), new(func(dec) dec)},
	})
	register(&def{
		spec: Spec{Name: "negate", Signature: "negate(x bool|number) bool|number", Category: "logic",
			Doc: "Logical not of a boolean (for opposite flags: active -> is_deleted), or the arithmetic negation of a number (exact for decimals). Null in, null out, where `not x` would fail on null.",
			Examples: []Example{{Expr: `negate(active)`, Env: map[string]any{"active": true}, Want: `false`},
				{Expr: `negate(to_bool("no"))`, Want: `true`}, {Expr: `negate(to_decimal("1.5"))`, Want: `-1.5`}, {Expr: `negate(flag)`, Env: map[string]any{"flag": nil}, Want: `null`}}},
		impl:  fn(negate),
		types: []any{new(func(bool) bool), new(func(int) int), new(func(float64) float64), new(func(dec) dec)},
	})
}

var roundTypes = []any{
	new(func(dec) dec), new(func(dec, int) dec),
	new(func(int) int), new(func(int, int) int),
	new(func(float64) float64), new(func(float64, int) float64),
}
