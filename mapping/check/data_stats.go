package check

import (
	"fmt"
	"hash/maphash"
	"math"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// ruleStats are the bounded per-rule statistics behind the
// distribution_shift and unit_mismatch findings read at the end of a run.
type ruleStats struct {
	srcSet, outSet         boundedSet
	srcNonNull, becameNull int64
	written                int64
	nums, integral, ge100  int64
	// ratio: sums of |source| and |output| over rows where both are
	// non-zero numbers, and how many rows that was.
	sumIn, sumOut float64
	pairs         int64
}

func (s *ruleStats) init(max int) {
	s.srcSet = boundedSet{max: max, m: map[uint64]struct{}{}}
	// The collapse finding needs exactly one distinct output value: a
	// second one ends it (and the source set is no longer needed).
	s.outSet = boundedSet{max: 1, m: map[uint64]struct{}{}}
}

func (s *ruleStats) observe(sv, ov value.Value, written bool) {
	if !written {
		return
	}
	s.written++
	if !sv.IsMissing() {
		s.srcNonNull++
		if !s.outSet.full {
			s.srcSet.add(sv)
		}
		if ov.IsMissing() {
			s.becameNull++
		}
	}
	if !ov.IsMissing() {
		s.outSet.add(ov)
	}
	if fi, ok := numFloat(sv); ok && fi != 0 {
		if fo, ok := numFloat(ov); ok && fo != 0 {
			s.sumIn += math.Abs(fi)
			s.sumOut += math.Abs(fo)
			s.pairs++
		}
	}
	switch ov.K {
	case value.Int:
		if ov.I != 0 {
			s.nums++
			s.integral++
			if ov.I >= 100 || ov.I <= -100 {
				s.ge100++
			}
		}
	case value.Decimal, value.Float:
		if dv, ok := asDecimal(ov); ok && !dv.IsZero() {
			s.nums++
			if dv.IsInteger() {
				s.integral++
				if dv.Abs().IntPart() >= 100 {
					s.ge100++
				}
			}
		}
	default:
	}
}

// numFloat reads a number value (not numeric text) as a float.
func numFloat(v value.Value) (float64, bool) {
	switch v.K {
	case value.Int:
		return float64(v.I), true
	case value.Float:
		return v.F, !math.IsNaN(v.F) && !math.IsInf(v.F, 0)
	case value.Decimal:
		f, _ := v.D.Float64()
		return f, true
	default:
	}
	return 0, false
}

// ratioFindings compares output and source magnitudes: a power of ten
// between them is a unit conversion, which should match the units the
// names declare (D29, "10^k ratios").
func (d *Data) ratioFindings(dr *dataRule, mk func(k kind.Kind, sev diag.Severity, count int64, msg string, why ...string) *Finding) {
	s := &dr.stats
	src := dr.ri.single()
	if s.pairs < 5 || src == nil || s.sumIn == 0 {
		return
	}
	lr := math.Log10(s.sumOut / s.sumIn)
	k := math.Round(lr)
	if math.Abs(lr-k) > 0.01 {
		return
	}
	su, _ := unitOf(src)
	tu, _ := unitOf(dr.tf)
	why := fmt.Sprintf("output / source magnitude = 10^%d over %d rows", int(k), s.pairs)
	var f *Finding
	defer func() {
		if f != nil {
			f.Examples = append([]Example(nil), dr.ratioEx...)
		}
	}()
	switch {
	case k == 0 && strings.HasPrefix(su, "minor") && strings.HasPrefix(tu, "major"):
		f = mk(kind.UnitMismatch, diag.Error, s.pairs, fmt.Sprintf("minor-unit amounts of %s are written unchanged into the currency-unit %s (1999 stays 1999, not 19.99)", src.Path, dr.tf.Path), why)
	case k != 0 && dr.ri.x.scale == "":
		f = mk(kind.UnitMismatch, diag.Warn, s.pairs, fmt.Sprintf("values of %s come out 10^%d times %s: a unit conversion the rule does not show", dr.tf.Path, int(k), src.Path), why)
	case k < 0 && strings.HasPrefix(su, "major"), k > 0 && strings.HasPrefix(su, "minor"):
		f = mk(kind.UnitMismatch, diag.Error, s.pairs, fmt.Sprintf("the rule scales %s by 10^%d, but it is already in %s units", src.Path, int(k), map[bool]string{true: "currency", false: "minor"}[strings.HasPrefix(su, "major")]), why)
	}
}

// boundedSet counts distinct values by 64-bit hash, up to max.
type boundedSet struct {
	m    map[uint64]struct{}
	max  int
	full bool
	buf  []byte
}

var setSeed = maphash.MakeSeed()

func (b *boundedSet) add(v value.Value) {
	if b.full {
		return
	}
	b.buf = v.AppendText(append(b.buf[:0], byte(v.K)))
	h := maphash.Bytes(setSeed, b.buf)
	if _, ok := b.m[h]; ok {
		return
	}
	if len(b.m) >= b.max {
		b.full = true
		return
	}
	b.m[h] = struct{}{}
}

func (b *boundedSet) count() string {
	if b.full {
		return fmt.Sprintf("more than %d", b.max)
	}
	return fmt.Sprint(len(b.m))
}

func (d *Data) ruleStatsFindings(dr *dataRule) []Finding {
	s := &dr.stats
	r := dr.ri.r
	var out []Finding
	mk := func(k kind.Kind, sev diag.Severity, count int64, msg string, why ...string) *Finding {
		out = append(out, Finding{Kind: k, Severity: sev, Detector: k.Detector(), Rule: r.Name(),
			Target: r.Target, Source: append([]string{}, r.From...), Count: count, Message: msg, Why: why})
		return &out[len(out)-1]
	}
	if s.srcNonNull >= 10 && s.becameNull*2 > s.srcNonNull {
		mk(kind.DistributionShift, diag.Warn, s.becameNull,
			fmt.Sprintf("%d of %d non-null source values became null in %s", s.becameNull, s.srcNonNull, r.Target),
			"null rate through the rule jumps")
	}
	// items build arrays: their output is not one value per source value.
	if len(r.Items) == 0 && s.written >= 20 && (s.srcSet.full || len(s.srcSet.m) >= 10) && len(s.outSet.m) == 1 && !s.outSet.full {
		mk(kind.DistributionShift, diag.Warn, s.written,
			fmt.Sprintf("%s distinct source values collapse into one value of %s", s.srcSet.count(), r.Target),
			"distinct source values: "+s.srcSet.count(), "distinct output values: 1")
	}
	if len(dr.currencies) > 1 {
		type cc struct {
			code string
			n    int64
		}
		var cs []cc
		var total int64
		for k, n := range dr.currencies {
			cs = append(cs, cc{k, n})
			total += n
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].n > cs[j].n || cs[i].n == cs[j].n && cs[i].code < cs[j].code })
		var parts []string
		for _, c := range cs {
			parts = append(parts, fmt.Sprintf("%s %d", c.code, c.n))
		}
		mk(kind.CurrencyDropped, diag.Error, total-cs[0].n,
			fmt.Sprintf("amounts in %d currencies reach %s, which keeps no currency: %d rows are not in %s", len(cs), r.Target, total-cs[0].n, cs[0].code),
			"currency field "+dr.currency+": "+strings.Join(parts, ", "))
		f := &out[len(out)-1]
		for _, c := range cs {
			if len(f.Examples) < d.opts.MaxExamples {
				f.Examples = append(f.Examples, dr.curEx[c.code])
			}
		}
	}
	d.ratioFindings(dr, mk)
	if dr.money && s.nums >= 20 && s.integral == s.nums && s.ge100*10 >= s.nums*9 {
		f := mk(kind.UnitMismatch, diag.Warn, s.nums,
			fmt.Sprintf("every value written to the money field %s is a whole number, mostly 100 or more: minor units (cents)?", r.Target),
			fmt.Sprintf("%d of %d whole, %d >= 100", s.integral, s.nums, s.ge100), "currency amounts cluster at .00/.99 only when they are whole units")
		f.Examples = append([]Example(nil), dr.ratioEx...)
	}
	return out
}

