package suggest

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/xrash/smetrics"
)

// Kinds of word relation found between two names.
const (
	kExact uint8 = iota
	kAbbr
	kSyn
	kStem
	kRelated
	kAntonym
	kFuzzy
	kPrefix
	kContext
)

var kindNames = [...]string{"", "abbreviation", "synonym", "stem", "related", "opposite", "spelling", "prefix", "context"}

type relInfo struct {
	sim  float64
	kind uint8
}

// relations precomputes how the concepts of one side relate to the
// concepts of the other: O(V_src * V_dst) once, not per field pair.
type relations struct {
	m   map[uint64]relInfo
	adj map[int32][]int32 // source concept -> related target concepts
}

func relKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

func buildRelations(src, dst []*fieldProf, v *vocab) *relations {
	r := &relations{m: map[uint64]relInfo{}, adj: map[int32][]int32{}}
	sv, dv := conceptSet(src), conceptSet(dst)
	for a := range sv {
		an := v.names[a]
		for b := range dv {
			if a == b {
				continue
			}
			bn := v.names[b]
			ri, ok := relate(an, bn)
			if !ok {
				continue
			}
			r.m[relKey(a, b)] = ri
			r.adj[a] = append(r.adj[a], b)
		}
	}
	return r
}

func conceptSet(ps []*fieldProf) map[int32]bool {
	s := map[int32]bool{}
	for _, p := range ps {
		for _, t := range p.toks {
			s[t.cid] = true
		}
	}
	return s
}

// relate finds a relation between two different concepts.
func relate(a, b string) (relInfo, bool) {
	if s, ok := lex.related[[2]string{a, b}]; ok {
		return relInfo{s, kRelated}, true
	}
	if lex.antonym[[2]string{a, b}] {
		return relInfo{0.8, kAntonym}, true
	}
	if stem(a) == stem(b) {
		return relInfo{0.95, kStem}, true
	}
	knownA, knownB := lex.dict[a] || lex.phrases[a] != "", lex.dict[b] || lex.phrases[b] != ""
	if knownA && knownB {
		return relInfo{}, false
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) >= 3 && len(long) >= 5 && strings.HasPrefix(long, short) && !(lex.dict[short] || lex.phrases[short] != "") {
		return relInfo{0.75, kPrefix}, true
	}
	if len(a) >= 4 && len(b) >= 4 {
		if jw := smetrics.JaroWinkler(a, b, 0.7, 4); jw >= 0.92 {
			return relInfo{0.85 * jw, kFuzzy}, true
		}
	}
	return relInfo{}, false
}

// tokSim is the similarity of two name words.
func (r *relations) tokSim(a, b *tok) (float64, uint8) {
	if a.cid == b.cid {
		if a.rel == relSame && b.rel == relSame || stem(a.raw) == stem(b.raw) {
			return 1, kExact
		}
		if a.rel == relAbbr || b.rel == relAbbr {
			return 0.95, kAbbr
		}
		return 0.92, kSyn
	}
	if ri, ok := r.m[relKey(a.cid, b.cid)]; ok {
		return ri.sim, ri.kind
	}
	return 0, 0
}

// nameMatch is the outcome of comparing two names.
type nameMatch struct {
	sim      float64
	notes    []string
	unA, unB []int // indexes of words left unmatched
	antonym  bool
}

const matchFloor = 0.5

// matchNames computes a weighted soft Dice over the words of two names:
// each word counts its best partner's similarity, words the other side
// lacks may still be found in its context (parents, schema name).
func (m *matcher) matchNames(a, b *fieldProf, explain bool) nameMatch {
	var nm nameMatch
	if a.folded == b.folded && a.folded != "" {
		nm.sim = 1
		if explain {
			nm.notes = append(nm.notes, "same name")
		}
		return nm
	}
	var num, den float64
	// scratch buffers reused across pairs (a matcher is single-threaded);
	// nm.unA and nm.unB stay valid until the next matchNames call
	if cap(m.bestB) < len(b.toks) {
		m.bestB = make([]float64, len(b.toks))
	}
	bestB := m.bestB[:len(b.toks)]
	clear(bestB)
	nm.unA, nm.unB = m.unA[:0], m.unB[:0]
	defer func() { m.unA, m.unB = nm.unA, nm.unB }()
	for i := range a.toks {
		ta := &a.toks[i]
		best, bk, bj := 0.0, uint8(0), -1
		for j := range b.toks {
			s, k := m.rel.tokSim(ta, &b.toks[j])
			if s > best {
				best, bk, bj = s, k, j
			}
			if s > bestB[j] {
				bestB[j] = s
			}
		}
		if best < matchFloor {
			if raw, ok := b.ctx[ta.cid]; ok {
				best, bk = 0.8, kContext
				if explain {
					nm.notes = append(nm.notes, ta.raw+": context "+raw)
				}
			} else {
				nm.unA = append(nm.unA, i)
				best = 0
			}
		} else if bk != kExact && !(ta.temporal && b.toks[bj].temporal) {
			if explain {
				nm.notes = append(nm.notes, ta.raw+"="+b.toks[bj].raw+" "+kindNames[bk])
			}
			if bk == kAntonym {
				nm.antonym = true
			}
		}
		num += ta.weight * best
		den += ta.weight
	}
	for j := range b.toks {
		tb := &b.toks[j]
		s := bestB[j]
		if s < matchFloor {
			if raw, ok := a.ctx[tb.cid]; ok {
				s = 0.8
				if explain {
					nm.notes = append(nm.notes, tb.raw+": context "+raw)
				}
			} else {
				nm.unB = append(nm.unB, j)
				s = 0
			}
		}
		num += tb.weight * s
		den += tb.weight
	}
	if den > 0 {
		nm.sim = num / den
	}
	return nm
}

