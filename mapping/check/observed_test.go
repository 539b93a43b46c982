package check

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

// TestObservedLengthIsNoLimit: a sample's longest value is evidence, not
// a constraint (#19.3). A CSV target of four names does not make longer
// names truncations; a source sample whose values are longer than a
// declared target limit still warns.
func TestObservedLengthIsNoLimit(t *testing.T) {
	csv := "name\nAda Lovelace\nGrace Hopper\nKatherine G. Johnson\nAlan Turing\n"
	dst, err := schema.Parse("people.csv", []byte(csv), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := dst.Lookup("name")
	if f.MaxLength != nil || f.ObservedMaxLength == nil || *f.ObservedMaxLength != 20 {
		t.Fatalf("name: max %v observed %v; want no max, observed 20", f.MaxLength, f.ObservedMaxLength)
	}
	src := S("s", F("full_name", schema.String))
	m := M(R("name", "", "full_name"))
	for _, x := range Static(m, src, dst) {
		if x.Kind == Narrowing || x.Kind == Truncation {
			t.Errorf("static finding from an observed length: %s %s", x.Kind, x.Message)
		}
	}
	long := "Maria Salomea Skłodowska-Curie"
	d := NewDataFor(m, src, dst, DataOptions{})
	d.ObserveOut(1, rec("full_name", long), rec("name", long), nil, nil)
	for _, x := range d.Findings() {
		if x.Kind == Truncation || x.Kind == Narrowing {
			t.Errorf("data finding from an observed length: %s %s", x.Kind, x.Message)
		}
	}

	// A source sample longer than a declared target limit: evidence of truncation.
	srcS, err := schema.Parse("in.csv", []byte("city\nSão José dos Campos\nRio\n"), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := Static(M(R("city", "", "city")), srcS, S("d", F("city", schema.String, maxlen(15))))
	n := find(fs, Narrowing)
	if n == nil || !strings.Contains(n.Message, "source sample holds values up to 19 characters") {
		logFindings(t, fs)
		t.Fatalf("want a narrowing citing the sample")
	}
	// ... and one that fits raises nothing.
	if fs := Static(M(R("city", "", "city")), srcS, S("d", F("city", schema.String, maxlen(40)))); find(fs, Narrowing) != nil {
		logFindings(t, fs)
		t.Errorf("narrowing although the sample fits")
	}
}
