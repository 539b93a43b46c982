package suggest

import (
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping/internal/textin"
	"github.com/seamhq/seam/mapping/schema"
)

// tok is one word of a field name with its matching weight.
type tok struct {
	word
	cid      int32
	weight   float64
	quals    []string // qualifier groups
	temporal bool
	key      bool
}

// fieldProf is everything the matcher needs about one field, computed
// once per Suggest call.
type fieldProf struct {
	f       *schema.Field
	idx     int
	path    string
	name    string // the name as the user reads it
	folded  string // lower case, letters and digits only
	toks    []tok
	ctx     map[int32]string // context concepts: parents, schema, stripped prefixes
	roles   map[string]string
	desc    map[int32]float64 // tf-idf, unit length
	descCs  []int32           // description concepts in order
	descRaw []string          // the words as written, parallel to descCs
	hasDsc  bool
	class   typeClass
	ownKey  bool
	ref     bool
	custom  bool
	line    int // address line number (1, 2) when the field is one
	person  bool
	first   bool
	last    bool
	coreK   string
	twins   map[string]bool // qualifier word -> the same name without it exists
	sample  *sampleProf
	depth   int    // arrays above the field: values per record
	epoch   string // "epoch_s" or "epoch_ms" for Unix times held as numbers
	// writableKey: a primary key the writer must supply (required, no
	// default, not generated): a migration fills it with the source's key
	writableKey bool
	// entity: for a nested object's key (customer.id), the concepts of
	// the entity it refers to
	entity []int32
	// display: the value is a display copy (presentment currency,
	// formatted text) of another field
	display bool
}

// impliedTime gives a time field named by its event alone ("created",
// "processed") the time word its name leaves out, so that it meets
// "created_date" and "invoice_date" on the word they share.
func (p *fieldProf) impliedTime(v *vocab) {
	n := len(p.toks)
	if n == 0 || n > 2 {
		return
	}
	for _, t := range p.toks {
		if t.temporal {
			return
		}
	}
	last := p.toks[n-1]
	event := false
	for _, g := range last.quals {
		if g == "event" {
			event = true
		}
	}
	if !event && !businessEvents[last.raw] {
		return
	}
	t := tok{word: word{raw: "date", concept: "date"}, weight: 0.35, temporal: true}
	t.cid = v.id("date")
	p.toks = append(p.toks, t)
}

// refDescription: the description says the value is another record's id.
func refDescription(d string) bool {
	d = strings.ToLower(d)
	return strings.HasPrefix(d, "id of ") || strings.HasPrefix(d, "the id of ") || strings.HasPrefix(d, "identifier of ") || strings.HasPrefix(d, "the identifier of ")
}

// withParentMeaning names a generic leaf ("amount") by its nearest
// meaningful parent: totalShippingPriceSet.shopMoney.amount reads as
// "total shipping price amount". Wrapper parents (shopMoney) are skipped.
func withParentMeaning(path string, ws []word, dict map[string]bool) []word {
	if len(ws) != 1 || !genericLeaves[ws[0].concept] {
		return ws
	}
	segs := strings.Split(path, ".")
	for i := len(segs) - 2; i >= 0; i-- {
		seg := strings.TrimSuffix(segs[i], "[]")
		var kept []word
		for _, w := range fold(rawWords(seg, dict)) {
			if !wrapperWords[w.concept] {
				kept = append(kept, w)
			}
		}
		if len(kept) > 0 {
			for _, w := range kept {
				if measureWords[w.concept] {
					return kept
				}
			}
			return append(kept, ws...)
		}
		if strings.HasSuffix(segs[i], "[]") {
			break
		}
	}
	return ws
}

// nestedObjectKey: the path is an id inside a nested object (not the
// record's, not an array element's): customer.id, app.id.
func nestedObjectKey(path string) bool {
	i := strings.LastIndexByte(path, '.')
	return i > 0 && !strings.HasSuffix(path[:i], "[]")
}

// vocab interns concepts as small integers.
type vocab struct {
	ids   map[string]int32
	names []string
}

func (v *vocab) id(s string) int32 {
	if i, ok := v.ids[s]; ok {
		return i
	}
	i := int32(len(v.names))
	v.ids[s] = i
	v.names = append(v.names, s)
	return i
}

