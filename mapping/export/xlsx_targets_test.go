package export

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/xuri/excelize/v2"
)

// TestXLSXTargetsRoundTrip: a mapping with several targets (each:, a
// nested each:, parent:) and joins (on_miss, on_duplicate, a composite
// key) is written as a workbook with a Mapping sheet per target and read
// back by seam import to the same mapping file.
func TestXLSXTargetsRoundTrip(t *testing.T) {
	f := loadPlanFix(t)
	m := f.m
	m.Joins[0].On = append(m.Joins[0].On, mapping.JoinKey{Left: "id", Right: "name"})
	// every target's own ignore_target goes both ways (#14.9)
	m.OwnIgnoreTarget = []string{"note"}
	m.Extra[1].IgnoreTarget = []string{"code", "note"}
	var buf bytes.Buffer
	if err := WriteXLSXTargets(&buf, m, f.src, f.dsts, f.joins, nil); err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := "Mapping|Mapping order_details|Mapping discounts|Mapping tags|Source|Target|About"
	if got := strings.Join(book.GetSheetList(), "|"); got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
	rows, _ := book.GetRows("Mapping discounts")
	if len(rows) != 5 || rows[3][1] != "amount" || rows[2][4] != "$line" || rows[2][5] != "integer" || rows[3][5] != "float" {
		t.Errorf("Mapping discounts rows: %q", rows)
	}
	book.Close()
	got, err := ImportXLSX(bytes.NewReader(buf.Bytes()), "book.xlsx")
	if err != nil {
		t.Fatalf("ImportXLSX: %v", err)
	}
	if len(got.OwnIgnoreTarget) != 1 || len(got.Extra[1].IgnoreTarget) != 2 || len(got.Extra[0].IgnoreTarget) != 0 {
		t.Errorf("ignore_target per target: %v %v %v", got.OwnIgnoreTarget, got.Extra[0].IgnoreTarget, got.Extra[1].IgnoreTarget)
	}
	if len(got.Extra) != 3 || got.Extra[1].Each != "lineItems[].discounts" || got.Extra[1].Parent != "order_details" || len(got.Joins) != 2 {
		t.Fatalf("targets or joins lost: %+v %+v", got.Extra, got.Joins)
	}
	wb, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	gb, err := got.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(wb, gb) {
		t.Errorf("the mapping changed in the round trip\n--- want\n%s--- got\n%s", wb, gb)
	}
}

// TestXLSXTargetsImportErrors: target and join rows that do not fit are
// errors naming the About cell.
func TestXLSXTargetsImportErrors(t *testing.T) {
	f := loadPlanFix(t)
	var buf bytes.Buffer
	if err := WriteXLSXTargets(&buf, f.m, f.src, f.dsts, f.joins, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key, name string
		col       string
		value     string
		want      string
	}{
		{"target", "order_details", "C", "Mapping nosuch", `target "order_details" names sheet "Mapping nosuch", which the workbook lacks`},
		{"target rows", "discounts", "B", "nobody", `target rows for "nobody", which no earlier target row lists`},
		{"join options", "region", "C", "maybe", `join region: on_miss "maybe": want reject or null`},
		{"join", "customer", "E", "cust", `join customer: on "cust": want LEFT=RIGHT pairs`},
	} {
		book, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := book.GetRows("About")
		cell := ""
		for i, r := range rows {
			if len(r) > 1 && r[0] == c.key && r[1] == c.name {
				cell = c.col + strconv.Itoa(i+1)
			}
		}
		if cell == "" {
			t.Fatalf("no About row %s %s: %q", c.key, c.name, rows)
		}
		if err := book.SetCellStr("About", cell, c.value); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := book.Write(&out); err != nil {
			t.Fatal(err)
		}
		book.Close()
		_, err = ImportXLSX(bytes.NewReader(out.Bytes()), "book.xlsx")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "About!") {
			t.Errorf("%s %s=%s: error %v, want %q at an About cell", c.key, c.name, c.value, err, c.want)
		}
	}
}
