package transform

func init() {
	register(&def{
		spec: Spec{Name: "coalesce", Signature: "coalesce(a, b, ... any) any", Category: "null",
			Doc: "The first argument that is not null (absent counts as null). The empty string is a value: coalesce(\"\", \"x\") is \"\"; use default for empty-as-missing.",
			Examples: []Example{{Expr: `coalesce(mobile, phone, "n/a")`, Env: map[string]any{"mobile": nil, "phone": "+4930123"}, Want: `"+4930123"`},
				{Expr: `coalesce("", "x")`, Want: `""`}, {Expr: `coalesce(nil, nil)`, Want: `null`}}},
		impl:  fn(coalesce),
		types: []any{new(func(...any) any)},
	})
	register(&def{
		spec: Spec{Name: "default", Signature: "default(x any, d any) any", Category: "null",
			Doc:      "d when x is null, absent or the empty string; otherwise x.",
			Examples: []Example{{Expr: `default(country, "DE")`, Env: map[string]any{"country": ""}, Want: `"DE"`}, {Expr: `default(0, 5)`, Want: `0`}}},
		impl:  fn(defaultFn),
		types: []any{new(func(any, any) any)},
	})
	register(&def{
		spec: Spec{Name: "null_if_empty", Signature: "null_if_empty(x any) any", Category: "null",
			Doc:      "Null when x is the empty string, otherwise x: to_int(null_if_empty(qty)) maps empty cells to null instead of failing.",
			Examples: []Example{{Expr: `to_int(null_if_empty(""))`, Want: `null`}, {Expr: `null_if_empty(" ")`, Want: `" "`}}},
		impl:  fn(nullIfEmpty),
		types: []any{new(func(any) any)},
	})
	register(&def{
		spec: Spec{Name: "is_null", Signature: "is_null(x any) bool", Category: "null",
			Doc:      "True when x is null or absent; false for the empty string.",
			Examples: []Example{{Expr: `is_null(nil)`, Want: `true`}, {Expr: `is_null("")`, Want: `false`}}},
		impl:  fn(isNull),
		types: []any{new(func(any) bool)},
	})
	register(&def{
		spec: Spec{Name: "is_empty", Signature: "is_empty(x any) bool", Category: "null",
			Doc:      "True only for the empty string; false for null.",
			Examples: []Example{{Expr: `is_empty("")`, Want: `true`}, {Expr: `is_empty(nil)`, Want: `false`}}},
		impl:  fn(isEmpty),
		types: []any{new(func(any) bool)},
	})
	register(&def{
		spec: Spec{Name: "is_absent", Signature: "is_absent(field) bool", Category: "null",
			Doc: "True when the record has no such key at all (absent), false when it is present, even as null. The argument must be a field name or dotted path.",
			Examples: []Example{{Expr: `is_absent(middle)`, Env: map[string]any{"first": "Ada"}, Want: `true`},
				{Expr: `is_absent(middle)`, Env: map[string]any{"middle": nil}, Want: `false`},
				{Expr: `is_absent(trim("x"))`, Want: `error: argument must be a field name`}}},
		impl:  fn(isAbsent),
		types: []any{new(func(any) bool)},
	})
	register(&def{
		spec:   Spec{Name: "_is_absent"},
		impl:   fn(isAbsentEnv),
		types:  []any{new(func(any, string, any) bool)},
		hidden: true,
	})
	register(&def{
		spec: Spec{Name: "lookup", Signature: "lookup(table string, key string|int [, default any]) string", Category: "lookup",
			Doc: "The value for key in the mapping's lookup table. On a miss: the default argument, else the table's default, else a lookup_miss error naming the key. A null key gives null. Integer keys match their decimal text.",
			Examples: []Example{{Expr: `lookup("status", code)`, Env: map[string]any{"code": "S"}, Want: `"shipped"`},
				{Expr: `lookup("status", "X", "unknown")`, Want: `"unknown"`},
				{Expr: `lookup("status", "X")`, Want: `error: lookup: no entry for "X" in table "status"`},
				{Expr: `lookup("country", 49)`, Want: `"DE"`}}},
		impl: lookup,
		types: []any{new(func(string, string) string), new(func(string, int) string),
			new(func(string, string, string) string), new(func(string, int, string) string), new(func(string, nullArg) string),
			new(func(string, any, any) any)},
	})
	register(&def{
		spec: Spec{Name: "split_name", Signature: "split_name(full string) object", Category: "name",
			Doc: "Splits a personal name into {first, last}. \"Last, First\" is honoured; otherwise the last word is the family name, with particles before it (van, de, von, ...) and suffixes after it (Jr., III). Titles (Mr, Dr, Prof) are dropped. One word: last is \"\".",
			Examples: []Example{{Expr: `split_name("Ludwig van Beethoven")`, Want: `{"first": "Ludwig", "last": "van Beethoven"}`},
				{Expr: `split_name("Lovelace, Ada")`, Want: `{"first": "Ada", "last": "Lovelace"}`}, {Expr: `split_name("Dr. Mary Ann Smith Jr.")`, Want: `{"first": "Mary Ann", "last": "Smith Jr."}`}}},
		impl:  fn(splitNameFn),
		types: []any{new(func(string) map[string]any)},
	})
	register(&def{
		spec: Spec{Name: "first_name", Signature: "first_name(full string) string", Category: "name",
			Doc:      "The given names of split_name.",
			Examples: []Example{{Expr: `first_name("Ada King Lovelace")`, Want: `"Ada King"`}, {Expr: `first_name("Cher")`, Want: `"Cher"`}}},
		impl:  fn(firstName),
		types: []any{new(func(string) string)},
	})
	register(&def{
		spec: Spec{Name: "last_name", Signature: "last_name(full string) string", Category: "name",
			Doc:      "The family name of split_name.",
			Examples: []Example{{Expr: `last_name("Martin Luther King Jr.")`, Want: `"King Jr."`}, {Expr: `last_name("Cher")`, Want: `""`}}},
		impl:  fn(lastName),
		types: []any{new(func(string) string)},
	})
	register(&def{
		spec: Spec{Name: "sha256", Signature: "sha256(s any) string", Category: "hash",
			Doc:      "Lower-case hex SHA-256 of the text form of s (pseudonymise identifiers). Null in, null out.",
			Examples: []Example{{Expr: `sha256("abc")`, Want: `"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"`}}},
		impl:  sha256Hex("sha256"),
		types: []any{new(func(any) string)},
	})
	register(&def{
		spec: Spec{Name: "hash", Signature: "hash(s any) string", Category: "hash",
			Doc:      "Alias of sha256.",
			Examples: []Example{{Expr: `hash(42) == sha256("42")`, Want: `true`}}},
		impl:  sha256Hex("hash"),
		types: []any{new(func(any) string)},
	})
	register(&def{
		spec: Spec{Name: "uuid_v5", Signature: "uuid_v5(namespace string, name any) string", Category: "hash",
			Doc:      "Deterministic name-based UUID (RFC 9562 version 5). namespace is dns, url, oid, x500 or a UUID. The same name always gives the same id.",
			Examples: []Example{{Expr: `uuid_v5("dns", "example.com")`, Want: `"cfbff0d1-9375-5685-968c-48ce8b15ae17"`}, {Expr: `uuid_v5("nope", "x")`, Want: `error: namespace "nope"`}}},
		impl:  fn(uuidV5),
		types: []any{new(func(string, any) string)},
	})
}
