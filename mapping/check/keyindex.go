package check

import "github.com/seamhq/seam/mapping/value"

// keyIndex finds keys in wide records: a map of the last two key lists
// seen (the input's and the output's), so that reading each of N fields
// of a record with N keys once takes time in N, not N² (#20.9).
// Records with few keys are scanned, as Record.Index does.
type keyIndex struct {
	slots [2]keySlot
	next  int
}

type keySlot struct {
	first *string
	n     int
	pos   map[string]int
}

// wideKeys: records with more keys than this get a map.
const wideKeys = 64

func (k *keyIndex) index(r *value.Record, key string) int {
	if k == nil || len(r.Keys) <= wideKeys {
		return r.Index(key)
	}
	first := &r.Keys[0]
	var s *keySlot
	for i := range k.slots {
		if k.slots[i].first == first && k.slots[i].n == len(r.Keys) {
			s = &k.slots[i]
			break
		}
	}
	if s == nil {
		s = &k.slots[k.next]
		k.next = (k.next + 1) % len(k.slots)
		s.first, s.n = first, len(r.Keys)
		s.pos = make(map[string]int, len(r.Keys))
		for i := len(r.Keys) - 1; i >= 0; i-- {
			s.pos[r.Keys[i]] = i // the first of repeated keys wins
		}
	}
	if i, ok := s.pos[key]; ok {
		return i
	}
	return -1
}
