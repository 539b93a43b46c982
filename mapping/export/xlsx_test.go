package export

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/xuri/excelize/v2"
)

func writeBook(t *testing.T, m *mapping.Mapping, findings []FindingRow) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, m, srcSchema(), dstSchema(), findings); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	return buf.Bytes()
}

func TestXLSXRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    *mapping.Mapping
	}{
		{"rich", richMapping()},
		{"empty", &mapping.Mapping{Seam: 1, Name: "nothing"}},
		{"one-rule", &mapping.Mapping{Seam: 1, Name: "one", Rules: []*mapping.Rule{{Target: "a", From: []string{"b"}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := writeBook(t, tc.m, nil)
			got, err := ImportXLSX(bytes.NewReader(data), "book.xlsx")
			if err != nil {
				t.Fatalf("ImportXLSX: %v", err)
			}
			if want, have := canon(tc.m), canon(got); want != have {
				t.Errorf("round trip changed the mapping\nwant:\n%s\ngot:\n%s", want, have)
			}
			assertSameMarshal(t, tc.m, got)
		})
	}
}

func TestXLSXSheetsReadBack(t *testing.T) {
	findings := []FindingRow{
		{Kind: "truncation", Severity: "error", Rule: "name", Target: "name", Source: []string{"first_name", "last_name"}, Count: 12, Message: "=too long", Example: "row 17: first_name=Bartholomew"},
		{Kind: "dropped_source", Severity: "warn", Message: "internal_score feeds nothing", Acknowledged: true},
	}
	data := writeBook(t, richMapping(), findings)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Mapping", "Source", "Target", "Lookup status", "Lookup country names that are l", "Lookup from_file", "Findings", "About"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	minRows := map[string]int{"Mapping": 8, "Source": 5, "Target": 5, "Lookup status": 5, "Findings": 3, "About": 10}
	for _, s := range want {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if len(rows) < minRows[s] || len(rows) == 0 {
			t.Errorf("%s: %d rows, want at least %d", s, len(rows), minRows[s])
		}
		panes, err := f.GetPanes(s)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", s, panes, err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fx, _ := f.GetCellFormula(s, cell); fx != "" {
					t.Errorf("%s!%s holds formula %q (value %q)", s, cell, fx, v)
				}
			}
		}
	}
	if v, _ := f.GetCellValue("Mapping", "L5"); !strings.HasPrefix(v, "=HYPERLINK") {
		t.Errorf("Mapping!L5 = %q, want the formula-looking note as text", v)
	}
	if v, _ := f.GetCellValue("Target", "B3"); v != "decimal(12,2)" {
		t.Errorf("Target!B3 = %q", v)
	}
	if v, _ := f.GetCellValue("Mapping", "C3"); v != "decimal(12,2)" {
		t.Errorf("Mapping!C3 (target type) = %q", v)
	}
	dvs, err := f.GetDataValidations("Mapping")
	if err != nil || len(dvs) != 2 {
		t.Fatalf("data validations = %d, %v; want 2", len(dvs), err)
	}
	joined := dvs[0].Formula1 + dvs[1].Formula1
	for _, w := range []string{"suggested,accepted,rejected", "reject,null,keep,default(...)"} {
		if !strings.Contains(joined, w) {
			t.Errorf("drop-downs %q lack %q", joined, w)
		}
	}
	// No <f> element anywhere in the package: not a single formula.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s contains a formula element", zf.Name)
		}
		if !bytes.Contains(b, []byte("autoFilter")) {
			t.Errorf("%s has no autofilter", zf.Name)
		}
	}
}

