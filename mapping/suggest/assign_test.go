package suggest

import (
	"math"
	"math/rand"
	"testing"
)

// bruteBest returns the best total score of a one-to-one subset of edges.
func bruteBest(nS, nT int, w [][]float64) float64 {
	usedT := make([]bool, nT)
	var rec func(i int) float64
	rec = func(i int) float64 {
		if i == nS {
			return 0
		}
		best := rec(i + 1) // row i unassigned
		for j := 0; j < nT; j++ {
			if !usedT[j] && w[i][j] > 0 {
				usedT[j] = true
				best = math.Max(best, w[i][j]+rec(i+1))
				usedT[j] = false
			}
		}
		return best
	}
	return rec(0)
}

func TestAssignOptimal(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 200; trial++ {
		nS, nT := 1+rng.Intn(6), 1+rng.Intn(6)
		w := make([][]float64, nS)
		var edges []cand
		for i := range w {
			w[i] = make([]float64, nT)
			for j := range w[i] {
				if rng.Float64() < 0.5 {
					w[i][j] = math.Round(rng.Float64()*100) / 100
					if w[i][j] > 0 {
						edges = append(edges, cand{s: i, t: j, score: w[i][j]})
					}
				}
			}
		}
		got := assign(nS, nT, edges)
		var total float64
		seenS, seenT := map[int]bool{}, map[int]bool{}
		for _, e := range got {
			if seenS[e.s] || seenT[e.t] {
				t.Fatalf("trial %d: not one-to-one: %+v", trial, got)
			}
			seenS[e.s], seenT[e.t] = true, true
			total += e.score
		}
		if want := bruteBest(nS, nT, w); math.Abs(total-want) > 1e-6 {
			t.Fatalf("trial %d: total %.4f, optimum %.4f (%dx%d)", trial, total, want, nS, nT)
		}
	}
}

func TestAssignPrefersGlobalOptimum(t *testing.T) {
	// Greedy would take (0,0)=0.9 and leave row 1 with nothing; the
	// optimum is (0,1)+(1,0) = 0.85+0.8.
	edges := []cand{{s: 0, t: 0, score: 0.9}, {s: 0, t: 1, score: 0.85}, {s: 1, t: 0, score: 0.8}}
	got := assign(2, 2, edges)
	if len(got) != 2 {
		t.Fatalf("got %+v, want two pairs", got)
	}
	for _, e := range got {
		if e.s == 0 && e.t != 1 || e.s == 1 && e.t != 0 {
			t.Fatalf("got %+v, want 0->1 and 1->0", got)
		}
	}
}

func TestAssignLargeComponentPrunes(t *testing.T) {
	// One dense 500x500 component exceeds maxDense: pruned to each
	// node's best edges and still one-to-one.
	n := 500
	var edges []cand
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			s := 0.5
			if i == j {
				s = 0.9
			}
			edges = append(edges, cand{s: i, t: j, score: s})
		}
	}
	got := assign(n, n, edges)
	if len(got) != n {
		t.Fatalf("assigned %d, want %d", len(got), n)
	}
	for _, e := range got {
		if e.s != e.t {
			t.Fatalf("pair %d->%d, want the diagonal", e.s, e.t)
		}
	}
}
