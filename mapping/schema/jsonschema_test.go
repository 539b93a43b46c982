package schema

import (
	"fmt"
	"strings"
	"testing"
)

func TestJSONSchemaTable(t *testing.T) {
	files := map[string]string{
		"dir/common.json": `{"definitions": {"money": {"type": "string", "format": "decimal"}},
  "type": "object", "properties": {"street": {"type": "string", "maxLength": 60}}}`,
	}
	cases := []struct {
		name  string
		doc   string
		wants []want
	}{
		{"nullable type list (draft-04)", `{"type":"object","properties":{
  "a": {"type": ["null", "string"], "maxLength": 5},
  "b": {"type": ["integer", "null"]}},
  "required": ["b"]}`, []want{
			{path: "a", typ: String, maxLen: 5, req: no, nul: yes, line: 2},
			{path: "b", typ: Integer, req: yes, nul: yes, line: 3},
		}},
		{"local $ref to definitions and $defs", `{"type":"object",
  "properties":{"x":{"$ref":"#/definitions/d"},"y":{"$ref":"#/$defs/e"}},
  "definitions":{"d":{"type":"string","format":"date"}},
  "$defs":{"e":{"type":"number","multipleOf":0.001}}}`, []want{
			{path: "x", typ: Date, line: 2},
			{path: "y", typ: Decimal, scale: 3},
		}},
		{"relative file $ref with pointer", `{"type":"object","properties":{
  "addr":{"$ref":"common.json"},
  "amount":{"$ref":"common.json#/definitions/money"}}}`, []want{
			{path: "addr", typ: Object, line: 2},
			{path: "addr.street", typ: String, maxLen: 60, line: 2},
			{path: "amount", typ: Decimal},
		}},
		{"allOf merged", `{"allOf":[
  {"type":"object","properties":{"id":{"type":"integer","format":"int64"}},"required":["id"]},
  {"properties":{"name":{"type":"string"}},"required":["name"]}]}`, []want{
			{path: "id", typ: Integer, bits: 64, req: yes},
			{path: "name", typ: String, req: yes},
		}},
		{"oneOf and anyOf kept as unions", `{"type":"object","properties":{
  "v":{"oneOf":[{"type":"string"},{"type":"integer"},{"type":"null"}]},
  "w":{"anyOf":[{"type":"object","properties":{"k":{"type":"boolean"}}},{"type":"string"}]},
  "t":{"type":["string","number"]}}}`, []want{
			{path: "v", typ: String, union: []Type{String, Integer}, nul: yes},
			{path: "w", typ: Object, union: []Type{Object, String}},
			{path: "w.k", typ: Boolean},
			{path: "t", typ: String, union: []Type{String, Float}},
		}},
		{"arrays get items[] paths", `{"type":"object","properties":{
  "items":{"type":"array","items":{"type":"object","properties":{"sku":{"type":"string"}},"required":["sku"]}},
  "tags":{"type":"array","items":{"type":"string"}}}}`, []want{
			{path: "items", typ: Array},
			{path: "items[]", typ: Object},
			{path: "items[].sku", typ: String, req: yes},
			{path: "tags[]", typ: String},
		}},
		{"formats and enums", `{"properties":{
  "id":{"type":"string","format":"uuid"},
  "at":{"type":"string","format":"date-time"},
  "t":{"type":"string","format":"time"},
  "blob":{"type":"string","contentEncoding":"base64"},
  "s":{"type":"string","enum":["a","b",null]},
  "e":{"enum":["x","y"]},
  "n":{"type":"integer","minimum":0,"maximum":10,"default":3}}}`, []want{
			{path: "id", typ: UUID},
			{path: "at", typ: TimestampTZ},
			{path: "t", typ: Time},
			{path: "blob", typ: Binary},
			{path: "s", typ: Enum, enum: 2, nul: yes},
			{path: "e", typ: Enum, enum: 2},
			{path: "n", typ: Integer},
		}},
		{"recursive ref stops", `{"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},"next":{"$ref":"#/$defs/node"}}}},
  "$ref":"#/$defs/node"}`, []want{
			{path: "v", typ: Integer},
			{path: "next", typ: Object},
		}},
		{"maps and tuples", `{"properties":{
  "m":{"type":"object","additionalProperties":{"type":"integer"}},
  "tup":{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}]}}}`, []want{
			{path: "m", typ: Object, format: "map"},
			{path: "tup[]", typ: String},
		}},
		{"YAML JSON Schema", "type: object\nproperties:\n  a:\n    type: string\n    maxLength: 3\nrequired: [a]\n", []want{
			{path: "a", typ: String, maxLen: 3, req: yes, line: 3},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := "dir/s.json"
			if strings.HasPrefix(c.doc, "type:") {
				name = "dir/s.yaml"
			}
			s := mustParse(t, name, c.doc, Options{Format: "jsonschema", ReadFile: memFS(files)})
			for _, w := range c.wants {
				checkField(t, s, w)
			}
		})
	}
}