// acc accumulates a pair's score; with explain set it also records the
// reasons. Detail text is built only when explaining, so the first pass
// over all candidate pairs formats nothing.
type acc struct {
	c       *cand
	explain bool
}

// add adds x and, when explaining, a reason whose detail detail() builds.
func (ac *acc) add(sig string, x float64, detail func() string) {
	ac.c.score += x
	if ac.explain {
		ac.c.reasons = append(ac.c.reasons, Reason{Signal: sig, Detail: detail(), Contribution: round2(x)})
	}
}

// addS adds x with a fixed detail.
func (ac *acc) addS(sig string, x float64, detail string) {
	ac.c.score += x
	if ac.explain {
		ac.c.reasons = append(ac.c.reasons, Reason{Signal: sig, Detail: detail, Contribution: round2(x)})
	}
}

// score computes every signal for one source -> target pair; explain
// records the reasons too.
func (m *matcher) score(a, b *fieldProf, explain bool) cand {
	c := cand{s: a.idx, t: b.idx, limit: 1}
	ac := &acc{c: &c, explain: explain}
	nm := m.matchNames(a, b, explain)
	ac.add("name", wName*nm.sim, func() string {
		detail := a.name + " ~ " + b.name
		if len(nm.notes) > 0 {
			detail += " (" + strings.Join(nm.notes, "; ") + ")"
		}
		return detail
	})
	c.antonym = nm.antonym
	if nm.sim < 0.9 && a.folded != "" && b.folded != "" && a.folded[0] == b.folded[0] { // a spelling bonus needs jw - 0.1 > sim
		if jw := smetrics.JaroWinkler(a.folded, b.folded, 0.7, 4); jw > 0.9 && jw-0.1 > nm.sim {
			ac.add("spelling", 0.15*(jw-nm.sim), func() string { return fmt.Sprintf("%s ~ %s jaro-winkler %.2f", a.folded, b.folded, jw) })
		}
	}
	m.qualifiers(a, b, nm, &c, ac)
	m.keys(a, b, nm, &c, ac)
	m.recordDate(a, b, ac)
	switch {
	case a.depth > b.depth: // many values per record into one: lossy
		ac.add("context", -0.25, func() string {
			return fmt.Sprintf("cardinality: %s repeats (inside %d arrays), %s does not", a.path, a.depth, b.path)
		})
	case a.depth < b.depth: // one value becomes one element
		ac.add("context", -0.05, func() string {
			return fmt.Sprintf("cardinality: %s becomes an element of %s", a.path, parentOf(b.path))
		})
	}
	if a.display != b.display {
		ac.addS("context", -0.03, "a display copy (presentment currency, formatted text) on one side only")
	}
	if a.custom != b.custom {
		ac.addS("context", -0.05, "custom field on one side only")
	}
	m.descriptions(a, b, nm.sim, ac)
	typeSignals(a, b, ac)
	if a.sample != nil || b.sample != nil {
		m.dataSignals(a, b, ac)
		if a.sample != nil && b.sample != nil {
			m.valueWords(a, b, ac)
		}
		if a.sample != nil && m.vb != nil && m.dst[b.idx] == b {
			m.relativeVocab(a, b, ac)
		}
	}
	// not capped at 1 here: an exact name with agreeing data must not tie
	// with a synonym at the cap; a proposal's confidence is capped
	c.score = math.Max(0, c.score)
	if c.limit < 1 {
		c.score = math.Min(c.limit, c.score)
	}
	return c
}

const wName = 0.7

