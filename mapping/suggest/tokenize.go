package suggest

import (
	"strings"
	"unicode"
)

// How a word became its concept.
const (
	relSame = iota // the word itself (or its stem)
	relAbbr        // an abbreviation expanded
	relSyn         // a synonym folded
)

// word is one folded word of a name or description.
type word struct {
	raw     string // as written, lower case ("zip", "cust")
	concept string // folded ("zip", "customer", "postal code" -> "zip")
	rel     int
}

// lexicon is the compiled vocabulary: phrase table, dictionary for
// segmentation, qualifiers, relations.
type lexicon struct {
	phrases   map[string]string // "postal code" -> "zip"; single words too
	maxPhrase int
	dict      map[string]bool
	qual      map[string][]string // word -> qualifier groups
	related   map[[2]string]float64
	antonym   map[[2]string]bool
}

var lex = buildLexicon()

func buildLexicon() *lexicon {
	l := &lexicon{
		phrases: map[string]string{},
		dict:    map[string]bool{},
		qual:    map[string][]string{},
		related: map[[2]string]float64{},
		antonym: map[[2]string]bool{},
	}
	addDict := func(s string) {
		for _, w := range strings.Fields(s) {
			l.dict[w] = true
		}
	}
	for _, g := range synonymGroups {
		for _, m := range g {
			l.phrases[m] = g[0]
			if n := len(strings.Fields(m)); n > l.maxPhrase {
				l.maxPhrase = n
			}
			addDict(m)
		}
	}
	for k, v := range abbreviations {
		l.dict[k] = true
		addDict(v)
	}
	for _, w := range extraWords {
		l.dict[w] = true
	}
	for g, ws := range qualifierGroups {
		for _, w := range ws {
			l.qual[w] = append(l.qual[w], g)
			l.dict[w] = true
		}
	}
	for _, r := range relatedPairs {
		l.related[[2]string{r.a, r.b}] = r.sim
		l.related[[2]string{r.b, r.a}] = r.sim
	}
	for _, a := range antonyms {
		l.antonym[[2]string{a[0], a[1]}] = true
		l.antonym[[2]string{a[1], a[0]}] = true
		l.dict[a[0]], l.dict[a[1]] = true, true
	}
	for w := range temporalWords {
		l.dict[w] = true
	}
	return l
}

// splitName cuts a name at separators, case changes and letter/digit
// boundaries: "MailingPostalCode", "mailing_postal_code", "HTTPServer2"
// -> lower-case parts.
func splitName(s string) []string {
	var out []string
	rs := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, strings.ToLower(string(rs[start:end])))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := rs[i-1]
		switch {
		case unicode.IsLower(p) && unicode.IsUpper(r):
			flush(i)
			start = i
		case unicode.IsUpper(p) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i)
			start = i
		case unicode.IsDigit(p) != unicode.IsDigit(r):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return out
}

// segment cuts a glued lower-case word into dictionary words
// ("mobilephone" -> mobile phone), keeping unknown runs whole. It
// minimises pieces plus a cost per unknown character, so a word is only
// cut when known words cover most of it.
func segment(w string, dict map[string]bool) []string {
	n := len(w)
	if n < 6 || n > 64 || dict[w] || !isASCIILower(w) {
		return []string{w}
	}
	const unk = 0.3
	cost := make([]float64, n+1)
	prev := make([]int, n+1)
	known := make([]bool, n+1)
	for i := 1; i <= n; i++ {
		cost[i] = 1e9
		for j := 0; j < i; j++ {
			piece := w[j:i]
			var c float64
			k := false
			if len(piece) >= 2 && dict[piece] {
				c = 1
				k = true
			} else {
				c = 1 + unk*float64(len(piece))
			}
			if cost[j]+c < cost[i] {
				cost[i] = cost[j] + c
				prev[i] = j
				known[i] = k
			}
		}
	}
	var parts []string
	for i := n; i > 0; i = prev[i] {
		parts = append(parts, w[prev[i]:i])
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return parts
}

func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// stem strips common English endings so "created"/"create" and
// "phones"/"phone" meet.
func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "es") && len(w) > 4 && strings.ContainsAny(w[len(w)-3:len(w)-2], "sxz"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	if strings.HasSuffix(w, "ing") && len(w) > 5 {
		w = w[:len(w)-3]
	} else if strings.HasSuffix(w, "ed") && len(w) > 4 {
		w = w[:len(w)-2]
	}
	if strings.HasSuffix(w, "e") && len(w) > 3 {
		w = w[:len(w)-1]
	}
	return w
}

