package synth

import (
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

// laterWords mark a date or time that follows another one in the same
// record: shipped after ordered, updated after created, due after issued.
var laterWords = []string{"ship", "shipped", "shipping", "delivered", "delivery", "end", "ended", "due", "required",
	"closed", "updated", "modified", "changed", "expires", "expiry", "expiration", "completed", "resolved",
	"paid", "returned", "cancelled", "canceled", "finished", "last"}

// temporal reports whether nd holds a date or timestamp, and how: a
// temporal type, or text that synth writes as an ISO date or timestamp.
func temporal(f *schema.Field) (isDate, ok bool) {
	switch f.Type {
	case schema.Date:
		return true, true
	case schema.Timestamp, schema.TimestampTZ:
		return false, true
	case schema.String:
		if len(f.EnumValues) > 0 || f.Pattern != "" || f.MaxLength != nil || f.MinLength != nil {
			return false, false // constrained text: leave it to stringGen
		}
		switch classify(f) {
		case mDate:
			return true, true
		case mCreated, mUpdated, mTimestamp:
			return false, true
		default:
		}
	default:
	}
	return false, false
}

// linkLater makes each "later" temporal field follow the nearest earlier
// temporal sibling that is not itself a later one: ship_date is 0-30 days
// after order_date, updated_at after created_at. Only realistic anchors
// count; after an edge case in the anchor the field draws on its own.
func linkLater(sibs []*node) {
	for j, nd := range sibs {
		if nd.gen == nil {
			continue
		}
		isDate, ok := temporal(nd.f)
		if !ok || !wordsOf(nd.f).has(laterWords...) {
			continue
		}
		var anchor *node
		for i := j - 1; i >= 0; i-- {
			if _, ok := temporal(sibs[i].f); ok && sibs[i].gen != nil && !wordsOf(sibs[i].f).has(laterWords...) {
				anchor = sibs[i]
				break
			}
		}
		if anchor == nil {
			continue
		}
		anchor.anchor = true
		nd.gen = follow(nd.f, isDate, anchor, nd.gen)
	}
}

var maxTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

func follow(f *schema.Field, isDate bool, anchor *node, own genFunc) genFunc {
	return func(fk *gofakeit.Faker, occ int64) value.Value {
		t, ok := timeOf(anchor)
		if !ok || t.After(maxTime.AddDate(0, -2, 0)) {
			return own(fk, occ)
		}
		if isDate {
			t = t.AddDate(0, 0, fk.Rand.Intn(31))
			t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		} else {
			t = t.Add(time.Duration(fk.Rand.Int63n(30*86400)) * time.Second)
		}
		switch f.Type {
		case schema.Date:
			return value.TimeV(value.Date, t)
		case schema.Timestamp:
			return value.TimeV(value.Timestamp, time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC))
		case schema.TimestampTZ:
			return value.TimeV(value.TimestampTZ, t)
		default:
		}
		if isDate {
			return value.Str(formatDate(t, dateLayout(f)))
		}
		return value.Str(t.Format(time.RFC3339))
	}
}

// dateLayout is the Go layout of a text date field whose format names one
// ("MM/DD/YYYY", "DD.MM.YYYY", or "date:01/02/2006" as the CSV loader infers
// it), so that realistic dates are written the way the source writes them;
// "" means ISO (YYYY-MM-DD).
func dateLayout(f *schema.Field) string {
	if f == nil || f.Type != schema.String {
		return ""
	}
	switch u := strings.ToUpper(f.Format); u {
	case "ISO", "YYYY-MM-DD":
		return ""
	case "MM-DD-YYYY":
		return "01-02-2006"
	case "DD-MM-YYYY":
		return "02-01-2006"
	default:
		if l, ok := transform.DateLayout(u); ok {
			return l
		}
	}
	if l, ok := strings.CutPrefix(f.Format, "date:"); ok && l != "" {
		return l
	}
	return ""
}

// formatDate writes t in layout, or ISO when layout is "".
func formatDate(t time.Time, layout string) string {
	if layout == "" {
		return isoDate(t)
	}
	return t.Format(layout)
}

// timeOf reads the anchor's last realistic value as a time.
func timeOf(a *node) (time.Time, bool) {
	if a.lastEdge {
		return time.Time{}, false
	}
	v := a.last
	switch v.K {
	case value.Date, value.Timestamp, value.TimestampTZ:
		return v.T, true
	case value.String:
		if t, ok := parseISODate(v.S); ok {
			return t, true
		}
		if l := dateLayout(a.f); l != "" {
			if t, err := time.Parse(l, v.S); err == nil {
				return t, true
			}
		}
		for _, layout := range []string{time.RFC3339} {
			if t, err := time.Parse(layout, v.S); err == nil {
				return t, true
			}
		}
	default:
	}
	return time.Time{}, false
}

// parseISODate reads YYYY-MM-DD without time.Parse's generality.
func parseISODate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	n := func(a, b int) (int, bool) {
		v := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := n(0, 4)
	m, ok2 := n(5, 7)
	d, ok3 := n(8, 10)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // Feb 30 and friends
	}
	return t, true
}

// isoDate formats t as YYYY-MM-DD with one allocation.
func isoDate(t time.Time) string {
	y, m, d := t.Date()
	var b [10]byte
	b[0], b[1], b[2], b[3] = byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[4], b[7] = '-', '-'
	b[5], b[6] = byte('0'+int(m)/10), byte('0'+int(m)%10)
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return string(b[:])
}
