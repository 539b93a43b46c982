// Package suggest proposes mapping rules between two schemas: it scores
// every plausible (source, target) pair on several signals — names folded
// across case styles, abbreviations and synonyms; context (parents, schema
// names, prefixes, decoy qualifiers); descriptions; types and constraints;
// sample data — records each signal as a reason with its contribution,
// then picks a global one-to-one assignment (Hungarian algorithm per
// connected component of the candidate graph), adds explicit 1:n and n:1
// proposals (name -> first/last, first+last -> name, address lines ->
// street) and proposes transforms in seam's expression language. Pairs
// below a threshold are left out: it abstains rather than guesses.
package suggest

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// DefaultMinConfidence is the threshold below which Suggest abstains.
const DefaultMinConfidence = 0.5

// Options tunes Suggest.
type Options struct {
	// MinConfidence: proposals below it are dropped. Zero means
	// DefaultMinConfidence.
	MinConfidence float64
	// SourceSample and TargetSample are optional data rows; they add value
	// pattern, range and overlap signals and detect date layouts.
	SourceSample, TargetSample []*value.Record
	// NoMulti disables the 1:n and n:1 proposals.
	NoMulti bool
	// NamesOnly ignores descriptions and samples: names, context and
	// types only (the "name-only" score of the ground-truth tables).
	NamesOnly bool
}

// Reason is one signal's part in a proposal's confidence.
type Reason struct {
	// Signal: name, spelling, context, qualifier, decoy, identity,
	// description, type, format, length, enum, data, split, join,
	// transform.
	Signal string
	// Detail says what was seen ("zip ~ MailingPostalCode (zip=postal code synonym)").
	Detail string
	// Contribution added to (or, negative, taken from) the confidence.
	Contribution float64
}

// Proposal is one suggested rule: usually one target from one source.
type Proposal struct {
	// Targets written; more than one for a 1:n split.
	Targets []string
	// Sources read; more than one for an n:1 join.
	Sources []string
	// Expr is the transform for a single target; empty means a checked
	// cast of the one source.
	Expr string
	// Exprs holds one expression per target when there are several.
	Exprs []string
	// Confidence in [0, 1].
	Confidence float64
	Reasons    []Reason
	// Decoy: the names differ by a qualifier (home phone vs phone); the
	// proposal is the best available but deserves a second look.
	Decoy bool
	// noRule: the pair is scored but becomes no rule (a cast the engine
	// cannot do, and no transform for it).
	noRule bool
}

// Why renders the reasons as short human lines: "name: amount ~ total 0.71".
func (p Proposal) Why() []string {
	out := make([]string, 0, len(p.Reasons))
	for _, r := range p.Reasons {
		if r.Contribution == 0 && r.Signal == "type" {
			continue
		}
		out = append(out, fmt.Sprintf("%s: %s %.2f", r.Signal, r.Detail, r.Contribution))
	}
	return out
}

// ExprFor returns the expression that writes target i.
func (p Proposal) ExprFor(i int) string {
	if len(p.Exprs) == len(p.Targets) && i < len(p.Exprs) {
		return p.Exprs[i]
	}
	return p.Expr
}

// cand is a scored (source, target) pair.
type cand struct {
	s, t    int
	score   float64
	reasons []Reason
	decoy   bool
	antonym bool
	limit   float64 // a veto caps the score
}

// identityLimit caps a pair of two records' own keys: seam never proposes
// sending one system's key into another's (SPEC: identity_misuse).
const identityLimit = 0.3

// matcher holds one Suggest call's state.
type matcher struct {
	opts         Options
	v            *vocab
	src, dst     []*fieldProf
	rel          *relations
	srcDF, dstDF map[int32]int
	dstVDF       map[string]int // value word -> target fields using it
	vb           *vocabBest     // closest value vocabularies per source field
	// scratch for matchNames
	bestB    []float64
	unA, unB []int
	// common[j] counts the distinct sample values source field commonSrc
	// shares with target j, counted once per source field by candidates
	// (an inverted index of the target's values) instead of once per
	// pair; commonSrc is -1 when not set.
	common    []int32
	commonSrc int
}

