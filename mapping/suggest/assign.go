package suggest

import (
	"math"
	"sort"
)

// maxDense bounds rows*cols of one Hungarian problem; larger components
// are pruned to each node's best edges first.
const maxDense = 400 * 400

// assign picks a one-to-one subset of the candidate edges with the largest
// total score. The Hungarian algorithm is written here (about a hundred
// lines, checked against brute force in assign_test.go) because no
// dependency of the project offers an assignment solver, and the
// component split and pruning below need control over its input. The bipartite candidate graph is split into connected
// components and each is solved exactly with the Hungarian algorithm, so
// the cost is cubic only in the size of a component, not of the schemas.
func assign(nS, nT int, edges []cand) []cand {
	if len(edges) == 0 {
		return nil
	}
	var out []cand
	for _, comp := range components(nS, nT, edges) {
		out = append(out, solveComponent(comp, 8)...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].t != out[j].t {
			return out[i].t < out[j].t
		}
		return out[i].s < out[j].s
	})
	return out
}

// components groups edges by connected component (union-find).
func components(nS, nT int, edges []cand) [][]cand {
	parent := make([]int, nS+nT)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, e := range edges {
		a, b := find(e.s), find(nS+e.t)
		if a != b {
			parent[a] = b
		}
	}
	groups := map[int][]cand{}
	var roots []int
	for _, e := range edges {
		r := find(e.s)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], e)
	}
	out := make([][]cand, 0, len(roots))
	for _, r := range roots {
		out = append(out, groups[r])
	}
	return out
}

// solveComponent solves one component; when it is too large for a dense
// matrix it keeps each node's k best edges and recurses on the smaller
// components that leaves, and as a last resort assigns greedily.
func solveComponent(edges []cand, k int) []cand {
	if len(edges) == 1 {
		return edges
	}
	rows, cols := map[int]int{}, map[int]int{}
	var rowIDs, colIDs []int
	for _, e := range edges {
		if _, ok := rows[e.s]; !ok {
			rows[e.s] = len(rowIDs)
			rowIDs = append(rowIDs, e.s)
		}
		if _, ok := cols[e.t]; !ok {
			cols[e.t] = len(colIDs)
			colIDs = append(colIDs, e.t)
		}
	}
	if len(rowIDs)*len(colIDs) > maxDense {
		if k >= 2 {
			pruned := pruneTopK(edges, k)
			if len(pruned) < len(edges) {
				var out []cand
				maxS, maxT := 0, 0
				for _, e := range pruned {
					maxS, maxT = max(maxS, e.s+1), max(maxT, e.t+1)
				}
				for _, c := range components(maxS, maxT, pruned) {
					out = append(out, solveComponent(c, k/2)...)
				}
				return out
			}
		}
		return greedy(edges)
	}
	n, m := len(rowIDs), len(colIDs)
	transpose := n > m
	if transpose {
		n, m = m, n
	}
	// cost[i][j]: minimise -score; pairs without an edge cost 0 (left
	// unassigned). Tiny order terms make ties deterministic, earlier
	// fields first.
	cost := make([][]float64, n)
	for i := range cost {
		cost[i] = make([]float64, m)
	}
	edgeAt := map[[2]int]int{}
	for idx, e := range edges {
		r, c := rows[e.s], cols[e.t]
		if transpose {
			r, c = c, r
		}
		cost[r][c] = -(e.score + 1e-6) + 1e-9*float64(rows[e.s]+cols[e.t])
		edgeAt[[2]int{r, c}] = idx
	}
	match := hungarian(cost)
	var out []cand
	for r, c := range match {
		if c < 0 {
			continue
		}
		if idx, ok := edgeAt[[2]int{r, c}]; ok {
			out = append(out, edges[idx])
		}
	}
	return out
}

// hungarian solves the rectangular assignment problem (n <= m rows
// and columns) minimising total cost, with potentials and shortest
// augmenting paths: O(n^2 m). It returns the column of each row.
func hungarian(cost [][]float64) []int {
	n := len(cost)
	if n == 0 {
		return nil
	}
	m := len(cost[0])
	inf := math.Inf(1)
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1) // p[j]: row matched to column j (1-based), 0 none
	way := make([]int, m+1)
	minv := make([]float64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0 := p[j0]
			delta := inf
			j1 := 0
			row := cost[i0-1]
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := row[j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j] = cur
					way[j] = j0
				}
				if minv[j] < delta {
					delta = minv[j]
					j1 = j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	res := make([]int, n)
	for i := range res {
		res[i] = -1
	}
	for j := 1; j <= m; j++ {
		if p[j] > 0 {
			res[p[j]-1] = j - 1
		}
	}
	return res
}

// pruneTopK keeps the edges that are among the k best of their source or
// of their target.
func pruneTopK(edges []cand, k int) []cand {
	bySrc, byDst := map[int][]int{}, map[int][]int{}
	for i, e := range edges {
		bySrc[e.s] = append(bySrc[e.s], i)
		byDst[e.t] = append(byDst[e.t], i)
	}
	keep := make([]bool, len(edges))
	mark := func(g map[int][]int) {
		for _, l := range g {
			sort.Slice(l, func(a, b int) bool { return edges[l[a]].score > edges[l[b]].score })
			for i := 0; i < len(l) && i < k; i++ {
				keep[l[i]] = true
			}
		}
	}
	mark(bySrc)
	mark(byDst)
	var out []cand
	for i, e := range edges {
		if keep[i] {
			out = append(out, e)
		}
	}
	return out
}

// greedy takes edges best first.
func greedy(edges []cand) []cand {
	sorted := append([]cand(nil), edges...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].score > sorted[j].score })
	us, ut := map[int]bool{}, map[int]bool{}
	var out []cand
	for _, e := range sorted {
		if !us[e.s] && !ut[e.t] {
			us[e.s], ut[e.t] = true, true
			out = append(out, e)
		}
	}
	return out
}
