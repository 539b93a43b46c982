package check

import (
	"fmt"
	"hash/maphash"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// checkRule runs the per-value detectors for one rule on one row.
func (d *Data) checkRule(dr *dataRule, row int64, in, out *value.Record, written bool, engine map[aggKey]bool, labels map[string]string) {
	r := dr.ri.r
	var sv value.Value
	if len(r.From) == 1 {
		sv = dr.src.get(in)
	}
	var ov value.Value
	if out != nil {
		ov = dr.out.get(out)
	}
	failed := len(engine) > 0 && engine[aggKey{"", r.Target, ""}]
	dr.stats.observe(sv, ov, written && out != nil && !failed)
	if out == nil || failed {
		return // rejected, or this rule failed: the engine's errors say why
	}
	if len(dr.contract) > 0 {
		if path, why := dr.sourceBroken(in); path != "" {
			d.contractHit(dr, row, in, ov, labels, path, why)
			return // what follows from a broken source is the source's problem
		}
	}
	if dr.currency != "" && !ov.IsMissing() {
		if cv := in.Path(dr.currency); cv.K == value.String && cv.S != "" {
			if _, ok := dr.currencies[cv.S]; ok || len(dr.currencies) < d.opts.MaxValues {
				if dr.currencies[cv.S] == 0 {
					dr.curEx[cv.S] = Example{Row: row, Source: Values{{r.From[0], clip(sv)}, {dr.currency, clip(cv)}}, Target: clip(ov),
						EdgeCase: edgeCase(labels, []string{dr.currency, r.From[0]}, r.Target), Reason: "amount in " + cv.S}
				}
				dr.currencies[cv.S]++
			}
		}
	}
	if len(dr.ratioEx) < d.opts.MaxExamples && dr.ri.single() != nil {
		if fi, ok := numFloat(sv); ok && fi != 0 {
			if fo, ok := numFloat(ov); ok && fo != 0 {
				dr.ratioEx = append(dr.ratioEx, Example{Row: row, Source: Values{{r.From[0], sv}}, Target: ov,
					EdgeCase: edgeCase(labels, r.From, r.Target), Reason: fmt.Sprintf("%s -> %s", sv.Text(), ov.Text())})
			}
		}
	}
	rc := &rowCheck{d: d, dr: dr, row: row, in: in, ov: ov, labels: labels, engine: engine}
	tf := dr.tf
	if dr.req && ov.IsMissing() && !rc.reported(kind.NullIntoRequired) {
		rc.hit(kind.NullIntoRequired, func() (string, string) {
			return fmt.Sprintf("null or absent reached the required %s", tf.Path), Render(ov) + " into a required field"
		})
	}
	// the rows of a rule that may keep one of several inputs: no explicit
	// combine, or a choice (??, coalesce, ?:) that neither concatenates
	// nor computes with them (a discount from price, quantity and amount
	// keeps all three)
	if x := &dr.ri.x; len(dr.valueFrom) > 1 && (!x.combine || x.coalesce && !x.concat) {
		d.collision(rc)
	}
	if dr.loss != "" && ov.K == value.String {
		d.valueLoss(rc, dr.lossSrc.get(in))
	}
	if ov.K == value.String {
		d.checkString(rc, sv)
	} else if dr.enum != nil && !ov.IsMissing() && !dr.enum[ov.Text()] && !rc.reported(kind.EnumViolation) {
		rc.hit(kind.EnumViolation, func() (string, string) {
			return fmt.Sprintf("values outside the allowed set of %s", tf.Path), Render(ov) + " is not one of " + strings.Join(tf.EnumValues, ", ")
		})
	}
	if ov.K == value.Int || ov.K == value.Decimal || ov.K == value.Float {
		d.checkNumber(rc, sv)
	}
	if ov.K == value.Array || ov.K == value.Object {
		d.checkNested(rc, tf, ov)
	}
	if len(r.From) != 1 && dr.loss != "" {
		// An expression of one field (parse_datetime(raw.when)): its
		// source value is what the zone checks compare with.
		d.checkTime(rc, dr.lossSrc.get(in))
	} else {
		d.checkTime(rc, sv)
	}
	if dr.polar && sv.K == value.Bool && ov.K == value.Bool && sv.I == ov.I {
		rc.hit(kind.Polarity, func() (string, string) {
			return fmt.Sprintf("%s copied into %s without negation: opposite meanings", r.From[0], tf.Path), fmt.Sprintf("%s=%s became %s=%s", r.From[0], Render(sv), tf.Path, Render(ov))
		})
	}
	// Only written rows reach the target, so only they can collide.
	if dr.keys != nil && written && !ov.IsMissing() && !rc.reported(kind.DuplicateKey) {
		if dr.keys.add(ov) {
			rc.hit(kind.DuplicateKey, func() (string, string) { return fmt.Sprintf("key %s repeats", tf.Path), Render(ov) + " seen before" })
		}
	}
}

// rowCheck is one rule on one row, as the detectors see it.
type rowCheck struct {
	d      *Data
	dr     *dataRule
	row    int64
	in     *value.Record
	ov     value.Value
	labels map[string]string
	engine map[aggKey]bool
}

// reported: the engine already reported this kind for this target on this row.
func (c *rowCheck) reported(k kind.Kind) bool {
	return len(c.engine) > 0 && c.engine[aggKey{k, c.dr.ri.r.Target, ""}]
}

// hit counts the row for kind and keeps it as an example; desc describes
// the finding (the first one wins), reason this row.
//
// msg renders both only when they are kept: a finding that fires on every
// row formats nothing once its examples are full.
func (c *rowCheck) hit(k kind.Kind, msg func() (desc, reason string)) *agg {
	r := c.dr.ri.r
	a := c.d.agg(k, r.Target, r.Name(), r.From)
	if a.desc == "" || len(a.f.Examples) < c.d.opts.MaxExamples {
		desc, reason := msg()
		if a.desc == "" {
			a.desc = desc
		}
		c.d.example(a, c.row, c.in, r.From, c.ov, c.labels, reason)
	}
	return a
}

func (d *Data) collision(rc *rowCheck) {
	dr, in := rc.dr, rc.in
	var first value.Value
	n, distinct := 0, false
	for _, p := range dr.valueFrom {
		v := in.Path(p)
		if v.IsMissing() || v.IsEmpty() {
			continue
		}
		if n == 0 {
			first = v
		} else if !v.Equal(first) {
			distinct = true
		}
		n++
	}
	if !distinct || keepsAll(rc.ov, in, dr.valueFrom) {
		return
	}
	rc.hit(kind.Collision, func() (string, string) {
		return fmt.Sprintf("distinct non-null values of %s collapse into %s: all but one are lost", strings.Join(dr.valueFrom, ", "), dr.tf.Path), "several inputs set, one kept"
	})
}

// keepsAll: the output text holds every set input's text (a null-safe
// concatenation of address lines, "Ann Lee" from first and last): nothing
// collapsed, whatever the expression's shape.
func keepsAll(out value.Value, in *value.Record, paths []string) bool {
	if out.IsMissing() {
		return false
	}
	o := out.Text()
	for _, p := range paths {
		v := in.Path(p)
		if v.IsMissing() || v.IsEmpty() {
			continue
		}
		t := strings.TrimSpace(v.Text())
		if t != "" && !strings.Contains(o, t) {
			return false
		}
	}
	return true
}

func (d *Data) checkString(rc *rowCheck, sv value.Value) {
	dr, ov, reported := rc.dr, rc.ov, rc.reported
	tf := dr.tf
	s := ov.S
	if s == "" && (tf.Nullable || d.c.dstPlatform == "salesforce") && !reported(kind.EmptyVsNull) {
		why := "the target is nullable: \"\" and null both arrive"
		if d.c.dstPlatform == "salesforce" {
			why = "Salesforce stores \"\" as null"
		}
		rc.hit(kind.EmptyVsNull, func() (string, string) {
			return fmt.Sprintf("empty strings reach %s where the target means null", tf.Path), why
		})
	}
	if n := dr.maxLen; n > 0 && !reported(kind.Truncation) {
		chars, bytes, units := measure(s)
		got := chars
		if dr.lenUnit == "UTF-16 units" {
			got = units
		}
		cut := false
		if sv.K == value.String && dr.ri.x.plain && len(sv.S) > len(s) && strings.HasPrefix(sv.S, s) {
			sc, _, su := measure(sv.S)
			if (dr.lenUnit == "UTF-16 units" && su > n) || sc > n {
				cut = true
				chars, bytes, units = measure(sv.S)
			}
		}
		if got > n || cut {
			a := rc.hit(kind.Truncation, func() (string, string) {
				reason := fmt.Sprintf("%d characters, %d UTF-8 bytes, %d UTF-16 units; limit %d %s", chars, bytes, units, n, dr.lenUnit)
				if cut {
					reason = "cut to " + strconv.Itoa(n) + ": " + reason
				}
				return fmt.Sprintf("values longer than %s allows (%d %s)", tf.Path, n, dr.lenUnit), reason
			})
			if lens := [3]int{max(a.lens[0], chars), max(a.lens[1], bytes), max(a.lens[2], units)}; lens != a.lens || a.f.Why == nil {
				a.lens = lens
				a.f.Why = []string{fmt.Sprintf("longest: %d characters, %d UTF-8 bytes, %d UTF-16 units", a.lens[0], a.lens[1], a.lens[2]), fmt.Sprintf("limit: %d %s", n, dr.lenUnit)}
			}
		}
	}
	if dr.pattern != nil && !dr.pattern.MatchString(s) && !reported(kind.PatternViolation) {
		rc.hit(kind.PatternViolation, func() (string, string) {
			return fmt.Sprintf("values of %s do not match %s", tf.Path, tf.Pattern), fmt.Sprintf("%q does not match", clip(ov).S)
		})
	}
	if tf.Format != "" && !validFormat(tf.Format, s) && !reported(kind.FormatViolation) {
		rc.hit(kind.FormatViolation, func() (string, string) {
			return fmt.Sprintf("values of %s are not valid %s", tf.Path, tf.Format), fmt.Sprintf("%q is not %s", clip(ov).S, tf.Format)
		})
	}
	if dr.enum != nil && !dr.enum[s] && !reported(kind.EnumViolation) {
		rc.hit(kind.EnumViolation, func() (string, string) {
			reason := fmt.Sprintf("%q is not an allowed value", clip(ov).S)
			for _, v := range tf.EnumValues {
				if strings.EqualFold(v, s) {
					reason += "; differs from " + strconv.Quote(v) + " only by case"
					break
				}
			}
			return fmt.Sprintf("values outside the allowed set of %s", tf.Path), reason
		})
	}
	if dr.charset != "" && !reported(kind.EncodingLoss) {
		if bad := outsideCharset(s, dr.charset); bad != 0 {
			rc.hit(kind.EncodingLoss, func() (string, string) {
				return fmt.Sprintf("characters %s cannot store reach %s", dr.charset, tf.Path), fmt.Sprintf("%q (U+%04X) is not in %s", bad, bad, dr.charset)
			})
		}
	}
}

func (d *Data) checkNumber(rc *rowCheck, sv value.Value) {
	dr, ov, reported := rc.dr, rc.ov, rc.reported
	tf := dr.tf
	var f float64
	switch ov.K {
	case value.Int:
		f = float64(ov.I)
	case value.Float:
		f = ov.F
	case value.Decimal:
		f, _ = ov.D.Float64()
	default:
	}
	dv := lazyText{ov}
	if !reported(kind.RangeViolation) {
		switch {
		case tf.Min != nil && f < *tf.Min:
			rc.hit(kind.RangeViolation, func() (string, string) {
				return fmt.Sprintf("values of %s below its minimum %g", tf.Path, *tf.Min), fmt.Sprintf("%s < %g", dv, *tf.Min)
			})
		case tf.Max != nil && f > *tf.Max:
			rc.hit(kind.RangeViolation, func() (string, string) {
				return fmt.Sprintf("values of %s above its maximum %g", tf.Path, *tf.Max), fmt.Sprintf("%s > %g", dv, *tf.Max)
			})
		case tf.Type == schema.Integer && tf.Bits > 0 && tf.Bits < 64 && (f > intMax(tf.Bits) || f < -intMax(tf.Bits)-1):
			rc.hit(kind.RangeViolation, func() (string, string) {
				return fmt.Sprintf("values overflow integer(%d) %s", tf.Bits, tf.Path), fmt.Sprintf("%s does not fit in %d bits", dv, tf.Bits)
			})
		}
	}
	if dr.fracTgt && (f > 1 || f < -1) {
		rc.hit(kind.UnitMismatch, func() (string, string) {
			return fmt.Sprintf("values above 1 reach the fraction %s: a percent or an amount, not a rate", tf.Path), fmt.Sprintf("%s is not in 0..1", dv)
		})
	}
	if sv.K == value.String && dr.ri.single() != nil && codeValue(sv.S) {
		rc.hit(kind.CodeAsNumber, func() (string, string) {
			return fmt.Sprintf("code-like text became the number %s: leading zeros or '+' lost", tf.Path), fmt.Sprintf("%q became %s", sv.S, ov.Text())
		})
	} else if dr.ri.x.scale == "" && (dr.ri.x.plain || isNumeric(dr.ri.x.conv)) && numChanged(sv, ov) {
		rc.hit(kind.PrecisionLoss, func() (string, string) {
			return fmt.Sprintf("numbers changed on the way into %s (rounding or float conversion)", tf.Path), fmt.Sprintf("%s became %s", sv.Text(), ov.Text())
		})
	}
}

func (d *Data) checkTime(rc *rowCheck, sv value.Value) {
	dr, ov := rc.dr, rc.ov
	tf := dr.tf
	st, zoned := asInstant(sv)
	if zoned && !ov.IsMissing() {
		if _, off := st.Zone(); off != 0 {
			local, utc := st.Format("2006-01-02"), st.UTC().Format("2006-01-02")
			switch {
			case (dr.dateTgt || ov.K == value.Date) && local != utc:
				rc.hit(kind.TimezoneLoss, func() (string, string) {
					return fmt.Sprintf("dates in %s depend on the zone the timestamp is read in", tf.Path), fmt.Sprintf("%s: local date %s, UTC date %s", sv.Text(), local, utc)
				})
			case ov.K == value.Timestamp:
				rc.hit(kind.TimezoneLoss, func() (string, string) {
					return fmt.Sprintf("offsets dropped into the zoneless %s", tf.Path), fmt.Sprintf("%s lost offset %s", sv.Text(), st.Format("-07:00"))
				})
			}
		}
	}
	if !zoned && ov.K == value.TimestampTZ && sv.K == value.String && wallClock(sv.S) && !zoneChosen(dr.ri) {
		rc.hit(kind.TimezoneLoss, func() (string, string) {
			return fmt.Sprintf("wall-clock times without an offset reach the zoned %s: they are read as UTC, hours off if they were local", tf.Path),
				fmt.Sprintf("%q has no offset; written as %s", strings.TrimSpace(sv.S), ov.Text())
		})
	}
	if (ov.K == value.Timestamp || ov.K == value.TimestampTZ || ov.K == value.Date) && (sv.K == value.Int || sv.K == value.Decimal || sv.K == value.Float) {
		if y := ov.T.Year(); y > 2500 || y < 1971 {
			rc.hit(kind.UnitMismatch, func() (string, string) {
				digits := len(strings.TrimLeft(sv.Text(), "-"))
				unit := map[int]string{10: "seconds", 13: "milliseconds", 16: "microseconds", 19: "nanoseconds"}[digits]
				reason := fmt.Sprintf("%s (%d digits%s) became year %d", sv.Text(), digits, map[bool]string{true: ", looks like " + unit, false: ""}[unit != ""], y)
				return fmt.Sprintf("epoch numbers read in the wrong unit into %s", tf.Path), reason
			})
		}
	}
}

// lazyText formats a value only when a message is printed.
type lazyText struct{ v value.Value }

func (l lazyText) String() string { return l.v.Text() }

// numChanged: a numeric source value and the number written differ.
func numChanged(sv, ov value.Value) bool {
	if sv.K == value.Int && ov.K == value.Int {
		return sv.I != ov.I
	}
	if sv.K == value.Float && ov.K == value.Float {
		return sv.F != ov.F
	}
	if sv.K == value.String && (ov.K == value.Int || ov.K == value.Decimal) {
		// Fast path for the common case (numeric text into an integer or
		// a decimal) without building decimals; exotic text falls through.
		if c, e, ok := smallDecimal(strings.TrimSpace(sv.S)); ok {
			if ov.K == value.Int {
				if e == 0 {
					return c != ov.I
				}
			} else if c == 0 {
				return !ov.D.IsZero()
			} else {
				return !decimal.New(c, e).Equal(ov.D)
			}
		}
	}
	ds, ok1 := asDecimal(sv)
	dv, ok2 := asDecimal(ov)
	return ok1 && ok2 && !ds.Equal(dv)
}

// measure returns a string's length in characters (code points), UTF-8
// bytes and UTF-16 code units.
func measure(s string) (chars, bytes, units int) {
	for _, r := range s {
		chars++
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	_ = utf16.IsSurrogate
	return chars, len(s), units
}

func outsideCharset(s, cs string) rune {
	limit := rune(0xFF)
	if cs == "ascii" || cs == "us-ascii" {
		limit = 0x7F
	}
	for _, r := range s {
		if cs == "utf8mb3" {
			if r > 0xFFFF {
				return r
			}
			continue
		}
		if r > limit || r == utf8.RuneError {
			return r
		}
	}
	return 0
}

// codeValue: text whose digits are an identifier, not a quantity.
func codeValue(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return false
	}
	if s[0] == '+' {
		return true
	}
	if s[0] == '0' && s[1] != '.' && s[1] != ',' {
		for i := 1; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	return false
}

func asDecimal(v value.Value) (decimal.Decimal, bool) {
	switch v.K {
	case value.Int:
		return decimal.NewFromInt(v.I), true
	case value.Decimal:
		return v.D, true
	case value.Float:
		if math.IsNaN(v.F) || math.IsInf(v.F, 0) {
			return decimal.Decimal{}, false
		}
		return decimal.NewFromFloat(v.F), true
	case value.String:
		t := strings.TrimSpace(v.S)
		if t == "" || len(t) > 40 || !looksNumber(t) {
			return decimal.Decimal{}, false
		}
		if dv, err := decimal.NewFromString(t); err == nil {
			return dv, true
		}
	default:
	}
	return decimal.Decimal{}, false
}

// looksNumber: digits with at most a sign, a point and an exponent.
func looksNumber(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E':
		default:
			return false
		}
	}
	return digits > 0
}

// keySet remembers key hashes up to a bound. 64-bit hashes: a false
// duplicate needs a collision, about 1 in 2^44 at a million keys.
type keySet struct {
	seed  maphash.Seed
	m     map[uint64]struct{}
	limit int
	full  bool
}

func newKeySet(limit int) *keySet {
	return &keySet{seed: maphash.MakeSeed(), m: map[uint64]struct{}{}, limit: limit}
}

// add reports whether the key was seen before.
func (k *keySet) add(v value.Value) bool {
	var h maphash.Hash
	h.SetSeed(k.seed)
	h.WriteByte(byte(v.K))
	var buf [64]byte
	h.Write(v.AppendText(buf[:0]))
	x := h.Sum64()
	if _, ok := k.m[x]; ok {
		return true
	}
	if len(k.m) >= k.limit {
		k.full = true
		return false
	}
	k.m[x] = struct{}{}
	return false
}
