// Package edge is seam's named, tagged catalogue of edge cases per field
// type. Cases are derived from a field's own constraints (max length and
// max+1 counted in characters, UTF-8 bytes and UTF-16 units; integer width;
// decimal precision and scale; the enum's complement; required and
// nullable) and, when the caller knows which target field a source field
// feeds, from that target too: a source field that feeds VARCHAR(15) gets
// 15- and 16-character values.
//
// Every case has a stable dotted name ("string.over_max_length"), a tag
// saying which generation profile it belongs to (rare, edge, hostile), a
// one-line doc, and the concrete values it stands for, already expressed in
// the field's own type where that is possible (a string source feeding an
// integer target gets "32768", not 32768).
//
// The naughty strings come from the Big List of Naughty Strings
// (github.com/minimaxir/big-list-of-naughty-strings, MIT, copyright (c)
// 2015-2020 Max Woolf; see LICENSE-blns.txt beside blns.json).
package edge

import (
	"sort"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// Tag says which generation profile a case belongs to.
type Tag string

// Tags, from mildest to harshest.
const (
	// Rare: realistic but rare values that real feeds do carry (a name at
	// the column's maximum length, a leap day, an upper-case UUID, null in
	// a nullable field). Most of them still satisfy the field's schema.
	Rare Tag = "rare"
	// Edge: boundary and representation cases that break integrations
	// (max length + 1, scale + 1, Feb 30, a DST gap, an unknown enum member).
	Edge Tag = "edge"
	// Hostile: adversarial input (injection payloads, naughty strings,
	// control characters, very long text).
	Hostile Tag = "hostile"
)

// Profile selects which tags a generator draws from.
type Profile string

// Profiles: realistic draws only Rare cases, edge draws Rare and Edge,
// hostile draws all three.
const (
	Realistic      Profile = "realistic"
	EdgeProfile    Profile = "edge"
	HostileProfile Profile = "hostile"
)

// Profiles lists the valid profiles.
var Profiles = []Profile{Realistic, EdgeProfile, HostileProfile}

// Valid reports whether p is a known profile.
func (p Profile) Valid() bool {
	return p == Realistic || p == EdgeProfile || p == HostileProfile
}

// Allows reports whether cases tagged t belong to profile p.
func (p Profile) Allows(t Tag) bool {
	switch p {
	case Realistic:
		return t == Rare
	case EdgeProfile:
		return t == Rare || t == Edge
	case HostileProfile:
		return true
	}
	return false
}

// Case is one named edge-case class for one field.
type Case struct {
	// Name is the stable dotted class name, e.g. "string.over_max_length".
	// Classes derived from a target field whose own-constraint twin exists
	// with other values are prefixed "target.".
	Name string
	Tag  Tag
	// Doc says in one line what the case is and why it breaks things.
	Doc string
	// Values are the concrete values; a generator cycles through them.
	// A Value of Kind Absent means "leave the key out". Values is empty
	// for structural cases the generator builds itself (array.many,
	// array.null_element), whose Name it recognises.
	Values []value.Value
	// Valid reports that every value satisfies the field's own schema
	// (Check returns nil): a realistic-but-rare value, not a violation.
	Valid bool
	// FromTarget is set when the case was derived from the target field.
	FromTarget bool
	// Inferred is set when the case comes from what the field's name says
	// it holds (a date or number kept as text), not from its declared
	// type; a target's case of the same name replaces it.
	Inferred bool
}

// Filter returns the cases p allows, in order.
func Filter(cases []Case, p Profile) []Case {
	out := make([]Case, 0, len(cases))
	for _, c := range cases {
		if p.Allows(c.Tag) {
			out = append(out, c)
		}
	}
	return out
}

// For returns the cases that apply to field f, and, when target is not
// nil, those derived from the target field f feeds, converted into f's own
// type (cases that f's type cannot carry are left out). Order is stable:
// presence first, then the type's cases, then the target's.
func For(f *schema.Field, target *schema.Field) []Case {
	if f == nil {
		return nil
	}
	own := ownCases(f)
	if target != nil {
		own = mergeTarget(f, own, ownCases(target))
	}
	for i := range own {
		own[i].Valid = allValid(f, own[i].Values)
	}
	return own
}

func allValid(f *schema.Field, vs []value.Value) bool {
	if len(vs) == 0 {
		return false
	}
	for _, v := range vs {
		if Check(f, v) != nil {
			return false
		}
	}
	return true
}

// ownCases derives the cases of f from f alone.
func ownCases(f *schema.Field) []Case {
	out := presenceCases(f)
	switch f.Type {
	case schema.String:
		if len(f.EnumValues) > 0 { // a string constrained to a set is an enum
			out = append(out, enumCases(f)...)
		}
		out = append(out, stringCases(f)...)
	case schema.Integer:
		out = append(out, intCases(f)...)
	case schema.Decimal:
		out = append(out, decimalCases(f)...)
	case schema.Float:
		out = append(out, floatCases(f)...)
	case schema.Boolean:
		out = append(out, boolCases(f)...)
	case schema.Date:
		out = append(out, dateCases(f)...)
	case schema.Time:
		out = append(out, timeCases(f)...)
	case schema.Timestamp:
		out = append(out, timestampCases(f, false)...)
	case schema.TimestampTZ:
		out = append(out, timestampCases(f, true)...)
	case schema.UUID:
		out = append(out, uuidCases(f)...)
	case schema.Enum:
		out = append(out, enumCases(f)...)
	case schema.Binary:
		out = append(out, binaryCases(f)...)
	case schema.Object:
		out = append(out, objectCases(f)...)
	case schema.Array:
		out = append(out, arrayCases(f)...)
	}
	return append(out, spellingCases(f)...)
}

// mergeTarget appends the target's cases, converted into f's type. A case
// whose name f already has is skipped when its values are the same and
// renamed "target.NAME" otherwise. Presence cases come from f alone.
func mergeTarget(f *schema.Field, own, tgt []Case) []Case {
	byName := make(map[string]int, len(own))
	for i, c := range own {
		byName[c.Name] = i
	}
	for _, c := range tgt {
		if len(c.Name) > 9 && c.Name[:9] == "presence." {
			continue
		}
		if len(c.Values) == 0 { // structural cases belong to the target's own type
			continue
		}
		vals := make([]value.Value, 0, len(c.Values))
		for _, v := range c.Values {
			if cv, ok := Convert(v, f); ok {
				vals = append(vals, cv)
			}
		}
		if len(vals) == 0 {
			continue
		}
		c.Values = vals
		c.FromTarget = true
		if i, dup := byName[c.Name]; dup {
			if own[i].Inferred {
				own[i] = c
				continue
			}
			if sameValues(own[i].Values, vals) {
				continue
			}
			c.Name = "target." + c.Name
			if _, dup2 := byName[c.Name]; dup2 {
				continue
			}
		}
		byName[c.Name] = len(own)
		own = append(own, c)
	}
	return own
}

func sameValues(a, b []value.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// Catalogue lists every case class once, with the values it takes for a
// representative field of each type (string(15) with a pattern, email,
// phone, url and id formats; integer(16/32/64); decimal(10,2); float; ...),
// sorted by name. It is the documentation behind `seam synth --list-edges`.
func Catalogue() []Case {
	seen := map[string]bool{}
	var out []Case
	for _, f := range sampleFields() {
		for _, c := range For(f, nil) {
			if !seen[c.Name] {
				seen[c.Name] = true
				out = append(out, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func sampleFields() []*schema.Field {
	i := schema.IntP
	fl := schema.FloatP
	return []*schema.Field{
		{Path: "name", Name: "name", Type: schema.String, MaxLength: i(15), MinLength: i(1), Required: true},
		{Path: "code", Name: "code", Type: schema.String, Pattern: "^[A-Z]{3}$", Nullable: true},
		{Path: "email", Name: "email", Type: schema.String, Format: "email"},
		{Path: "phone", Name: "phone", Type: schema.String, Format: "phone"},
		{Path: "website", Name: "website", Type: schema.String, Format: "uri"},
		{Path: "customer_id", Name: "customer_id", Type: schema.String},
		{Path: "country", Name: "country", Type: schema.String},
		{Path: "currency", Name: "currency", Type: schema.String},
		{Path: "order_date", Name: "order_date", Type: schema.String},
		{Path: "qty", Name: "qty", Type: schema.Integer, Bits: 16, Min: fl(1), Required: true},
		{Path: "n", Name: "n", Type: schema.Integer, Bits: 64},
		{Path: "total", Name: "total", Type: schema.Decimal, Precision: i(10), Scale: i(2), Min: fl(0)},
		{Path: "ratio", Name: "ratio", Type: schema.Float},
		{Path: "active", Name: "active", Type: schema.Boolean},
		{Path: "born", Name: "born", Type: schema.Date},
		{Path: "at", Name: "at", Type: schema.Time},
		{Path: "created", Name: "created", Type: schema.Timestamp},
		{Path: "updated", Name: "updated", Type: schema.TimestampTZ},
		{Path: "uid", Name: "uid", Type: schema.UUID},
		{Path: "status", Name: "status", Type: schema.Enum, EnumValues: []string{"pending", "shipped"}},
		{Path: "blob", Name: "blob", Type: schema.Binary},
		{Path: "addr", Name: "addr", Type: schema.Object, Children: []*schema.Field{{Path: "addr.city", Name: "city", Type: schema.String}}},
		{Path: "tags", Name: "tags", Type: schema.Array, Children: []*schema.Field{{Path: "tags[]", Name: "[]", Type: schema.String}}},
		{Path: "ship_city", Name: "ship_city", Type: schema.String, MaxLength: i(15), Charset: "latin1"},
		{Path: "umsatz", Name: "umsatz", Type: schema.Decimal, Precision: i(10), Scale: i(2), Format: "number:,."},
		{Path: "aktiv", Name: "aktiv", Type: schema.Boolean, Format: "boolean:ja/nein"},
	}
}