// invariant is an ordering between two target fields (created <= updated,
// order_date <= shipped_date, start <= end) checked on source and output.
type invariant struct {
	a, b           *dataRule
	sa, sb, oa, ob fieldRef // the sources and targets of a and b
}

var earlyWords = []string{"created", "create", "createdate", "order", "ordered", "start", "begin", "from", "issued", "opened", "placed", "birth"}
var lateWords = []string{"updated", "modified", "modstamp", "shipped", "end", "until", "closed", "required", "due", "delivered", "expires", "cancelled", "processed", "fulfilled"}

// maxInvariants bounds the pairs findInvariants checks: a schema of
// thousands of start_* and end_* dates would otherwise pair every one with
// every other (#20.9). Real schemas have a handful.
const maxInvariants = 256

func findInvariants(rules []*dataRule, keys *keyIndex) []*invariant {
	var early, late []*dataRule
	for _, dr := range rules {
		t := effType(dr.tf)
		if !isTemporal(t) || dr.ri.single() == nil {
			continue
		}
		toks := tokens(dr.tf.Path)
		switch {
		case hasTok(toks, lateWords...) != "":
			late = append(late, dr)
		case hasTok(toks, earlyWords...) != "":
			early = append(early, dr)
		}
	}
	var out []*invariant
	for _, a := range early {
		for _, b := range late {
			if len(out) == maxInvariants {
				return out
			}
			out = append(out, &invariant{a: a, b: b,
				sa: newFieldRef(a.ri.r.From[0], keys), sb: newFieldRef(b.ri.r.From[0], keys),
				oa: newFieldRef(a.tf.Path, keys), ob: newFieldRef(b.tf.Path, keys)})
		}
	}
	return out
}

