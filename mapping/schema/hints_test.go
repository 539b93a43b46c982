package schema

import (
	"strings"
	"testing"
)

// TestAvroHints: Avro arg.properties (datagen's range, regex, options,
// iteration, length) are kept as the field's Hints, and a record's
// options as the schema's.
func TestAvroHints(t *testing.T) {
	s, err := Parse("o.avsc", []byte(`{"type":"record","name":"o","arg.properties":{"options":[{"a":1,"b":"x\"y"}]},"fields":[
	  {"name":"t","type":{"type":"long","arg.properties":{"range":{"min":20,"max":10}}}},
	  {"name":"id","type":{"type":"int","arg.properties":{"iteration":{"start":5}}}},
	  {"name":"s","type":["null",{"type":"string","arg.properties":{"regex":"A_[0-9]","length":{"min":1,"max":3}}}]},
	  {"name":"g","type":{"type":"string","arg.properties":{"options":["M","F",null]}}},
	  {"name":"plain","type":"string"}]}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := func(p string) *Hints { return s.Lookup(p).Hints }
	if x := h("t"); x == nil || *x.Min != 10 || *x.Max != 20 {
		t.Errorf("range: %+v", x)
	}
	if x := h("id"); x == nil || *x.Start != 5 || *x.Step != 1 {
		t.Errorf("iteration: %+v", x)
	}
	if x := h("s"); x == nil || x.Regex != "A_[0-9]" || *x.MinLength != 1 || *x.MaxLength != 3 {
		t.Errorf("regex in a union: %+v", x)
	}
	if x := h("g"); x == nil || len(x.Options) != 2 || x.Options[1] != "F" {
		t.Errorf("options: %+v", x)
	}
	if h("plain") != nil {
		t.Errorf("plain field has hints %+v", h("plain"))
	}
	if s.Hints == nil || len(s.Hints.Options) != 1 || s.Hints.Options[0] != `{"a":1,"b":"x\"y"}` {
		t.Errorf("record options: %+v", s.Hints)
	}
}

// TestSeamYAMLHints: a hand-written schema gives hints in the datagen
// form; an unknown hint key is an error naming it and its line.
func TestSeamYAMLHints(t *testing.T) {
	s, err := Parse("s.yaml", []byte("fields:\n  - name: units\n    type: float\n    hints: {range: {min: 0.5, max: 3}}\n  - name: code\n    type: string\n    hints: {regex: 'A[0-9]{3}', options: [A100, A200]}\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h := s.Lookup("units").Hints; h == nil || *h.Min != 0.5 || *h.Max != 3 {
		t.Errorf("range: %+v", h)
	}
	if h := s.Lookup("code").Hints; h == nil || h.Regex != "A[0-9]{3}" || len(h.Options) != 2 {
		t.Errorf("regex, options: %+v", h)
	}
	_, err = Parse("s.yaml", []byte("fields:\n  - name: a\n    type: string\n    hints: {ranges: 1}\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown key "ranges"`) || !strings.Contains(err.Error(), "s.yaml:4") {
		t.Errorf("unknown hint key: %v", err)
	}
}
