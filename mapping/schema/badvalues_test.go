package schema

import (
	"strings"
	"testing"
)

// TestBadSchemaValues: values a schema cannot mean are errors naming the
// file, line and column and what was expected, never silently another
// schema (#20.15).
func TestBadSchemaValues(t *testing.T) {
	cases := []struct {
		name, file, data string
		parts            []string
	}{
		{"JSON Schema broken pattern", "s.json", "{\"type\": \"object\", \"properties\": {\n  \"a\": {\"type\": \"string\", \"pattern\": \"[unclosed\"}}}", []string{"s.json:2:38", "a: pattern", `invalid pattern "[unclosed"`, "missing closing ]", "expected a regular expression"}},
		{"OpenAPI broken pattern", "api.yaml", "openapi: 3.0.0\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        a: {type: string, pattern: 'a(b'}\n", []string{"api.yaml:7:", `invalid pattern "a(b"`}},
		{"seam YAML broken pattern", "s.yaml", "fields:\n  - name: a\n    type: string\n    pattern: '*x'\n", []string{"s.yaml:4:14", "invalid pattern", "missing argument to repetition operator"}},
		{"maxLength 1e400", "s.json", "{\"properties\": {\"a\": {\"type\": \"string\",\n \"maxLength\": 1e400}}}", []string{"s.json:2:15", "maxLength: 1e400 is not a whole number"}},
		{"minLength fraction", "s.json", `{"properties": {"a": {"type": "string", "minLength": 2.5}}}`, []string{"s.json:1:", "minLength: 2.5 is not a whole number"}},
		{"minimum 1e400", "s.json", `{"properties": {"a": {"type": "number", "minimum": -1e400}}}`, []string{"s.json:1:", "minimum: -1e400 is out of range"}},
		{"seam YAML max_length 1e400", "s.yaml", "fields:\n  - {name: a, type: string, max_length: 1e400}\n", []string{"s.yaml:2:", "max_length must be a whole number"}},
		{"seam YAML min 1e400", "s.yaml", "fields:\n  - {name: a, type: integer, min: 1e400}\n", []string{"s.yaml:2:35", "min:", "expected a number"}},
		{"NUMERIC(-1,5)", "x.sql", "CREATE TABLE t (\n  a NUMERIC(-1,5)\n);", []string{"x.sql:2:13", "column a: numeric(", "a size cannot be signed"}},
		{"NUMERIC(0)", "x.sql", "CREATE TABLE t (a NUMERIC(0));", []string{"x.sql:1:19", "precision 0"}},
		{"VARCHAR(99999999999999999999)", "x.sql", "CREATE TABLE t (a VARCHAR(99999999999999999999));", []string{"x.sql:1:27", "99999999999999999999 is not a size", "expected a whole number from 0 to 2147483647"}},
		{"VARCHAR(10.5)", "x.sql", "CREATE TABLE t (a VARCHAR(10.5));", []string{"x.sql:1:27", "10.5 is not a size"}},
		{"duplicate JSON Schema property", "s.json", "{\"type\": \"object\", \"properties\": {\n  \"a\": {\"type\": \"string\"},\n  \"a\": {\"type\": \"integer\"}}}", []string{"s.json:3:3", `duplicate key "a" with a different value (first at line 2)`}},
		{"duplicate key in an OpenAPI JSON", "api.json", "{\"openapi\": \"3.0.0\", \"components\": {\"schemas\": {\"A\": {\"type\": \"object\", \"type\": \"array\"}}}}", []string{"api.json:1:", `duplicate key "type"`}},
		{"duplicate key in a JSON sample", "d.json", "[{\"a\": 1,\n \"a\": 2}]", []string{"d.json:2:2", `duplicate key "a"`}},
		{"duplicate key in seam YAML", "s.yaml", "fields:\n  - name: a\n    type: string\n    type: integer\n", []string{"s.yaml:4:5", `"type" already defined`}},
		{"duplicate property in OpenAPI YAML", "api.yaml", "openapi: 3.0.0\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        a: {type: string}\n        a: {type: integer}\n", []string{"api.yaml:8:9", `"a" already defined`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Parse(c.file, []byte(c.data), Options{ReadFile: noDisk})
			if err == nil {
				t.Fatalf("loaded %v; want an error", s.SortedPaths())
			}
			wantErr(t, err, c.parts...)
		})
	}
}

