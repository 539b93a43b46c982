package suggest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

// TestSuggestTargetsP2: a Shopify order into Northwind orders and
// order_details: the lines table iterates lineItems, is a child of
// orders, carries the order's key as orders.order_id is fed, and reads
// its quantity and price from the line item, never from the order.
func TestSuggestTargetsP2(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	load := func(ref string) *schema.Schema {
		s, err := schema.Load(filepath.Join(root, ref), schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	src := load("mappings/realworld/p2/shopify-order.schema.json")
	ddl := "schemas/realworld/northwind/northwind.sql"
	plans := SuggestTargets(src, []*schema.Schema{load(ddl + "#orders"), load(ddl + "#order_details")}, Options{})
	if len(plans) != 2 {
		t.Fatalf("%d target plans, want 2", len(plans))
	}
	lines := plans[1]
	t.Logf("%s: each %q parent %q why %v", lines.Name, lines.Each, lines.Parent, lines.Why)
	for _, p := range lines.Props {
		t.Logf("  %v <- %v %s %.2f", p.Targets, p.Sources, p.Expr, p.Confidence)
	}
	if plans[0].Each != "" || lines.Each != "lineItems" || lines.Parent != "orders" {
		t.Fatalf("orders each %q; order_details each %q parent %q, want lineItems and orders", plans[0].Each, lines.Each, lines.Parent)
	}
	got := map[string]string{}
	for _, p := range lines.Props {
		got[p.Targets[0]] = strings.Join(p.Sources, ",")
	}
	if oid := proposalFor(plans[0].Props, "order_id"); oid != nil && got["order_id"] != strings.Join(oid.Sources, ",") {
		t.Errorf("order_details.order_id <- %q, want the parent's key source %v", got["order_id"], oid.Sources)
	}
	if !strings.HasPrefix(got["quantity"], "lineItems.") {
		t.Errorf("quantity <- %q, want a field of the line item", got["quantity"])
	}
	if !strings.HasPrefix(got["unit_price"], "lineItems.") {
		t.Errorf("unit_price <- %q, want a field of the line item", got["unit_price"])
	}
}

// TestSuggestTargetsP5: a Stripe invoice into Chinook invoice and
// invoice_line (not a pair the rule was designed on): invoice_line
// references invoice, so it iterates the invoice's lines.data even though
// few of its columns have a match among the line's fields.
func TestSuggestTargetsP5(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "schemas", "realworld")
	load := func(ref string) *schema.Schema {
		s, err := schema.Load(filepath.Join(root, ref), schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	src := load("stripe/stripe-openapi-2022-04-12-customer-invoice.json#invoice")
	ddl := "chinook/Chinook_PostgreSql.sql"
	plans := SuggestTargets(src, []*schema.Schema{load(ddl + "#invoice"), load(ddl + "#invoice_line")}, Options{})
	lines := plans[1]
	if lines.Each != "lines.data" || lines.Parent != "invoice" {
		t.Fatalf("invoice_line each %q parent %q (%v), want lines.data and invoice", lines.Each, lines.Parent, lines.Why)
	}
	for _, p := range lines.Props {
		if p.Targets[0] == "quantity" && strings.Join(p.Sources, ",") != "lines.data.quantity" {
			t.Errorf("quantity <- %v, want the line's quantity", p.Sources)
		}
	}
}
