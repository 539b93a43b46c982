package check

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
)

// What a field holds (D33 beyond the role groups of one concept): a
// person's name, an organisation, a part of an address, a phone, an
// e-mail. A rule that links two different kinds of thing (a person's
// name into a company name, a state into a city, a last name as the
// fallback of a city) is a name_semantics finding.

// whatRoles in precedence order: the first role a name's tokens show wins
// ("contact_email" is an e-mail, "company_city" a city, "street_name" a
// street).
var whatRoles = []struct {
	role  string
	words []string
}{
	{"e-mail", []string{"email", "emailaddress"}},
	{"phone", []string{"phone", "fax", "mobile", "mobilephone", "homephone", "tel", "telephone", "cell"}},
	{"postal code", []string{"zip", "zipcode", "postal", "postcode", "postalcode"}},
	{"city", []string{"city", "town", "locality"}},
	{"state or region", []string{"state", "region", "province", "county"}},
	{"country", []string{"country"}},
	{"street", []string{"street", "address", "line1", "line2", "addr"}},
	{"person", []string{"firstname", "lastname", "surname", "forename", "contact", "person", "fullname"}},
	{"organisation", []string{"company", "organization", "organisation", "org", "account", "business", "employer", "firm"}},
}

// orgEntities and personEntities name what a schema's records are, for
// the bare "name" of a record (Salesforce Account.Name is a company's).
var (
	orgEntities    = []string{"account", "company", "organization", "organisation", "business", "vendor", "supplier"}
	personEntities = []string{"contact", "person", "user", "employee", "lead", "people"}
)

// whatOf returns what a field holds and the token that shows it; s is the
// field's schema (for a bare "name"), may be nil.
func whatOf(path string, s *schema.Schema) (string, string) {
	toks := leafTokens(path)
	if len(toks) == 1 && toks[0] == "name" && s != nil {
		st := tokens(s.Name)
		if t := hasTok(st, orgEntities...); t != "" {
			return "organisation", "name of a " + t
		}
		if t := hasTok(st, personEntities...); t != "" {
			return "person", "name of a " + t
		}
		return "", ""
	}
	for _, r := range whatRoles {
		if t := hasTok(toks, r.words...); t != "" {
			return r.role, t
		}
	}
	// first/last/given/family only with a name token: "first_name".
	if hasTok(toks, "name") != "" {
		if t := hasTok(toks, "first", "last", "given", "family", "middle"); t != "" {
			return "person", t + " name"
		}
	}
	return "", ""
}

// subject is the one source field whose meaning a rule carries: the field
// of a plain cast, or the one field an expression reads when it neither
// looks up, hashes, combines nor aggregates (substr(state, 0, 40) is still
// the state). nil otherwise.
func (ri *ruleInfo) subject() *schema.Field {
	if s := ri.single(); s != nil {
		return s
	}
	rd := ri.x.read
	if ri.x.plain || rd == nil || len(ri.r.From) > 1 || len(rd.Paths) != 1 || ri.x.combine || ri.x.lookup != "" {
		return nil
	}
	if rd.Has(transform.Hashes) || rd.Has(transform.Aggregates) || rd.Has(transform.LooksUp) {
		return nil
	}
	return ri.reads[rd.Paths[0]]
}

// whatSemantics (D33): the rule links two different kinds of thing. For a
// fallback (city ?? lastname) every field the rule may write is checked.
func (c *ctx) whatSemantics(ri *ruleInfo) []Finding {
	tw, tt := whatOf(ri.tf.Path, c.dst)
	if tw == "" {
		return nil
	}
	var fields []*schema.Field
	fallback := false
	if s := ri.subject(); s != nil {
		fields = []*schema.Field{s}
	} else if ri.x.coalesce && !ri.x.concat && ri.x.lookup == "" && ri.x.read != nil {
		fields = ri.sources()
		fallback = true
	}
	var out []Finding
	for _, s := range fields {
		sw, st := whatOf(s.Path, c.src)
		if sw == "" || sw == tw {
			continue
		}
		how := "is linked to"
		if fallback {
			how = "is a fallback of"
		}
		out = append(out, ri.finding(kind.NameSemantics, diag.Error, "D33",
			fmt.Sprintf("%s holds a %s but %s a %s: %s %s", s.Path, sw, ri.tf.Path, tw, s.Path, how+" "+ri.tf.Path),
			fmt.Sprintf("source token %q -> %s", st, sw), fmt.Sprintf("target token %q -> %s", tt, tw)))
	}
	return out
}

// phoneDefault: a phone named only "phone" (or "tel") is the main, work
// number: a HomePhone, MobilePhone or Fax fed from it is a different line.
func phoneDefault(toks []string, out map[string][2]string) {
	if _, ok := out["phone"]; ok {
		return
	}
	if t := hasTok(toks, "phone", "tel", "telephone", "phonenumber"); t != "" {
		out["phone"] = [2]string{"work", t}
	}
}

// placeRole is the what-role of a place: country, state or region.
func placeRole(w string) bool {
	return w == "country" || w == "state or region"
}

