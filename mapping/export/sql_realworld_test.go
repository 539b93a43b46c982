package export

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/internal/testenv"
	"github.com/seamhq/seam/mapping/schema"
)

// TestSQLStripeInvoice exports realistic rules over Stripe's invoice
// (OpenAPI): epochs, nested paths through ?., regex_extract, cents. Before,
// 7 of 9 columns were dropped; now every dialect expresses all of them
// except regex_extract in SQLite, which has no regular expressions, and
// the SQLite form runs.
func TestSQLStripeInvoice(t *testing.T) {
	dir := testenv.Realworld(t)
	src, err := schema.Load(filepath.Join(dir, "stripe", "stripe-openapi-2022-04-12-customer-invoice.json")+"#invoice", schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules := []struct {
		target string
		typ    schema.Type
		expr   string
	}{
		{"invoice_id", schema.String, `id`},
		{"amount", schema.Decimal, `cents_to_units(amount_due)`},
		{"created_at", schema.Timestamp, `parse_datetime(created, "epoch_s")`},
		{"paid_at", schema.Timestamp, `parse_datetime(status_transitions?.paid_at, "epoch_s")`},
		{"city", schema.String, `customer_address?.city`},
		{"ship_city", schema.String, `customer_shipping.address.city`},
		{"email", schema.String, `lower(customer_email)`},
		{"number_seq", schema.String, `regex_extract(number, "-(\\d+)$", 1)`},
		{"coupon_pct", schema.Float, `discount?.coupon?.percent_off`},
	}
	m := &mapping.Mapping{Seam: 1, Name: "stripe-invoices"}
	dst := &schema.Schema{Name: "invoices"}
	for _, r := range rules {
		m.Rules = append(m.Rules, &mapping.Rule{Target: r.target, Expr: r.expr})
		dst.Fields = append(dst.Fields, &schema.Field{Path: r.target, Name: r.target, Type: r.typ, Nullable: true})
	}
	dst.Reindex()
	if p, ds := engine.Compile(m, src, dst); p == nil || ds.HasErrors() {
		t.Fatalf("seam does not compile the mapping: %v", ds)
	}
	for _, d := range Dialects() {
		q, unsup, err := SQL(m, src, dst, SQLOptions{Dialect: d, FromTable: "invoices"})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if d == "sqlite" {
			want = 1
		}
		if len(unsup) != want {
			t.Errorf("%s: %d rules left out, want %d: %+v", d, len(unsup), want, unsup)
		}
		if d != "sqlite" {
			continue
		}
		db, err := sql.Open("sqlite", ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var cols []string
		for _, f := range src.Fields {
			cols = append(cols, `"`+f.Name+`" TEXT`)
		}
		if _, err := db.Exec(`CREATE TABLE invoices (` + strings.Join(cols, ", ") + `)`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO invoices (id, amount_due, created, status_transitions, customer_address, customer_shipping, customer_email, discount) VALUES
			('in_1', 1999, 1709251200, '{"paid_at": 1709337600}', '{"city": "Berlin"}', NULL, 'A@B.C', '{"coupon": {"percent_off": 12.5}}')`); err != nil {
			t.Fatal(err)
		}
		_, got := queryText(t, db, q)
		if len(got) != 1 || strings.Join(got[0], "|") != "in_1|19.99|2024-03-01 00:00:00|2024-03-02 00:00:00|Berlin|<null>|a@b.c|12.5" {
			t.Errorf("sqlite: got %v", got)
		}
	}
}
