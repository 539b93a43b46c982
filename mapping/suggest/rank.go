package suggest

import (
	"sort"

	"github.com/seamhq/seam/mapping/schema"
)

// Match is one scored (source, target) pair of Rank.
type Match struct {
	Source, Target string
	Score          float64
}

// Rank scores every candidate (source, target) pair, best first: the pairs
// of the one-to-one assignment across the whole schema come first (by
// score), then every other pair by score (ties by target then source
// path). It is the ranked list benchmarks such as Recall@GT read: a source
// may appear for several targets. Pairs below 0.6 x opts.MinConfidence are
// left out.
func Rank(src, dst *schema.Schema, opts Options) []Match {
	if src == nil || dst == nil {
		return nil
	}
	m := newMatcher(src, dst, &opts)
	cands := m.candidates()
	first := map[[2]int]bool{}
	for _, c := range assign(len(m.src), len(m.dst), cands) {
		first[[2]int{c.s, c.t}] = true
	}
	out := make([]Match, 0, len(cands))
	tier := make([]bool, 0, len(cands))
	for _, c := range cands {
		out = append(out, Match{Source: m.src[c.s].path, Target: m.dst[c.t].path, Score: c.score})
		tier = append(tier, first[[2]int{c.s, c.t}])
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		i, j := idx[x], idx[y]
		if tier[i] != tier[j] {
			return tier[i]
		}
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if out[i].Target != out[j].Target {
			return out[i].Target < out[j].Target
		}
		return out[i].Source < out[j].Source
	})
	sorted := make([]Match, len(out))
	for k, i := range idx {
		sorted[k] = out[i]
	}
	return sorted
}