// nameLike: a plain name word of a role, not a code ("country", not
// "country_code").
func nameLike(f *schema.Field) bool {
	_, ok := codeSystemOf(f)
	return !ok
}

// codeWordsIn are the words that mark a field as holding codes.
var codeWordsIn = []string{"code", "iso", "iso2", "iso3", "alpha2", "alpha3", "abbr", "abbreviation"}

// codeSys is a code system a field's values are written in.
type codeSys struct {
	name string // "ISO 3166-1 alpha-2", "ISO 4217", "codes"
	n    int    // the code's length, 0 when not known
	why  string
}

// codeSystemOf reads the code system a field holds from its description
// ("Two-letter country code (ISO 3166-1 alpha-2)", "ISO 4217"), its name
// (country_code, state_abbr) or its length (a country in 2 characters).
func codeSystemOf(f *schema.Field) (codeSys, bool) {
	d := strings.ToLower(f.Description)
	toks := leafTokens(f.Path)
	switch {
	case strings.Contains(d, "alpha-2") || strings.Contains(d, "alpha2") || strings.Contains(d, "two-letter") || strings.Contains(d, "2-letter"):
		return codeSys{"ISO 3166-1 alpha-2", 2, "description: two-letter code"}, true
	case strings.Contains(d, "iso 4217") || strings.Contains(d, "iso-4217") || strings.Contains(d, "iso currency code"):
		return codeSys{"ISO 4217", 3, "description: ISO 4217 currency code"}, true
	case strings.Contains(d, "alpha-3") || strings.Contains(d, "alpha3") || strings.Contains(d, "three-letter"):
		return codeSys{"three-letter codes", 3, "description: three-letter code"}, true
	case strings.Contains(d, "iso 639") || strings.Contains(d, "iso 3166"):
		return codeSys{"ISO codes", 0, "description names an ISO code list"}, true
	}
	if t := hasTok(toks, codeWordsIn...); t != "" {
		return codeSys{"codes", 0, "name token " + t}, true
	}
	if f.MaxLength != nil && *f.MaxLength <= 3 {
		if w, _ := whatOf(f.Path, nil); placeRole(w) || hasTok(toks, "currency", "language", "lang", "locale") != "" {
			return codeSys{"codes", *f.MaxLength, fmt.Sprintf("a %s in %d characters", w, *f.MaxLength)}, true
		}
	}
	return codeSys{}, false
}

// codeSystem (D26): the rule changes the code system of its values. A
// name cut to two or three letters reads as a code but is none (Germany ->
// GE, Spain -> SP, Austria -> AU); a code into a column of names (DE into
// "Germany"'s column) or a name into a column of codes mixes two systems.
// A lookup converts between systems and clears it.
func (c *ctx) codeSystem(ri *ruleInfo) []Finding {
	s := ri.subject()
	if s == nil || ri.x.lookup != "" {
		return nil
	}
	sw, _ := whatOf(s.Path, c.src)
	tw, _ := whatOf(ri.tf.Path, c.dst)
	if !placeRole(sw) && !placeRole(tw) {
		return nil
	}
	if n, ok := cutLength(ri); ok && n <= 3 && nameLike(s) && placeRole(sw) {
		return []Finding{ri.finding(kind.CodeSystem, diag.Error, "D26",
			fmt.Sprintf("the rule cuts %s to %d letters: names become letters that read as codes but are none (Germany -> GE, Spain -> SP, Austria -> AU)", s.Path, n),
			fmt.Sprintf("substr to %d characters of %s", n, s.Path), "source holds names")}
	}
	if sw != tw {
		return nil
	}
	sc, sok := codeSystemOf(s)
	tc, tok := codeSystemOf(ri.tf)
	switch {
	case sok && !tok:
		return []Finding{ri.finding(kind.CodeSystem, diag.Error, "D26",
			fmt.Sprintf("%s holds %s but %s holds names: codes land among names (DE beside Germany)", s.Path, sc.name, ri.tf.Path),
			"source: "+sc.why, "target: no code marker; use a lookup from code to name")}
	case tok && !sok && tc.n > 0:
		return []Finding{ri.finding(kind.CodeSystem, diag.Error, "D26",
			fmt.Sprintf("%s holds names but %s holds %s: names land among codes", s.Path, ri.tf.Path, tc.name),
			"source: no code marker", "target: "+tc.why+"; use a lookup from name to code")}
	}
	return nil
}

// cutLength: the rule's outermost length bound is a substr from 0 to a
// literal N (under upper, lower or trim).
func cutLength(ri *ruleInfo) (int, bool) {
	rd := ri.x.read
	if rd == nil {
		return 0, false
	}
	for _, cl := range rd.Calls {
		if !cl.Facts.Has(transform.BoundsLength) {
			continue
		}
		if from, ok := transform.IntArg(cl.Node, 1); !ok || from != 0 {
			continue
		}
		if n, ok := transform.IntArg(cl.Node, cl.Facts.LengthArg); ok {
			return n, true
		}
	}
	return 0, false
}
