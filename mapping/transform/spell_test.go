package transform

import (
	"testing"
)

// TestSpellingNumbers pins the one rule for numbers written as text: the
// same table drives the engine's cast, to_int/to_decimal/to_float and the
// SQL export (mapping/export's differential tests generate these spellings).
func TestSpellingNumbers(t *testing.T) {
	de := NumberFormat{Dec: ',', Group: '.'}
	fr := NumberFormat{Dec: ',', Group: ' '}
	comma := NumberFormat{Dec: ','}
	tests := []struct {
		in  string
		nf  NumberFormat
		i   string // integer result, "bad" or "range"
		dec string // decimal result, "bad" or "range"
		f   string // float result
	}{
		{"42", NumberFormat{}, "42", "42", "42"},
		{" \t42\t ", NumberFormat{}, "42", "42", "42"},
		{"+7", NumberFormat{}, "7", "7", "7"},
		{"-0", NumberFormat{}, "0", "0", "0"},
		{"-0.0", NumberFormat{}, "0", "0", "0"},
		{"007", NumberFormat{}, "7", "7", "7"},
		{".5", NumberFormat{}, "bad", "0.5", "0.5"},
		{"5.", NumberFormat{}, "5", "5", "5"},
		{"42.00", NumberFormat{}, "42", "42", "42"},
		{"3.5", NumberFormat{}, "bad", "3.5", "3.5"},
		{"1e3", NumberFormat{}, "bad", "1000", "1000"},
		{"2.5E-1", NumberFormat{}, "bad", "0.25", "0.25"},
		{"-1.5e+2", NumberFormat{}, "bad", "-150", "-150"},
		{"1e1000", NumberFormat{}, "bad", "range", "range"},
		{"1e999", NumberFormat{}, "bad", "1e999", "range"},
		{"1e-999", NumberFormat{}, "bad", "1e-999", "range"},
		{"0e-999", NumberFormat{}, "bad", "0", "0"},
		{"1e", NumberFormat{}, "bad", "bad", "bad"},
		{"e3", NumberFormat{}, "bad", "bad", "bad"},
		{".", NumberFormat{}, "bad", "bad", "bad"},
		{"", NumberFormat{}, "bad", "bad", "bad"},
		{"  ", NumberFormat{}, "bad", "bad", "bad"},
		{"-", NumberFormat{}, "bad", "bad", "bad"},
		{"+-1", NumberFormat{}, "bad", "bad", "bad"},
		{"1 2", NumberFormat{}, "bad", "bad", "bad"},
		{"1,000", NumberFormat{}, "bad", "bad", "bad"},
		{"1.2.3", NumberFormat{}, "bad", "bad", "bad"},
		{"\n1", NumberFormat{}, "bad", "bad", "bad"},
		{"0x10", NumberFormat{}, "bad", "bad", "bad"},
		{"Inf", NumberFormat{}, "bad", "bad", "bad"},
		{"NaN", NumberFormat{}, "bad", "bad", "bad"},
		{"١٢", NumberFormat{}, "bad", "bad", "bad"},
		{"9223372036854775807", NumberFormat{}, "9223372036854775807", "9223372036854775807", "9223372036854775807"},
		{"-9223372036854775808", NumberFormat{}, "-9223372036854775808", "-9223372036854775808", "-9223372036854775808"},
		{"9223372036854775808", NumberFormat{}, "range", "9223372036854775808", "9223372036854775808"},
		{"000000000000000000000001", NumberFormat{}, "1", "1", "1"},
		{"123456789012345678901234567890", NumberFormat{}, "range", "123456789012345678901234567890", "123456789012345680000000000000"},
		{"1.234,5", de, "bad", "1234.5", "1234.5"},
		{"1.234.567", de, "1234567", "1234567", "1234567"},
		{"1234,50", de, "bad", "1234.5", "1234.5"},
		{"1.23,5", de, "bad", "bad", "bad"},
		{"1.5", de, "bad", "bad", "bad"},
		{"1234.50", de, "bad", "bad", "bad"},
		{"1,5", comma, "bad", "1.5", "1.5"},
		{"1.5", comma, "bad", "bad", "bad"},
		{"1 234,5", fr, "bad", "1234.5", "1234.5"},
		{"1\u00a0234,5", fr, "bad", "1234.5", "1234.5"},
		{"1\u202f234", fr, "1234", "1234", "1234"},
		{"1 234 ", fr, "1234", "1234", "1234"},
		{"1 23", fr, "bad", "bad", "bad"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			show := func(st NumStatus, v string) string {
				switch st {
				case NumBad:
					return "bad"
				case NumRange:
					return "range"
				default:
				}
				return v
			}
			n, st := ParseInt(tt.in, tt.nf)
			if got := show(st, Render(int(n))); got != tt.i {
				t.Errorf("ParseInt(%q) = %s, want %s", tt.in, got, tt.i)
			}
			d, st := ParseDecimal(tt.in, tt.nf)
			if got := show(st, d.String()); got != tt.dec && !(st == NumOK && d.String() == mustDec(tt.dec)) {
				t.Errorf("ParseDecimal(%q) = %s, want %s", tt.in, got, tt.dec)
			}
			f, st := ParseFloat(tt.in, tt.nf)
			if got := show(st, Render(f)); got != tt.f && !(st == NumOK && Render(f) == Render(mustFloat(tt.f))) {
				t.Errorf("ParseFloat(%q) = %s, want %s", tt.in, got, tt.f)
			}
		})
	}
}

