package schema

import (
	"strings"
	"unicode"
)

// NameWords splits a field name into lower-case words at separators and
// case changes: "shipPostalCode" -> ship, postal, code; "first_name" ->
// first, name; "HTTPStatus" -> http, status. Synthetic data and the edge
// catalogue read a field's meaning from these words.
func NameWords(name string) []string { return splitName(name, false) }

// NameTokens is NameWords that also splits letters from digits:
// "shippingAddress.countryCodeV2" -> shipping, address, country, code,
// v, 2. The static checks read a field's role from these tokens.
func NameTokens(name string) []string { return splitName(name, true) }

func splitName(name string, digits bool) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))):
			flush()
		case digits && len(cur) > 0 && unicode.IsDigit(r) != unicode.IsDigit(cur[len(cur)-1]):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return out
}
