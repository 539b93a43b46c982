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

// Rank scores every candidate (source, target) pair, before the one-to-one
// assignment, best first (ties by target then source path). It is the
// ranked list benchmarks such as Recall@GT read: a source may appear for
// several targets. Pairs below 0.6 x opts.MinConfidence are left out.
func Rank(src, dst *schema.Schema, opts Options) []Match {
	if src == nil || dst == nil {
		return nil
	}
	m := newMatcher(src, dst, &opts)
	cands := m.candidates()
	out := make([]Match, 0, len(cands))
	for _, c := range cands {
		out = append(out, Match{Source: m.src[c.s].path, Target: m.dst[c.t].path, Score: c.score})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if out[i].Target != out[j].Target {
			return out[i].Target < out[j].Target
		}
		return out[i].Source < out[j].Source
	})
	return out
}
