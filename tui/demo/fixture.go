package demo

// Temporary: until the loaders and mapping.Parse land, the demo is also
// built from Go literals mirroring the embedded files.

import (
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

func leaf(path string, t schema.Type, req, null bool) *schema.Field {
	name := path
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			name = path[i+1:]
			break
		}
	}
	return &schema.Field{Path: path, Name: name, Type: t, Required: req, Nullable: null}
}

func withLen(f *schema.Field, n int) *schema.Field { f.MaxLength = schema.IntP(n); return f }

// Fixture returns the demo schemas and mapping built in memory.
func Fixture() (*schema.Schema, *schema.Schema, *mapping.Mapping) {
	addr := leaf("shipping_address", schema.Object, false, false)
	addr.Children = []*schema.Field{
		withLen(leaf("shipping_address.street", schema.String, false, false), 120),
		withLen(leaf("shipping_address.city", schema.String, true, false), 80),
		leaf("shipping_address.zip", schema.String, true, false),
		leaf("shipping_address.country", schema.String, false, false),
	}
	addr.Children[2].Pattern = "^[0-9]{5}$"
	items := leaf("items", schema.Array, false, false)
	elem := leaf("items[]", schema.Object, false, false)
	elem.Name = "[]"
	elem.Children = []*schema.Field{
		leaf("items[].sku", schema.String, true, false),
		leaf("items[].qty", schema.Integer, true, false),
		leaf("items[].unit_price_cents", schema.Integer, false, false),
	}
	items.Children = []*schema.Field{elem}
	st := leaf("status", schema.Enum, true, false)
	st.EnumValues = []string{"P", "S", "C", "R"}
	email := leaf("email", schema.String, false, true)
	email.Format = "email"
	src := &schema.Schema{Name: "shop_order", File: SourceFile, Format: "jsonschema", Fields: []*schema.Field{
		leaf("order_id", schema.String, true, false),
		withLen(leaf("customer_name", schema.String, true, false), 300),
		email,
		leaf("active", schema.Boolean, true, false),
		leaf("placed_at", schema.TimestampTZ, true, false),
		st,
		leaf("subtotal_cents", schema.Integer, true, false),
		leaf("order_total_cents", schema.Integer, true, false),
		leaf("currency", schema.String, true, false),
		addr, items,
		leaf("internal_score", schema.Float, false, false),
	}}
	dec := func(p string, req bool) *schema.Field {
		f := leaf(p, schema.Decimal, req, !req)
		f.Precision, f.Scale = schema.IntP(12), schema.IntP(2)
		return f
	}
	id := leaf("id", schema.Integer, true, false)
	id.Bits, id.PrimaryKey, id.Generated = 64, true, true
	cb := withLen(leaf("created_by", schema.String, true, false), 30)
	cb.Default = schema.StrP("shop-import")
	zip := leaf("ship_zip", schema.Integer, false, true)
	zip.Bits = 32
	dst := &schema.Schema{Name: "erp_customer_order", File: TargetFile, Selector: "erp_customer_order", Format: "sql", Fields: []*schema.Field{
		id,
		withLen(leaf("order_no", schema.String, true, false), 20),
		withLen(leaf("customer_name", schema.String, true, false), 100),
		withLen(leaf("email", schema.String, true, false), 254),
		leaf("is_deleted", schema.Boolean, true, false),
		leaf("ordered_at", schema.Timestamp, true, false),
		withLen(leaf("status", schema.String, true, false), 10),
		dec("subtotal", false),
		dec("total_amount", true),
		withLen(leaf("currency_code", schema.String, true, false), 3),
		withLen(leaf("ship_city", schema.String, false, true), 60),
		zip,
		cb,
	}}
	m := &mapping.Mapping{
		Seam: 1, Name: "shop-orders-to-erp",
		Source:       mapping.SchemaRef{Schema: SourceFile},
		Target:       mapping.SchemaRef{Schema: TargetRef},
		Lookups:      []*mapping.Lookup{{Name: "status", Entries: []mapping.LookupEntry{{Key: "P", Value: "pending"}, {Key: "S", Value: "shipped"}, {Key: "C", Value: "cancelled"}}}},
		IgnoreSource: []string{"internal_score"},
		Rules: []*mapping.Rule{
			{Target: "order_no", From: []string{"order_id"}, Status: mapping.StatusAccepted},
			{Target: "customer_name", From: []string{"customer_name"}, Expr: "customer_name | trim()", Status: mapping.StatusAccepted},
			{Target: "is_deleted", From: []string{"active"}, Status: mapping.StatusAccepted},
			{Target: "status", From: []string{"status"}, Expr: `lookup("status", status)`, Status: mapping.StatusAccepted},
			{Target: "total_amount", From: []string{"order_total_cents"}, Expr: "to_decimal(order_total_cents) / 100", Status: mapping.StatusSuggested, Confidence: 0.86, Why: []string{"name: total ~ order_total 0.78", "unit hint: cents -> currency units"}},
			{Target: "ordered_at", From: []string{"placed_at"}, Status: mapping.StatusSuggested, Confidence: 0.74, Why: []string{"name: ordered_at ~ placed_at 0.52", "type: timestamptz -> timestamp"}},
			{Target: "subtotal", From: []string{"order_total_cents"}, Expr: "to_decimal(order_total_cents) / 100", Status: mapping.StatusSuggested, Confidence: 0.41, Why: []string{"name: subtotal ~ order_total 0.44"}},
		},
	}
	return src, dst, m
}
