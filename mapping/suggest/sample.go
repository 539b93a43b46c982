package suggest

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/seamhq/seam/mapping/internal/textin"
	"github.com/seamhq/seam/mapping/value"
)

// maxDistinct bounds the distinct values kept per field.
const maxDistinct = 2000

// sampleProf summarises a field's sample values.
type sampleProf struct {
	n        int
	distinct map[string]struct{}
	shapes   map[string]int
	shape    string // dominant shape
	numeric  int
	min, max float64
	layout   string // date layout when the values are dates in text
	// words: the vocabulary of the text values ("Floor of mouth",
	// "Squamous cell carcinoma, conventional"), digits-only words left out
	words map[string]struct{}
	// grams: the character trigrams of the text values that hold a letter
	// ("pT1a" and "T1a" share "t1a" and "1a$"; codes with a prefix)
	// (sorted, unique once profileSample returns; see compactGrams)
	grams []uint32
	// gramsFull: maxValueGrams reached, no more are taken
	gramsFull bool
}

// maxValueGrams bounds the trigrams kept per field.
const maxValueGrams = 6000

// addGrams adds the character trigrams of a lower-cased text value with a
// letter, padded at both ends.
func (sp *sampleProf) addGrams(txt string) {
	letter := false
	for i := 0; i < len(txt) && !letter; i++ {
		letter = txt[i] >= 'a' && txt[i] <= 'z' || txt[i] >= 0x80
	}
	if !letter || sp.gramsFull {
		return
	}
	// a trigram packed in 24 bits; 0x100 and 0x101 pad the start and end
	// (not bytes, so they match no text)
	at := func(j int) uint32 {
		switch {
		case j < 0:
			return 0x100
		case j >= len(txt):
			return 0x101
		}
		return uint32(txt[j])
	}
	for i := -1; i < len(txt); i++ {
		sp.grams = append(sp.grams, at(i)<<18|at(i+1)<<9|at(i+2))
	}
	if len(sp.grams) >= 4*maxValueGrams {
		sp.compactGrams()
		sp.gramsFull = len(sp.grams) >= maxValueGrams
	}
}

// compactGrams sorts the trigrams and drops the repeated ones (cheaper
// than a set per value: most values repeat most trigrams).
func (sp *sampleProf) compactGrams() {
	slices.Sort(sp.grams)
	sp.grams = slices.Compact(sp.grams)
}

// maxValueWords bounds the vocabulary kept per field.
const maxValueWords = 4000

// addWords adds the words of a text value to the field's vocabulary.
func (sp *sampleProf) addWords(txt string) {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := txt[start:end]
		start = -1
		if len(w) < 2 || len(sp.words) >= maxValueWords || textin.AllDigits(w) {
			return
		}
		sp.words[w] = struct{}{}
	}
	for i := 0; i < len(txt); i++ {
		c := txt[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(txt))
}

// attachSamples profiles the sample rows of one side, its fields shared
// among the cores (each field's profile is its own; rows are only read).
func attachSamples(ps []*fieldProf, rows []*value.Record) {
	workers := min(runtime.GOMAXPROCS(0), len(ps))
	if workers <= 1 {
		sc := &profScratch{}
		for _, p := range ps {
			p.sample = profileSample(p, rows, sc)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			sc := &profScratch{}
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ps) {
					return
				}
				ps[i].sample = profileSample(ps[i], rows, sc)
			}
		})
	}
	wg.Wait()
}

