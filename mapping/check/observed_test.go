package check

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
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
		if x.Kind == kind.Narrowing || x.Kind == kind.Truncation {
			t.Errorf("static finding from an observed length: %s %s", x.Kind, x.Message)
		}
	}
	long := "Maria Salomea Skłodowska-Curie"
	d := NewDataFor(m, src, dst, DataOptions{})
	d.ObserveOut(1, rec("full_name", long), rec("name", long), nil, nil)
	for _, x := range d.Findings() {
		if x.Kind == kind.Truncation || x.Kind == kind.Narrowing {
			t.Errorf("data finding from an observed length: %s %s", x.Kind, x.Message)
		}
	}

	// A source sample longer than a declared target limit: evidence of truncation.
	srcS, err := schema.Parse("in.csv", []byte("city\nSão José dos Campos\nRio\n"), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := Static(M(R("city", "", "city")), srcS, S("d", F("city", schema.String, maxlen(15))))
	n := find(fs, kind.Narrowing)
	if n == nil || !strings.Contains(n.Message, "source sample holds values up to 19 characters") {
		logFindings(t, fs)
		t.Fatalf("want a narrowing citing the sample")
	}
	// ... and one that fits raises nothing.
	if fs := Static(M(R("city", "", "city")), srcS, S("d", F("city", schema.String, maxlen(40)))); find(fs, kind.Narrowing) != nil {
		logFindings(t, fs)
		t.Errorf("narrowing although the sample fits")
	}
}

// TestObservedDecimalsAreNoLimit: a sample's widest decimal is evidence,
// not a size (#19 leftovers, item 1). A CSV target of 12.5 and 3.25 does
// not make 1234.567 a precision_loss or range_violation, nor does its
// always-filled column make a null a null_into_required; a source sample
// with more digits than a declared target keeps still warns.
func TestObservedDecimalsAreNoLimit(t *testing.T) {
	dst, err := schema.Parse("prices.csv", []byte("price,note\n12.5,a\n3.25,b\n"), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := dst.Lookup("price")
	if f.Precision != nil || f.Scale != nil || f.ObservedScale == nil || *f.ObservedScale != 2 || *f.ObservedPrecision != 4 {
		t.Fatalf("price: %s, observed %v,%v; want no precision or scale, observed 4,2", f.TypeString(), f.ObservedPrecision, f.ObservedScale)
	}
	src := S("s", F("amount", schema.Decimal), F("memo", schema.String, func(f *schema.Field) { f.Nullable = true }))
	m := M(R("price", "", "amount"), R("note", "", "memo"))
	for _, x := range Static(m, src, dst) {
		if x.Kind == kind.Narrowing || x.Kind == kind.NullableIntoRequired || x.Severity == diag.Error {
			t.Errorf("static finding from observations: %s %s", x.Kind, x.Message)
		}
	}
	d := NewDataFor(m, src, dst, DataOptions{})
	d.ObserveOut(1, rec("amount", dec("1234.567"), "memo", nil), rec("price", dec("1234.567"), "note", nil), nil, nil)
	for _, x := range d.Findings() {
		switch x.Kind {
		case kind.PrecisionLoss, kind.RangeViolation, kind.NullIntoRequired, kind.Narrowing:
			t.Errorf("data finding from observations: %s %s", x.Kind, x.Message)
		default:
		}
	}

	// A source sample with 3 digits after the point into decimal(10,2).
	srcS, err := schema.Parse("in.csv", []byte("amount\n1.125\n2.5\n"), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs := Static(M(R("total", "", "amount")), srcS, S("d", F("total", schema.Decimal, prec(10, 2))))
	if n := find(fs, kind.Narrowing); n == nil || !strings.Contains(n.Message, "source sample holds values with 3 digits after the point") {
		logFindings(t, fs)
		t.Fatalf("want a narrowing citing the sample's scale")
	}
	fs = Static(M(R("total", "", "amount")), srcS, S("d", F("total", schema.Decimal, prec(2, 2))))
	if n := find(fs, kind.Narrowing); n == nil || !strings.Contains(n.Message, "1 integer digits, total only 0") {
		logFindings(t, fs)
		t.Fatalf("want a narrowing citing the sample's integer digits")
	}
}
