package check

import (
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// TestIdiomsClear: the library's idiom for a problem clears its finding,
// and the same rule without it raises the finding (the library's facts,
// not a list of names in the checks, decide).
func TestIdiomsClear(t *testing.T) {
	lk := func(m *mapping.Mapping) *mapping.Mapping {
		m.Lookups = []*mapping.Lookup{{Name: "st", Entries: []mapping.LookupEntry{{Key: "1", Value: "open"}, {Key: "2", Value: "closed"}}}}
		return m
	}
	name := S("s", F("firstname", schema.String))
	name40 := S("d", F("FirstName", schema.String, maxlen(40)))
	tests := []struct {
		name     string
		k        kind.Kind
		src, dst *schema.Schema
		bad, ok  *mapping.Mapping
	}{
		{"substr to the target's length", kind.Narrowing, name, name40,
			M(R("FirstName", "trim(firstname)")), M(R("FirstName", "substr(trim(firstname), 0, 40)"))},
		{"a lookup whose values fit", kind.Narrowing, S("s", F("code", schema.String)), S("d", F("status", schema.String, maxlen(6))),
			lk(M(R("status", "upper(code)"))), lk(M(R("status", `lookup("st", code)`)))},
		{"?. hides no narrowing", kind.Narrowing, S("s", F("addr", schema.Object), F("addr.city", schema.String)), S("d", F("city", schema.String, maxlen(10))),
			M(R("city", "addr?.city")), M(R("city", "substr(addr?.city, 0, 10)"))},
		{"substr shorter than the target cuts", kind.Truncation, name, name40,
			M(R("FirstName", "substr(firstname, 0, 10)")), M(R("FirstName", "substr(firstname, 0, 40)"))},
		{"code parsed as a number inside", kind.CodeAsNumber, S("s", F("zip", schema.String)), S("d", F("postal", schema.String)),
			M(R("postal", "to_string(to_int(zip))")), M(R("postal", "trim(zip)"))},
		{"cents_to_units", kind.UnitMismatch, S("s", F("amount_cents", schema.Integer)), S("d", F("total", schema.Decimal, prec(10, 2))),
			M(R("total", "", "amount_cents")), M(R("total", "cents_to_units(amount_cents)"))},
		{"on_error default into a reference", kind.LookupMiss, S("s", F("company_id", schema.String)), S("d", F("AccountId", schema.String, func(f *schema.Field) { f.References = "Account.Id" })),
			lk(M(&mapping.Rule{Target: "AccountId", Expr: `lookup("st", company_id)`, OnError: "default(0)"})), lk(M(&mapping.Rule{Target: "AccountId", Expr: `lookup("st", company_id)`, OnError: "null"}))},
		{"on_error default into a key", kind.DuplicateKey, S("s", F("code", schema.String)), S("d", F("id", schema.Integer, func(f *schema.Field) { f.PrimaryKey = true })),
			M(&mapping.Rule{Target: "id", From: []string{"code"}, OnError: "default(0)"}), M(&mapping.Rule{Target: "id", From: []string{"code"}})},
		{"negate", kind.Polarity, S("s", F("active", schema.Boolean)), S("d", F("is_deleted", schema.Boolean)),
			M(R("is_deleted", "", "active")), M(R("is_deleted", "negate(active)"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if find(Static(tt.bad, tt.src, tt.dst), tt.k) == nil {
				t.Errorf("without the idiom: no %s", tt.k)
			}
			if f := find(Static(tt.ok, tt.src, tt.dst), tt.k); f != nil {
				t.Errorf("with the idiom: %s %s", f.Kind, f.Message)
			}
		})
	}
}
