package synth

import (
	"slices"
	"strings"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// orderSpec keeps two points in time of one record in order: the value
// of field before is not after the value of field after (period_start <=
// period_end, valid_from <= valid_to, created <= updated).
type orderSpec struct {
	before, after int
	bPath, aPath  string
}

// startWords and endWords open and close a period; the rest of the name
// (its stem) pairs them: period_start with period_end, start_date with
// end_date, valid_from with valid_to, start with end.
var (
	startWords = []string{"start", "starts", "started", "begin", "begins", "from", "since", "opened", "open"}
	endWords   = []string{"end", "ends", "ended", "stop", "finish", "to", "until", "till", "closed", "close", "through"}
)

// pointInTime reports a field that holds a date or time: a temporal type,
// text synth writes as one, or an integer Unix time.
func pointInTime(f *schema.Field) bool {
	if _, ok := temporal(f); ok {
		return true
	}
	return epochUnit(f, classify(f)) > 0
}

// stemOf returns the words of f without its period word, and whether that
// word opens (+1) or closes (-1) a period; 0 when it has none.
func stemOf(f *schema.Field) (string, int) {
	w := wordsOf(f)
	for i, x := range w {
		side := 0
		switch {
		case slices.Contains(startWords, x):
			side = 1
		case slices.Contains(endWords, x):
			side = -1
		}
		if side != 0 {
			rest := append(append([]string{}, w[:i]...), w[i+1:]...)
			return strings.Join(rest, "_"), side
		}
	}
	return "", 0
}

// ordersOf finds the pairs of sibling fields whose times must be in
// order: a period's start and end by stem, and created before updated.
func ordersOf(fs []*schema.Field) []orderSpec {
	var out []orderSpec
	starts := map[string]int{}
	var ends []int
	var endStems []string
	created := -1
	var updated []int
	for i, f := range fs {
		if f.Type == schema.Object || f.Type == schema.Array || !pointInTime(f) {
			continue
		}
		if stem, side := stemOf(f); side > 0 {
			if _, dup := starts[stem]; !dup {
				starts[stem] = i
			}
		} else if side < 0 {
			ends, endStems = append(ends, i), append(endStems, stem)
		}
		switch m := classify(f); {
		case m == mCreated && created < 0:
			created = i
		case m == mUpdated:
			updated = append(updated, i)
		}
	}
	for k, e := range ends {
		if s, ok := starts[endStems[k]]; ok {
			out = append(out, orderSpec{before: s, after: e, bPath: fs[s].Path, aPath: fs[e].Path})
		}
	}
	if created >= 0 {
		for _, u := range updated {
			out = append(out, orderSpec{before: created, after: u, bPath: fs[created].Path, aPath: fs[u].Path})
		}
	}
	return out
}

// apply swaps the two values when they are out of order and both are
// realistic values of one kind (an edge case in either is left alone: a
// period that ends before it starts may be that edge case).
func (o orderSpec) apply(vals []value.Value, labels []Label) {
	if o.before >= len(vals) || o.after >= len(vals) {
		return
	}
	a, b := vals[o.before], vals[o.after]
	if a.K != b.K || edged(labels, o.bPath) || edged(labels, o.aPath) {
		return
	}
	if c, ok := compareTimes(a, b); ok && c > 0 {
		vals[o.before], vals[o.after] = b, a
	}
}

// compareTimes compares two values of one kind as points in time.
func compareTimes(a, b value.Value) (int, bool) {
	switch a.K {
	case value.Int:
		return cmpInt(a.I, b.I), true
	case value.Date, value.Timestamp, value.TimestampTZ:
		return a.T.Compare(b.T), true
	case value.String:
		ta, ok1 := parseTimeText(a.S)
		tb, ok2 := parseTimeText(b.S)
		if ok1 && ok2 {
			return ta.Compare(tb), true
		}
	default:
	}
	return 0, false
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func parseTimeText(s string) (time.Time, bool) {
	if t, ok := parseISODate(s); ok {
		return t, true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// edged reports whether the field at path (or a member of it) carries an
// edge case among labels.
func edged(labels []Label, p string) bool {
	for _, l := range labels {
		if l.Field == p || (strings.HasPrefix(l.Field, p) && len(l.Field) > len(p) && l.Field[len(p)] == '.') {
			return true
		}
	}
	return false
}
