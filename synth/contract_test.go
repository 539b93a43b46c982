package synth

import (
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestKeysFromLookup: a field read through a lookup draws its values from
// the table's keys; the only other values are the lookup.miss class's,
// labelled; the record's own id and an enum keep their own domain.
func TestKeysFromLookup(t *testing.T) {
	s := &schema.Schema{Name: "contact", Fields: []*schema.Field{
		{Path: "id", Name: "id", Type: schema.String, Required: true},
		{Path: "owner_id", Name: "owner_id", Type: schema.String, Nullable: true},
		{Path: "account_no", Name: "account_no", Type: schema.Integer},
		{Path: "status", Name: "status", Type: schema.Enum, EnumValues: []string{"a", "b"}},
	}}
	s.Reindex()
	keys := map[string][]string{"id": {"1"}, "owner_id": {"101", "102"}, "account_no": {"7", "8"}, "status": {"a"}}
	g, err := NewGenerator(s, Plan{Rows: 400, EdgeRate: 0.2, Profile: Edge, Keys: keys}, 3)
	if err != nil {
		t.Fatal(err)
	}
	misses, ids := 0, map[string]bool{}
	for row := range g.All() {
		labels := map[string]string{}
		for _, l := range row.Labels {
			labels[l.Field] = l.Case
		}
		if o := row.Rec.Path("owner_id"); o.K == value.String && o.S != "101" && o.S != "102" && labels["owner_id"] == "" {
			t.Fatalf("row %d: owner_id %q is no key and carries no edge class", row.N, o.S)
		}
		if labels["owner_id"] == LookupMiss {
			misses++
		}
		if a := row.Rec.Path("account_no"); a.K == value.Int && a.I != 7 && a.I != 8 && labels["account_no"] == "" {
			t.Fatalf("row %d: account_no %d is no key and carries no edge class", row.N, a.I)
		}
		if st := row.Rec.Path("status"); labels["status"] == LookupMiss {
			t.Fatalf("row %d: an enum got a lookup miss (%v)", row.N, st)
		}
		ids[row.Rec.Path("id").Text()] = true
	}
	if misses == 0 {
		t.Error("no lookup.miss rows")
	}
	if len(ids) < 100 {
		t.Errorf("the record's own id was drawn from the key map: %d distinct ids", len(ids))
	}
}

// TestDescriptionDomain: a description that names a code system chooses
// the values (Stripe's address.country: "Two-letter country code").
func TestDescriptionDomain(t *testing.T) {
	f := &schema.Field{Path: "country", Name: "country", Type: schema.String, Description: "Two-letter country code ([ISO 3166-1 alpha-2](https://en.wikipedia.org/wiki/ISO_3166-1_alpha-2))."}
	s := &schema.Schema{Name: "address", Fields: []*schema.Field{f}}
	s.Reindex()
	g, err := NewGenerator(s, Plan{Rows: 50}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for row := range g.All() {
		if v := row.Rec.Path("country"); v.K == value.String && len(v.S) != 2 {
			t.Fatalf("row %d: country %q is not a two-letter code", row.N, v.S)
		}
	}
}

// TestIdentityKeysOnce: the record's own id fed through a key map (old id
// -> new id) takes each of the map's keys once, then generated ids that
// are none of them, labelled lookup.keys_exhausted; no id repeats.
func TestIdentityKeysOnce(t *testing.T) {
	for _, typ := range []schema.Type{schema.String, schema.Integer} {
		s := &schema.Schema{Name: "invoice", Fields: []*schema.Field{
			{Path: "id", Name: "id", Type: typ, Required: true, PrimaryKey: true},
		}}
		s.Reindex()
		keys := []string{"1", "2", "3", "5", "8", "13"}
		g, err := NewGenerator(s, Plan{Rows: 300, Profile: Realistic, Keys: map[string][]string{"id": keys}}, 11)
		if err != nil {
			t.Fatal(err)
		}
		isKey := map[string]bool{}
		for _, k := range keys {
			isKey[k] = true
		}
		seen := map[string]int64{}
		got, exhausted := 0, 0
		for row := range g.All() {
			id := row.Rec.Path("id").Text()
			if prev, dup := seen[id]; dup {
				t.Fatalf("%s: row %d repeats id %s of row %d", typ, row.N, id, prev)
			}
			seen[id] = row.N
			label := ""
			for _, l := range row.Labels {
				if l.Field == "id" {
					label = l.Case
				}
			}
			switch {
			case isKey[id]:
				got++
				if row.N > int64(len(keys)) {
					t.Errorf("%s: key %s drawn at row %d, after the keys' turn", typ, id, row.N)
				}
			case label != KeysExhausted:
				t.Errorf("%s: row %d: id %s is no key and labelled %q, want %s", typ, row.N, id, label, KeysExhausted)
			default:
				exhausted++
			}
		}
		if got != len(keys) || exhausted != 300-len(keys) {
			t.Errorf("%s: %d keys and %d exhausted rows, want %d and %d", typ, got, exhausted, len(keys), 300-len(keys))
		}
	}
}
