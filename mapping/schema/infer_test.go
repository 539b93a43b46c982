package schema

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestInferHugeCell: a value longer than maxInferCell is text; it is not
// tried as a number, boolean or date (#20.6), in CSV and JSONL samples
// alike (XLSX data sheets share the same column statistics).
func TestInferHugeCell(t *testing.T) {
	huge := strings.Repeat("1", maxInferCell+1)
	date := "2024-01-31" + strings.Repeat(" ", maxInferCell)
	for _, c := range []struct{ name, data string }{
		{"t.csv", "a,b\n" + huge + ",\"" + date + "\"\n1,2024-02-01\n"},
		{"t.jsonl", `{"a":"` + huge + `","b":"` + date + `"}` + "\n" + `{"a":"1","b":"2024-02-01"}` + "\n"},
	} {
		s := mustParse(t, c.name, c.data, Options{})
		for _, p := range []string{"a", "b"} {
			f := s.Lookup(p)
			if f.Type != String || f.Pattern != "" || f.Format != "" {
				t.Errorf("%s %s: %s pattern %q format %q; want plain string", c.name, p, f.Type, f.Pattern, f.Format)
			}
		}
		if o := s.Lookup("a").ObservedMaxLength; o == nil || *o != len(huge) {
			t.Errorf("%s a: observed %v, want %d", c.name, deref(o), len(huge))
		}
		for _, ex := range s.Lookup("a").Examples {
			if len(ex) > 80 {
				t.Errorf("%s: example of %d bytes", c.name, len(ex))
			}
		}
	}
}

// TestExamplesCutAtRunes: examples are cut to 80 bytes without splitting
// a character.
func TestExamplesCutAtRunes(t *testing.T) {
	s := mustParse(t, "t.csv", "a\n"+strings.Repeat("é", 60)+"\n", Options{})
	ex := s.Lookup("a").Examples
	if len(ex) != 1 || !utf8.ValidString(ex[0]) || len(ex[0]) != 80 {
		t.Errorf("examples %q", ex)
	}
}

// TestInferEuropean: decimal-comma numbers and boolean words in common
// languages are inferred when the whole sample agrees, and recorded in
// Format for casts and synth (#19.2).
func TestInferEuropean(t *testing.T) {
	cases := []struct {
		name, data string
		wants      []want
	}{
		{"the issue's export", "kunde;umsatz;aktiv\nA;1234,50;ja\nB;99,00;nein\n", []want{
			{path: "umsatz", typ: Decimal, prec: 6, scale: 2, format: "number:,"},
			{path: "aktiv", typ: Boolean, format: "boolean:ja/nein"},
		}},
		{"dot grouping", "a;b\n1.234,50;1.234.567\n12,00;5\n", []want{
			{path: "a", typ: Decimal, prec: 6, scale: 2, format: "number:,."},
			{path: "b", typ: Integer, format: "number:,."},
		}},
		{"space grouping", "a\tb\n1 234,50\t1\u00a0234\n7,5\t12\u202f345\n", []want{
			{path: "a", typ: Decimal, scale: 2, format: "number:, "},
			{path: "b", typ: Integer, format: "number:, "},
		}},
		{"negative and bare fraction", "a;b\n-1,5;x\n+2;y\n,25;z\n", []want{{path: "a", typ: Decimal, scale: 2, format: "number:,"}}},
		{"dot alone stays a default decimal", "a;b\n1.234;x\n5.678;y\n", []want{{path: "a", typ: Decimal, scale: 3, format: "-"}}},
		{"comma file: a comma is no decimal", "a,b\n\"1,5\",x\n\"2,25\",y\n", []want{{path: "a", typ: String, format: "-"}}},
		{"mixed grouping is text", "a;b\n1.234,5;x\n1 234,5;y\n", []want{{path: "a", typ: String, format: "-"}}},
		{"bad groups are text", "a;b\n1.23,5;x\n12,5;y\n", []want{{path: "a", typ: String}}},
		{"two commas are text", "a;b\n1,2,3;x\n", []want{{path: "a", typ: String}}},
		{"languages", "fr;es;pt;pl;nl;Y;T;one\noui;sí;sim;tak;ja;Y;T;N\nnon;no;não;nie;nee;N;F;N\n", []want{
			{path: "fr", typ: Boolean, format: "boolean:oui/non"},
			{path: "es", typ: Boolean, format: "boolean:sí/no"},
			{path: "pt", typ: Boolean, format: "boolean:sim/não"},
			{path: "pl", typ: Boolean, format: "boolean:tak/nie"},
			{path: "nl", typ: Boolean, format: "boolean:ja/nee"},
			{path: "Y", typ: Boolean, format: "boolean:Y/N"},
			{path: "T", typ: Boolean, format: "boolean:T/F"},
			{path: "one", typ: Boolean, format: "boolean:Y/N"},
		}},
		{"true/false need no format", "a,b\ntrue,Ja\nFALSE,Nein\n", []want{
			{path: "a", typ: Boolean, format: "-"},
			{path: "b", typ: Boolean, format: "boolean:Ja/Nein"},
		}},
		{"1/0: flags are booleans, other columns integers", "is_active,deleted,qty,code\n1,0,1,1\n0,1,0,1\n", []want{
			{path: "is_active", typ: Boolean, format: "boolean:1/0"},
			{path: "deleted", typ: Boolean, format: "boolean:1/0"},
			{path: "qty", typ: Integer, format: "-"},
			{path: "code", typ: Integer, format: "-"},
		}},
		{"one foreign word is text", "a\nja\nja\n", []want{{path: "a", typ: String}}},
		{"three words are text", "a\nja\nnein\nvielleicht\n", []want{{path: "a", typ: String}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := "t.csv"
			if strings.Contains(c.data, "\t") {
				name = "t.tsv"
			}
			s := mustParse(t, name, c.data, Options{})
			for _, w := range c.wants {
				if w.format == "-" {
					if f := s.Lookup(w.path); f != nil && f.Format != "" {
						t.Errorf("%s: format %q, want none", w.path, f.Format)
					}
					w.format = ""
				}
				checkField(t, s, w)
			}
		})
	}
	// JSON numbers 1 and 0 stay integers, whatever the name.
	s := mustParse(t, "s.json", `[{"is_active": 1}, {"is_active": 0}]`, Options{})
	checkField(t, s, want{path: "is_active", typ: Integer})
	// schema show says so.
	s = mustParse(t, "e.csv", "umsatz;aktiv;name\n1.234,50;ja;Ann\n99,00;nein;Bob\n", Options{})
	for path, part := range map[string]string{"umsatz": "format number:,.", "aktiv": "format boolean:ja/nein", "name": "observed max 3"} {
		if c := s.Lookup(path).Constraints(); !strings.Contains(c, part) {
			t.Errorf("%s: constraints %q lack %q", path, c, part)
		}
	}
}