// profileSample profiles one field's values in the sample rows; nil for a
// field inside an array or without a value.
func profileSample(p *fieldProf, rows []*value.Record, sc *profScratch) *sampleProf {
	if strings.Contains(p.path, "[]") {
		return nil
	}
	sp := &sampleProf{distinct: map[string]struct{}{}, words: map[string]struct{}{}, shapes: map[string]int{}, min: math.Inf(1), max: math.Inf(-1)}
	layouts := map[string]int{}
	if sc == nil {
		sc = &profScratch{}
	}
	if sc.seen == nil {
		sc.seen = make(map[seenKey]int32, min(len(rows), maxSeen))
	}
	seen, keys, counts := sc.seen, sc.keys[:0], sc.counts[:0]
	defer func() {
		clear(seen)
		sc.keys, sc.counts = keys, counts
	}()
	// a top-level field is read by its name, dots and all ("Weight.kg")
	flat := !strings.Contains(p.path, "[") && (p.f.Name == p.path || !strings.Contains(p.path, "."))
	hint := -1
	var nested *pathHint
	if !flat {
		nested = newPathHint(p.path)
	}
	for _, r := range rows {
		if r == nil {
			continue
		}
		var v value.Value
		switch {
		case !flat:
			v = nested.get(r)
		case hint >= 0 && hint < len(r.Keys) && r.Keys[hint] == p.path:
			v = r.Vals[hint] // rows of one file share their columns
		default:
			if hint = r.Index(p.path); hint >= 0 {
				v = r.Vals[hint]
			} else {
				v = r.Path(p.path)
			}
		}
		if v.IsMissing() {
			continue
		}
		sp.n++
		txt := strings.TrimSpace(v.Text())
		key := seenKey{v.K, txt}
		if e, ok := seen[key]; ok {
			counts[e]++
			continue
		}
		lower := strings.ToLower(txt)
		if len(sp.distinct) < maxDistinct {
			if _, seen := sp.distinct[lower]; !seen {
				sp.distinct[lower] = struct{}{}
				if v.K == value.String {
					sp.addWords(lower)
					sp.addGrams(lower)
				}
			}
		}
		if len(keys) < maxSeen {
			seen[key] = int32(len(keys))
			keys = append(keys, key)
			counts = append(counts, 1)
			continue
		}
		sp.addShape(v.K, txt, 1, layouts)
	}
	// shapes and numbers once per distinct value, weighted by its count
	// (sums and bounds: the order does not matter)
	for e, k := range keys {
		sp.addShape(k.k, k.s, counts[e], layouts)
	}
	if sp.n == 0 {
		return nil
	}
	sp.compactGrams()
	best := 0
	for s, c := range sp.shapes {
		if c > best || c == best && s < sp.shape {
			best, sp.shape = c, s
		}
	}
	bestL := 0
	for l, c := range layouts {
		if c > bestL || c == bestL && l < sp.layout {
			bestL, sp.layout = c, l
		}
	}
	if bestL*2 < sp.n {
		sp.layout = ""
	}
	return sp
}

// pathHint reads a nested path from rows that share their layout: the
// index each segment was found at in the last row is tried first (a
// 1,000-key record is otherwise searched key by key, per row and field).
type pathHint struct {
	path string
	segs []string
	at   []int
}

func newPathHint(path string) *pathHint {
	segs := strings.Split(path, ".")
	at := make([]int, len(segs))
	for i := range at {
		at[i] = -1
	}
	return &pathHint{path: path, segs: segs, at: at}
}

// get is r.Path(h.path).
func (h *pathHint) get(r *value.Record) value.Value {
	cur := r
	for d, seg := range h.segs {
		i := h.at[d]
		if i < 0 || i >= len(cur.Keys) || cur.Keys[i] != seg {
			if i = cur.Index(seg); i < 0 {
				return r.Path(h.path) // a key holding a dot, or absent
			}
			h.at[d] = i
		}
		v := cur.Vals[i]
		if d == len(h.segs)-1 {
			return v
		}
		if v.K != value.Object || v.Obj == nil {
			return r.Path(h.path)
		}
		cur = v.Obj
	}
	return value.Value{}
}

// seenKey is a sample value as profileSample counts it: its kind and its
// trimmed text.
type seenKey struct {
	k value.Kind
	s string
}

