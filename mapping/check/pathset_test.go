package check

import "testing"

// TestPathSet: covers and within answer as the scans over isUnder they
// replace (#20.9).
func TestPathSet(t *testing.T) {
	members := []string{"a", "b.c", "d[].e", "f[]", "g.h.i", "x.y"}
	s := newPathSet(len(members))
	for _, m := range members {
		s.add(m)
	}
	probes := []string{"a", "a.b", "a[]", "a[].z", "ab", "b", "b.c", "b.c.d", "b.cd", "b.d",
		"d", "d[]", "d[].e", "d[].e.f", "d[].f", "f", "f[]", "f[].x", "g", "g.h", "g.h.i", "g.h.j", "x", "x.y", "x.yz", "z", ""}
	for _, p := range probes {
		cover, within := false, false
		for _, m := range members {
			if m == p || isUnder(p, m) || isUnder(m, p) {
				cover = true
			}
			if m == p || isUnder(p, m) {
				within = true
			}
		}
		if got := s.covers(p); got != cover {
			t.Errorf("covers(%q) = %v, want %v", p, got, cover)
		}
		if got := s.within(p); got != within {
			t.Errorf("within(%q) = %v, want %v", p, got, within)
		}
	}
}