func mustDec(s string) string {
	d, st := ParseDecimal(s, NumberFormat{})
	if st != NumOK {
		return "?"
	}
	return d.String()
}

func mustFloat(s string) float64 {
	f, _ := ParseFloat(s, NumberFormat{})
	return f
}

func TestSpellingBooleans(t *testing.T) {
	ja := BoolFormat{True: "ja", False: "nein"}
	tests := []struct {
		in   string
		bf   BoolFormat
		want string
	}{
		{"true", BoolFormat{}, "true"}, {" Yes ", BoolFormat{}, "true"}, {"ON", BoolFormat{}, "true"}, {"1", BoolFormat{}, "true"},
		{"off", BoolFormat{}, "false"}, {"N", BoolFormat{}, "false"}, {"\t0\t", BoolFormat{}, "false"},
		{"maybe", BoolFormat{}, "bad"}, {"", BoolFormat{}, "bad"}, {"yes!", BoolFormat{}, "bad"}, {"\nyes", BoolFormat{}, "bad"},
		{"JA", ja, "true"}, {"Nein ", ja, "false"}, {"true", ja, "bad"}, {"1", ja, "bad"},
	}
	for _, tt := range tests {
		b, ok := ParseBool(tt.in, tt.bf)
		got := "bad"
		if ok {
			got = Render(b)
		}
		if got != tt.want {
			t.Errorf("ParseBool(%q, %v) = %s, want %s", tt.in, tt.bf, got, tt.want)
		}
	}
}

func TestParseSpelling(t *testing.T) {
	tests := []struct {
		in   string
		want Spelling
		ok   bool
	}{
		{"date:01/02/2006", Spelling{Layout: "01/02/2006"}, true},
		{"datetime:2006-01-02 15:04:05", Spelling{Layout: "2006-01-02 15:04:05", DateTime: true}, true},
		{"DD.MM.YYYY", Spelling{Layout: "DD.MM.YYYY"}, true},
		{"number:,", Spelling{Number: NumberFormat{Dec: ','}}, true},
		{"number:,.", Spelling{Number: NumberFormat{Dec: ',', Group: '.'}}, true},
		{"number:, ", Spelling{Number: NumberFormat{Dec: ',', Group: ' '}}, true},
		{"number:,,", Spelling{}, false},
		{"number:x", Spelling{}, false},
		{"boolean:Y/N", Spelling{Bool: BoolFormat{True: "Y", False: "N"}}, true},
		{"boolean:Y/y", Spelling{}, false},
		{"email", Spelling{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseSpelling(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParseSpelling(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestSpellingDates: named layouts take one- or two-digit days and months
// and four-digit years 0001-9999, in parse_date as in the checked cast and
// the SQL export.
func TestSpellingDates(t *testing.T) {
	for _, tt := range []struct{ in, layout, want string }{
		{"1.2.2000", "DD.MM.YYYY", "2000-02-01"},
		{"01.01.0999", "DD.MM.YYYY", "0999-01-01"},
		{"01.01.0000", "DD.MM.YYYY", "error"},
		{"2024-1-2", "ISO", "2024-01-02"},
		{"0000-01-01", "ISO", "error"},
		{"2/29/2024", "MM/DD/YYYY", "2024-02-29"},
	} {
		got, err := parseAny("parse_date", true, []any{tt.in, tt.layout})
		s := "error"
		if err == nil {
			s = Render(got)
		}
		if s != tt.want {
			t.Errorf("parse_date(%q, %q) = %s (%v), want %s", tt.in, tt.layout, s, err, tt.want)
		}
	}
}
