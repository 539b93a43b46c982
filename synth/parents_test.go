package synth

import (
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

// TestLinkParent: a child names its parent's key as the key (order_id),
// singular-parent_key or parent_key (orders_id for a key id); its own id
// is never taken for the parent's; the renamed tables keep their foreign
// keys and the copies leave the originals alone.
func TestLinkParent(t *testing.T) {
	mk := func(name string, fs ...*schema.Field) *schema.Schema {
		for _, f := range fs {
			f.Path = f.Name
		}
		return &schema.Schema{Name: name, Fields: fs}
	}
	f := func(n string, pk bool) *schema.Field {
		return &schema.Field{Name: n, Type: schema.Integer, PrimaryKey: pk}
	}
	orders := mk("orders", f("id", false), f("total", false))
	lines := mk("lines", f("id", true), f("order_id", false))
	ss := RenameTables([]*schema.Schema{orders, lines}, []string{"orders", "lines"})
	if err := LinkParent(ss, "lines", "orders"); err != nil {
		t.Fatal(err)
	}
	if got := ss[1].Fields[1].References; got != "orders.id" {
		t.Fatalf("order_id references %q", got)
	}
	if ss[1].Fields[0].References != "" || !ss[0].Fields[0].PrimaryKey {
		t.Fatal("the child's own id was linked, or the parent's id not made its key")
	}
	if orders.Fields[0].PrimaryKey || lines.Fields[1].References != "" {
		t.Fatal("the originals were modified")
	}
	d, err := NewDataset(ss, 10)
	if err != nil {
		t.Fatal(err)
	}
	if d.Table("lines").Owner != nil {
		t.Fatal("lines owned before Own")
	}
	if err := d.Own("lines", "orders"); err != nil || d.Table("lines").Owner == nil {
		t.Fatalf("Own: %v", err)
	}

	// a DDL foreign key to the original table name follows the rename
	inv := mk("invoice", f("invoice_id", true))
	il := mk("invoice_line", f("invoice_line_id", true), &schema.Field{Name: "invoice_id", Type: schema.Integer, References: "invoice.invoice_id"})
	ss = RenameTables([]*schema.Schema{inv, il}, []string{"invoices", "lines"})
	if got := ss[1].Fields[1].References; got != "invoices.invoice_id" {
		t.Fatalf("renamed reference %q", got)
	}
	if err := LinkParent(ss, "lines", "invoices"); err != nil {
		t.Fatal(err)
	}
	if err := LinkParent([]*schema.Schema{mk("a", f("id", true)), mk("b", f("x", false))}, "b", "a"); err == nil {
		t.Fatal("no link column, no error")
	}
}
