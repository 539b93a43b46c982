package value

import (
	"bytes"
	"testing"
)

func TestFormulaLike(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"", false}, {"plain", false}, {"a=b", false}, {"'quoted", false},
		{"=HYPERLINK(\"http://x\")", true}, {"=1+1", true}, {"@SUM(1)", true},
		{"\t=1+1", true}, {"\r=1", true}, {"+cmd|' /C calc'!A0", true}, {"-2+3", true},
		{"-", true}, {"+", true}, {"-Inf", true}, {"-NaN", true}, {"-0x1F", true}, {"-1,5", true},
		{"-12.5", false}, {"+3", false}, {"-1e5", false}, {"+.5", false}, {"-7.", false}, {"-1E-3", false},
		{"-1e", true}, {"--1", true}, {"-.", true},
	} {
		if got := FormulaLike(c.in); got != c.want {
			t.Errorf("FormulaLike(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	if got := NeutraliseFormula("=1+1"); got != "'=1+1" {
		t.Errorf("NeutraliseFormula = %q", got)
	}
	if got := NeutraliseFormula("-12.5"); got != "-12.5" {
		t.Errorf("NeutraliseFormula(-12.5) = %q", got)
	}
}

// TestCSVWriterNeutralisesFormulas: CSV and TSV writers put an apostrophe
// before text a spreadsheet would run (#20.4); numbers, typed values and
// RawCSV output are written unchanged.
func TestCSVWriterNeutralisesFormulas(t *testing.T) {
	keys := []string{"a", "n", "s"}
	rec := &Record{Keys: keys, Vals: []Value{Str(`=HYPERLINK("http://x","y")`), IntV(-5), Str("-12.5")}}
	rec2 := &Record{Keys: keys, Vals: []Value{Str("@SUM(1)"), IntV(7), Str("\t=1+1")}}
	for _, c := range []struct {
		format string
		raw    bool
		want   string
	}{
		{"csv", false, "a,n,s\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5,-12.5\n'@SUM(1),7,'\t=1+1\n"},
		{"tsv", false, "a\tn\ts\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\t-5\t-12.5\n'@SUM(1)\t7\t\"'\t=1+1\"\n"},
		{"csv", true, "a,n,s\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5,-12.5\n@SUM(1),7,\"\t=1+1\"\n"},
	} {
		var b bytes.Buffer
		w, err := NewWriterWith(&b, c.format, keys, WriterOptions{RawCSV: c.raw})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []*Record{rec, rec2} {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		if b.String() != c.want {
			t.Errorf("%s raw=%v:\n got %q\nwant %q", c.format, c.raw, b.String(), c.want)
		}
	}
}
