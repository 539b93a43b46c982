package transform

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/expr-lang/expr"
	"github.com/shopspring/decimal"

	"github.com/seamhq/seam/mapping/kind"
)

// run compiles src with a typed declaration env (decl) and runs it with
// vals; it returns the rendered result or "error: ...".
func run(t *testing.T, src string, decl, vals map[string]any) string {
	t.Helper()
	if decl == nil {
		decl = map[string]any{}
	}
	if vals == nil {
		vals = decl
	}
	prog, err := expr.Compile(src, append(ExprOptions(ExampleEnv), expr.Env(decl))...)
	if err != nil {
		return "compile error: " + firstLine(err.Error())
	}
	out, err := expr.Run(prog, vals)
	if err != nil {
		return "error: " + firstLine(err.Error())
	}
	return Render(out)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// Typed declarations as the engine builds them from a schema; the values
// may be nil at run time (null).
var decl = map[string]any{
	"s": "", "n": 0, "d": decimal.Zero, "f": 0.0, "b": false, "t": time.Time{},
}

func TestEdgeCases(t *testing.T) {
	tests := []struct {
		name, src string
		vals      map[string]any
		want      string
	}{
		// empty vs null
		{"trim empty", `trim(s)`, map[string]any{"s": ""}, `""`},
		{"trim null", `trim(s)`, map[string]any{"s": nil}, `null`},
		{"lower null", `s | trim() | lower()`, map[string]any{"s": nil}, `null`},
		{"to_int empty", `to_int(s)`, map[string]any{"s": ""}, `error: to_int: "" is not an integer (1:1)`},
		{"to_int null", `to_int(s)`, map[string]any{"s": nil}, `null`},
		{"to_int empty as null", `to_int(null_if_empty(s))`, map[string]any{"s": ""}, `null`},
		{"default empty", `default(s, "x")`, map[string]any{"s": ""}, `"x"`},
		{"coalesce empty", `coalesce(s, "x")`, map[string]any{"s": ""}, `""`},
		{"is_null empty", `is_null(s)`, map[string]any{"s": ""}, `false`},
		{"concat null", `concat(s, "-", n)`, map[string]any{"s": nil, "n": 7}, `"-7"`},
		{"len null", `len(s)`, map[string]any{"s": nil}, `null`},
		// unicode
		{"title digraph", `title("ǆemal")`, nil, `"ǅemal"`},
		{"title greek", `title("όλα καλά")`, nil, `"Όλα Καλά"`},
		{"substr code points", `substr("日本語テキスト", 2, 3)`, nil, `"語テキ"`},
		{"substr combining", `len("e\u0301")`, nil, `2`},
		{"substr whole", `substr("abc", 0)`, nil, `"abc"`},
		{"substr end", `substr("abc", 3, 2)`, nil, `""`},
		{"substr neg clamp", `substr("abc", -10, 2)`, nil, `"ab"`},
		{"pad unicode", `pad_left("€", 3, "·")`, nil, `"··€"`},
		{"pad two chars", `pad_left("a", 3, "ab")`, nil, `error: pad_left: char must be exactly one character, got "ab" (1:1)`},
		{"mask unicode", `mask("Größe", 2)`, nil, `"***ße"`},
		{"trim bom zwsp", `trim("\ufeff\u200b x \u00a0")`, nil, `"x"`},
		// huge widths are refused, not allocated
		{"pad huge", `pad_right("a", 1000000000)`, nil, `error: pad_right: width 1000000000 out of range 0..1000000 (1:1)`},
		{"pad negative", `pad_right("a", -1)`, nil, `error: pad_right: width -1 out of range 0..1000000 (1:1)`},
		{"round huge places", `round(d, 100000)`, map[string]any{"d": decimal.New(1, 0)}, `error: round: places 100000 out of range -100..100 (1:1)`},
		// leap days
		{"leap day ok", `parse_date("2024-02-29")`, nil, `2024-02-29`},
		{"leap day bad", `parse_date("2023-02-29")`, nil, `error: parse_date: "2023-02-29" is not a date in layout ISO: day out of range (1:1)`},
		{"leap century", `parse_date("29.02.1900", "DD.MM.YYYY")`, nil, `error: parse_date: "29.02.1900" is not a date in layout DD.MM.YYYY: day out of range (1:1)`},
		{"leap 2000", `parse_date("02/29/2000", "MM/DD/YYYY")`, nil, `2000-02-29`},
		{"month 13", `parse_date("13/01/2024", "MM/DD/YYYY")`, nil, `error: parse_date: "13/01/2024" is not a date in layout MM/DD/YYYY: month out of range (1:1)`},
		{"iso datetime to date", `parse_date("2024-03-15T23:30:00-05:00")`, nil, `2024-03-15`},
		{"date from time", `parse_date(t)`, map[string]any{"t": time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}, `2024-05-06`},
		{"epoch int", `parse_datetime(n, "epoch_s")`, map[string]any{"n": 0}, `1970-01-01`},
		{"epoch bad", `parse_date("12a", "epoch_s")`, nil, `error: parse_date: "12a" is not epoch_s (an integer) (1:1)`},
		// DST
		{"dst gap", `parse_datetime("2024-03-31T02:30:00", "ISO", "Europe/Berlin")`, nil, `error: parse_datetime: "2024-03-31T02:30:00" does not exist in Europe/Berlin (daylight saving gap) (1:1)`},
		{"dst ambiguous berlin", `to_utc(parse_datetime("2024-10-27 02:30", "ISO", "Europe/Berlin"))`, nil, `2024-10-27T00:30:00Z`},
		{"dst ambiguous new york", `to_utc(parse_datetime("2024-11-03 01:30", "ISO", "America/New_York"))`, nil, `2024-11-03T05:30:00Z`},
		{"dst gap new york", `parse_datetime("2024-03-10 02:15", "ISO", "America/New_York")`, nil, `error: parse_datetime: "2024-03-10 02:15" does not exist in America/New_York (daylight saving gap) (1:1)`},
		{"lord howe half hour", `to_utc(parse_datetime("2024-04-07 01:45", "ISO", "Australia/Lord_Howe"))`, nil, `2024-04-06T14:45:00Z`},
		{"zoned input ignores zone arg", `to_utc(parse_datetime("2024-10-27T02:30:00+01:00", "ISO", "Europe/Berlin"))`, nil, `2024-10-27T01:30:00Z`},
		{"dst fall back", `to_utc(parse_datetime("2024-10-27 01:59", "ISO", "Europe/Berlin"))`, nil, `2024-10-26T23:59:00Z`},
		{"dst to_zone summer", `format_date(to_zone(parse_datetime("2024-03-31T01:30:00Z"), "Europe/Berlin"), "15:04 MST")`, nil, `"03:30 CEST"`},
		{"dst to_zone winter", `format_date(to_zone(parse_datetime("2024-03-31T00:30:00Z"), "Europe/Berlin"), "15:04 MST")`, nil, `"01:30 CET"`},
		{"offset kept", `format_date(parse_datetime("2024-01-01T10:00:00+05:30"), "RFC3339")`, nil, `"2024-01-01T10:00:00+05:30"`},
		{"zoneless utc", `parse_datetime("2024-01-01 10:00:00")`, nil, `2024-01-01T10:00:00Z`},
		{"zone bad", `parse_datetime("2024-01-01", "ISO", "Local")`, nil, `error: parse_datetime: unknown time zone "Local" (1:1)`},
		// bad layouts
		{"layout unknown", `format_date(t, "DD-MM")`, map[string]any{"t": time.Now()}, `error: format_date: unknown layout "DD-MM": use one of ISO, YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY, YYYYMMDD, RFC3339, epoch_s, epoch_ms, or a Go layout such as 2006-01-02 (1:1)`},
		{"go layout", `parse_date("07-Mar-2024", "02-Jan-2006")`, nil, `2024-03-07`},
		{"layout mismatch", `parse_date("2024/03/07", "YYYY-MM-DD")`, nil, `error: parse_date: "2024/03/07" is not a date in layout YYYY-MM-DD: does not match (1:1)`},
		{"format null", `format_date(t, "ISO")`, map[string]any{"t": nil}, `null`},
		// decimal exactness
		{"dec 0.1+0.2", `to_decimal("0.1") + to_decimal("0.2") == to_decimal("0.3")`, nil, `true`},
		{"float 0.1+0.2", `0.1 + 0.2 == 0.3`, nil, `false`},
		{"dec from float", `to_decimal(f) * 3`, map[string]any{"f": 0.1}, `0.3`},
		{"dec int left", `100 - to_decimal("0.01")`, nil, `99.99`},
		{"dec float right", `to_decimal("1.5") * 2.0`, nil, `3`},
		{"dec compare int", `to_decimal("2.00") == 2`, nil, `true`},
		{"dec ordering", `d > 1 && d <= to_decimal("1.5")`, map[string]any{"d": decimal.RequireFromString("1.5")}, `true`},
		{"dec ne", `d != 1`, map[string]any{"d": decimal.RequireFromString("1.5")}, `true`},
		{"dec null arith", `d * 2`, map[string]any{"d": nil}, `null`},
		{"dec null eq", `d == nil`, map[string]any{"d": nil}, `true`},
		{"dec null order", `d > 0`, map[string]any{"d": nil}, `error: decimal >: cannot compare null (1:3)`},
		{"dec div shift", `to_decimal("1.5") / 1000`, nil, `0.0015`},
		{"dec div shift limit", `to_decimal("0.000000000000001") / 1000`, nil, `0`},
		{"dec div 1/3", `to_decimal(1) / 3`, nil, `0.3333333333333333`},
		{"dec mod", `to_decimal("7.5") % 2`, nil, `1.5`},
		{"dec mod zero", `to_decimal("7.5") % 0`, nil, `error: decimal %: division by zero (1:19)`},
		{"dec string operand", `d + s`, map[string]any{"d": decimal.New(1, 0), "s": "2"}, `error: decimal +: cannot use string "2" in decimal arithmetic (convert it with to_decimal) (1:3)`},
		{"dec big", `to_decimal("123456789012345678901234567890.12") + 1`, nil, `123456789012345678901234567891.12`},
		{"dec nan", `to_decimal("NaN")`, nil, `error: to_decimal: "NaN" is not a decimal number (1:1)`},
		{"dec exponent bomb", `to_decimal("1e5000")`, nil, `error: to_decimal: "1e5000" is out of range (1:1)`},
		{"round half up", `round(to_decimal("-0.5"))`, nil, `-1`},
		{"round even", `round_even(to_decimal("0.125"), 2)`, nil, `0.12`},
		{"round float", `round(1.005, 2)`, nil, `1.01`},
		{"to_int overflow", `to_int("9223372036854775808")`, nil, `error: to_int: "9223372036854775808" is out of the 64-bit integer range (1:1)`},
		{"to_int decimal", `to_int(to_decimal("12.000"))`, nil, `12`},
		{"to_int float big", `to_int(1e20)`, nil, `error: to_int: 1e+20 is not a whole number (1:1)`},
		{"to_bool int", `to_bool(2)`, nil, `error: to_bool: 2 is not a boolean (want 0 or 1) (1:1)`},
		{"to_bool spaces", `to_bool(" TRUE ")`, nil, `true`},
		{"to_float inf", `to_float("Inf")`, nil, `error: to_float: "Inf" is not a finite number (1:1)`},
		// lookups
		{"lookup int key", `lookup("country", n)`, map[string]any{"n": 33}, `"FR"`},
		{"lookup null key", `lookup("status", s)`, map[string]any{"s": nil}, `null`},
		{"lookup no table", `lookup("nope", "x")`, nil, `error: lookup: no lookup table "nope" in the mapping (1:1)`},
		// names
		{"name one word", `split_name("  Madonna ")`, nil, `{"first": "Madonna", "last": ""}`},
		{"name empty", `split_name("")`, nil, `{"first": "", "last": ""}`},
		{"name particle", `last_name("Maria de la Cruz")`, nil, `"de la Cruz"`},
		{"name comma suffix", `last_name("Martin King, Jr.")`, nil, `"King Jr."`},
		// strings
		{"replace empty old", `replace("a", "", "x")`, nil, `error: replace: old must not be empty (1:1)`},
		{"split empty sep", `split("a", "")`, nil, `error: split: sep must not be empty (1:1)`},
		{"part first", `part("a,b,c", ",", 0)`, nil, `"a"`},
		{"part neg out", `part("a,b,c", ",", -4)`, nil, `null`},
		{"regex group out", `regex_extract("ab", "(a)", 2)`, nil, `error: regex_extract: group 2 out of range: pattern "(a)" has 1 groups (1:1)`},
		{"regex redos safe", `regex_replace(s, "(a+)+$", "x")`, map[string]any{"s": strings.Repeat("a", 5000) + "!"}, `"` + strings.Repeat("a", 5000) + `!"`},
		{"uuid deterministic", `uuid_v5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "https://example.com") == uuid_v5("url", "https://example.com")`, nil, `true`},
		{"is_absent dotted", `is_absent(s)`, map[string]any{"n": 1}, `true`},
		// disabled builtins
		{"now disabled", `now()`, nil, `compile error: unknown name now (1:1)`},
		{"repeat disabled", `repeat("x", 1000000000)`, nil, `compile error: unknown name repeat (1:1)`},
		{"predicates kept", `all(split("1,2", ","), {len(#) == 1})`, nil, `true`},
		{"method blocked", `to_string(d.Shift(1000000000))`, nil, `error: Shift: method calls are not allowed in rules; use the function library (seam funcs) (1:13)`},
		{"method allowed", `parse_date("2024-02-29").YearDay()`, nil, `60`},
		{"hasPrefix kept", `hasPrefix("DE123", "DE")`, nil, `true`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vals := map[string]any{}
			for k, v := range decl {
				vals[k] = v
			}
			for k, v := range tt.vals {
				vals[k] = v
			}
			if tt.name == "is_absent dotted" {
				delete(vals, "s")
			}
			if got := run(t, tt.src, decl, vals); got != tt.want {
				t.Errorf("%s\n got  %s\n want %s", tt.src, got, tt.want)
			}
		})
	}
}

