package transform

import "strings"

func init() {
	for _, t := range []struct {
		name, sig, doc string
		side           int
		ex             []Example
	}{
		{"trim", "trim(s string [, chars string]) string",
			"Removes white space (Unicode spaces, NBSP, zero-width space, BOM) from both ends, or the given characters. Null in, null out.",
			0, []Example{{Expr: `trim("  Ada\u00a0")`, Want: `"Ada"`}, {Expr: `trim("--x--", "-")`, Want: `"x"`}, {Expr: `trim(note)`, Env: map[string]any{"note": nil}, Want: `null`}}},
		{"ltrim", "ltrim(s string [, chars string]) string",
			"Like trim, left end only.",
			1, []Example{{Expr: `ltrim("  a  ")`, Want: `"a  "`}, {Expr: `ltrim("000123", "0")`, Want: `"123"`}}},
		{"rtrim", "rtrim(s string [, chars string]) string",
			"Like trim, right end only.",
			2, []Example{{Expr: `rtrim("  a  ")`, Want: `"  a"`}}},
	} {
		register(&def{
			spec:  Spec{Name: t.name, Signature: t.sig, Doc: t.doc, Category: "string", Examples: t.ex},
			impl:  trimWith(t.name, t.side),
			types: []any{new(func(string) string), new(func(string, string) string)},
		})
	}
	register(&def{
		spec: Spec{Name: "lower", Signature: "lower(s string) string", Category: "string",
			Doc:      "Lower-cases s (Unicode). Null in, null out.",
			Examples: []Example{{Expr: `lower("ÄRGER")`, Want: `"ärger"`}, {Expr: `email | trim() | lower()`, Env: map[string]any{"email": " Ada@Example.COM "}, Want: `"ada@example.com"`}}},
		impl:  strFunc("lower", strings.ToLower),
		types: []any{new(func(string) string)},
	})
	register(&def{
		spec: Spec{Name: "upper", Signature: "upper(s string) string", Category: "string",
			Doc:      "Upper-cases s (Unicode simple case mapping: ß stays ß). Null in, null out.",
			Examples: []Example{{Expr: `upper("ärger")`, Want: `"ÄRGER"`}, {Expr: `upper("straße")`, Want: `"STRAßE"`}}},
		impl:  strFunc("upper", strings.ToUpper),
		types: []any{new(func(string) string)},
	})
	register(&def{
		spec: Spec{Name: "title", Signature: "title(s string) string", Category: "string",
			Doc:      "Upper-cases the first letter of every word and lower-cases the rest. A word starts after a space, hyphen or other non-letter; apostrophes stay inside words.",
			Examples: []Example{{Expr: `title("jean-luc PICARD")`, Want: `"Jean-Luc Picard"`}, {Expr: `title("o'neil élodie")`, Want: `"O'neil Élodie"`}}},
		impl:  strFunc("title", titleCase),
		types: []any{new(func(string) string)},
	})
	register(&def{
		spec: Spec{Name: "substr", Signature: "substr(s string, start int [, len int]) string", Category: "string",
			Doc: "The part of s from code point start (0-based; negative counts from the end) of at most len code points (default: to the end). Out-of-range positions clamp; a negative len is an error.",
			Examples: []Example{{Expr: `substr("Zürich", 0, 3)`, Want: `"Zür"`}, {Expr: `substr("DE89370400", -4)`, Want: `"0400"`},
				{Expr: `substr("abc", 5)`, Want: `""`}, {Expr: `substr("abc", 0, -1)`, Want: `error: substr: len must not be negative`}}},
		impl:  fn(substr),
		types: []any{new(func(string, int) string), new(func(string, int, int) string)},
	})
	register(&def{
		spec: Spec{Name: "replace", Signature: "replace(s, old, new string) string", Category: "string",
			Doc:      "Replaces every occurrence of old with new. old must not be empty.",
			Examples: []Example{{Expr: `replace("1.234.567", ".", "")`, Want: `"1234567"`}}},
		impl:  fn(replaceFn),
		types: []any{new(func(string, string, string) string)},
	})
	register(&def{
		spec: Spec{Name: "regex_replace", Signature: "regex_replace(s, pattern, repl string) string", Category: "string",
			Doc: "Replaces every match of the RE2 pattern (linear time, no backtracking); repl may use $1 or ${name}. Patterns are compiled once and cached; a bad pattern is an error.",
			Examples: []Example{{Expr: `regex_replace("+49 (30) 1234-56", "[^0-9+]", "")`, Want: `"+4930123456"`},
				{Expr: `regex_replace("2024-03-15", "(\\d+)-(\\d+)-(\\d+)", "$3.$2.$1")`, Want: `"15.03.2024"`},
				{Expr: `regex_replace("x", "(", "")`, Want: `error: bad regular expression`}}},
		impl:  fn(regexReplace),
		types: []any{new(func(string, string, string) string)},
	})
	register(&def{
		spec: Spec{Name: "regex_extract", Signature: "regex_extract(s, pattern string [, group int]) string", Category: "string",
			Doc:      "The first match of pattern (or of its capture group), null when nothing matches.",
			Examples: []Example{{Expr: `regex_extract("Order #A-1042 shipped", "#([A-Z]-\\d+)", 1)`, Want: `"A-1042"`}, {Expr: `regex_extract("none", "\\d+")`, Want: `null`}}},
		impl:  fn(regexExtract),
		types: []any{new(func(string, string) string), new(func(string, string, int) string)},
	})
	register(&def{
		spec: Spec{Name: "split", Signature: "split(s, sep string) array", Category: "string",
			Doc:      "Splits s at every sep into an array of strings; sep must not be empty.",
			Examples: []Example{{Expr: `split("a;b;;c", ";")`, Want: `["a", "b", "", "c"]`}}},
		impl:  fn(split),
		types: []any{new(func(string, string) []any)},
	})
	register(&def{
		spec: Spec{Name: "part", Signature: "part(s, sep string, i int) string", Category: "string",
			Doc:      "The i-th field of s split at sep (0-based; negative counts from the end); null when there is no such field.",
			Examples: []Example{{Expr: `part("DE-BE-Berlin", "-", 2)`, Want: `"Berlin"`}, {Expr: `part("a.b", ".", -1)`, Want: `"b"`}, {Expr: `part("a.b", ".", 5)`, Want: `null`}}},
		impl:  fn(part),
		types: []any{new(func(string, string, int) string)},
	})
	register(&def{
		spec: Spec{Name: "concat", Signature: "concat(a, b, ... any) string", Category: "string",
			Doc:      "Joins its arguments as text; null arguments count as empty (like PostgreSQL concat). Numbers and dates print in their plain form.",
			Examples: []Example{{Expr: `concat(first, " ", last)`, Env: map[string]any{"first": "Ada", "last": "Lovelace"}, Want: `"Ada Lovelace"`}, {Expr: `concat("n=", 5, nil)`, Want: `"n=5"`}}},
		impl:  fn(concat),
		types: []any{new(func(...any) string)},
	})
	register(&def{
		spec: Spec{Name: "join", Signature: "join(list array, sep string) string", Category: "string",
			Doc:      "Joins the elements of list with sep, skipping null elements. A null list gives null.",
			Examples: []Example{{Expr: `join(["a", nil, "c"], "|")`, Want: `"a|c"`}, {Expr: `join(split("a b", " "), "_")`, Want: `"a_b"`}}},
		impl:  fn(join),
		types: []any{new(func([]any, string) string)},
	})
	for _, left := range []bool{true, false} {
		name, ex := "pad_left", []Example{{Expr: `pad_left("42", 5, "0")`, Want: `"00042"`}, {Expr: `pad_left("123456", 3)`, Want: `"123456"`}, {Expr: `pad_left("x", 2000000)`, Want: `error: width 2000000 out of range`}}
		if !left {
			name, ex = "pad_right", []Example{{Expr: `pad_right("ab", 4, ".")`, Want: `"ab.."`}, {Expr: `pad_right("é", 3)`, Want: `"é  "`}}
		}
		register(&def{
			spec: Spec{Name: name, Signature: name + "(s string, width int [, char string]) string", Category: "string",
				Doc:      "Pads s to width code points with char (default a space); never truncates. Width is limited to 0..1000000.",
				Examples: ex},
			impl:  pad(name, left),
			types: []any{new(func(string, int) string), new(func(string, int, string) string)},
		})
	}
	register(&def{
		spec: Spec{Name: "len", Signature: "len(x string|array|object) int", Category: "string",
			Doc:      "Length in code points (not bytes) of a string, or the number of elements. Null in, null out.",
			Examples: []Example{{Expr: `len("Zoë")`, Want: `3`}, {Expr: `len(split("a,b", ","))`, Want: `2`}}},
		impl:  fn(lenFn),
		types: []any{new(func(string) int), new(func([]any) int), new(func(map[string]any) int)},
	})
	register(&def{
		spec: Spec{Name: "mask", Signature: "mask(s string [, keep_last int]) string", Category: "string",
			Doc:      "Replaces every code point but the last keep_last (default 4) with *.",
			Examples: []Example{{Expr: `mask("4111111111111111")`, Want: `"************1111"`}, {Expr: `mask("secret", 0)`, Want: `"******"`}}},
		impl:  fn(mask),
		types: []any{new(func(string) string), new(func(string, int) string)},
	})
}
