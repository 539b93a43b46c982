package schema

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRealworldFixtures loads the permissive real-world copies under
// testdata/schemas/realworld (they always run) and checks known fields.
func TestRealworldFixtures(t *testing.T) {
	rw := filepath.Join(fixtures(t), "realworld")
	cases := []struct {
		ref   string
		name  string
		count int // number of fields (flattened); 0 = unchecked
		wants []want
	}{
		{"northwind/northwind.sql#orders", "orders", 14, []want{
			{path: "ship_city", typ: String, maxLen: 15, req: no, nul: yes, line: 156},
			{path: "order_id", typ: Integer, bits: 16, req: yes, nul: no, pk: true},
			{path: "freight", typ: Float},
			{path: "customer_id", typ: String, maxLen: 5, refs: "customers"},
			{path: "order_date", typ: Date},
		}},
		{"northwind/northwind.sql#order_details", "order_details", 5, []want{
			{path: "discount", typ: Float, req: yes},
			{path: "product_id", typ: Integer, bits: 16, pk: true},
		}},
		{"sakila/postgres-sakila-schema.sql#customer", "customer", 10, []want{
			{path: "activebool", typ: Boolean, req: yes, nul: no},
			{path: "customer_id", typ: Integer, bits: 32, pk: true, gen: true},
			{path: "email", typ: String, maxLen: 50, req: no, nul: yes},
			{path: "active", typ: Integer, nul: yes},
			{path: "create_date", typ: Date, req: yes},
			{path: "last_update", typ: Timestamp},
			{path: "store_id", refs: "store.store_id"},
		}},
		{"sakila/postgres-sakila-schema.sql#film", "film", 14, []want{
			{path: "rating", typ: Enum, enum: 5},
			{path: "rental_rate", typ: Decimal, prec: 4, scale: 2},
			{path: "special_features", typ: Array},
			{path: "special_features[]", typ: String},
			{path: "release_year", typ: Integer, format: "domain:year"},
		}},
		{"sakila/postgres-sakila-schema.sql#payment_p2007_01", "payment_p2007_01", 6, []want{
			{path: "amount", typ: Decimal, prec: 5, scale: 2},
		}},
		{"sakila/postgres-sakila-schema.sql#staff", "staff", 0, []want{
			{path: "picture", typ: Binary},
		}},
		{"chinook/Chinook_PostgreSql.sql#invoice", "invoice", 9, []want{
			{path: "total", typ: Decimal, prec: 10, scale: 2, req: yes},
			{path: "invoice_date", typ: Timestamp},
			{path: "customer_id", refs: "customer.customer_id"},
		}},
		{"chinook/Chinook_PostgreSql.sql#customer", "customer", 13, []want{
			{path: "postal_code", typ: String, maxLen: 10, nul: yes},
			{path: "support_rep_id", typ: Integer, refs: "employee.employee_id"},
		}},
		{"kafka-datagen-avro/orders_schema.avro", "orders", 8, []want{
			{path: "ordertime", typ: Integer, bits: 64, req: yes, line: 6},
			{path: "orderid", typ: Integer, bits: 32},
			{path: "orderunits", typ: Float},
			{path: "address.zipcode", typ: Integer, bits: 64},
		}},
		{"kafka-datagen-avro/users_schema.avro", "", 0, []want{{path: "registertime", typ: Integer, bits: 64}}},
		{"kafka-datagen-avro/shoe_orders.avro", "", 0, nil},
		{"kafka-datagen-avro/shoe_customers.avro", "", 0, []want{{path: "zip_code", typ: String}}},
		{"kafka-datagen-avro/credit_cards.avro", "", 0, []want{{path: "card_number", typ: Integer, bits: 64}}},
		{"hubspot/supaglue-hubspot-contact.yaml", "", 0, []want{
			{path: "email", typ: String, nul: yes},
			{path: "zip", typ: String, nul: yes},
			{path: "createdate", typ: TimestampTZ, format: "date-time"},
			{path: "is_deleted", typ: Boolean, nul: no},
		}},
		{"hubspot/supaglue-hubspot-company.yaml", "", 0, nil},
		{"salesforce/supaglue-salesforce-contact.yaml", "", 0, []want{
			{path: "MailingPostalCode", typ: String, nul: yes},
			{path: "IsDeleted", typ: Boolean},
		}},
		{"salesforce/supaglue-salesforce-account.yaml", "", 0, nil},
		{"supaglue-common-crm/contact.yaml", "", 0, []want{
			{path: "addresses", typ: Array, req: yes},
			{path: "addresses[].address_type", typ: Enum, enum: 5},
			{path: "phone_numbers[].phone_number_type", typ: Enum, enum: 4},
			{path: "lifecycle_stage", typ: Enum, nul: yes},
			{path: "last_activity_at", typ: TimestampTZ, nul: yes},
		}},
		{"supaglue-common-crm/account.yaml", "", 0, nil},
		{"supaglue-common-crm/lead.yaml", "", 0, nil},
		{"stripe/stripe-openapi-2022-04-12-customer-invoice.json#customer", "customer", 0, []want{
			{path: "address.line1", typ: String, maxLen: 5000, nul: yes},
			{path: "created", typ: Integer, format: "unix-time", req: yes},
			{path: "balance", typ: Integer},
			{path: "default_source", typ: String, union: []Type{String, Object}},
		}},
		{"stripe/stripe-openapi-2022-04-12-customer-invoice.json#invoice", "invoice", 0, []want{
			{path: "amount_due", typ: Integer, req: yes},
			{path: "lines", typ: Object},
			{path: "currency", typ: String},
		}},
		{"stripe/stripe-fixtures3.json", "", 0, []want{{path: "resources.customer.id", typ: String}}},
		{"salesforce/lwc-recipes-Accounts-Contacts.csv", "", 9, []want{
			{path: "Account: Phone", typ: String, format: "phone"},
			{path: "Contact: Email", typ: String, format: "email", req: no},
			{path: "Account: Account Name", typ: String, req: yes, nul: no},
		}},
		{"shopify/fivetran-shopify_order_data.csv", "", 0, []want{
			{path: "subtotal_price", typ: Decimal, scale: 2},
			{path: "created_at", typ: Timestamp, format: "datetime:2006-01-02 15:04:05"},
			{path: "taxes_included", typ: Boolean},
		}},
		{"zendesk/fivetran-user_data.csv", "", 0, []want{
			{path: "email", typ: String, format: "email"},
			{path: "organization_id", typ: Integer, nul: yes},
		}},
		{"hubspot/fivetran-src_hubspot.yml#contact", "contact", 0, []want{{path: "id", typ: String}}},
		{"salesforce/fivetran-src_salesforce.yml#contact", "contact", 0, nil},
	}
	for _, c := range cases {
		t.Run(c.ref, func(t *testing.T) {
			s, err := Load(filepath.Join(rw, filepath.FromSlash(c.ref)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, s)
			if c.name != "" && s.Name != c.name {
				t.Errorf("name %q, want %q", s.Name, c.name)
			}
			if n := len(s.Flatten()); c.count != 0 && n != c.count {
				t.Errorf("%d fields, want %d", n, c.count)
			}
			if len(s.Fields) == 0 {
				t.Error("no fields")
			}
			for _, w := range c.wants {
				checkField(t, s, w)
			}
		})
	}
}

// TestSharedSinger checks the AGPL singer schemas, which are never copied
// into the repo: they are read from ../shared and skipped without it.
func TestSharedSinger(t *testing.T) {
	rw := sharedRealworld(t)
	cases := []struct {
		ref   string
		wants []want
	}{
		{"stripe/singer-customers.json", []want{
			{path: "email", typ: String, nul: yes},
			{path: "discount.coupon.percent_off", nul: yes},
			{path: "cards[].address_zip", typ: String},
		}},
		{"stripe/singer-invoices.json", []want{{path: "total_tax_amounts[].amount", typ: Integer}}},
		{"shopify/singer-orders.json", []want{{path: "cancelledAt", typ: TimestampTZ, nul: yes}}},
		{"shopify/singer-customers.json", nil},
		{"zendesk/singer-users.json", []want{
			{path: "photo.thumbnails[].width", typ: Integer, nul: yes},
			{path: "active", typ: Boolean},
		}},
		{"zendesk/singer-organizations.json", nil},
	}
	for _, c := range cases {
		t.Run(c.ref, func(t *testing.T) {
			s, err := Load(filepath.Join(rw, c.ref), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, s)
			for _, w := range c.wants {
				checkField(t, s, w)
			}
		})
	}
}

var candidatesRe = regexp.MustCompile(`choose one with .*#NAME: (.*)$`)

// TestSharedEverySchemaLoads loads every file under ../shared/realworld
// (the AGPL singer files included, which are never copied into the repo).
func TestSharedEverySchemaLoads(t *testing.T) {
	everySchemaLoads(t, sharedRealworld(t), 40)
}

// TestFixturesEverySchemaLoads does the same for the permissive copies
// under testdata/schemas, so it always runs.
func TestFixturesEverySchemaLoads(t *testing.T) {
	everySchemaLoads(t, fixtures(t), 40)
}

// everySchemaLoads loads every schema file under root; a file of several
// tables/components/sheets must refuse without a selector, list them, and
// load each listed one (up to 6).
func everySchemaLoads(t *testing.T, root string, atLeast int) {
	n := 0
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if strings.HasSuffix(path, ".md") || strings.Contains(rel, "licenses") || strings.HasSuffix(path, ".txt") || isNoticeFile(path) {
			return nil
		}
		n++
		t.Run(rel, func(t *testing.T) {
			s, err := Load(path, Options{})
			if err != nil {
				var se *SelectorError
				if !errors.As(err, &se) {
					t.Fatal(err)
				}
				if !candidatesRe.MatchString(err.Error()) {
					t.Errorf("selector error without the list: %v", err)
				}
				names := se.Candidates
				if len(names) > 6 {
					names = names[:6]
				}
				for _, name := range names {
					s, err := Load(path+"#"+name, Options{})
					if err != nil {
						t.Fatalf("#%s: %v", name, err)
					}
					checkInvariants(t, s)
				}
				return
			}
			checkInvariants(t, s)
			if len(s.Fields) == 0 {
				t.Error("no fields")
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < atLeast {
		t.Errorf("only %d files found under %s", n, root)
	}
}

// isNoticeFile reports licence and notice files (LICENSE, NOTICE, COPYING,
// with or without an extension), which sit beside the schemas and are not
// schemas.
func isNoticeFile(path string) bool {
	base := strings.ToUpper(filepath.Base(path))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	switch base {
	case "LICENSE", "LICENCE", "NOTICE", "COPYING", "AUTHORS":
		return true
	}
	return false
}
