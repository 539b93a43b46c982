package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
)

// TestWriteSpellsFormats: text outputs write numbers, booleans, dates and
// timestamps the way the field's Format spells them (#19.2); JSONL keeps
// typed values.
func TestWriteSpellsFormats(t *testing.T) {
	i := schema.IntP
	s := &schema.Schema{Name: "e", Fields: []*schema.Field{
		{Path: "umsatz", Name: "umsatz", Type: schema.Decimal, Precision: i(10), Scale: i(2), Format: "number:,.", Required: true},
		{Path: "menge", Name: "menge", Type: schema.Integer, Format: "number:, ", Required: true},
		{Path: "aktiv", Name: "aktiv", Type: schema.Boolean, Format: "boolean:ja/nein", Required: true},
		{Path: "tag", Name: "tag", Type: schema.Date, Format: "date:02.01.2006", Required: true},
		{Path: "am", Name: "am", Type: schema.Timestamp, Format: "datetime:02.01.2006 15:04", Required: true},
	}}
	var out bytes.Buffer
	if err := Write(context.Background(), s, Plan{Rows: 300}, 7, &out, "csv", nil, nil); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	grouped := false
	for n, r := range rows[1:] {
		if _, st := transform.ParseDecimal(r[0], transform.NumberFormat{Dec: ',', Group: '.'}); st != transform.NumOK {
			t.Fatalf("row %d: umsatz %q is not spelled number:,.", n+1, r[0])
		}
		grouped = grouped || strings.Contains(r[0], ".")
		if _, st := transform.ParseInt(r[1], transform.NumberFormat{Dec: ',', Group: ' '}); st != transform.NumOK {
			t.Fatalf("row %d: menge %q is not spelled number:, ", n+1, r[1])
		}
		if r[2] != "ja" && r[2] != "nein" {
			t.Fatalf("row %d: aktiv %q, want ja or nein", n+1, r[2])
		}
		if _, err := time.Parse("02.01.2006", r[3]); err != nil {
			t.Fatalf("row %d: tag %q: %v", n+1, r[3], err)
		}
		if _, err := time.Parse("02.01.2006 15:04", r[4]); err != nil {
			t.Fatalf("row %d: am %q: %v", n+1, r[4], err)
		}
	}
	if !grouped {
		t.Errorf("no umsatz of four digits or more was grouped")
	}
	out.Reset()
	if err := Write(context.Background(), s, Plan{Rows: 3}, 7, &out, "jsonl", nil, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), `"ja"`) || !strings.Contains(out.String(), `"aktiv":`) {
		t.Errorf("JSONL should keep typed values:\n%s", out.String())
	}
}

// TestSpellRoundTrip: a European sample, inferred, synthesised as TSV and
// inferred again, gives the same types and formats.
func TestSpellRoundTrip(t *testing.T) {
	sample := "umsatz\taktiv\ttag\n1.234,50\tja\t31.01.2024\n99,00\tnein\t01.02.2024\n"
	s1, err := schema.Parse("e.tsv", []byte(sample), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Write(context.Background(), s1, Plan{Rows: 200}, 3, &out, "tsv", nil, nil); err != nil {
		t.Fatal(err)
	}
	s2, err := schema.Parse("again.tsv", out.Bytes(), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range s1.Fields {
		g := s2.Lookup(f.Path)
		if g == nil || g.Type != f.Type || g.Format != f.Format {
			t.Errorf("%s: %s %q first, then %v", f.Path, f.Type, f.Format, g)
		}
	}
}

func TestSpellNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		nf   transform.NumberFormat
		want string
	}{
		{"1234567.5", transform.NumberFormat{Dec: ',', Group: '.'}, "1.234.567,5"},
		{"-1234", transform.NumberFormat{Dec: ',', Group: ' '}, "-1 234"},
		{"123", transform.NumberFormat{Dec: ',', Group: '.'}, "123"},
		{"0.25", transform.NumberFormat{Dec: ','}, "0,25"},
		{"1000", transform.NumberFormat{Dec: ','}, "1000"},
	} {
		if got := spellNumber(c.in, c.nf); got != c.want {
			t.Errorf("spellNumber(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