// profScratch is one profiling worker's reusable state (a map that has
// grown once is cleared, not rebuilt, for the next field).
type profScratch struct {
	seen   map[seenKey]int32
	keys   []seenKey
	counts []int
}

// maxSeen bounds the values profileSample counts before classifying them;
// beyond, each further value is classified as it comes.
const maxSeen = 8 * maxDistinct

// addShape counts n occurrences of a value of kind k and text txt in the
// shapes, date layouts and numeric bounds.
func (sp *sampleProf) addShape(k value.Kind, txt string, n int, layouts map[string]int) {
	var shape string
	switch k {
	case value.Int, value.Decimal, value.Float:
		shape = "number"
	case value.Bool:
		shape = "boolean"
	case value.Date, value.Timestamp, value.TimestampTZ:
		shape = "date"
		layouts["ISO"] += n
	default:
		shape = shapeOf(txt)
		if strings.HasPrefix(shape, "date:") {
			layouts[shape[5:]] += n
			shape = "date"
		}
	}
	sp.shapes[shape] += n
	if shape != "number" && shape != "digits" {
		return
	}
	if f, err := strconv.ParseFloat(txt, 64); err == nil {
		sp.numeric += n
		sp.min, sp.max = math.Min(sp.min, f), math.Max(sp.max, f)
	}
}

// shapeOf classifies a text value: email, url, phone, digits, number,
// date:LAYOUT, code, word, text, empty.
func shapeOf(s string) string {
	if s == "" {
		return "empty"
	}
	if l := dateLayout(s); l != "" {
		return "date:" + l
	}
	if at := strings.IndexByte(s, '@'); at > 0 && strings.Contains(s[at:], ".") && !strings.ContainsAny(s, " ,") {
		return "email"
	}
	ls := strings.ToLower(s)
	if strings.HasPrefix(ls, "http://") || strings.HasPrefix(ls, "https://") || strings.HasPrefix(ls, "www.") {
		return "url"
	}
	digits, letters, phoneish, other := 0, 0, 0, 0
	upper := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z':
			letters++
		case r >= 'A' && r <= 'Z':
			letters++
			upper++
		case strings.ContainsRune("+-() .", r):
			phoneish++
		default:
			other++
		}
	}
	switch {
	case letters == 0 && other == 0 && phoneish == 0:
		return "digits"
	case letters == 0 && other == 0 && digits >= 7 && strings.ContainsAny(s, "()- +"):
		return "phone"
	case letters == 0:
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "number"
		}
	case digits == 0 && upper == letters && letters <= 5 && phoneish == 0 && other == 0:
		return "code"
	case !strings.Contains(s, " ") && other == 0:
		return "word"
	}
	return "text"
}

// dateLayout recognises common date spellings and names their layout in
// seam's date pattern language.
func dateLayout(s string) string {
	if len(s) < 8 {
		return ""
	}
	mask := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			mask = append(mask, '9')
		} else {
			mask = append(mask, c)
		}
	}
	m := string(mask)
	switch {
	case strings.HasPrefix(m, "9999-99-99"):
		return "ISO"
	case m == "99/99/9999", m == "9/99/9999", m == "99/9/9999", m == "9/9/9999":
		parts := strings.Split(s, "/")
		if a, _ := strconv.Atoi(parts[0]); a > 12 {
			return "DD/MM/YYYY"
		}
		return "MM/DD/YYYY"
	case m == "99.99.9999":
		return "DD.MM.YYYY"
	case m == "9999/99/99":
		return "2006/01/02"
	case m == "99999999" && (s[:2] == "19" || s[:2] == "20") && s[4] <= '1':
		return "YYYYMMDD"
	}
	return ""
}