// Suggest proposes rules from src to dst, best first within target order.
func Suggest(src, dst *schema.Schema, opts Options) []Proposal {
	if src == nil || dst == nil {
		return nil
	}
	m := newMatcher(src, dst, &opts)
	cands := m.candidates()
	var props []Proposal
	usedS, usedT := map[int]bool{}, map[int]bool{}
	if !opts.NoMulti {
		props = append(props, m.splits(usedS, usedT)...)
	}
	var edges []cand
	for _, c := range cands {
		if c.score >= opts.MinConfidence && !usedS[c.s] && !usedT[c.t] {
			edges = append(edges, c)
		}
	}
	for _, c := range assign(len(m.src), len(m.dst), edges) {
		props = append(props, m.single(c))
		usedS[c.s], usedT[c.t] = true, true
	}
	if !opts.NoMulti {
		m.joinLines(props, usedS)
	}
	order := map[string]int{}
	for i, p := range m.dst {
		order[p.path] = i
	}
	sort.SliceStable(props, func(i, j int) bool {
		return order[props[i].Targets[0]] < order[props[j].Targets[0]]
	})
	return props
}

// newMatcher profiles both schemas (and samples) once; opts gets its
// defaults filled in.
func newMatcher(src, dst *schema.Schema, opts *Options) *matcher {
	if opts.MinConfidence <= 0 {
		opts.MinConfidence = DefaultMinConfidence
	}
	m := &matcher{opts: *opts, v: &vocab{ids: map[string]int32{}}, commonSrc: -1}
	dict := make(map[string]bool, len(lex.dict)+256)
	for w := range lex.dict {
		dict[w] = true
	}
	learnWords(src, dict)
	learnWords(dst, dict)
	m.src = profileSchema(src, m.v, dict)
	m.dst = profileSchema(dst, m.v, dict)
	if len(opts.SourceSample) > 0 && !opts.NamesOnly {
		attachSamples(m.src, opts.SourceSample)
	}
	if len(opts.TargetSample) > 0 && !opts.NamesOnly {
		attachSamples(m.dst, opts.TargetSample)
		m.dstVDF = valueWordDF(m.dst)
		if len(opts.SourceSample) > 0 {
			m.buildVocabBest()
		}
	}
	if opts.NamesOnly {
		m.srcDF, m.dstDF = map[int32]int{}, map[int32]int{}
	} else {
		m.srcDF, m.dstDF = describe(m.src, m.dst, m.v)
	}
	m.rel = buildRelations(m.src, m.dst, m.v)
	return m
}

// learnWords adds the words a schema spells out (split at separators or
// case) to the segmentation dictionary, so glued names on the other side
// can be cut at them.
func learnWords(s *schema.Schema, dict map[string]bool) {
	s.Walk(func(f *schema.Field) {
		parts := splitName(f.Name)
		if len(parts) > 1 {
			for _, p := range parts {
				if len(p) >= 3 && isASCIILower(p) {
					dict[p] = true
				}
			}
		}
	})
}