// TestTypeCheck: wrong arity and wrong argument types fail at compile time.
func TestTypeCheck(t *testing.T) {
	bad := map[string]string{
		`trim(n)`:                 "cannot use int as argument (type string) to call trim",
		`trim()`:                  "not enough arguments to call trim",
		`substr(s)`:               "not enough arguments to call substr",
		`pad_left(s, "5")`:        "to call pad_left",
		`to_int(t)`:               "to call to_int",
		`format_date(s, "ISO")`:   "to call format_date",
		`lookup("status")`:        "not enough arguments to call lookup",
		`replace(s, "a", "b", 1)`: "too many arguments to call replace",
		`round(s)`:                "to call round",
		`negate(s)`:               "to call negate",
	}
	for src, want := range bad {
		_, err := expr.Compile(src, append(ExprOptions(nil), expr.Env(decl))...)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error containing %q", src, err, want)
		}
	}
	good := []string{`trim(s)`, `to_int(s) + n`, `to_decimal(n) / 100`, `round(d, 2)`, `round(f)`, `negate(b)`,
		`format_date(t, "ISO")`, `lookup("status", s, nil)`, `coalesce(s, n)`, `concat(s, n, d, t)`, `len(split(s, ","))`}
	for _, src := range good {
		if _, err := expr.Compile(src, append(ExprOptions(nil), expr.Env(decl))...); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
}

