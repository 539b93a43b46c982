package engine

import (
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

func TestTargetView(t *testing.T) {
	src := &schema.Schema{Name: "orders", Fields: []*schema.Field{
		{Name: "id", Path: "id", Type: schema.Integer},
		{Name: "lineItems", Path: "lineItems", Type: schema.Array, Children: []*schema.Field{
			{Name: "[]", Path: "lineItems[]", Type: schema.Object, Children: []*schema.Field{
				{Name: "sku", Path: "lineItems[].sku", Type: schema.String},
			}},
		}},
	}}
	src.Reindex()
	js := &schema.Schema{Name: "shops", Fields: []*schema.Field{{Name: "name", Path: "name", Type: schema.String}}}
	m := &mapping.Mapping{
		Rules: []*mapping.Rule{{Target: "order_id", From: []string{"id"}}},
		Joins: []*mapping.Join{{Name: "shop", Schema: "shops.json"}},
		Extra: []*mapping.Target{{Name: "lines", Each: "lineItems", Rules: []*mapping.Rule{{Target: "sku", From: []string{"lineItems[].sku"}}}}},
	}
	v, d, err := TargetView(m, src, map[string]*schema.Schema{"shop": js}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"id", "lineItems.sku", LineField, "shop.name"} {
		if d.Lookup(p) == nil {
			t.Errorf("derived source lacks %s", p)
		}
	}
	if d.Lookup("lineItems[].sku") != nil {
		t.Error("the iterated array is still an array in the derived source")
	}
	if got := v.Rules[0].From[0]; got != "lineItems.sku" {
		t.Errorf("from = %q, want lineItems.sku", got)
	}
	if m.Extra[0].Rules[0].From[0] != "lineItems[].sku" {
		t.Error("TargetView changed the mapping's rule")
	}
	v0, d0, err := TargetView(m, src, nil, 0)
	if err != nil || v0 != m || d0.Lookup("shop.name") != nil || d0.Lookup("lineItems[].sku") == nil {
		t.Errorf("first target: view %p (m %p), err %v", v0, m, err)
	}
	if _, _, err := TargetView(m, src, nil, 2); err == nil {
		t.Error("no error for a target out of range")
	}
	m.Extra[0].Each = "id"
	if _, _, err := TargetView(m, src, nil, 1); err == nil {
		t.Error("no error for each on a scalar")
	}
}