// candidates scores the pairs that share a word, a related word or a rare
// description word; other pairs cannot reach the threshold.
func (m *matcher) candidates() []cand {
	index := map[int32][]int32{}
	addIdx := func(id int32, j int) {
		l := index[id]
		if n := len(l); n > 0 && l[n-1] == int32(j) {
			return
		}
		index[id] = append(l, int32(j))
	}
	rareD := max(3, len(m.dst)/20)
	// weak words (a temporal or key suffix, a role) alone cannot reach
	// the threshold: they do not make pairs candidates
	strong := func(p *fieldProf, t *tok) bool { return t.weight >= 0.5 || len(p.toks) == 1 }
	for j, p := range m.dst {
		for k := range p.toks {
			if strong(p, &p.toks[k]) {
				addIdx(p.toks[k].cid, j)
			}
		}
		for id := range p.desc {
			if m.dstDF[id] <= rareD {
				addIdx(id, j)
			}
		}
	}
	// sample values shared by a few target fields
	values := map[string][]int32{}
	for j, p := range m.dst {
		if p.sample == nil {
			continue
		}
		for v := range p.sample.distinct {
			values[v] = append(values[v], int32(j))
		}
	}
	commonV := max(3, len(m.dst)/10)
	rareS := max(3, len(m.src)/20)
	// one worker per core, each with its own scratch (a shallow copy of
	// the matcher: everything else is read-only here); every source
	// field's candidates land in its own slot, so the order is the serial
	// one whatever the scheduling
	outs := make([][]cand, len(m.src))
	var next atomic.Int64
	work := func(w *matcher) {
		w.bestB, w.unA, w.unB = nil, nil, nil
		w.common = make([]int32, len(m.dst))
		var touched []int32
		mark := make([]int, len(m.dst))
		for i := range mark {
			mark[i] = -1
		}
		for {
			i := int(next.Add(1)) - 1
			if i >= len(m.src) {
				return
			}
			a := m.src[i]
			var list []int
			visit := func(id int32) {
				for _, j := range index[id] {
					if mark[j] != i {
						mark[j] = i
						list = append(list, int(j))
					}
				}
			}
			for k := range a.toks {
				t := &a.toks[k]
				visit(t.cid)
				if !strong(a, t) {
					continue
				}
				for _, r := range m.rel.adj[t.cid] {
					visit(r)
				}
			}
			for id := range a.desc {
				if m.srcDF[id] <= rareS {
					visit(id)
				}
			}
			if m.vb != nil {
				for _, j := range m.vb.near[i] {
					if mark[j] != i {
						mark[j] = i
						list = append(list, int(j))
					}
				}
			}
			for _, j := range touched {
				w.common[j] = 0
			}
			touched = touched[:0]
			if a.sample != nil && len(values) > 0 {
				for v := range a.sample.distinct {
					l := values[v]
					for _, j := range l {
						if w.common[j] == 0 {
							touched = append(touched, j)
						}
						w.common[j]++
					}
					if v == "" || len(l) > commonV {
						continue
					}
					for _, j := range l {
						if mark[j] != i {
							mark[j] = i
							list = append(list, int(j))
						}
					}
				}
			}
			w.commonSrc = i
			sort.Ints(list)
			for _, j := range list {
				c := w.score(a, m.dst[j], false)
				if c.score >= m.opts.MinConfidence*0.6 {
					outs[i] = append(outs[i], c)
				}
			}
		}
	}
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(m.src))) {
		w := *m
		wg.Go(func() { work(&w) })
	}
	wg.Wait()
	var out []cand
	for _, o := range outs {
		out = append(out, o...)
	}
	return out
}

// single turns an assigned pair into a proposal with its transform.
func (m *matcher) single(c cand) Proposal {
	a, b := m.src[c.s], m.dst[c.t]
	c = m.score(a, b, true)
	p := Proposal{
		Targets: []string{b.path}, Sources: []string{a.path},
		Confidence: round2(math.Min(1, c.score)), Reasons: c.reasons, Decoy: c.decoy,
	}
	if e, r := m.transform(a, b, c); e != "" {
		p.Expr = e
		p.Reasons = append(p.Reasons, r)
	}
	p.noRule = p.Expr == "" && !engine.Castable(a.f.Type, b.f.Type)
	return p
}

// operand renders the field as an expression operand: its path, or, for a
// name holding a dot ("Weight.kg", a CSV header, which a path would read
// as a member), an index by the name.
func (p *fieldProf) operand() string {
	name := p.f.Name
	if !strings.Contains(name, ".") || !strings.HasSuffix(p.path, name) {
		return ident(p.path)
	}
	parent := strings.TrimSuffix(strings.TrimSuffix(p.path, name), ".")
	if parent == "" {
		return fmt.Sprintf("$env[%q]", name)
	}
	return fmt.Sprintf("%s[%q]", ident(parent), name)
}

// ident renders a source path as an expression operand.
func ident(path string) string {
	ok := path != ""
	for i, r := range path {
		if !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			ok = false
		}
	}
	if ok {
		return path
	}
	return fmt.Sprintf("$env[%q]", path)
}

func lowerWords(p *fieldProf) string {
	var ws []string
	for _, t := range p.toks {
		if !t.key {
			ws = append(ws, strings.ReplaceAll(t.raw, " ", "_"))
		}
	}
	if len(ws) == 0 {
		return strings.ToLower(p.name)
	}
	return strings.Join(ws, "_")
}