// schemaContext returns the concepts that name the schema: its name,
// selector, file stem and folder.
func schemaContext(s *schema.Schema) []word {
	var parts []string
	parts = append(parts, s.Name, s.Selector)
	if s.File != "" {
		base := filepath.Base(s.File)
		parts = append(parts, strings.TrimSuffix(base, filepath.Ext(base)), filepath.Base(filepath.Dir(s.File)))
	}
	var out []word
	for _, p := range parts {
		if p == "" || p == "." || p == "/" {
			continue
		}
		out = append(out, fold(rawWords(p, lex.dict))...)
	}
	return out
}

// candidateFields returns the fields that can be mapped: leaves, and
// arrays of scalars as one field (their "[]" element is skipped).
func candidateFields(s *schema.Schema) []*schema.Field {
	var out []*schema.Field
	var walk func(fs []*schema.Field)
	walk = func(fs []*schema.Field) {
		for _, f := range fs {
			if f.Type == schema.Array {
				if e := f.Elem(); e == nil || e.IsLeaf() {
					out = append(out, f)
					continue
				}
			}
			if f.IsLeaf() {
				if f.Name != "[]" {
					out = append(out, f)
				}
				continue
			}
			walk(f.Children)
		}
	}
	walk(s.Fields)
	return out
}

// profileSchema builds the profiles of one side.
func profileSchema(s *schema.Schema, v *vocab, dict map[string]bool) []*fieldProf {
	fields := candidateFields(s)
	sctx := schemaContext(s)
	sctxSet := map[string]bool{}
	for _, w := range sctx {
		sctxSet[w.concept] = true
		sctxSet[stem(w.raw)] = true
	}
	// A first word shared by most fields is a prefix ("property_").
	firsts := map[string]int{}
	words := make([][]word, len(fields))
	for i, f := range fields {
		words[i] = fold(rawWords(f.Name, dict))
		if len(words[i]) > 1 {
			firsts[words[i][0].raw]++
		}
	}
	prefix := ""
	for w, n := range firsts {
		if len(fields) >= 4 && n*2 > len(fields) {
			prefix = w
		}
	}
	ps := make([]*fieldProf, len(fields))
	for i, f := range fields {
		p := &fieldProf{f: f, idx: i, path: f.Path, name: f.Name, ctx: map[int32]string{}, roles: map[string]string{}}
		p.folded = foldName(f.Name)
		ws := withParentMeaning(f.Path, words[i], dict)
		// custom-field suffix (_c, __c)
		if n := len(ws); n > 1 && ws[n-1].raw == "c" {
			p.custom = true
			ws = ws[:n-1]
		}
		for _, w := range sctx {
			p.ctx[v.id(w.concept)] = w.raw
		}
		// parents
		for _, seg := range strings.Split(f.Path, ".") {
			seg = strings.TrimSuffix(seg, "[]")
			if seg == "" || seg == f.Name {
				continue
			}
			for _, w := range fold(rawWords(seg, dict)) {
				p.ctx[v.id(w.concept)] = w.raw
				for _, g := range lex.qual[w.concept] {
					if softQualifierGroups[g] {
						p.roles[g] = w.concept
					}
				}
			}
		}
		for _, seg := range strings.Split(f.Path, ".") {
			for _, w := range rawWords(strings.TrimSuffix(seg, "[]"), dict) {
				if displayWords[w.concept] {
					p.display = true
				}
			}
		}
		// strip a schema-wide prefix or a first word naming the schema
		if len(ws) > 1 && (ws[0].raw == prefix || sctxSet[ws[0].concept] || sctxSet[stem(ws[0].raw)]) {
			p.ctx[v.id(ws[0].concept)] = ws[0].raw
			ws = ws[1:]
		}
		p.toks = makeToks(ws, v)
		p.classify()
		if p.isBareName() {
			// what a bare "name" names: its parent, or the record
			about := sctx
			if parent := parentOf(f.Path); parent != "" {
				about = fold(rawWords(lastSegment(parent), dict))
			}
			for _, w := range about {
				if personWords[w.concept] || personWords[stem(w.raw)] {
					p.person = true
				}
			}
		}
		p.class = classOf(f)
		p.depth = strings.Count(f.Path, "[]")
		if p.epoch = epochUnit(f); p.epoch == "" {
			p.epoch = epochByName(p)
		}
		if p.epoch != "" {
			p.class = clTemporal
		}
		if p.class == clTemporal {
			p.impliedTime(v)
		}
		if p.ownKey && nestedObjectKey(f.Path) {
			// customer.id in an order is the customer's key: a reference
			// to the entity its parent names
			p.ownKey, p.ref = false, true
			for _, w := range fold(rawWords(lastSegment(parentOf(f.Path)), dict)) {
				p.entity = append(p.entity, v.id(w.concept))
			}
		}
		if !p.ownKey && !p.ref && f.Type == schema.String && refDescription(f.Description) {
			p.ref = true // "The ID of the customer who will be billed."
		}
		if f.PrimaryKey {
			p.ownKey, p.ref = true, false
		}
		p.writableKey = f.PrimaryKey && f.Required && f.Default == nil && !f.ReadOnly && !f.Generated
		if f.References != "" && !p.ownKey {
			p.ref = true
		}
		ps[i] = p
	}
	streetFromSiblings(ps, v)
	// twins: the same name without one qualifier exists on this side.
	keys := map[string]bool{}
	for _, p := range ps {
		keys[p.coreK] = true
	}
	for _, p := range ps {
		for i, t := range p.toks {
			if len(t.quals) == 0 {
				continue
			}
			var rest []string
			for j, u := range p.toks {
				if j != i {
					rest = append(rest, u.concept)
				}
			}
			sort.Strings(rest)
			if len(rest) > 0 && keys[strings.Join(rest, " ")] {
				if p.twins == nil {
					p.twins = map[string]bool{}
				}
				p.twins[t.concept] = true
			}
		}
	}
	return ps
}

