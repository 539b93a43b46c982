package schema

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/internal/textin"
)

// colStat accumulates what a sample says about one column (CSV, XLSX data
// sheets) or one JSON path (JSON/JSONL samples, string values only).
type colStat struct {
	seen, empty      int
	absent           int // rows without the cell (short CSV rows, missing JSON keys)
	maxLen           int
	notInt, notDec   bool
	notFloat         bool
	notBool          bool
	notUUID          bool
	notEmail         bool
	notTime          bool
	leadingZero      bool // a code like 02119: stays a string
	bigInt           bool // more digits than int64 holds
	maxScale         int
	maxIntDigits     int
	sawFraction      bool
	dateLayouts      []string // layouts every value so far parses with
	tsLayouts        []string
	dateDone, tsDone bool
	examples         []string
	// commaDec: the file's delimiter is not ',', so "1.234,50" may be a
	// decimal-comma number (euro tracks that reading).
	commaDec bool
	euro     euroStat
	bools    boolWords
}

var dateLayouts = []string{"2006-01-02", "01/02/2006", "02/01/2006", "2006/01/02", "02.01.2006", "1/2/2006", "2/1/2006", "02-Jan-2006", "Jan 2, 2006", "2 Jan 2006", "01-02-06", "1/2/06", "20060102"}

var tsLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05", "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05-07", "2006-01-02 15:04:05.999999999-07",
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05.999999999 -0700 MST", "2006-01-02 15:04",
	"01/02/2006 15:04:05", "01/02/2006 15:04", "02/01/2006 15:04:05", "2006-01-02T15:04:05-0700",
	time.RFC1123Z, time.RFC1123, "01-02-06 15:04", "1/2/06 15:04",
}

// InferLayouts returns copies of the Go layouts sample inference tries,
// in order, for dates and for timestamps: the layouts a Format
// "date:LAYOUT" or "datetime:LAYOUT" of a sampled field can name. Tests
// use them to prove every cast reads what inference writes.
func InferLayouts() (dates, timestamps []string) {
	return append([]string(nil), dateLayouts...), append([]string(nil), tsLayouts...)
}

// BooleanPairs returns the boolean word pairs sample inference
// recognises, true word first ("ja", "nein").
func BooleanPairs() [][2]string { return append([][2]string(nil), boolPairs...) }

// zoned reports whether a timestamp layout carries a zone.
func zoned(layout string) bool {
	return strings.Contains(layout, "Z07") || strings.Contains(layout, "-07") || strings.Contains(layout, "MST")
}

// isNullMarker: empty cells and the usual textual null markers.
func isNullMarker(s string) bool {
	return s == "" || s == "NULL" || s == `\N`
}

func (c *colStat) observe(s string) {
	if isNullMarker(s) {
		c.empty++
		return
	}
	c.seen++
	if n := utf8.RuneCountInString(s); n > c.maxLen {
		c.maxLen = n
	}
	if len(s) > maxInferCell {
		c.observeHuge(s)
		return
	}
	if len(c.examples) < 3 {
		dup := false
		for _, e := range c.examples {
			dup = dup || e == s
		}
		if !dup {
			c.examples = append(c.examples, truncText(s, 80))
		}
	}
	c.observeNumber(s)
	if c.commaDec {
		c.euro.observe(s)
	}
	c.bools.observe(s)
	if !c.notBool && !isBoolWord(s) {
		c.notBool = true
	}
	if !c.notUUID && !isUUID(s) {
		c.notUUID = true
	}
	if !c.notEmail && !isEmail(s) {
		c.notEmail = true
	}
	if !c.notTime && !isTimeOfDay(s) {
		c.notTime = true
	}
	if !c.dateDone {
		c.dateLayouts = filterLayouts(c.dateLayouts, dateLayouts, c.seen == 1, s)
		c.dateDone = len(c.dateLayouts) == 0
	}
	if !c.tsDone {
		c.tsLayouts = filterLayouts(c.tsLayouts, tsLayouts, c.seen == 1, s)
		c.tsDone = len(c.tsLayouts) == 0
	}
}

// maxInferCell bounds the values inference tries as numbers, booleans,
// dates and the like: a longer value is text. Trying a 900 MB cell once
// per date layout costs gigabytes (every failed time.Parse copies the
// value into its error).
const maxInferCell = 64 << 10

// observeHuge records a value longer than maxInferCell: a string.
func (c *colStat) observeHuge(s string) {
	c.notInt, c.notDec, c.notFloat, c.notBool = true, true, true, true
	c.notUUID, c.notEmail, c.notTime = true, true, true
	c.dateLayouts, c.tsLayouts = nil, nil
	c.dateDone, c.tsDone = true, true
	c.euro.bad, c.bools.over = true, true
	if len(c.examples) < 3 {
		c.examples = append(c.examples, truncText(s, 80))
	}
}

// truncText cuts s to at most n bytes at a rune boundary.
func truncText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func filterLayouts(cur, all []string, first bool, s string) []string {
	if first {
		cur = nil
		for _, l := range all {
			if _, err := time.Parse(l, s); err == nil {
				cur = append(cur, l)
			}
		}
		return cur
	}
	out := cur[:0]
	for _, l := range cur {
		if _, err := time.Parse(l, s); err == nil {
			out = append(out, l)
		}
	}
	return out
}

