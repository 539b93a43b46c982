package suggest

import (
	"fmt"
	"strings"
)

// splits proposes the 1:n and n:1 person-name rules before the one-to-one
// assignment takes the fields: a full name on one side and first + last
// name on the other.
func (m *matcher) splits(usedS, usedT map[int]bool) []Proposal {
	var out []Proposal
	sFirst, sLast := findNamePart(m.src, true), findNamePart(m.src, false)
	tFirst, tLast := findNamePart(m.dst, true), findNamePart(m.dst, false)

	// 1:n — source full name -> target first + last
	if sFirst < 0 && sLast < 0 && tFirst >= 0 && tLast >= 0 && !hasBareName(m.dst) {
		if s := bestPersonName(m.src); s >= 0 {
			a := m.src[s]
			f, l := m.dst[tFirst], m.dst[tLast]
			reasons, sum := partReasons(m.score(a, f, true))
			conf := round2(min(1, sum+0.15))
			if conf >= m.opts.MinConfidence {
				reasons = append(reasons, Reason{Signal: "split", Detail: fmt.Sprintf("%s holds a full name; %s has %s and %s but no full name", a.name, "target", f.name, l.name), Contribution: 0.15})
				out = append(out, Proposal{
					Targets: []string{f.path, l.path}, Sources: []string{a.path},
					Exprs:      []string{"first_name(" + a.operand() + ")", "last_name(" + a.operand() + ")"},
					Expr:       "first_name(" + a.operand() + "), last_name(" + a.operand() + ")",
					Confidence: conf, Reasons: reasons,
				})
				usedS[s], usedT[tFirst], usedT[tLast] = true, true, true
			}
		}
	}
	// n:1 — source first + last -> target full name
	if tFirst < 0 && tLast < 0 && sFirst >= 0 && sLast >= 0 {
		if t := bestPersonName(m.dst); t >= 0 && !usedT[t] {
			b := m.dst[t]
			f, l := m.src[sFirst], m.src[sLast]
			reasons, sum := partReasons(m.score(f, b, true))
			conf := round2(min(1, sum+0.15))
			if conf >= m.opts.MinConfidence {
				reasons = append(reasons, Reason{Signal: "join", Detail: fmt.Sprintf("%s holds a full name; source has %s and %s", b.name, f.name, l.name), Contribution: 0.15})
				out = append(out, Proposal{
					Targets: []string{b.path}, Sources: []string{f.path, l.path},
					Expr:       "concat(" + f.operand() + `, " ", ` + l.operand() + ")",
					Confidence: conf, Reasons: reasons,
				})
				usedS[sFirst], usedS[sLast], usedT[t] = true, true, true
			}
		}
	}
	return out
}

// findNamePart returns the first field that is a person's first (or last)
// name: "first name", "given name", "fname".
func findNamePart(ps []*fieldProf, first bool) int {
	for i, p := range ps {
		if !p.has("name") || p.class != clText {
			continue
		}
		if first && p.first && !p.last || !first && p.last && !p.first {
			extra := 0
			for _, t := range p.toks {
				if t.concept != "name" && t.concept != "first" && t.concept != "last" && !personWords[t.concept] {
					extra++
				}
			}
			if extra == 0 {
				return i
			}
		}
	}
	return -1
}

// bestPersonName returns the field holding a person's full name: "name"
// in a person record, "full_name", "contact_name".
func bestPersonName(ps []*fieldProf) int {
	best, bestN := -1, 99
	for i, p := range ps {
		if !p.person || p.first || p.last || !p.has("name") || p.class != clText {
			continue
		}
		if len(p.toks) < bestN {
			best, bestN = i, len(p.toks)
		}
	}
	return best
}

// hasBareName: the side has a plain full-name field besides its parts.
func hasBareName(ps []*fieldProf) bool {
	for _, p := range ps {
		if p.isBareName() && p.class == clText {
			return true
		}
	}
	return false
}

// joinLines extends a street proposal fed by address line 1 with the
// unmapped line 2 beside it, when the target has a single street field.
func (m *matcher) joinLines(props []Proposal, usedS map[int]bool) {
	srcIdx := map[string]int{}
	for i, p := range m.src {
		srcIdx[p.path] = i
	}
	dstIdx := map[string]int{}
	for i, p := range m.dst {
		dstIdx[p.path] = i
	}
	for pi := range props {
		p := &props[pi]
		if len(p.Sources) != 1 || len(p.Targets) != 1 || p.Expr != "" {
			continue
		}
		a := m.src[srcIdx[p.Sources[0]]]
		b := m.dst[dstIdx[p.Targets[0]]]
		if a.line != 1 || b.line > 1 || !(b.has("street") || b.has("address")) {
			continue
		}
		if m.hasLine2Near(m.dst, b) >= 0 {
			continue
		}
		l2 := m.hasLine2Near(m.src, a)
		if l2 < 0 || usedS[l2] {
			continue
		}
		second := m.src[l2]
		p.Sources = append(p.Sources, second.path)
		p.Expr = "concat(" + a.operand() + `, ", ", ` + second.operand() + ")"
		p.Reasons = append(p.Reasons, Reason{Signal: "join", Detail: fmt.Sprintf("%s and %s are two lines of one street; %s has one", a.name, second.name, b.name), Contribution: 0})
		usedS[l2] = true
	}
}

// hasLine2Near finds a second address line under the same parent as p.
func (m *matcher) hasLine2Near(ps []*fieldProf, p *fieldProf) int {
	dir := parentOf(p.path)
	for i, q := range ps {
		if q.line == 2 && parentOf(q.path) == dir {
			return i
		}
	}
	return -1
}

func parentOf(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

// partReasons drops the name-part qualifier penalties (full vs first is
// the point of a split) and sums the rest.
func partReasons(c cand) ([]Reason, float64) {
	var out []Reason
	var sum float64
	for _, r := range c.reasons {
		if (r.Signal == "decoy" || r.Signal == "qualifier") && strings.Contains(r.Detail, "name part") {
			continue
		}
		out = append(out, r)
		sum += r.Contribution
	}
	return out, sum
}
