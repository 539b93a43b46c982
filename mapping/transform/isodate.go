package transform

import "time"

// ISO date-times read as dates. A date-time text read as a date (the
// checked cast into a date target, parse_date with the ISO layout, and
// the exported SQL of both) keeps the date as written, as PostgreSQL's
// ::date does: "2024-03-09T23:30:00-05:00" is 2024-03-09, never moved to
// UTC. The shape is one rule, so the engine and every SQL dialect accept
// the same texts:
//
//	YYYY-MM-DD ('T' | ' ') hh:mm [':' ss ['.' 1-9 digits]] ['Z' | ('+'|'-') hh:mm]
//
// with hh 00-23, mm and ss 00-59, two digits each, and nothing around it.
// The date must exist (2023-02-29T00:00:00 is not a date). A time of day
// other than midnight is not refused: a timestamp feeding a date field is
// a timezone_loss or narrowing finding of seam check, not a row error.

// ISODateTimeDate returns the date of s when s is an ISO date-time of the
// shape above; ok is false otherwise (also for a date without a time).
func ISODateTimeDate(s string) (t time.Time, ok bool) {
	if len(s) < 16 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' {
		return t, false
	}
	y, ok1 := digits(s[0:4], 1, 9999)
	m, ok2 := digits(s[5:7], 1, 12)
	d, ok3 := digits(s[8:10], 1, 31)
	_, ok4 := digits(s[11:13], 0, 23)
	_, ok5 := digits(s[14:16], 0, 59)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return t, false
	}
	r := s[16:]
	if len(r) >= 3 && r[0] == ':' {
		if _, ok := digits(r[1:3], 0, 59); !ok {
			return t, false
		}
		r = r[3:]
		if len(r) > 0 && r[0] == '.' {
			n := 1
			for n < len(r) && r[n] >= '0' && r[n] <= '9' {
				n++
			}
			if n == 1 || n > 10 {
				return t, false
			}
			r = r[n:]
		}
	}
	switch {
	case r == "" || r == "Z":
	case len(r) == 6 && (r[0] == '+' || r[0] == '-') && r[3] == ':':
		_, okh := digits(r[1:3], 0, 23)
		_, okm := digits(r[4:6], 0, 59)
		if !okh || !okm {
			return t, false
		}
	default:
		return t, false
	}
	t = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 2023-02-29 rolled over
		return time.Time{}, false
	}
	return t, true
}

// digits reads s, all ASCII digits, as a number within lo..hi.
func digits(s string, lo, hi int) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n >= lo && n <= hi
}