// makeToks weights the words of a name.
func makeToks(ws []word, v *vocab) []tok {
	var kept []word
	for _, w := range ws {
		if stopwords[w.concept] && !temporalWords[w.concept] {
			continue
		}
		kept = append(kept, w)
	}
	if len(kept) == 0 {
		kept = ws
	}
	var content int
	for _, w := range kept {
		if !temporalWords[w.concept] && !keyWords[w.concept] && !textin.AllDigits(w.concept) {
			content++
		}
	}
	out := make([]tok, 0, len(kept))
	for i, w := range kept {
		t := tok{word: w, weight: 1}
		if (w.concept == "at" || w.concept == "on") && i < len(kept)-1 {
			continue // "on_behalf_of": a preposition, not a time
		}
		if temporalWords[w.concept] {
			t.temporal = true
			t.concept = "date"
			if content > 0 {
				t.weight = 0.35
			}
		}
		if keyWords[w.concept] {
			t.key = true
			if content > 0 {
				t.weight = 0.5
			}
		}
		if textin.AllDigits(w.concept) {
			t.weight = 0.3
		}
		if w.concept == "number" && content > 1 {
			t.weight = 0.6
		}
		t.quals = lex.qual[w.concept]
		if len(t.quals) > 0 {
			soft := true
			for _, g := range t.quals {
				if !softQualifierGroups[g] {
					soft = false
				}
			}
			if soft {
				t.weight = 0.35
			} else if content > 1 {
				t.weight = 0.8
			}
		}
		t.cid = v.id(t.concept)
		out = append(out, t)
	}
	return out
}

func (p *fieldProf) classify() {
	var cs []string
	nonKey := 0
	for _, t := range p.toks {
		cs = append(cs, t.concept)
		if !t.key {
			nonKey++
		}
		switch t.concept {
		case "first":
			p.first = true
		case "last":
			p.last = true
		}
		if personWords[t.concept] {
			p.person = true
		}
	}
	sort.Strings(cs)
	p.coreK = strings.Join(cs, " ")
	hasName := p.has("name") || p.has("full name")
	if !hasName {
		p.first, p.last = false, false
		p.person = false
	}
	if hasName && (p.has("company") || orgWordsIn(p)) {
		p.person = false
	}
	if nonKey == 0 && len(p.toks) > 0 {
		p.ownKey = true
	} else if nonKey < len(p.toks) {
		p.ref = true
	}
	// address lines: street/address/line + digit
	for _, t := range p.toks {
		if t.concept == "street2" {
			p.line = 2
		}
	}
	if p.line == 0 && (p.has("street") || p.has("address") || p.has("line")) {
		p.line = 0
		for _, t := range p.toks {
			if textin.AllDigits(t.concept) {
				p.line = int(t.concept[0] - '0')
			}
		}
		if p.line == 0 && p.has("street") {
			p.line = 1
		}
	}
}

func orgWordsIn(p *fieldProf) bool {
	for _, t := range p.toks {
		if orgWords[t.concept] {
			return true
		}
	}
	return false
}

// isBareName: the name is just "name" or "full name".
func (p *fieldProf) isBareName() bool {
	if len(p.toks) == 1 && (p.toks[0].concept == "name" || p.toks[0].concept == "full name") {
		return true
	}
	return len(p.toks) == 2 && p.has("full") && p.has("name")
}

func (p *fieldProf) has(c string) bool {
	for _, t := range p.toks {
		if t.concept == c {
			return true
		}
	}
	return false
}

