package check

import (
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	cases := map[string][]string{
		"shippingAddress.countryCodeV2": {"shipping", "address", "country", "code", "v", "2"},
		"HasOptedOutOfEmail":            {"has", "opted", "out", "of", "email"},
		"amount_cents":                  {"amount", "cents"},
		"MailingPostalCode":             {"mailing", "postal", "code"},
		"SKUCode":                       {"sku", "code"},
		"lineItems[].sku":               {"line", "items", "sku"},
	}
	for in, want := range cases {
		if got := tokens(in); !reflect.DeepEqual(got, want) {
			t.Errorf("tokens(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestRoles(t *testing.T) {
	cases := []struct {
		name, group, role string
	}{
		{"shipping_total", "amount", "shipping"},
		{"totalDiscountsSet.amount", "amount", "discount"},
		{"order_total", "amount", "total"},
		{"subtotal", "amount", "subtotal"},
		{"billingAddress.city", "address", "billing"},
		{"ship_city", "address", "shipping"},
		{"created_at", "time", "created"},
		{"SystemModstamp", "time", "updated"},
		{"FirstName", "name", "first"},
		{"lastname", "name", "last"},
		{"first_order_date", "name", ""},
		{"start_date", "interval", "start"},
		{"gross_amount", "net", "gross"},
	}
	for _, c := range cases {
		got := rolesOf(tokens(c.name))[c.group][0]
		if got != c.role {
			t.Errorf("role of %s in %s = %q, want %q", c.name, c.group, got, c.role)
		}
	}
}

func TestPolarityOf(t *testing.T) {
	cases := map[string]int{"active": 1, "IsDeleted": -1, "HasOptedOutOfEmail": -1, "opt_in": 1, "enabled": 1, "is_hidden": -1, "verified": 0}
	for name, want := range cases {
		if got, _, _ := polarityOf(tokens(name)); got != want {
			t.Errorf("polarity(%s) = %d, want %d", name, got, want)
		}
	}
}