// TestResultTypes: the checker knows decimal results, so the engine can
// type-check a rule against its target.
func TestResultTypes(t *testing.T) {
	cases := map[string]string{
		`to_decimal(n) / 100`: "decimal.Decimal",
		`to_decimal(s) + 1`:   "decimal.Decimal",
		`d * n > 5`:           "bool",
		`to_int(s)`:           "int",
		`parse_date(s)`:       "time.Time",
		`trim(s)`:             "string",
	}
	for src, want := range cases {
		prog, err := expr.Compile(src, append(ExprOptions(nil), expr.Env(decl))...)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := prog.Node().Type(); got == nil || got.String() != want {
			t.Errorf("%s: type %v, want %s", src, got, want)
		}
	}
}

func TestErrorKinds(t *testing.T) {
	for src, want := range map[string]kind.Kind{
		`lookup("status", "Z")`: kind.LookupMiss,
		`to_int("x")`:           kind.CoercionFailure,
	} {
		prog, err := expr.Compile(src, ExprOptions(ExampleEnv)...)
		if err != nil {
			t.Fatal(err)
		}
		_, err = expr.Run(prog, nil)
		if err == nil {
			t.Fatalf("%s: no error", src)
		}
		if got := ErrorKind(err); got != want {
			t.Errorf("%s: kind %s, want %s", src, got, want)
		}
		var lm *LookupMissError
		if want == kind.LookupMiss && (!errors.As(err, &lm) || lm.Table != "status" || lm.Key != "Z") {
			t.Errorf("%s: %#v", src, err)
		}
		var fe *FuncError
		if want == kind.CoercionFailure && (!errors.As(err, &fe) || fe.Func != "to_int") {
			t.Errorf("%s: %#v", src, err)
		}
	}
}

func TestLookupDefaults(t *testing.T) {
	env := &Env{Lookups: map[string]map[string]string{"t": {"a": "A"}}, LookupDefaults: map[string]string{"t": "?"}}
	prog, err := expr.Compile(`lookup("t", "zz")`, ExprOptions(env)...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := expr.Run(prog, nil)
	if err != nil || out != "?" {
		t.Fatalf("got %v, %v", out, err)
	}
}
