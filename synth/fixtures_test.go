package synth

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

var (
	ip = schema.IntP
	fp = schema.FloatP
)

func leaf(path, name string, t schema.Type, mod ...func(*schema.Field)) *schema.Field {
	f := &schema.Field{Path: path, Name: name, Type: t}
	for _, m := range mod {
		m(f)
	}
	return f
}

func req(f *schema.Field)  { f.Required = true }
func null(f *schema.Field) { f.Nullable = true }
func maxLen(n int) func(*schema.Field) {
	return func(f *schema.Field) { f.MaxLength = ip(n) }
}

// allTypes is a schema with every type, nested objects and arrays, and
// most constraints.
func allTypes() *schema.Schema {
	s := &schema.Schema{Name: "all", File: "all.json", Fields: []*schema.Field{
		leaf("id", "id", schema.Integer, req, func(f *schema.Field) { f.Bits = 32; f.PrimaryKey = true }),
		leaf("first_name", "first_name", schema.String, req, maxLen(20)),
		leaf("last_name", "last_name", schema.String, maxLen(15), null),
		leaf("email", "email", schema.String, func(f *schema.Field) { f.Format = "email"; f.MaxLength = ip(60) }),
		leaf("phone", "phone", schema.String, maxLen(24)),
		leaf("code", "code", schema.String, func(f *schema.Field) { f.Pattern = "^[A-Z]{3}-[0-9]{4}$" }),
		leaf("qty", "qty", schema.Integer, req, func(f *schema.Field) { f.Bits = 16; f.Min = fp(1); f.Max = fp(500) }),
		leaf("big", "big", schema.Integer, func(f *schema.Field) { f.Bits = 64 }),
		leaf("total", "total", schema.Decimal, req, func(f *schema.Field) { f.Precision = ip(10); f.Scale = ip(2); f.Min = fp(0) }),
		leaf("discount", "discount", schema.Decimal, null, func(f *schema.Field) { f.Precision = ip(3); f.Scale = ip(2) }),
		leaf("score", "score", schema.Float, func(f *schema.Field) { f.Min = fp(0); f.Max = fp(1) }),
		leaf("active", "active", schema.Boolean, req),
		leaf("birth_date", "birth_date", schema.Date),
		leaf("opens_at", "opens_at", schema.Time),
		leaf("created_at", "created_at", schema.Timestamp, req),
		leaf("updated_at", "updated_at", schema.TimestampTZ, null),
		leaf("uid", "uid", schema.UUID),
		leaf("status", "status", schema.Enum, req, func(f *schema.Field) { f.EnumValues = []string{"pending", "shipped", "cancelled"} }),
		leaf("avatar", "avatar", schema.Binary),
		{Path: "address", Name: "address", Type: schema.Object, Children: []*schema.Field{
			leaf("address.street", "street", schema.String, maxLen(40)),
			leaf("address.city", "city", schema.String, req, maxLen(15)),
			leaf("address.zip", "zip", schema.String, maxLen(10)),
			leaf("address.country_code", "country_code", schema.String, maxLen(2)),
		}},
		{Path: "items", Name: "items", Type: schema.Array, Children: []*schema.Field{
			{Path: "items[]", Name: "[]", Type: schema.Object, Children: []*schema.Field{
				leaf("items[].sku", "sku", schema.String, req, maxLen(12)),
				leaf("items[].price", "price", schema.Decimal, func(f *schema.Field) { f.Precision = ip(8); f.Scale = ip(2) }),
			}},
		}},
		{Path: "tags", Name: "tags", Type: schema.Array, Children: []*schema.Field{leaf("tags[]", "[]", schema.String, maxLen(10))}},
	}}
	s.Reindex()
	return s
}

// ordersSchema is the bench "orders" input of WORKLOAD.md: 15 string
// fields, ship_date and discount nullable.
func ordersSchema() *schema.Schema {
	names := []string{"order_id", "customer_id", "first_name", "last_name", "email", "phone",
		"order_date", "amount_cents", "currency", "status", "country", "notes", "ship_date", "qty", "discount"}
	s := &schema.Schema{Name: "orders", File: "orders.csv", Format: "csv"}
	for _, n := range names {
		f := &schema.Field{Path: n, Name: n, Type: schema.String, Required: true}
		if n == "ship_date" || n == "discount" {
			f.Nullable = true
		}
		s.Fields = append(s.Fields, f)
	}
	return s
}

// sharedDir returns /work/shared (as ../shared from the repo root), or
// skips the test.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Skip(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repo root (go.mod) not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("shared folder ../shared not present: " + err.Error())
	}
	return shared
}
