package suggest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/internal/testenv"
	"github.com/seamhq/seam/mapping/schema"
)

// suggestPairs are the source -> target pairs of the shared realworld
// README (P1-P11) and of the repository's own fixtures.
var suggestPairs = []struct {
	shared   bool // under ../shared/realworld, else testdata/schemas
	src, dst string
}{
	{true, "hubspot/supaglue-hubspot-contact.yaml", "salesforce/supaglue-salesforce-contact.yaml"},
	{true, "shopify/singer-orders.json", "northwind/northwind.sql#orders"},
	{true, "shopify/singer-orders.json", "northwind/northwind.sql#order_details"},
	{true, "zendesk/singer-users.json", "salesforce/supaglue-salesforce-contact.yaml"},
	{true, "stripe/stripe-openapi-2022-04-12-customer-invoice.json#customer", "hubspot/supaglue-hubspot-contact.yaml"},
	{true, "stripe/singer-customers.json", "hubspot/supaglue-hubspot-company.yaml"},
	{true, "stripe/stripe-openapi-2022-04-12-customer-invoice.json#invoice", "chinook/Chinook_PostgreSql.sql#invoice"},
	{true, "stripe/singer-invoices.json", "chinook/Chinook_PostgreSql.sql#invoice_line"},
	{true, "chinook/Chinook_PostgreSql.sql#customer", "salesforce/supaglue-salesforce-contact.yaml"},
	{true, "chinook/Chinook_PostgreSql.sql#customer", "hubspot/supaglue-hubspot-contact.yaml"},
	{true, "northwind/northwind.sql#customers", "salesforce/supaglue-salesforce-account.yaml"},
	{true, "sakila/postgres-sakila-schema.sql#customer", "chinook/Chinook_PostgreSql.sql#customer"},
	{true, "salesforce/supaglue-salesforce-contact.yaml", "supaglue-common-crm/contact.yaml"},
	{true, "hubspot/supaglue-hubspot-contact.yaml", "supaglue-common-crm/contact.yaml"},
	{true, "kafka-datagen-avro/shoe_customers.avro", "chinook/Chinook_PostgreSql.sql#customer"},
	{true, "kafka-datagen-avro/orders_schema.avro", "northwind/northwind.sql#orders"},
	{true, "salesforce/fivetran-sf_contact_data.csv", "hubspot/fivetran-contact_data.csv"},
	{false, "realworld/northwind/northwind.sql#orders", "realworld/chinook/Chinook_PostgreSql.sql#invoice"},
	{false, "orders.schema.json", "shop_mysql.sql"},
	{false, "customer.schema.yaml", "crm.openapi.yaml"},
	{false, "customers.csv", "customer.schema.yaml"},
	{false, "events.jsonl", "orders.schema.json"},
	{false, "user.avsc", "customer.schema.yaml"},
	{false, "workbook.xlsx", "shop_sqlite.sql"},
}

// TestAcceptedSuggestionsCompile: every suggestion of every pair, once
// accepted, compiles: seam suggest never writes a rule seam check refuses
// (#19.5).
func TestAcceptedSuggestionsCompile(t *testing.T) {
	root := testenv.RepoRoot(t)
	shared := filepath.Join(root, "..", "shared", "realworld")
	_, err := os.Stat(shared)
	haveShared := err == nil
	for _, p := range suggestPairs {
		dir := filepath.Join(root, "testdata", "schemas")
		if p.shared {
			if !haveShared {
				continue
			}
			dir = shared
		}
		t.Run(p.src+"->"+p.dst, func(t *testing.T) {
			src, err := schema.Load(filepath.Join(dir, p.src), schema.Options{})
			if err != nil {
				t.Skipf("load %s: %v", p.src, err)
			}
			dst, err := schema.Load(filepath.Join(dir, p.dst), schema.Options{})
			if err != nil {
				t.Skipf("load %s: %v", p.dst, err)
			}
			m := &mapping.Mapping{Seam: 1, Path: "m.seam.yaml",
				Source: mapping.SchemaRef{Schema: "s"}, Target: mapping.SchemaRef{Schema: "t"}}
			Merge(m, Suggest(src, dst, Options{}))
			for _, r := range m.Rules {
				r.Status = mapping.StatusAccepted
			}
			// through the file, as seam suggest writes it and seam check reads it
			data, err := m.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			if m, err = mapping.Parse("m.seam.yaml", data); err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if _, ds := engine.Compile(m, src, dst); ds.HasErrors() {
				for _, d := range ds {
					if d.Severity == diag.Error {
						t.Errorf("%s: %s (%s)", d.Subject, d.Summary, d.Detail)
					}
				}
			}
		})
	}
	if !haveShared {
		t.Log("shared real-world schemas absent: only the testdata fixtures ran")
	}
}
