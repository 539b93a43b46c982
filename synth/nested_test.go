package synth

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

const nestedOrders = `{
  "title": "orders",
  "type": "object",
  "required": ["order_no", "placed_at", "line_items"],
  "properties": {
    "order_no": {"type": "string"},
    "placed_at": {"type": "string", "format": "date-time"},
    "customer": {"type": "object", "properties": {"email": {"type": "string", "format": "email"}}},
    "tags": {"type": "array", "items": {"type": "string"}},
    "line_items": {"type": "array", "items": {"type": "object", "properties": {
      "sku": {"type": "string"},
      "position": {"type": "integer"},
      "quantity": {"type": "integer"},
      "discounts": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "amount": {"type": "number"}}}}
    }}}
  }
}`

// TestNestedTables: a nested schema's arrays of objects become child
// tables keyed by their parent's key and a position; every child row's
// key resolves to a generated parent row, positions run 1..k per parent
// (k in 1..5), and a grandchild resolves to its child row.
func TestNestedTables(t *testing.T) {
	s, err := schema.Parse("orders.schema.json", []byte(nestedOrders), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := NestedTables(s)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range ss {
		names = append(names, x.Name)
	}
	if got := strings.Join(names, " "); got != "orders orders_line_items orders_line_items_discounts" {
		t.Fatalf("tables %s", got)
	}
	d, err := NewDataset(ss, 50)
	if err != nil {
		t.Fatal(err)
	}
	var m memSink
	if err := WriteDataset(context.Background(), d, DatasetPlan{Plan: Plan{Rows: 50, EdgeRate: 0.05}}, 7, "csv", m.sink()); err != nil {
		t.Fatal(err)
	}
	head, rows := m.rows(t, "orders")
	if head[0] != "id" || len(rows) != 50 {
		t.Fatalf("orders: header %v, %d rows", head, len(rows))
	}
	if strings.Contains(strings.Join(head, ","), "line_items") {
		t.Fatalf("orders keeps its array of objects: %v", head)
	}
	ids := map[string]bool{}
	for _, r := range rows {
		ids[r[0]] = true
	}
	head, rows = m.rows(t, "orders_line_items")
	if strings.Join(head, ",") != "orders_id,_position,id,sku,position,quantity" {
		t.Fatalf("orders_line_items header %v: want the parent key, the array position (the element has its own), an id for the discounts, the element's fields", head)
	}
	perParent := map[string]int{}
	lines := map[string]bool{}
	for _, r := range rows {
		if !ids[r[0]] {
			t.Fatalf("line %v: orders_id %s names no order", r, r[0])
		}
		perParent[r[0]]++
		if p, _ := strconv.Atoi(r[1]); p != perParent[r[0]] {
			t.Fatalf("line %v: position %s, want %d", r, r[1], perParent[r[0]])
		}
		if lines[r[2]] {
			t.Fatalf("line id %s repeats", r[2])
		}
		lines[r[2]] = true
	}
	if len(perParent) != 50 {
		t.Fatalf("%d of 50 orders have lines", len(perParent))
	}
	for o, n := range perParent {
		if n < 1 || n > 5 {
			t.Fatalf("order %s has %d lines, want 1..5", o, n)
		}
	}
	head, rows = m.rows(t, "orders_line_items_discounts")
	if strings.Join(head[:2], ",") != "orders_line_items_id,position" {
		t.Fatalf("discounts header %v", head)
	}
	for _, r := range rows {
		if !lines[r[0]] {
			t.Fatalf("discount %v names no line", r)
		}
	}
	if len(rows) < 50 {
		t.Fatalf("%d discounts", len(rows))
	}
	// the source schema is left as it was
	if s.Lookup("line_items") == nil || s.Fields[0].PrimaryKey {
		t.Fatal("NestedTables changed its schema")
	}
}

// TestNestedTablesKeepsID: a top-level id is the root's key; an Avro
// record without arrays of objects is one table.
func TestNestedTablesKeepsID(t *testing.T) {
	s, err := schema.Parse("inv.schema.json", []byte(`{"type":"object","properties":{"id":{"type":"string"},
	  "lines":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"amount":{"type":"integer"}}}}}}`), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := NestedTables(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || !ss[0].Fields[0].PrimaryKey || ss[0].Fields[0].Name != "id" {
		t.Fatalf("root %+v", ss[0].Fields[0])
	}
	if c := ss[1].Fields[0]; c.Name != "inv_schema_id" || c.References != "inv_schema.id" {
		t.Fatalf("child key %s -> %s", c.Name, c.References)
	}
	ss, err = NestedTables(loadRealworld(t, "kafka-datagen-avro", "orders_schema.avro"))
	if err != nil || len(ss) != 1 || ss[0].Fields[0].Name != "id" {
		t.Fatalf("%v %v", ss, err)
	}
}

func loadRealworld(t *testing.T, parts ...string) *schema.Schema {
	t.Helper()
	s, err := schema.Load(realworld(parts...), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestDatasetXLSX: one workbook with a sheet per table, in generation
// order, byte-identical for a seed; each sheet holds the cells of the
// table's CSV (keys compared cell by cell); long names are cut to Excel's
// 31 characters and kept distinct.
func TestDatasetXLSX(t *testing.T) {
	s, err := schema.Parse("orders.schema.json", []byte(nestedOrders), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gen := func(format string) (*bytes.Buffer, *memSink) {
		ss, err := NestedTables(s)
		if err != nil {
			t.Fatal(err)
		}
		d, err := NewDataset(ss, 30)
		if err != nil {
			t.Fatal(err)
		}
		var m memSink
		sink := m.sink()
		book := &bytes.Buffer{}
		sink.Book = book
		if err := WriteDataset(context.Background(), d, DatasetPlan{Plan: Plan{Rows: 30, EdgeRate: 0.05}}, 9, format, sink); err != nil {
			t.Fatal(err)
		}
		return book, &m
	}
	a, _ := gen("xlsx")
	b, _ := gen("xlsx")
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two workbooks of one seed differ")
	}
	_, csvs := gen("csv")
	for _, table := range []string{"orders", "orders_line_items", "orders_line_items_discounts"} {
		rr, err := value.NewReader(bytes.NewReader(a.Bytes()), "d.xlsx#"+table, "xlsx")
		if err != nil {
			t.Fatalf("sheet %s: %v", table, err)
		}
		head, rows := csvs.rows(t, table)
		n := 0
		for {
			rec, err := rr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if n >= len(rows) {
				t.Fatalf("sheet %s has more rows than its CSV (%d)", table, len(rows))
			}
			for i := 0; i < 2; i++ { // the key columns
				if got := rec.Get(head[i]).Text(); got != rows[n][i] {
					t.Fatalf("sheet %s row %d %s: %q, CSV %q", table, n+1, head[i], got, rows[n][i])
				}
			}
			n++
		}
		if n != len(rows) {
			t.Fatalf("sheet %s: %d rows, CSV %d", table, n, len(rows))
		}
	}
	names := SheetNames(&Dataset{Tables: []*Table{{Name: strings.Repeat("a", 40)}, {Name: strings.Repeat("a", 35)}, {Name: "x:y"}}})
	var got []string
	for _, n := range names {
		got = append(got, n)
	}
	sort.Strings(got)
	if len(got) != 3 || got[0] != strings.Repeat("a", 31) || got[1] != strings.Repeat("a", 29)+"~2" || got[2] != "x_y" {
		t.Fatalf("sheet names %q", got)
	}
}
