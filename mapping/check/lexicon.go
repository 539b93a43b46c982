package check

import (
	"strings"
	"unicode"

	"github.com/seamhq/seam/mapping/schema"
)

// tokens splits a field name or path into lower-case word tokens:
// "shippingAddress.countryCodeV2" -> shipping address country code v 2,
// "HasOptedOutOfEmail" -> has opted out of email, "amount_cents" -> amount cents.
func tokens(name string) []string { return schema.NameTokens(name) }

// leafTokens tokenises only the last path segment (array markers dropped).
func leafTokens(path string) []string {
	p := strings.ReplaceAll(path, "[]", "")
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		p = p[i+1:]
	}
	return tokens(p)
}

// fold lowers a name and removes separators, so mobilePhone, mobile_phone
// and MOBILEPHONE fold alike.
func fold(name string) string {
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '[' || r == ']' {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func hasTok(toks []string, words ...string) string {
	for _, t := range toks {
		for _, w := range words {
			if t == w {
				return t
			}
		}
	}
	return ""
}

// roleGroups: within one group the roles are mutually exclusive; a mapping
// that links two different roles of one group is a name_semantics finding.
var roleGroups = []struct {
	Group string
	Roles map[string][]string
}{
	{"amount", map[string][]string{
		"total":    {"total", "grand"},
		"subtotal": {"subtotal", "sub"},
		"tax":      {"tax", "taxes", "vat", "gst"},
		"shipping": {"shipping", "freight", "delivery", "postage"},
		"discount": {"discount", "discounts", "rebate", "coupon"},
		"fee":      {"fee", "fees", "tip", "duty", "duties"},
		"refund":   {"refund", "refunded", "refunds"},
	}},
	{"address", map[string][]string{
		"billing":  {"billing", "bill", "invoice"},
		"shipping": {"shipping", "ship", "delivery"},
		"mailing":  {"mailing"},
		"other":    {"other"},
	}},
	{"time", map[string][]string{
		"created":   {"created", "create", "createdate", "creation", "inserted"},
		"updated":   {"updated", "update", "modified", "modstamp", "lastmodified", "changed", "edited"},
		"processed": {"processed", "paid", "captured"},
		"cancelled": {"cancelled", "canceled", "closed"},
		"deleted":   {"deleted", "removed"},
		"shipped":   {"shipped", "fulfilled", "delivered"},
		"required":  {"required", "due"},
		"birth":     {"birth", "birthday", "dob", "born"},
	}},
	{"name", map[string][]string{
		"first":  {"first", "given", "forename", "firstname"},
		"last":   {"last", "family", "surname", "lastname"},
		"middle": {"middle"},
	}},
	{"interval", map[string][]string{
		"start": {"start", "begin", "from", "starts"},
		"end":   {"end", "finish", "until", "to", "ends", "expires", "expiry"},
	}},
	{"net", map[string][]string{
		"gross": {"gross"},
		"net":   {"net"},
	}},
	{"price", map[string][]string{
		"list": {"list", "msrp", "compare"},
		"sale": {"sale", "discounted"},
		"cost": {"cost", "wholesale"},
	}},
	{"phone", map[string][]string{
		"mobile": {"mobile", "mobilephone", "cell"},
		"home":   {"home", "homephone"},
		"fax":    {"fax"},
		"work":   {"work", "office", "business"},
	}},
}

// roleOf returns, per group, the role a name's tokens play and the token
// that showed it. Names like "first" inside "first_order_date" are only
// read for the name group when a person-name token is present.
func rolesOf(toks []string) map[string][2]string {
	out := map[string][2]string{}
	for _, g := range roleGroups {
		if g.Group == "name" && hasTok(toks, "name", "firstname", "lastname", "surname", "forename") == "" {
			continue
		}
		if g.Group == "interval" && hasTok(toks, "date", "time", "at", "on", "period", "valid", "ts", "datetime", "timestamp") == "" {
			continue
		}
		if g.Group == "phone" && hasTok(toks, "phone", "mobilephone", "homephone", "fax", "number", "tel") == "" {
			continue
		}
		if g.Group == "time" && hasTok(toks, "date", "at", "time", "on", "ts", "timestamp", "datetime", "createdate", "modstamp", "dob", "birthday") == "" {
			continue
		}
		if g.Group == "address" && hasTok(toks, "address", "street", "city", "zip", "postal", "country", "state", "province", "region", "line", "line1", "line2", "name", "phone") == "" {
			continue
		}
		if g.Group == "price" && hasTok(toks, "price", "cost", "amount") == "" {
			continue
		}
		for role, words := range g.Roles {
			if t := hasTok(toks, words...); t != "" {
				prev, seen := out[g.Group]
				// Two roles of one group in one name: "total" is a generic
				// modifier ("shipping_total", "totalDiscounts"), so any other
				// amount role wins over it; otherwise the later token wins
				// ("billing_shipping_city" is a shipping city).
				switch {
				case !seen:
					out[g.Group] = [2]string{role, t}
				case g.Group == "amount" && prev[0] == "total":
					out[g.Group] = [2]string{role, t}
				case g.Group == "amount" && role == "total":
				case indexOf(toks, t) > indexOf(toks, prev[1]):
					out[g.Group] = [2]string{role, t}
				}
			}
		}
	}
	phoneDefault(toks, out)
	return out
}

func indexOf(toks []string, t string) int {
	for i, x := range toks {
		if x == t {
			return i
		}
	}
	return -1
}

// antonyms are boolean polarity pairs: linking one side to the other
// without a negation inverts every row.
var antonyms = [][2][]string{
	{{"active", "enabled", "visible", "live", "published", "valid", "open"}, {"deleted", "inactive", "disabled", "hidden", "archived", "suspended", "removed", "invalid", "closed"}},
	{{"in", "optin", "subscribed", "consent", "allow", "allowed"}, {"out", "optout", "unsubscribed", "deny", "denied", "blocked", "opted_out"}},
	{{"include", "included"}, {"exclude", "excluded"}},
	{{"public"}, {"private"}},
}

// polarityOf returns +1/-1 and the token for a boolean name, 0 when it has
// no polar token. "is_deleted" -> -1 deleted, "active" -> +1 active,
// "HasOptedOutOfEmail" -> -1 out.
func polarityOf(toks []string) (int, string, int) {
	for gi, pair := range antonyms {
		if t := hasTok(toks, pair[1]...); t != "" {
			return -1, t, gi
		}
		if t := hasTok(toks, pair[0]...); t != "" {
			return 1, t, gi
		}
	}
	return 0, "", -1
}

// moneyWords mark an amount.
var moneyWords = []string{"amount", "price", "total", "subtotal", "freight", "cost", "fee", "fees", "tax", "balance", "revenue", "paid", "refund", "refunded", "discount", "charge", "payment", "salary", "money", "cents", "shipping"}

func isMoneyName(toks []string) string {
	// "discount" alone can be a fraction (Northwind): not money by itself.
	t := hasTok(toks, moneyWords...)
	if t == "discount" && hasTok(toks, "amount", "total", "value") == "" {
		return ""
	}
	if t == "shipping" && hasTok(toks, "price", "amount", "cost", "fee", "total") == "" {
		return ""
	}
	if t == "tax" && hasTok(toks, "id", "code", "exempt", "number", "rate", "status", "lines", "line") != "" {
		return ""
	}
	return t
}

// codeWords mark identifiers whose leading zeros, plus signs or letters
// matter even when they look numeric.
var codeWords = []string{"zip", "zipcode", "postal", "postcode", "phone", "mobile", "fax", "tel", "sku", "account", "iban", "ssn", "ein", "isbn", "ean", "upc", "gtin", "code", "barcode", "pin", "routing", "postalcode"}

func isCodeName(toks []string) string {
	if t := hasTok(toks, codeWords...); t != "" {
		if t == "account" && hasTok(toks, "number", "no", "num", "code") == "" {
			return ""
		}
		if t == "code" && hasTok(toks, "status", "error", "currency", "country", "language", "reason") != "" {
			return ""
		}
		return t
	}
	return ""
}

// sensitiveWords mark personal data (GDPR special and direct identifiers).
var sensitiveWords = []string{"ssn", "sin", "passport", "dob", "birthdate", "birthday", "birth", "salary", "iban", "card", "cvv", "cvc", "password", "secret", "religion", "ethnicity", "health", "diagnosis", "national", "tax_id", "taxid", "license", "licence"}

func isSensitiveName(toks []string) string {
	t := hasTok(toks, sensitiveWords...)
	switch t {
	case "card":
		if hasTok(toks, "number", "credit", "debit", "pan") == "" {
			return ""
		}
	case "national":
		if hasTok(toks, "id", "number", "insurance") == "" {
			return ""
		}
	case "license", "licence":
		if hasTok(toks, "driver", "drivers", "driving") == "" {
			return ""
		}
	case "birth":
		if hasTok(toks, "date", "day") == "" {
			return ""
		}
	}
	return t
}

// sensitiveMarks are tokens that say a target is meant to hold sensitive data.
var sensitiveMarks = []string{"pii", "sensitive", "encrypted", "secret", "protected", "confidential", "hashed", "masked", "tokenized", "restricted"}
