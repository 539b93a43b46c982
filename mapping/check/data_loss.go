package check

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

// lossWatch returns the source path a rule's expression transforms into
// its text result, when the output can be compared with it value by value
// (#13.2): an expression that reads one source field and neither splits,
// hashes, looks up nor combines it. "" otherwise (plain casts are judged
// by the truncation and code checks already).
func lossWatch(ri *ruleInfo) string {
	rd := ri.x.read
	if ri.x.plain || rd == nil || len(rd.Paths) != 1 || ri.x.combine || ri.x.lookup != "" {
		return ""
	}
	if rd.Has(transform.Splits) || rd.Has(transform.Hashes) || rd.Has(transform.Aggregates) || rd.Has(transform.LooksUp) {
		return ""
	}
	return rd.Paths[0]
}

// valueLoss compares one output value with the source value it came from
// through the rule: leading zeros lost (05021 -> 5021), characters cut
// (Germany -> GE; a cut to exactly the target's length is the idiom that
// fits it and is left alone).
func (d *Data) valueLoss(rc *rowCheck, sv value.Value) {
	if sv.K != value.String || rc.ov.K != value.String {
		return
	}
	in, out := strings.TrimSpace(sv.S), rc.ov.S
	if in == "" || out == "" || in == out {
		return
	}
	tf := rc.dr.tf
	if zeros := leadingZeros(in); zeros > 0 && out == in[zeros:] && !rc.reported(kind.CodeAsNumber) {
		rc.hit(kind.CodeAsNumber, func() (string, string) {
			return fmt.Sprintf("leading zeros lost on the way into %s", tf.Path), fmt.Sprintf("%q became %q", in, out)
		})
		return
	}
	n, m := len([]rune(out)), len([]rune(in))
	cut := n < m && strings.HasPrefix(strings.ToLower(in), strings.ToLower(out))
	if cut && n <= 3 && allLetters(out) && rc.dr.placeSrc {
		rc.hit(kind.CodeSystem, func() (string, string) {
			return fmt.Sprintf("names cut into letters that read as codes on the way into %s", tf.Path), fmt.Sprintf("%q became %q", in, out)
		})
		return
	}
	if cut && n != rc.dr.maxLen && !rc.reported(kind.Truncation) {
		rc.hit(kind.Truncation, func() (string, string) {
			return fmt.Sprintf("the rule cuts values on the way into %s", tf.Path), fmt.Sprintf("%q (%d characters) became %q (%d)", in, m, out, n)
		})
	}
}

// allLetters: s is letters only (a code such as GE, DEU).
func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// leadingZeros counts the zeros before the first other digit of an all
// digit string ("05021" -> 1); 0 when s is not all digits or is zeros only.
func leadingZeros(s string) int {
	z := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		if c == '0' && z == i {
			z++
		}
	}
	if z == len(s) {
		return 0
	}
	return z
}

// wallClock: a date and a time of day without an offset or Z
// ("2024-03-09 22:30:00", "2024-03-09T22:30").
func wallClock(s string) bool {
	s = strings.TrimSpace(s)
	if !looksDate(s) || len(s) < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' {
		return false
	}
	rest := s[16:]
	return !strings.ContainsAny(rest, "Zz+-")
}

// zoneChosen: the rule names the zone itself (to_utc, to_zone, or
// parse_datetime with a zone argument), so a wall-clock source is read
// in a zone on purpose.
func zoneChosen(ri *ruleInfo) bool {
	rd := ri.x.read
	if rd == nil {
		return false
	}
	if rd.Has(transform.ConvertsZone) {
		return true
	}
	for _, c := range rd.Calls {
		if c.Facts.Has(transform.ParsesDate) && len(c.Node.Arguments) >= 3 {
			return true
		}
	}
	return false
}