// TestSchemaValuesKept: what is valid keeps loading, with the meaning it
// has: ECMA-262 patterns RE2 cannot run stay as documentation with a
// note, \u escapes work, quoted identifiers with doubled quotes are
// names, YAML merge keys give way to the mapping's own keys.
func TestSchemaValuesKept(t *testing.T) {
	js := `{"type": "object", "properties": {
  "pw": {"type": "string", "pattern": "^(?=.*[A-Z])(?!.*\\s).{8,}$"},
  "rep": {"type": "string", "pattern": "^(a+)-\\1$"},
  "ascii": {"type": "string", "pattern": "^[\\u0000-\\u007F]*$"},
  "n": {"type": "integer", "minimum": 0, "exclusiveMaximum": 10, "maxLength": 0}}}`
	s := mustParse(t, "s.json", js, Options{})
	for _, p := range []string{"pw", "rep"} {
		f := s.Lookup(p)
		if f.Pattern == "" || !strings.Contains(f.Description, "not checked") {
			t.Errorf("%s: pattern %q description %q; want the pattern kept and a note", p, f.Pattern, f.Description)
		}
	}
	if f := s.Lookup("ascii"); f.Description != "" || f.Pattern != `^[\u0000-\u007F]*$` {
		t.Errorf("ascii: pattern %q description %q", f.Pattern, f.Description)
	}
	if f := s.Lookup("n"); f.Min == nil || *f.Min != 0 || f.Max == nil || *f.Max != 10 {
		t.Errorf("n: min %v max %v", f.Min, f.Max)
	}

	// A key repeated with the same value, as in real Singer catalogs, loses
	// nothing and is accepted; a different value is an error (above).
	dup := "{\"type\": \"object\", \"properties\": {\n  \"loc\": {\"type\": [\"null\", \"object\"], \"properties\": {\"id\": {\"type\": \"string\"}}},\n  \"loc\": {\"properties\": {\"id\": {\"type\": \"string\"}}, \"type\": [\"null\", \"object\"]}}}"
	s = mustParse(t, "dup.json", dup, Options{})
	if s.Lookup("loc.id") == nil || len(s.Fields) != 1 {
		t.Errorf("identical duplicate: fields %v; want one loc with loc.id", s.SortedPaths())
	}

	s = mustParse(t, "q.sql", "CREATE TABLE \"t\"\"x\" (\"a\"\"b\" int, `c``d` int, [e]]f] int, g NUMBER(*,0), h VARCHAR(2147483647));", Options{})
	if s.Name != `t"x` {
		t.Errorf("table %q, want t\"x", s.Name)
	}
	for _, p := range []string{`a"b`, "c`d", "e]f"} {
		if s.Lookup(p) == nil {
			t.Errorf("no column %q in %v", p, s.SortedPaths())
		}
	}
	if f := s.Lookup("g"); f == nil || f.Type != Decimal || f.Precision != nil || f.Scale == nil || *f.Scale != 0 {
		t.Errorf("g NUMBER(*,0): %+v", f)
	}
	checkField(t, s, want{path: "h", typ: String, maxLen: 2147483647})

	y := "fields:\n  - &b {name: x, type: string, max_length: 5}\n  - {<<: *b, name: y, max_length: 10}\n  - name: z\n    <<: [*b, {nullable: true}]\n"
	s = mustParse(t, "m.yaml", y, Options{})
	checkField(t, s, want{path: "y", typ: String, maxLen: 10})
	checkField(t, s, want{path: "z", typ: String, maxLen: 5, nul: yes})
}