func (c *colStat) observeNumber(s string) {
	if c.notInt && c.notDec && c.notFloat {
		return
	}
	body := s
	if body[0] == '-' || body[0] == '+' {
		body = body[1:]
	}
	intPart, frac, hasDot := strings.Cut(body, ".")
	okInt := textin.AllDigits(intPart)
	if okInt && len(intPart) > 1 && intPart[0] == '0' {
		c.leadingZero = true
	}
	switch {
	case okInt && !hasDot:
		if len(intPart) > 18 {
			c.bigInt = true
		}
		if len(intPart) > c.maxIntDigits {
			c.maxIntDigits = len(intPart)
		}
	case (okInt || intPart == "") && hasDot && textin.AllDigits(frac):
		c.notInt = true
		c.sawFraction = true
		if len(frac) > c.maxScale {
			c.maxScale = len(frac)
		}
		if len(intPart) > c.maxIntDigits {
			c.maxIntDigits = len(intPart)
		}
	default:
		c.notInt, c.notDec = true, true
		if !c.notFloat && !isFloatText(s) {
			c.notFloat = true
		}
	}
}

func isFloatText(s string) bool {
	if s == "NaN" || s == "Inf" || s == "-Inf" || s == "+Inf" {
		return true
	}
	seenDigit, seenE, seenDot := false, false, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= '0' && ch <= '9':
			seenDigit = true
		case ch == '.':
			if seenDot || seenE {
				return false
			}
			seenDot = true
		case ch == 'e' || ch == 'E':
			if seenE || !seenDigit {
				return false
			}
			seenE = true
		case ch == '-' || ch == '+':
			if i != 0 && s[i-1] != 'e' && s[i-1] != 'E' {
				return false
			}
		default:
			return false
		}
	}
	return seenDigit
}

func isBoolWord(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "t", "f", "yes", "no", "y", "n":
		return true
	}
	return false
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		ch := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if ch != '-' {
				return false
			}
			continue
		}
		if !(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F') {
			return false
		}
	}
	return true
}

func isEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || strings.ContainsAny(s, " \t,;<>") {
		return false
	}
	dom := s[at+1:]
	dot := strings.LastIndexByte(dom, '.')
	return dot > 0 && dot < len(dom)-1
}

func isTimeOfDay(s string) bool {
	for _, l := range []string{"15:04:05", "15:04", "15:04:05.999999999"} {
		if _, err := time.Parse(l, s); err == nil {
			return true
		}
	}
	return false
}

// apply sets the inferred type and constraints on f. A column is Required
// (every row has the cell) and Nullable when an empty cell or a null
// marker was seen.
func (c *colStat) apply(f *Field) {
	f.Sampled = true
	f.Required = c.absent == 0
	f.Nullable = c.empty > 0
	f.Examples = c.examples
	if c.seen == 0 {
		f.Type = String
		f.Description = joinDesc(f.Description, "no values in the sample")
		return
	}
	switch {
	case !c.notInt && (c.leadingZero || c.bigInt):
		f.Type = String // codes keep their leading zeros
		f.ObservedMaxLength = IntP(c.maxLen)
		f.Pattern = `^[0-9]+$`
		f.Format = "code"
	case c.applyBool(f):
	case !c.notBool && !(c.maxLen == 1 && !c.notInt):
		f.Type = Boolean
	case !c.notInt:
		f.Type = Integer
	case !c.notDec && c.sawFraction:
		if c.maxScale <= 9 {
			f.Type = Decimal
			f.ObservedScale = IntP(c.maxScale)
			f.ObservedPrecision = IntP(c.maxIntDigits + c.maxScale)
		} else {
			f.Type = Float
		}
	case !c.notFloat:
		f.Type = Float
	case c.commaDec && c.euro.apply(f):
	case !c.notUUID:
		f.Type = UUID
	case len(c.tsLayouts) > 0:
		l := c.tsLayouts[0]
		if zoned(l) {
			f.Type = TimestampTZ
			f.Format = "datetime:" + l
		} else {
			f.Type = Timestamp
			f.Format = "datetime:" + l
		}
	case len(c.dateLayouts) > 0:
		f.Type = Date
		f.Format = "date:" + c.dateLayouts[0]
	case !c.notTime:
		f.Type = Time
	case !c.notEmail:
		f.Type = String
		f.Format = "email"
		f.ObservedMaxLength = IntP(c.maxLen)
	default:
		f.Type = String
		f.ObservedMaxLength = IntP(c.maxLen)
	}
}

// codeHint matches column names whose numeric-looking values are codes.
var codeHints = []string{"phone", "mobile", "fax", "zip", "postal", "postcode", "account_number", "accountnumber", "account_no", "iban", "ssn", "routing"}

// codeByName keeps integer-looking phone numbers, zip codes and account
// numbers as strings: they are codes, and a number would drop leading
// zeros in other rows.
func codeByName(f *Field, c *colStat) {
	if f.Type != Integer {
		return
	}
	n := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(f.Name, " ", "_"), "-", "_"))
	for _, h := range codeHints {
		if strings.Contains(n, h) || strings.Contains(strings.ReplaceAll(n, "_", ""), h) {
			f.Type = String
			f.ObservedMaxLength = IntP(c.maxLen)
			f.Pattern = `^[0-9]+$`
			f.Format = "code"
			if strings.Contains(h, "phone") || h == "mobile" || h == "fax" {
				f.Format = "phone"
			}
			return
		}
	}
}
