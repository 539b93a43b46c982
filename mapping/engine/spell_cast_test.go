package engine

import (
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestCastHonoursFormat: the checked cast reads text in the spelling its
// source field's Format names (shared conventions: number:DG,
// boolean:TRUE/FALSE, date:LAYOUT), by transform's one rule.
func TestCastHonoursFormat(t *testing.T) {
	tests := []struct {
		format, in string
		typ        schema.Type
		want       string // rendered value, or "error"
	}{
		{"number:,.", "1.234,5", schema.Decimal, "1234.5"},
		{"number:,.", "1.234", schema.Integer, "1234"},
		{"number:,.", "1.5", schema.Decimal, "error"},
		{"number:, ", "1\u00a0234,25", schema.Float, "1234.25"},
		{"", "1e3", schema.Decimal, "1000"},
		{"", "1e3", schema.Integer, "error"},
		{"", "42.00", schema.Integer, "42"},
		{"", ".5", schema.Decimal, "0.5"},
		{"", "+7", schema.Integer, "7"},
		{"", "1,000", schema.Decimal, "error"},
		{"", "on", schema.Boolean, "true"},
		{"boolean:ja/nein", "JA", schema.Boolean, "true"},
		{"boolean:ja/nein", "nein", schema.Boolean, "false"},
		{"boolean:ja/nein", "yes", schema.Boolean, "error"},
		{"date:01/02/2006", "12/31/2024", schema.Date, "2024-12-31"},
		{"DD.MM.YYYY", "1.2.2000", schema.Date, "2000-02-01"},
		{"DD.MM.YYYY", "01.01.0999", schema.Date, "0999-01-01"},
		{"DD.MM.YYYY", "01.01.0000", schema.Date, "error"},
		{"DD.MM.YYYY", "1.1.200", schema.Date, "error"},
		{"MM/DD/YYYY", "2/29/2023", schema.Date, "error"},
		{"", "2024-1-2", schema.Date, "2024-01-02"},
		{"", "0000-01-01", schema.Date, "error"},
		{"date:02.01.2006", "31.12.2024", schema.Date, "2024-12-31"},
		{"datetime:2006-01-02 15:04", "2024-12-31 10:30", schema.Timestamp, "2024-12-31T10:30:00"},
	}
	for _, tt := range tests {
		v, err := castTo(value.Str(tt.in), tt.typ, layoutFromFormat(tt.format), false)
		got := "error"
		if err == nil {
			got = v.Text()
		}
		if got != tt.want {
			t.Errorf("cast %q (format %q) to %s = %s (%v), want %s", tt.in, tt.format, tt.typ, got, err, tt.want)
		}
	}
}