// qualifiers lowers pairs whose names differ by a qualifier (home phone vs
// phone, billing vs shipping, first vs last) and flags decoys.
func (m *matcher) qualifiers(a, b *fieldProf, nm nameMatch, c *cand, ac *acc) {
	// (group, word) of each side's unmatched qualifiers, plus the roles
	// its parents give it; small slices, not maps: this runs per pair.
	type gw struct{ g, w string }
	var buf [16]gw
	qa, qb := buf[:0:8], buf[8:8:16]
	has := func(q []gw, g string) (string, bool) {
		for _, x := range q {
			if x.g == g {
				return x.w, true
			}
		}
		return "", false
	}
	put := func(q []gw, g, w string) []gw {
		for i := range q {
			if q[i].g == g {
				q[i].w = w
				return q
			}
		}
		return append(q, gw{g, w})
	}
	for _, i := range nm.unA {
		for _, g := range a.toks[i].quals {
			qa = put(qa, g, a.toks[i].concept)
		}
	}
	for _, j := range nm.unB {
		for _, g := range b.toks[j].quals {
			qb = put(qb, g, b.toks[j].concept)
		}
	}
	if len(a.roles) > 0 {
		for _, g := range sortedKeys(a.roles) {
			if _, ok := has(qa, g); !ok && !b.hasConcept(a.roles[g]) {
				qa = put(qa, g, a.roles[g])
			}
		}
	}
	if len(b.roles) > 0 {
		for _, g := range sortedKeys(b.roles) {
			if _, ok := has(qb, g); !ok && !a.hasConcept(b.roles[g]) {
				qb = put(qb, g, b.roles[g])
			}
		}
	}
	if len(qa) == 0 && len(qb) == 0 {
		return
	}
	var gbuf [16]string
	groups := gbuf[:0]
	for _, x := range qa {
		groups = append(groups, x.g)
	}
	for _, x := range qb {
		if _, ok := has(qa, x.g); !ok {
			groups = append(groups, x.g)
		}
	}
	sort.Strings(groups)
	conflict := false
	var done [16]string
	seen := done[:0]
	isSeen := func(w string) bool {
		for _, x := range seen {
			if x == w {
				return true
			}
		}
		return false
	}
	for _, g := range groups {
		x, inA := has(qa, g)
		y, inB := has(qb, g)
		switch {
		case inA && inB:
			if x != y && !conflict {
				conflict = true
				c.decoy = true
				ac.add("decoy", -0.35, func() string { return g + ": " + x + " vs " + y })
			}
		case inA && !isSeen(x):
			seen = append(seen, x)
			m.oneSided(g, x, a, b, c, ac)
		case inB && !isSeen(y):
			seen = append(seen, y)
			m.oneSided(g, y, b, a, c, ac)
		}
	}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// oneSided handles a qualifier word that only field p has.
func (m *matcher) oneSided(g, w string, p, other *fieldProf, c *cand, ac *acc) {
	soft := true
	for _, x := range lex.qual[w] {
		if !softQualifierGroups[x] {
			soft = false
		}
	}
	if unmarkedQualifiers[w] {
		soft = true
	}
	if p.twins[w] {
		c.decoy = true
		ac.add("decoy", -0.2, func() string {
			return fmt.Sprintf("%s adds %q that %s lacks, and its side also has the plain field", p.name, w, other.name)
		})
		return
	}
	if soft {
		ac.add("context", -0.03, func() string { return fmt.Sprintf("%s: %s only on %s", g, w, p.name) })
		return
	}
	ac.add("qualifier", -0.1, func() string { return fmt.Sprintf("%s: %s only on %s", g, w, p.name) })
}

func (p *fieldProf) hasConcept(c string) bool {
	for _, t := range p.toks {
		if t.concept == c {
			return true
		}
	}
	for _, r := range p.ctx {
		if r == c {
			return true
		}
	}
	return false
}

// keys keeps a record's own identifier out of another system's key, and
// references to different entities apart.
func (m *matcher) keys(a, b *fieldProf, nm nameMatch, c *cand, ac *acc) {
	switch {
	case a.ownKey && b.ownKey && b.writableKey:
		ac.add("identity", 0.1, func() string {
			return b.name + " is a key the writer must supply (required, no default): the source's own key " + a.name + " fills it"
		})
	case a.ownKey && b.ownKey:
		ac.addS("identity", -0.5, "both are the record's own key; keys of two systems are not interchangeable")
		c.limit = identityLimit
	case len(a.entity) > 0 && b.ownKey && !b.hasAnyTok(a.entity):
		ac.addS("identity", -0.3, "a key of another entity (the parent object) is not the record's own key")
		c.limit = identityLimit
	case a.ownKey && b.ref:
		ac.add("identity", -0.3, func() string { return a.name + " is the record's key, " + b.name + " a reference" })
	case a.ref && b.ownKey:
		ac.add("identity", -0.3, func() string { return a.name + " is a reference, " + b.name + " the record's key" })
	case !a.ref && b.ref:
		ac.add("identity", -0.1, func() string { return b.name + " is a reference, " + a.name + " a value: resolve it with a lookup" })
	case a.ref && !b.ref:
		ac.add("identity", -0.2, func() string { return a.name + " is a reference, " + b.name + " a value" })
	case a.ref && b.ref && (len(a.entity) > 0 && !b.hasAnyTok(a.entity) || len(b.entity) > 0 && !a.hasAnyTok(b.entity)):
		ac.addS("identity", -0.3, "references to different entities (the parent object names what the key refers to)")
	case a.ref && b.ref:
		entityA, entityB := 0, 0
		for _, t := range a.toks {
			if !t.key {
				entityA++
			}
		}
		un := 0
		for _, i := range nm.unA {
			if !a.toks[i].key {
				un++
			}
		}
		for _, t := range b.toks {
			if !t.key {
				entityB++
			}
		}
		if entityA > 0 && entityB > 0 && un == entityA {
			ac.addS("identity", -0.15, "references to different things")
		}
	}
}

func (p *fieldProf) hasAnyTok(ids []int32) bool {
	for _, t := range p.toks {
		for _, id := range ids {
			if t.cid == id {
				return true
			}
		}
	}
	return false
}

// recordDate: a target that is just "date" once the schema's own name is
// stripped (orders.order_date, invoice.invoice_date) is the record's
// business date; a top-level event time of the source fills it: a business
// event (processed, placed, issued) first, the creation time next.
func (m *matcher) recordDate(a, b *fieldProf, ac *acc) {
	if len(b.toks) != 1 || !b.toks[0].temporal || a.class != clTemporal || strings.Contains(a.path, ".") || strings.Contains(a.path, "[]") {
		return
	}
	for _, t := range a.toks {
		switch {
		case businessEvents[t.raw] || businessEvents[t.concept]:
			ac.add("time", 0.35, func() string {
				return b.name + " is the record's date; " + a.name + " is when the business event happened"
			})
			return
		case t.concept == "created":
			ac.add("time", 0.3, func() string { return b.name + " is the record's date; " + a.name + " is when the record was created" })
			return
		}
	}
}

// descriptions compares the documentation of both fields.
func (m *matcher) descriptions(a, b *fieldProf, nameSim float64, ac *acc) {
	if a.hasDsc && b.hasDsc {
		var dot float64
		x, y := a.desc, b.desc
		if len(x) > len(y) {
			x, y = y, x
		}
		for k, v := range x {
			dot += v * y[k]
		}
		if dot > 0.05 {
			ac.add("description", wDesc*dot, func() string { return fmt.Sprintf("descriptions share words %.2f", dot) })
		}
	}
	best := 0.0
	var who, ph string
	if s, p := nameInText(b, a, m.srcDF); s > best {
		best, who, ph = s, a.name, p
	}
	if s, p := nameInText(a, b, m.dstDF); s > best {
		best, who, ph = s, b.name, p
	}
	if best > 0 {
		// the less the names agree, the more a description naming the
		// other field tells
		ac.add("description", best*(1-0.6*nameSim), func() string { return fmt.Sprintf("%s's description mentions %q", who, ph) })
	}
}

const wDesc = 0.3

// nameInText: does the description of d name field n? Returns 0.25 for
// the whole name as a phrase, 0.12 for all its words apart; common words
// (in many descriptions) do not count.
func nameInText(n, d *fieldProf, df map[int32]int) (float64, string) {
	if !d.hasDsc || len(n.toks) == 0 {
		return 0, ""
	}
	var ids []int32
	var raws []string
	rare := false
	for _, t := range n.toks {
		if len(n.toks) > 1 && (t.key || t.weight < 0.5) {
			continue
		}
		ids = append(ids, t.cid)
		raws = append(raws, t.raw)
		if df[t.cid] <= 2 {
			rare = true
		}
	}
	if len(ids) == 0 || !rare {
		return 0, ""
	}
	seq := d.descCs
	for i := 0; i+len(ids) <= len(seq); i++ {
		ok := true
		for k := range ids {
			if seq[i+k] != ids[k] {
				ok = false
				break
			}
		}
		if ok {
			return 0.25, strings.Join(d.descRaw[i:i+len(ids)], " ")
		}
	}
	if len(ids) > 1 {
		for _, id := range ids {
			if _, ok := d.desc[id]; !ok {
				return 0, ""
			}
		}
		return 0.12, strings.Join(raws, " ")
	}
	return 0, ""
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
