package schema

import (
	"strings"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/internal/textin"
)

// European spellings in samples: decimal-comma numbers ("1.234,50",
// "1 234,50", "99,00") and boolean words in common languages ("ja" /
// "nein"). The result is recorded in Field.Format with the conventions
// the cast, synth and the SQL export read: "number:DG" (D the decimal
// separator, G the optional grouping separator) and "boolean:TRUE/FALSE".

// euroStat follows a column under the decimal-comma spelling.
type euroStat struct {
	bad       bool // a value that is not a decimal-comma number
	group     rune // grouping separator seen: '.', ' ' (also U+00A0, U+202F) or 0
	sawComma  bool // a value with a decimal comma
	sawGroups bool // a value whose grouping the default spelling cannot read
	maxScale  int
	maxInt    int
}

// observe checks one value (not empty, not a null marker).
func (e *euroStat) observe(s string) {
	if e.bad {
		return
	}
	body := s
	if body[0] == '-' || body[0] == '+' {
		body = body[1:]
	}
	intPart, frac, hasComma := strings.Cut(body, ",")
	if hasComma && !textin.AllDigits(frac) || !hasComma && body == "" {
		e.bad = true
		return
	}
	digits, groups, cur := 0, 0, 0
	var sep rune
	for _, r := range intPart {
		switch {
		case r >= '0' && r <= '9':
			digits++
			cur++
		case r == '.' || r == ' ' || r == '\u00a0' || r == '\u202f':
			g := r
			if g != '.' {
				g = ' '
			}
			if sep != 0 && sep != g || cur == 0 || cur > 3 || groups > 0 && cur != 3 {
				e.bad = true
				return
			}
			sep = g
			groups++
			cur = 0
		default:
			e.bad = true
			return
		}
	}
	if groups > 0 && cur != 3 || digits == 0 && !hasComma {
		e.bad = true
		return
	}
	if sep != 0 {
		if e.group != 0 && e.group != sep {
			e.bad = true
			return
		}
		e.group = sep
		// "1.234" alone reads as 1.234 in the default spelling too.
		if sep == ' ' || groups > 1 || hasComma {
			e.sawGroups = true
		}
	}
	if hasComma {
		e.sawComma = true
		e.maxScale = max(e.maxScale, len(frac))
	}
	e.maxInt = max(e.maxInt, digits)
}

// apply sets a decimal-comma type when every value of the sample reads
// that way and one of them could not be read in the default spelling.
func (e *euroStat) apply(f *Field) bool {
	if e.bad || !e.sawComma && !e.sawGroups {
		return false
	}
	f.Format = "number:,"
	if e.group != 0 {
		f.Format += string(e.group)
	}
	switch {
	case !e.sawComma:
		f.Type = Integer
	case e.maxScale <= 9:
		f.Type = Decimal
		f.ObservedScale = IntP(e.maxScale)
		f.ObservedPrecision = IntP(e.maxInt + e.maxScale)
	default:
		f.Type = Float
	}
	return true
}

// boolPairs are the boolean words inference recognises, true word first.
// The English ones are the cast's default words; a column of them needs
// no format unless it is spelled other than true/false (so synth writes
// the same words back).
var boolPairs = [][2]string{
	{"true", "false"}, {"t", "f"}, {"yes", "no"}, {"y", "n"}, {"on", "off"}, {"1", "0"},
	{"ja", "nein"}, {"j", "n"}, {"wahr", "falsch"}, // German
	{"oui", "non"}, {"vrai", "faux"}, // French
	{"sí", "no"}, {"si", "no"}, {"verdadero", "falso"}, // Spanish, Italian
	{"sim", "não"}, {"sim", "nao"}, {"s", "n"}, {"verdadeiro", "falso"}, // Portuguese
	{"tak", "nie"},                    // Polish
	{"ja", "nee"}, {"waar", "onwaar"}, // Dutch
	{"ja", "nej"}, {"sand", "falsk"}, // Danish, Swedish, Norwegian
	{"kyllä", "ei"}, {"igen", "nem"}, {"ano", "ne"}, // Finnish, Hungarian, Czech
}

// englishBool are the pairs whose words the cast reads without a format.
const englishBool = 6

// boolWords tracks the distinct words of a column while there are at
// most two, each short.
type boolWords struct {
	over  bool
	words []string // as first written
}

func (b *boolWords) observe(s string) {
	if b.over {
		return
	}
	if utf8.RuneCountInString(s) > 10 {
		b.over = true
		return
	}
	for _, w := range b.words {
		if strings.EqualFold(w, s) {
			return
		}
	}
	if len(b.words) == 2 {
		b.over = true
		return
	}
	b.words = append(b.words, s)
}

// pair returns the words of the recognised pair the column uses, true
// word first, as the sample writes them. A column of one word is
// recognised only for the English pairs, where the other word is known
// (all "N": boolean:Y/N). ok is false for anything else.
func (b *boolWords) pair() (yes, no string, ok bool) {
	if b.over || len(b.words) == 0 {
		return "", "", false
	}
	for i, p := range boolPairs {
		yes, no = "", ""
		for _, w := range b.words {
			switch {
			case strings.EqualFold(w, p[0]):
				yes = w
			case strings.EqualFold(w, p[1]):
				no = w
			}
		}
		if yes != "" && no != "" && len(b.words) == 2 {
			return yes, no, true
		}
		if len(b.words) == 1 && i < englishBool && (yes != "" || no != "") {
			upper := strings.ToUpper(b.words[0]) == b.words[0]
			if yes == "" {
				yes = caseLike(p[0], upper)
			} else {
				no = caseLike(p[1], upper)
			}
			return yes, no, true
		}
	}
	return "", "", false
}

func caseLike(w string, upper bool) string {
	if upper {
		return strings.ToUpper(w)
	}
	return w
}

// flagHints are column-name words of yes/no flags: a column of only 0
// and 1 named like this is a boolean, any other 0/1 column an integer.
var flagHints = []string{"is", "has", "can", "flag", "active", "enabled", "disabled", "deleted", "aktiv", "actif", "activo", "ativo", "valid", "verified", "bool"}

func looksLikeFlag(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '_' || r == ' ' || r == '-' || r == '.' }) {
		for _, h := range flagHints {
			if w == h {
				return true
			}
		}
	}
	return false
}

// applyBool sets a boolean with its words when the column holds one of
// the recognised pairs. 1/0 columns are integers unless named like a flag
// (is_active, deleted); a format is recorded unless the words are
// true/false, so casts read and synth writes the sample's own words.
func (c *colStat) applyBool(f *Field) bool {
	yes, no, ok := c.bools.pair()
	if !ok {
		return false
	}
	if yes == "1" || no == "0" {
		if !(yes == "1" && no == "0") || !looksLikeFlag(f.Name) {
			return false
		}
	}
	f.Type = Boolean
	if !strings.EqualFold(yes, "true") || !strings.EqualFold(no, "false") {
		f.Format = "boolean:" + yes + "/" + no
	}
	return true
}