// TestXLSXEdits edits the workbook the way a person would in a spreadsheet
// and checks the edits arrive in the imported mapping.
func TestXLSXEdits(t *testing.T) {
	data := writeBook(t, richMapping(), nil)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// change an expression, accept a suggestion, add a rule row, add a lookup entry
	must(f.SetCellStr("Mapping", "G3", "to_decimal(amount_cents) / 1000"))
	must(f.SetCellStr("Mapping", "I3", "Accepted"))
	must(f.SetCellStr("Mapping", "B10", "currency"))
	must(f.SetCellStr("Mapping", "E10", "currency_code"))
	must(f.SetCellStr("Mapping", "G10", "currency_code | upper()"))
	must(f.SetCellStr("Mapping", "H10", "default(EUR)"))
	must(f.SetCellFloat("Mapping", "J10", 0.5, -1, 64))
	must(f.SetCellStr("Lookup status", "A6", "X"))
	must(f.SetCellStr("Lookup status", "B6", "lost"))
	// a column of the analyst's own is ignored
	must(f.SetCellStr("Mapping", "M1", "Reviewer"))
	must(f.SetCellStr("Mapping", "M2", "bob"))
	// a brand-new lookup sheet
	_, err = f.NewSheet("Lookup uom")
	must(err)
	must(f.SetSheetRow("Lookup uom", "A1", &[]string{"Key", "Value"}))
	must(f.SetSheetRow("Lookup uom", "A2", &[]string{"KG", "kilogram"}))
	var out bytes.Buffer
	must(f.Write(&out))
	got, err := ImportXLSX(bytes.NewReader(out.Bytes()), "edited.xlsx")
	if err != nil {
		t.Fatalf("import edited: %v", err)
	}
	r := got.Rules[1]
	if r.Expr != "to_decimal(amount_cents) / 1000" || r.Status != mapping.StatusAccepted {
		t.Errorf("edited rule = expr %q status %q", r.Expr, r.Status)
	}
	if len(got.Rules) != 8 {
		t.Fatalf("rules = %d, want 8", len(got.Rules))
	}
	nr := got.Rules[7]
	if nr.Target != "currency" || strings.Join(nr.From, ",") != "currency_code" || nr.Expr != "currency_code | upper()" || nr.OnError != "default(EUR)" || nr.Confidence != 0.5 {
		t.Errorf("added rule = %+v", nr)
	}
	st := got.LookupNamed("status")
	if st == nil || len(st.Entries) != 5 || st.Entries[4] != (mapping.LookupEntry{Key: "X", Value: "lost"}) {
		t.Errorf("status lookup = %+v", st)
	}
	if u := got.LookupNamed("uom"); u == nil || len(u.Entries) != 1 || u.Entries[0].Value != "kilogram" {
		t.Errorf("new lookup sheet = %+v", u)
	}
}

func TestXLSXImportErrors(t *testing.T) {
	data := writeBook(t, richMapping(), nil)
	f, _ := excelize.OpenReader(bytes.NewReader(data))
	f.SetCellStr("Mapping", "I3", "approved")
	f.SetCellStr("Mapping", "H4", "explode")
	f.SetCellStr("Mapping", "J5", "very")
	f.SetCellStr("Mapping", "B6", "")
	f.SetCellStr("Lookup status", "A3", "P")
	f.SetCellStr("About", "A3", "colour")
	var out bytes.Buffer
	f.Write(&out)
	_, err := ImportXLSX(bytes.NewReader(out.Bytes()), "bad.xlsx")
	if err == nil {
		t.Fatal("import of a broken workbook succeeded")
	}
	msg := err.Error()
	for _, want := range []string{
		`bad.xlsx: Mapping!I3: status "approved" is not one of`,
		`Mapping!H4: on_error "explode"`,
		`Mapping!J5: confidence "very"`,
		`Mapping!B6: target field is empty`,
		`'Lookup status'!A3: key "P" repeats the key of row 2`,
		`About!A3: unknown key "colour"`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if _, err := ImportXLSX(strings.NewReader("not a zip"), "junk.xlsx"); err == nil || !strings.Contains(err.Error(), "junk.xlsx") {
		t.Errorf("junk input: %v", err)
	}
	nf := excelize.NewFile()
	var nb bytes.Buffer
	nf.Write(&nb)
	if _, err := ImportXLSX(bytes.NewReader(nb.Bytes()), "plain.xlsx"); err == nil || !strings.Contains(err.Error(), `no sheet named "Mapping"`) {
		t.Errorf("no mapping sheet: %v", err)
	}
}

func TestXLSXRefusesOverlongCell(t *testing.T) {
	m := &mapping.Mapping{Seam: 1, Name: "long", Rules: []*mapping.Rule{{Target: "a", Notes: strings.Repeat("x", 40000)}}}
	err := WriteXLSX(io.Discard, m, nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "Mapping!L2") {
		t.Errorf("overlong cell: %v", err)
	}
}

// TestWriteSampleWorkbook writes the rich workbook to $SEAM_EXPORT_SAMPLE
// when set, for opening it by hand (LibreOffice, Excel).
func TestWriteSampleWorkbook(t *testing.T) {
	out := os.Getenv("SEAM_EXPORT_SAMPLE")
	if out == "" {
		t.Skip("SEAM_EXPORT_SAMPLE not set: no sample workbook written")
	}
	findings := []FindingRow{{Kind: "truncation", Severity: "error", Target: "name", Count: 3, Message: "=too long"}}
	if err := os.WriteFile(out, writeBook(t, richMapping(), findings), 0o644); err != nil {
		t.Fatal(err)
	}
}
