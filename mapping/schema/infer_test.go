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
