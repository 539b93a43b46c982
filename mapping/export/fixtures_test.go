package export

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// richMapping exercises every field the workbook carries, with text that
// looks like formulas and other awkward cells.
func richMapping() *mapping.Mapping {
	def := "unknown"
	empty := ""
	return &mapping.Mapping{
		Seam:   1,
		Name:   "shop-orders-to-erp",
		Source: mapping.SchemaRef{Schema: "schemas/orders.csv", Fingerprint: "sha256:aaaa"},
		Target: mapping.SchemaRef{Schema: "schemas/erp.sql#sales_order", Fingerprint: "sha256:bbbb"},
		Lookups: []*mapping.Lookup{
			{Name: "status", Entries: []mapping.LookupEntry{{Key: "P", Value: "pending"}, {Key: "S", Value: "shipped"}, {Key: "=C", Value: "+cancelled"}, {Key: "-1", Value: "@x"}}, Default: &def},
			{Name: "country names that are long/odd:[x]", Entries: []mapping.LookupEntry{{Key: "DE", Value: " Germany "}, {Key: "", Value: "blank key"}, {Key: "US", Value: ""}}, Default: &empty},
			{Name: "from_file", File: "lookups/currency.csv"},
		},
		Rules: []*mapping.Rule{
			{Target: "order_no", From: []string{"order_id"}},
			{ID: "r-total", Target: "total", From: []string{"amount_cents"}, Expr: "to_decimal(amount_cents) / 100", Status: "suggested", Confidence: 0.82,
				Why: []string{"name: amount ~ total 0.71", "unit hint: cents -> currency units"}},
			{Target: "status", From: []string{"status_code"}, Expr: `lookup("status", status_code)`, OnError: "reject", Status: "accepted", Confidence: 1},
			{Target: "name", From: []string{"first_name", "last_name"}, Expr: `concat(first_name, " ", last_name) | trim()`, OnError: "default(n/a)", Notes: "=HYPERLINK(\"http://evil\")"},
			{Target: "neg", From: []string{"x"}, Expr: "-x + 1", OnError: "null", Notes: "+1\n-2\n@3\ttab"},
			{Target: "at", From: []string{"y"}, Expr: "+y", OnError: "keep", Status: "rejected", Confidence: 0.333333333333, Notes: "\tleading tab", Why: []string{"=1+1", "\rcr", "@y"}},
			{Target: "customer.address.city", From: []string{"addr.city"}, Notes: "ünïcødé ✓ 𝄞"},
		},
		IgnoreSource: []string{"internal_score", "=danger"},
		IgnoreTarget: []string{"fax", "customer.address"},
		Acknowledged: []*mapping.Ack{{Kind: "truncation", Target: "name", By: "ana", Why: "target widened in v2"}, {Kind: "dropped_source", Target: ""}},
	}
}

func srcSchema() *schema.Schema {
	s := &schema.Schema{Name: "orders", File: "schemas/orders.csv", Format: "csv", Fields: []*schema.Field{
		{Path: "order_id", Name: "order_id", Type: schema.String, Required: true},
		{Path: "amount_cents", Name: "amount_cents", Type: schema.Integer, Bits: 64},
		{Path: "status_code", Name: "status_code", Type: schema.Enum, EnumValues: []string{"P", "S", "C"}},
		{Path: "first_name", Name: "first_name", Type: schema.String, MaxLength: schema.IntP(40), Description: "=given name"},
	}}
	s.Reindex()
	return s
}

func dstSchema() *schema.Schema {
	s := &schema.Schema{Name: "sales_order", File: "schemas/erp.sql", Selector: "sales_order", Format: "sql", Fields: []*schema.Field{
		{Path: "order_no", Name: "order_no", Type: schema.Integer, Bits: 32, Required: true, PrimaryKey: true},
		{Path: "total", Name: "total", Type: schema.Decimal, Precision: schema.IntP(12), Scale: schema.IntP(2), Required: true},
		{Path: "status", Name: "status", Type: schema.String, MaxLength: schema.IntP(10), Nullable: true},
		{Path: "name", Name: "name", Type: schema.String, MaxLength: schema.IntP(30)},
	}}
	s.Reindex()
	return s
}

// canon renders a mapping without positions and paths, so two mappings
// that mean the same compare equal. Nil and empty slices are the same.
func canon(m *mapping.Mapping) string {
	var b strings.Builder
	fmt.Fprintf(&b, "seam=%d name=%q\nsource=%q %q\ntarget=%q %q\n", m.Seam, m.Name, m.Source.Schema, m.Source.Fingerprint, m.Target.Schema, m.Target.Fingerprint)
	for _, l := range m.Lookups {
		d := "<nil>"
		if l.Default != nil {
			d = fmt.Sprintf("%q", *l.Default)
		}
		fmt.Fprintf(&b, "lookup %q file=%q default=%s\n", l.Name, l.File, d)
		for _, e := range l.Entries {
			fmt.Fprintf(&b, "  %q: %q\n", e.Key, e.Value)
		}
	}
	for _, r := range m.Rules {
		fmt.Fprintf(&b, "rule id=%q target=%q from=%q expr=%q status=%q conf=%v on_error=%q notes=%q why=%q\n",
			r.ID, r.Target, r.From, r.Expr, r.Status, r.Confidence, r.OnError, r.Notes, r.Why)
	}
	fmt.Fprintf(&b, "ignore=%q\n", m.IgnoreSource)
	fmt.Fprintf(&b, "ignore_target=%q\n", m.IgnoreTarget)
	for _, a := range m.Acknowledged {
		fmt.Fprintf(&b, "ack %q %q %q %q\n", a.Kind, a.Target, a.By, a.Why)
	}
	return b.String()
}

var _ = reflect.DeepEqual