// dataSignals compares the sample values of a pair, or one side's values
// with the other side's declared type and format.
func (m *matcher) dataSignals(a, b *fieldProf, ac *acc) {
	sa, sb := a.sample, b.sample
	switch {
	case sa != nil && sb != nil:
		small, big := sa.distinct, sb.distinct
		if len(small) > len(big) {
			small, big = big, small
		}
		if len(small) > 0 {
			common := 0
			if m.commonSrc == a.idx && m.common != nil && b.idx < len(m.common) && m.dst[b.idx] == b {
				common = int(m.common[b.idx])
			} else {
				for k := range small {
					if _, ok := big[k]; ok {
						common++
					}
				}
			}
			ov := float64(common) / float64(len(small))
			// few distinct values (true/false, 0/1) say little
			info := math.Min(1, math.Log2(float64(len(small))+1)/5)
			if ov > 0 {
				ac.add("data", 0.4*ov*info, func() string { return fmt.Sprintf("%.0f%% of %d distinct values shared", ov*100, len(small)) })
			}
		}
		if sa.shape == sb.shape && sa.shape != "text" && sa.shape != "word" {
			ac.add("data", 0.05, func() string { return "values look alike: " + sa.shape })
		} else if distinctShapes(sa.shape, sb.shape) {
			ac.add("data", -0.1, func() string { return "values differ: " + sa.shape + " vs " + sb.shape })
		}
	case sa != nil:
		shapeVsField(sa, b, ac)
	case sb != nil:
		shapeVsField(sb, a, ac)
	}
}

var strongShapes = map[string]bool{"email": true, "url": true, "phone": true, "date": true, "boolean": true}

func distinctShapes(x, y string) bool {
	return x != y && strongShapes[x] && strongShapes[y]
}

func shapeVsField(s *sampleProf, p *fieldProf, ac *acc) {
	switch s.shape {
	case "email":
		if strings.EqualFold(p.f.Format, "email") || p.has("email") {
			ac.addS("data", 0.05, "values are e-mail addresses")
		}
	case "date":
		if p.class == clTemporal {
			ac.addS("data", 0.03, "values are dates")
		}
	case "phone":
		if p.has("phone") || p.has("mobile") || p.has("fax") {
			ac.addS("data", 0.05, "values are phone numbers")
		}
	}
}

// valueWordDF counts, per word, the fields of one side whose values use it.
func valueWordDF(ps []*fieldProf) map[string]int {
	df := map[string]int{}
	for _, p := range ps {
		if p.sample == nil {
			continue
		}
		for w := range p.sample.words {
			df[w]++
		}
	}
	return df
}

// valueWords compares the vocabularies of two fields' text values: the
// share of the source's words (weighted by how rare each is among the
// target's fields) that the target's values use too. "Floor of mouth" and
// "Floor of mouth, NOS" share no value but most words.
func (m *matcher) valueWords(a, b *fieldProf, ac *acc) {
	sa, sb := a.sample, b.sample
	if len(sa.words) < 2 || len(sb.words) < 2 {
		return
	}
	n := float64(len(m.dst))
	var in, all float64
	for w := range sa.words {
		idf := math.Log(1 + n/float64(max(1, m.dstVDF[w])))
		all += idf
		if _, ok := sb.words[w]; ok {
			in += idf
		}
	}
	if all == 0 {
		return
	}
	share := in / all
	if in == 0 {
		return
	}
	// a free-text target (a vocabulary much larger than the source's) holds
	// any word: its agreement counts for less
	spread := math.Max(1, math.Log10(float64(len(sb.words))/float64(len(sa.words))+1)*2)
	// words every field's values use (one pool of words everywhere) are
	// weak evidence however many are shared: weigh by their mean rarity
	rarity := all / float64(len(sa.words)) / math.Log(1+n)
	x := wValueWords * share * rarity / spread
	if x >= 0.01 {
		ac.add("data", x, func() string {
			return fmt.Sprintf("value words shared: %.0f%% (idf-weighted) of %d", share*100, len(sa.words))
		})
	}
}

const wValueWords = 0.2