// foldName lower-cases and drops everything but letters and digits.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// describe fills the tf-idf description vectors of both sides and returns
// per side how many descriptions hold each concept.
func describe(src, dst []*fieldProf, v *vocab) (srcDF, dstDF map[int32]int) {
	srcDF, dstDF = map[int32]int{}, map[int32]int{}
	df := map[int32]int{}
	docs := 0
	seqs := map[*fieldProf][]int32{}
	for si, side := range [][]*fieldProf{src, dst} {
		sideDF := srcDF
		if si == 1 {
			sideDF = dstDF
		}
		// a description repeated verbatim on three or more fields of a side ("no values in the
		// sample", "Deprecated.") cannot tell its fields apart
		seenText := map[string]int{}
		for _, p := range side {
			seenText[strings.TrimSpace(p.f.Description)]++
		}
		for _, p := range side {
			if d := strings.TrimSpace(p.f.Description); d == "" || seenText[d] > 2 {
				continue
			}
			ws := textWords(p.f.Description)
			var seq []int32
			var raw []string
			seen := map[int32]bool{}
			for _, w := range ws {
				c := w.concept
				if temporalWords[c] {
					c = "date"
				}
				id := v.id(c)
				seq = append(seq, id)
				raw = append(raw, w.raw)
				if !seen[id] {
					seen[id] = true
					df[id]++
					sideDF[id]++
				}
			}
			if len(seq) > 0 {
				docs++
				seqs[p] = seq
				p.descRaw = raw
			}
		}
	}
	for p, seq := range seqs {
		vec := map[int32]float64{}
		for _, id := range seq {
			vec[id] += math.Log(1 + float64(docs)/float64(df[id]))
		}
		var n float64
		for _, x := range vec {
			n += x * x
		}
		n = math.Sqrt(n)
		for k := range vec {
			vec[k] /= n
		}
		p.desc = vec
		p.descCs = seq
		p.hasDsc = true
	}
	return srcDF, dstDF
}

// streetFromSiblings reads a bare "address" beside city / zip / state
// fields as the street line: the other parts of the address have their
// own fields.
func streetFromSiblings(ps []*fieldProf, v *vocab) {
	parts := map[string]int{}
	for _, p := range ps {
		for _, t := range p.toks {
			switch t.concept {
			case "city", "zip", "state", "country":
				parts[parentOf(p.path)]++
			}
		}
	}
	for _, p := range ps {
		if len(p.toks) != 1 || p.toks[0].concept != "address" || parts[parentOf(p.path)] < 2 {
			continue
		}
		t := &p.toks[0]
		t.concept, t.rel, t.cid = "street", relSyn, v.id("street")
		p.line = 1
		p.coreK = "street"
	}
}

func lastSegment(path string) string {
	path = strings.TrimSuffix(path, "[]")
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	return strings.TrimSuffix(path, "[]")
}

// epochByName reads an integer whose name ends in a time word
// (ordertime, created_ts, updated_at) as a Unix time: milliseconds when its
// declared range or its width says so (a 64-bit "long", the Java and Avro
// convention for times), seconds otherwise.
func epochByName(p *fieldProf) string {
	f := p.f
	if f.Type != schema.Integer || len(p.toks) < 2 {
		return ""
	}
	last := p.toks[len(p.toks)-1]
	switch last.raw {
	case "time", "timestamp", "ts", "at", "datetime":
	default:
		return ""
	}
	switch {
	case f.Max != nil && *f.Max >= 1e11, f.Min != nil && *f.Min >= 1e11:
		return "epoch_ms"
	case f.Max != nil || f.Min != nil, f.Bits != 0 && f.Bits < 64:
		return "epoch_s"
	}
	return "epoch_ms"
}

// epochUnit recognises a Unix time held as a number: by format, or by a
// description that says so.
func epochUnit(f *schema.Field) string {
	if f.Type != schema.Integer && f.Type != schema.Decimal && f.Type != schema.Float {
		return ""
	}
	fm := strings.ToLower(f.Format)
	d := strings.ToLower(f.Description)
	ms := strings.Contains(fm, "millis") || strings.Contains(d, "milliseconds since")
	switch {
	case fm == "unix-time" || fm == "unix_time" || fm == "epoch" || strings.HasPrefix(fm, "timestamp-"),
		strings.Contains(d, "unix epoch") || strings.Contains(d, "unix time") || strings.Contains(d, "epoch time"):
		if ms {
			return "epoch_ms"
		}
		return "epoch_s"
	}
	return ""
}
