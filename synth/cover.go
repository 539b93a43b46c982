package synth

import "sort"

// PickCover chooses at most n of the sets (each the items one generated
// row covers: rules, branches, lookup entries, edge classes) so that
// together they cover as many distinct items as possible: greedy set
// cover, each pick the set adding the most items not yet covered (the
// earlier set on a tie, so the choice is reproducible). It stops early
// when no set adds anything. The picks are returned in the order of the
// sets (row order).
func PickCover(sets [][]string, n int) []int {
	covered := map[string]bool{}
	used := make([]bool, len(sets))
	var picks []int
	for len(picks) < n {
		best, gain := -1, 0
		for i, s := range sets {
			if used[i] {
				continue
			}
			g := 0
			for _, it := range s {
				if !covered[it] {
					g++
				}
			}
			if g > gain {
				best, gain = i, g
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		picks = append(picks, best)
		for _, it := range sets[best] {
			covered[it] = true
		}
	}
	sort.Ints(picks)
	return picks
}
