package check

import "strings"

// pathSet answers "is this path, an ancestor or a descendant of it in the
// set?" in time proportional to the path's length, not the set's size
// (coverage asks it for every field of schemas with 100,000 fields).
type pathSet struct {
	exact map[string]bool
	// under holds every proper ancestor of a member: the paths something
	// in the set lies under.
	under map[string]bool
}

func newPathSet(n int) *pathSet {
	return &pathSet{exact: make(map[string]bool, n), under: make(map[string]bool, n)}
}

func (s *pathSet) add(p string) {
	s.exact[p] = true
	ancestors(p, func(a string) bool {
		if s.under[a] {
			return false // its own ancestors are in already
		}
		s.under[a] = true
		return true
	})
}

// covers reports p in the set, under a member (isUnder(p, member)) or
// above one (isUnder(member, p)).
func (s *pathSet) covers(p string) bool { return s.under[p] || s.within(p) }

// within reports p in the set or under a member.
func (s *pathSet) within(p string) bool {
	if s.exact[p] {
		return true
	}
	found := false
	ancestors(p, func(a string) bool {
		found = s.exact[a]
		return !found
	})
	return found
}

// ancestors calls f with every proper ancestor of p in the sense of
// isUnder (the prefixes followed by "." or "[]"), nearest first, until f
// returns false.
func ancestors(p string, f func(string) bool) {
	for i := len(p) - 1; i > 0; i-- {
		if p[i] == '.' || strings.HasPrefix(p[i:], "[]") {
			if !f(p[:i]) {
				return
			}
		}
	}
}
