package suggest

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Relative value evidence: a source field whose values' text are used
// best (idf-weighted containment) by one target field among all of them
// ("Clear cell renal cell carcinoma", "Endometrioid" -> primary_diagnosis,
// whose vocabulary is large) gets that target as a candidate and a bonus,
// whatever the names say. The absolute share is discounted for a large
// target vocabulary (free text holds any word); being the closest of all
// targets is evidence that does not depend on the vocabulary's size.

// vocabBest is, per source field, the targets whose value vocabulary is
// (nearly) the best container of the source's value words.
type vocabBest struct {
	df    map[uint32]int // trigram -> target fields whose values use it
	share []float64      // the best share per source field
	near  [][]int32      // targets within nearBest of it, per source field
	// idf[i][k] weighs source field i's k-th trigram (0 for a stop-gram),
	// all[i] is their sum
	idf [][]float32
	all []float64
}

const (
	// minBestShare: below it, the best container is no evidence.
	minBestShare = 0.5
	// nearBest: a target within this factor of the best share counts too
	// (ties: primary_site, site_of_resection_or_biopsy and
	// tissue_or_organ_of_origin share one vocabulary).
	nearBest = 0.9
	// minKept: fewer trigrams outside the stop-grams are no evidence.
	minKept = 5
	// maxNear: with more targets near the best, the values are no evidence.
	maxNear = 5
	// wVocabBest weighs the closest vocabulary's share.
	wVocabBest = 0.3
)

// buildVocabBest computes vocabBest from the sample vocabularies through
// an inverted index of the target's value words (each source word visits
// the targets that use it), one source field per worker at a time.
func (m *matcher) buildVocabBest() {
	index := map[uint32][]int32{}
	for j, p := range m.dst {
		if p.sample == nil {
			continue
		}
		for _, w := range p.sample.grams {
			index[w] = append(index[w], int32(j))
		}
	}
	vb := &vocabBest{df: make(map[uint32]int, len(index)), share: make([]float64, len(m.src)), near: make([][]int32, len(m.src)),
		idf: make([][]float32, len(m.src)), all: make([]float64, len(m.src))}
	for g, l := range index {
		vb.df[g] = len(l)
	}
	if len(index) == 0 {
		m.vb = vb
		return
	}
	n := float64(len(m.dst))
	stop := m.stopGram()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(m.src))) {
		wg.Go(func() {
			in := make([]float64, len(m.dst))
			var touched []int32
			for {
				i := int(next.Add(1)) - 1
				if i >= len(m.src) {
					return
				}
				sa := m.src[i].sample
				if sa == nil || len(sa.words) < 2 {
					continue
				}
				var all float64
				touched = touched[:0]
				ws := make([]float32, len(sa.grams))
				kept := 0
				for k, w := range sa.grams {
					l := index[w]
					if len(l) > stop {
						continue
					}
					kept++
					idf := math.Log(1 + n/float64(max(1, len(l))))
					ws[k] = float32(idf)
					all += idf
					for _, j := range l {
						if in[j] == 0 {
							touched = append(touched, j)
						}
						in[j] += idf
					}
				}
				vb.idf[i], vb.all[i] = ws, all
				best := 0.0
				for _, j := range touched {
					best = math.Max(best, in[j]/all)
				}
				// values made mostly of stop-grams (one pool of words in
				// every field) leave a remainder too small to judge by
				if kept < max(minKept, len(sa.grams)/4) {
					best = 0
				}
				if best >= minBestShare {
					var near []int32
					for _, j := range touched {
						if in[j]/all >= best*nearBest {
							near = append(near, j)
						}
					}
					// a vocabulary many targets share (yes/no, the same
					// pool of words everywhere) tells none of them apart
					if len(near) <= maxNear {
						vb.share[i], vb.near[i] = best, near
					}
				}
				for _, j := range touched {
					in[j] = 0
				}
			}
		})
	}
	wg.Wait()
	m.vb = vb
}

// closestVocab says whether target j is among the closest value
// vocabularies of source field i, and the best share.
func (m *matcher) closestVocab(i, j int) (float64, bool) {
	if m.vb == nil || i >= len(m.vb.near) {
		return 0, false
	}
	for _, t := range m.vb.near[i] {
		if int(t) == j {
			return m.vb.share[i], true
		}
	}
	return 0, false
}

// relativeVocab weighs a pair's value vocabularies against the closest
// one the source has among all targets: the closest gets a bonus; a
// target whose values share little of what another target's share, or
// that has no values in its sample at all, loses (sample values that
// contradict a name).
func (m *matcher) relativeVocab(a, b *fieldProf, ac *acc) {
	best := m.vb.share[a.idx]
	if best < minBestShare {
		return
	}
	if _, ok := m.closestVocab(a.idx, b.idx); ok {
		ac.add("data", wVocabBest*best, func() string {
			return fmt.Sprintf("values' text: the closest vocabulary among %d target fields (%.0f%% idf-weighted of %d words)", len(m.dst), best*100, len(a.sample.words))
		})
		return
	}
	if b.sample == nil {
		ac.add("data", -wVocabBest*best/2, func() string {
			return fmt.Sprintf("values' text: none in the target's sample, %.0f%% with another target field", best*100)
		})
		return
	}
	share := m.wordShare(a, b)
	if share < best/2 {
		ac.add("data", -wVocabBest*(best-share), func() string {
			return fmt.Sprintf("values' text: %.0f%% shared here, %.0f%% with another target field", share*100, best*100)
		})
	}
}

// wordShare is the idf-weighted share of a's value trigrams that b's
// values use.
func (m *matcher) wordShare(a, b *fieldProf) float64 {
	ws, all := m.vb.idf[a.idx], m.vb.all[a.idx]
	if all == 0 || len(ws) != len(a.sample.grams) {
		return 0
	}
	ga, gb := a.sample.grams, b.sample.grams
	var in float64
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i] < gb[j]:
			i++
		case ga[i] > gb[j]:
			j++
		default:
			in += float64(ws[i])
			i++
			j++
		}
	}
	return in / all
}

// stopGram is the number of target fields above which a trigram says
// nothing (a word's ending, a common letter pair) and is left out of the
// shares: it would also make the index visit every field.
func (m *matcher) stopGram() int {
	return max(10, len(m.dst)/10)
}