func TestJSONSchemaSelector(t *testing.T) {
	doc := `{"$defs":{"a":{"type":"object","properties":{"x":{"type":"string"}}},"b":{"type":"object","properties":{"y":{"type":"integer"}}}}}`
	_, err := Parse("defs.json", []byte(doc), Options{ReadFile: noDisk})
	wantErr(t, err, "defs.json", "2 definitions", "a, b")
	s := mustParse(t, "defs.json#b", doc, Options{})
	checkField(t, s, want{path: "y", typ: Integer})
	if s.Name != "b" || s.Selector != "b" {
		t.Errorf("name %q selector %q", s.Name, s.Selector)
	}
	ptr := mustParse(t, "defs.json#/$defs/a", doc, Options{})
	checkField(t, ptr, want{path: "x", typ: String})
	if ptr.Name != "a" {
		t.Errorf("pointer selector name %q", ptr.Name)
	}
	_, err = Parse("defs.json#zz", []byte(doc), Options{ReadFile: noDisk})
	wantErr(t, err, `no definition "zz"`, "a, b")
}

func TestJSONSchemaErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		parts     []string
	}{
		{"broken JSON", "{\n  \"type\": \"object\",\n  \"properties\": {\"a\": {\"type\": \"string\",}}\n}", []string{"s.json:3:", "invalid JSON"}},
		{"truncated", `{"type": "object", "properties": {`, []string{"s.json:1:", "truncated"}},
		{"unknown type", "{\"properties\": {\n \"a\": {\"type\": \"strng\"}}}", []string{"s.json:2:", `unknown type "strng"`, "expected one of"}},
		{"missing ref file", "{\"properties\": {\n \"a\": {\"$ref\": \"nope.json\"}}}", []string{"s.json:2:", "nope.json", "cannot read"}},
		{"missing local ref", `{"properties": {"a": {"$ref": "#/definitions/x"}}}`, []string{"s.json:1:", "#/definitions/x"}},
		{"empty", "  \n", []string{"s.json:1:1", "empty file"}},
		{"binary", "{\x00\x01\x02", []string{"s.json", "binary"}},
		{"metaschema violation", "{\"properties\": {\n \"a\": {\"type\": \"string\", \"maxLength\": -1}}}", []string{"s.json:2:", "maxLength"}},
		{"not an object", `[1, 2]`, []string{"s.json:1:1", "must be an object"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("s.json", []byte(c.doc), Options{Format: "jsonschema", ReadFile: noDisk})
			wantErr(t, err, c.parts...)
		})
	}
}

func TestJSONSchema10000Fields(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"object","properties":{`)
	for i := 0; i < 10000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n\"f%d\":{\"type\":[\"null\",\"string\"],\"maxLength\":%d}", i, i+1)
	}
	b.WriteString("}}")
	s := mustParse(t, "big.json", b.String(), Options{})
	if len(s.Fields) != 10000 {
		t.Fatalf("%d fields", len(s.Fields))
	}
	checkField(t, s, want{path: "f9999", typ: String, maxLen: 10000, nul: yes, line: 10001})
}