// rawWords splits and segments a name, expanding abbreviations.
func rawWords(name string, dict map[string]bool) []word {
	var out []word
	for _, p := range splitName(name) {
		for _, s := range segment(p, dict) {
			if exp, ok := abbreviations[s]; ok && exp != s {
				rel := relAbbr
				if strings.ReplaceAll(exp, " ", "") == s {
					rel = relSame // a glued compound ("firstname"), not a short form
				}
				fs := strings.Fields(exp)
				for _, e := range fs {
					raw := s
					if rel == relSame && len(fs) > 1 {
						raw = e
					}
					out = append(out, word{raw: raw, concept: e, rel: rel})
				}
				continue
			}
			out = append(out, word{raw: s, concept: s, rel: relSame})
		}
	}
	return out
}

// fold joins multi-word phrases into concepts ("postal code" -> zip) and
// folds single-word synonyms, longest phrase first.
func fold(ws []word) []word {
	var out []word
	for i := 0; i < len(ws); {
		matched := false
		for n := min(lex.maxPhrase, len(ws)-i); n >= 1; n-- {
			parts := make([]string, n)
			for k := 0; k < n; k++ {
				parts[k] = ws[i+k].concept
			}
			key := strings.Join(parts, " ")
			c, ok := lex.phrases[key]
			if !ok && n == 1 {
				c, ok = lex.phrases[stem(key)]
			}
			if !ok {
				continue
			}
			raws := make([]string, 0, n)
			rel := relSame
			for k := 0; k < n; k++ {
				if k == 0 || ws[i+k].raw != ws[i+k-1].raw {
					raws = append(raws, ws[i+k].raw)
				}
				if ws[i+k].rel > rel {
					rel = ws[i+k].rel
				}
			}
			raw := strings.Join(raws, " ")
			if c != key && stem(c) != stem(key) {
				rel = max(rel, relSyn)
			}
			out = append(out, word{raw: raw, concept: c, rel: rel})
			i += n
			matched = true
			break
		}
		if !matched {
			w := ws[i]
			out = append(out, w)
			i++
		}
	}
	return out
}

// textWords tokenises free text (descriptions): words of letters and
// digits, lower case, stopwords dropped, folded to concepts.
func textWords(s string) []word {
	var ws []word
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' }) {
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "'")
		f = strings.Trim(f, "'")
		if f == "" {
			continue
		}
		for _, p := range splitName(f) {
			if stopwords[p] || descStop[p] {
				continue
			}
			ws = append(ws, word{raw: p, concept: p})
		}
	}
	return fold(ws)
}

// descStop are filler words of data dictionaries.
var descStop = map[string]bool{
	"which": true, "when": true, "where": true, "who": true, "whose": true, "can": true,
	"will": true, "may": true, "not": true, "if": true, "any": true, "all": true, "also": true,
	"from": true, "their": true, "your": true, "you": true, "we": true, "our": true,
	"used": true, "set": true, "field": true, "value": true, "values": true, "record": true,
	"object": true, "e": true, "g": true, "i": true, "eg": true, "ie": true, "etc": true,
	"null": true, "true": true, "false": true, "string": true, "there": true, "been": true,
	"these": true, "those": true, "than": true, "then": true, "such": true, "so": true,
	"into": true, "up": true, "one": true, "more": true, "only": true, "other": true,
}
