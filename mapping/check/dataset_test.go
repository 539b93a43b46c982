package check

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/value"
)

// TestReadDatasetLabels: the sidecar of seam synth --labels over several
// tables, kept for the tables asked; a bad header or row is an error
// naming the file and line; a table's reader knows its rows' labels.
func TestReadDatasetLabels(t *testing.T) {
	const side = "table,row,field,edge_case\norders,2,customer_id,rel.dangling_fk\norder_lines,1,order_id,rel.orphan_child\norder_lines,1,qty,int.min\ncustomers,3,customer_id,rel.duplicate_key\n"
	ls, err := ReadDatasetLabels(strings.NewReader(side), "labels.csv", map[string]bool{"orders": true, "order_lines": true})
	if err != nil {
		t.Fatal(err)
	}
	if got := ls.Row("orders", 2)["customer_id"]; got != "rel.dangling_fk" {
		t.Errorf("orders row 2: %q", got)
	}
	if ls.Row("customers", 3) != nil {
		t.Error("customers was not asked for")
	}
	rd, _ := value.NewReader(strings.NewReader("order_id,qty\n9,1\n"), "order_lines.csv", "csv")
	lr, ok := ls.Reader("order_lines", rd).(LabelledReader)
	if !ok {
		t.Fatal("the table's reader is not labelled")
	}
	if _, err := lr.Read(); err != nil {
		t.Fatal(err)
	}
	if l := lr.Labels(lr.Row()); l["order_id"] != "rel.orphan_child" || l["qty"] != "int.min" {
		t.Errorf("row 1 labels %v", l)
	}
	if r := ls.Reader("customers", rd); r != rd {
		t.Error("a table without labels keeps its reader")
	}
	for _, c := range []struct{ in, want string }{
		{"row,field,edge_case\n1,a,b\n", "labels.csv:1: want the header table,row,field,edge_case (seam synth --labels), got row,field,edge_case"},
		{"table,row,field,edge_case\norders,0,a,rel.x\n", `labels.csv:2: row "0": want a row number from 1`},
		{"table,row,field,edge_case\norders,1,a\n", "labels.csv:2: want 4 fields (table,row,field,edge_case), got 3"},
		{"table,row,field,edge_case\norders,1,,rel.x\n", "labels.csv:2: a label needs a field and an edge_case"},
		{"table,row,field\norders,1,a\n", "labels.csv:1: want the header table,row,field,edge_case"},
	} {
		_, err := ReadDatasetLabels(strings.NewReader(c.in), "labels.csv", nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
	empty, err := ReadDatasetLabels(strings.NewReader(""), "labels.csv", nil)
	if err != nil || empty.Row("orders", 1) != nil {
		t.Errorf("empty sidecar: %v", err)
	}
}
