package guard

import (
	"strings"
	"testing"
)

// TestScanCells: a text run over the bound is refused with the cell or
// shared string named; tags and short cells pass (#20.6).
func TestScanCells(t *testing.T) {
	long := strings.Repeat("x", 101)
	cases := []struct{ part, xml, want string }{
		{"xl/worksheets/sheet1.xml", `<row r="1"><c r="A1" t="inlineStr"><is><t>short</t></is></c></row>`, ""},
		{"xl/worksheets/sheet1.xml", `<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>` + long + `</t></is></c></row>`, "xl/worksheets/sheet1.xml: cell B2 holds more than"},
		{"xl/sharedStrings.xml", `<sst><si><t>a</t></si><si><t>` + long + `</t></si></sst>`, "shared string 2 holds more than"},
		{"xl/worksheets/sheet1.xml", `<c r="A1" t="s" attr="` + long + `"><v>0</v></c>`, ""}, // a long tag is not text
	}
	for _, c := range cases {
		err := scanCells(strings.NewReader(c.xml), c.part, 100)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%.60s: got %v, want %q", c.xml, err, c.want)
		}
	}
}
