package synth

import (
	"strconv"
	"strings"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth/edge"
)

// Synthetic data that respects the contract (#13.3): a field read through
// a lookup draws its values from the table's keys (Plan.Keys), so a
// synthetic run does not make nearly every row a lookup miss; a miss is an
// edge class of its own ("lookup.miss"), scheduled like the others and
// only where the field's own domain allows a value outside the table; and
// a description that names a code system ("Two-letter country code (ISO
// 3166-1 alpha-2)", "ISO 4217") chooses the values' domain.

// LookupMiss is the edge class of a key the lookup table does not hold.
const LookupMiss = "lookup.miss"

// KeysExhausted is the class of a record's own id fed through a key map
// (old id -> new id) once the map's keys are used up: ids must stay
// distinct, so a table of 40 keys supplies 40 rows and the rest carry
// generated ids the table cannot hold. Their lookup misses are a limit of
// the synthetic data, named, not a mistake of the mapping.
const KeysExhausted = "lookup.keys_exhausted"

// keyed returns the generator of a field that feeds a lookup: a key of the
// table, uniformly. nil when the field feeds none, or has a domain of its
// own (an enum: its values are drawn, and one outside the table is
// enum_uncovered, a finding of the mapping).
func (p Plan) keyed(f *schema.Field) genFunc {
	vals := p.keyValues(f)
	if len(vals) == 0 {
		return nil
	}
	return func(fk *gofakeit.Faker, _ int64) value.Value { return vals[fk.Rand.Intn(len(vals))] }
}

// keyValues are the table's keys in the field's type (keys that do not
// read as the field's type are left out).
func (p Plan) keyValues(f *schema.Field) []value.Value {
	keys := p.Keys[f.Path]
	if len(keys) == 0 || len(f.EnumValues) > 0 || identity(f) {
		return nil
	}
	out := make([]value.Value, 0, len(keys))
	for _, k := range keys {
		if v, ok := keyValue(f, k); ok {
			out = append(out, v)
		}
	}
	return out
}

// identityKeys are the keys of the key map the record's own id feeds, in
// the field's type (nil when it feeds none): each is used once.
func (p Plan) identityKeys(f *schema.Field) []value.Value {
	keys := p.Keys[f.Path]
	if len(keys) == 0 || len(f.EnumValues) > 0 || !identity(f) {
		return nil
	}
	seen := make(map[string]bool, len(keys))
	out := make([]value.Value, 0, len(keys))
	for _, k := range keys {
		if v, ok := keyValue(f, k); ok && !seen[v.Text()] {
			seen[v.Text()] = true
			out = append(out, v)
		}
	}
	return out
}

// idInto draws the occ-th id of a key-mapped identity field: the map's
// keys first, then the field's own generated ids (its sequence, numbered
// apart from occ so that it stays one-to-one) skipping any that equals a
// key, labelled KeysExhausted.
func (g *Generator) idInto(nd *node, occ int64, dst *value.Value) {
	if occ < int64(len(nd.ids)) {
		*dst = nd.ids[occ]
		return
	}
	g.labels = append(g.labels, Label{Field: nd.path, Case: KeysExhausted})
	for range len(nd.ids) + 1 { // an injective sequence meets each key once at most
		g.realInto(nd, nd.idOcc, dst)
		nd.idOcc++
		if !nd.idSet[dst.Text()] {
			return
		}
	}
}

// keyValue is key k in f's type.
func keyValue(f *schema.Field, k string) (value.Value, bool) {
	switch f.Type {
	case schema.Integer:
		n, err := strconv.ParseInt(strings.TrimSpace(k), 10, 64)
		return value.IntV(n), err == nil
	case schema.String:
		return value.Str(k), true
	default:
	}
	return value.Value{}, false
}

// missCases is the lookup.miss class of a keyed field: a value of the
// field's type that no key of the table equals.
func (p Plan) missCases(f *schema.Field) []edge.Case {
	vals := p.keyValues(f)
	if len(vals) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, v := range vals {
		seen[v.Text()] = true
	}
	var miss value.Value
	for i := 1; ; i++ {
		s := strconv.Itoa(900000 + i)
		if f.Type == schema.String {
			s = "X" + s
		}
		if !seen[s] {
			miss, _ = keyValue(f, s)
			break
		}
	}
	return []edge.Case{{Name: LookupMiss, Tag: edge.Edge, Valid: true, Values: []value.Value{miss},
		Doc: "a key the lookup table does not hold (a record created after the table was exported)"}}
}

// descMeaning reads a value domain from a string field's description
// when it names a code system: ISO 4217 currency codes, ISO 3166 country
// codes (alpha-2; alpha-3 and names by length), ISO 639 language codes,
// IANA time zones, E.164 phone numbers, RFC 5322 addresses, UUIDs.
func descMeaning(f *schema.Field) (meaning, bool) {
	if f.Type != schema.String || f.Description == "" {
		return 0, false
	}
	d := strings.ToLower(f.Description)
	has := func(xs ...string) bool {
		for _, x := range xs {
			if strings.Contains(d, x) {
				return true
			}
		}
		return false
	}
	switch {
	case has("iso 4217", "iso-4217", "iso4217", "iso currency code", "iso code for the currency", "three-letter currency code", "3-letter currency code"):
		return mCurrency, true
	case has("iso 3166", "iso-3166", "iso3166") && !has("3166-2", "subdivision"):
		if has("alpha-3", "alpha3", "three-letter", "3-letter") {
			return mCountryCode3, true
		}
		return mCountryCode, true
	case has("country") && has("alpha-2", "two-letter", "2-letter"):
		return mCountryCode, true
	case has("iso 639", "iso-639", "iso639", "bcp 47", "bcp-47", "bcp47", "ietf language tag"):
		return mLanguage, true
	case has("iana time zone", "iana timezone", "tz database", "olson", "iana tz"):
		return mTimezone, true
	case has("e.164", "e164"):
		return mPhoneE164, true
	}
	return 0, false
}

// identity: the record's own id (a key, or a field named id). Its values
// must stay distinct, so a key map on it (old id -> new id) supplies each
// of its keys once (identityKeys), never more rows than it has keys.
func identity(f *schema.Field) bool {
	return f.PrimaryKey || f.Unique || strings.EqualFold(f.Name, "id")
}