func (p *invariant) observe(d *Data, row int64, in, out *value.Record, labels map[string]string) {
	if out == nil {
		return
	}
	sa, sb := p.sa.get(in), p.sb.get(in)
	if c, ok := cmpTemporal(sa, sb); !ok || c > 0 {
		return // not comparable, or the relation does not hold in the source
	}
	oa, ob := p.oa.get(out), p.ob.get(out)
	if c, ok := cmpTemporal(oa, ob); !ok || c <= 0 {
		return
	}
	a := d.agg(kind.InvariantBroken, p.b.tf.Path, p.a.ri.r.Name()+","+p.b.ri.r.Name(), []string{p.a.ri.r.From[0], p.b.ri.r.From[0]})
	if a.desc == "" {
		a.desc = fmt.Sprintf("%s <= %s holds in the source (%s <= %s) but not in the output", p.a.tf.Path, p.b.tf.Path, p.a.ri.r.From[0], p.b.ri.r.From[0])
	}
	d.example(a, row, in, a.f.Source, ob, labels, fmt.Sprintf("%s=%s > %s=%s", p.a.tf.Path, Render(oa), p.b.tf.Path, Render(ob)))
}

// cmpTemporal orders two temporal values; when either is a calendar date
// both are compared as the dates their own clocks show.
func cmpTemporal(a, b value.Value) (int, bool) {
	ta, oka := asTime(a)
	tb, okb := asTime(b)
	if !oka || !okb {
		return 0, false
	}
	if a.K == value.Date || b.K == value.Date {
		da, db := ta.Format("2006-01-02"), tb.Format("2006-01-02")
		return strings.Compare(da, db), true
	}
	return ta.Compare(tb), true
}

// asInstant reads a zoned instant: a timestamptz value or RFC 3339 text
// with an offset.
func asInstant(v value.Value) (time.Time, bool) {
	switch v.K {
	case value.TimestampTZ:
		return v.T, true
	case value.String:
		if !looksDate(v.S) {
			return time.Time{}, false
		}
		if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v.S)); err == nil {
			return t, true
		}
	default:
	}
	return time.Time{}, false
}

// looksDate is a cheap test before parsing: YYYY-MM-DD at the start.
func looksDate(s string) bool {
	if len(s) < 10 || s[0] > ' ' && (s[0] < '0' || s[0] > '9') {
		return false // the common case, without trimming
	}
	s = strings.TrimSpace(s)
	return len(s) >= 10 && s[4] == '-' && s[7] == '-' && s[0] >= '0' && s[0] <= '9'
}

// asTime reads any temporal value (zoned values as instants, naive ones on
// their wall clock).
func asTime(v value.Value) (time.Time, bool) {
	switch v.K {
	case value.Date, value.Timestamp, value.TimestampTZ:
		return v.T, true
	case value.String:
		s := strings.TrimSpace(v.S)
		if !looksDate(s) {
			return time.Time{}, false
		}
		for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
			if t, err := time.Parse(l, s); err == nil {
				return t, true
			}
		}
	default:
	}
	return time.Time{}, false
}

var (
	reEmail = regexp.MustCompile(`^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$`)
	rePhone = regexp.MustCompile(`^\+?[0-9][0-9 ().\-/]{5,24}(\s*(x|ext\.?)\s*[0-9]{1,6})?$`)
	reHost  = regexp.MustCompile(`^(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$`)
)

// validFormat checks the formats of JSON Schema and OpenAPI that have a
// clear definition; unknown formats pass (format assertion is optional).
func validFormat(format, s string) bool {
	switch strings.ToLower(format) {
	case "email", "idn-email":
		return validEmail(s)
	case "uri", "url", "iri":
		u, err := url.Parse(s)
		return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "")
	case "uuid":
		if len(s) != 36 {
			return false
		}
		_, err := uuid.Parse(s)
		return err == nil
	case "date":
		_, err := time.Parse("2006-01-02", s)
		return err == nil
	case "date-time":
		_, err := time.Parse(time.RFC3339Nano, s)
		return err == nil
	case "time":
		_, err := time.Parse("15:04:05", strings.SplitN(s, ".", 2)[0])
		return err == nil
	case "ipv4":
		ip := net.ParseIP(s)
		return ip != nil && ip.To4() != nil && strings.Contains(s, ".")
	case "ipv6":
		ip := net.ParseIP(s)
		return ip != nil && strings.Contains(s, ":")
	case "phone", "tel":
		return rePhone.MatchString(s)
	case "hostname":
		return len(s) <= 253 && reHost.MatchString(s)
	}
	return true
}
