package check

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// typesFamily: D08 cardinality, D10 type_incompatible, D11/D12/D15
// narrowing, D12 precision_loss, D13 float_money, D14 code_as_number,
// D16 encoding_loss, D31 timezone_loss.
func typesFamily(c *ctx) []Finding {
	return c.eachTargeted(func(ri *ruleInfo) []Finding {
		out := append([]Finding(nil), floatMoney(ri)...)
		if fs := codeAsNumber(ri); len(fs) > 0 {
			out = append(out, fs...)
		} else {
			out = append(out, parsedCode(ri)...)
		}
		out = append(out, c.encodingStatic(ri)...)
		card := c.cardinality(ri)
		out = append(out, card...)
		if rt := ri.resultType(); rt != "" && len(card) == 0 {
			out = append(out, c.typePair(ri, rt)...)
		}
		return out
	})
}

func isNumeric(t schema.Type) bool {
	return t == schema.Integer || t == schema.Decimal || t == schema.Float
}

func isTemporal(t schema.Type) bool {
	return t == schema.Date || t == schema.Time || t == schema.Timestamp || t == schema.TimestampTZ
}

func isScalar(t schema.Type) bool { return t != schema.Object && t != schema.Array }

// typePair compares the rule's result type with the target field.
func (c *ctx) typePair(ri *ruleInfo, from schema.Type) []Finding {
	tf := ri.tf
	to := effType(tf)
	s := ri.single()
	var out []Finding
	add := func(k kind.Kind, sev diag.Severity, det, msg string, why ...string) {
		out = append(out, ri.finding(k, sev, det, msg, why...))
	}
	pair := string(from) + " -> " + tf.TypeString()
	switch {
	case from == schema.Object && isScalar(to) && to != schema.String:
		add(kind.TypeIncompatible, diag.Error, "D10", fmt.Sprintf("an object cannot become %s", tf.TypeString()), pair)
		return out
	case isScalar(from) && (to == schema.Object || to == schema.Array):
		add(kind.TypeIncompatible, diag.Error, "D10", fmt.Sprintf("a %s value cannot become %s", from, to), pair)
		return out
	}
	if lvl := compat(from, to); lvl == 2 {
		add(kind.TypeIncompatible, diag.Error, "D10", fmt.Sprintf("%s cannot become %s", from, tf.TypeString()), pair)
		return out
	} else if lvl == 1 && ri.x.plain {
		add(kind.TypeIncompatible, diag.Warn, "D10", fmt.Sprintf("%s is cast to %s at run time: values that do not parse fail the rule (on_error %s)", from, tf.TypeString(), onError(ri)), pair, "no explicit conversion in the rule")
	}
	// Time zones and dates. A rule that names the zone (to_utc, to_zone,
	// parse_datetime with a zone) writes the wall clock of that zone on
	// purpose: nothing is lost that the rule did not choose.
	if from == schema.TimestampTZ && !zoneChosen(ri) {
		if ok, why := c.dateOnly(tf); ok {
			add(kind.TimezoneLoss, diag.Error, "D31", fmt.Sprintf("zoned timestamp lands in the date %s: time and offset are dropped and dates near midnight shift by a day", tf.Path), pair, why)
		} else if to == schema.Timestamp {
			add(kind.TimezoneLoss, diag.Error, "D31", fmt.Sprintf("zoned timestamp lands in the zoneless %s: the offset is dropped", tf.Path), pair)
		}
	} else if from == schema.Timestamp {
		if ok, why := c.dateOnly(tf); ok {
			add(kind.Narrowing, diag.Warn, "D31", fmt.Sprintf("timestamp lands in the date %s: the time of day is dropped", tf.Path), pair, why)
		}
	}
	out = append(out, narrowing(ri, s, from, to)...)
	if (from == schema.Decimal || from == schema.Integer) && to == schema.Float {
		if from == schema.Decimal || s == nil || s.Bits == 0 || s.Bits == 64 {
			add(kind.PrecisionLoss, diag.Warn, "D12", fmt.Sprintf("%s becomes a binary float in %s: decimal fractions and integers above 2^53 change", from, tf.Path), pair)
		}
	}
	return out
}

// cardinality (D08): an array, or a field inside one, feeds a scalar
// target without an aggregate: all elements but one are lost.
func (c *ctx) cardinality(ri *ruleInfo) []Finding {
	if !isScalar(ri.tf.Type) || strings.Contains(ri.tf.Path, "[]") {
		return nil
	}
	if ri.x.read != nil && ri.x.read.Aggregates {
		return nil
	}
	for i, s := range ri.srcs {
		p := ri.r.From[i]
		inArray := strings.Contains(p, "[]")
		if (s == nil || s.Type != schema.Array) && !inArray {
			continue
		}
		what := "array " + p
		if inArray {
			what = p + " (inside an array)"
			root := p[:strings.Index(p, "[]")+2]
			n := 0
			for _, o := range c.rules {
				for _, q := range o.r.From {
					if strings.HasPrefix(q, root) {
						n++
						break
					}
				}
			}
			if n > 1 {
				return []Finding{ri.finding(kind.Cardinality, diag.Error, "D09",
					fmt.Sprintf("%d rules read elements of %s: each element is a row of its own (a grain change), but the mapping writes one %s per source record", n, root, ri.tf.Path),
					"source grain: one row per element of "+root, "target grain: one row per source record")}
			}
		}
		return []Finding{ri.finding(kind.Cardinality, diag.Warn, "D08",
			fmt.Sprintf("%s feeds the single value %s: every element but one is lost, and which one depends on order", what, ri.tf.Path),
			"source is repeated, target "+ri.tf.TypeString()+" holds one value", "no aggregate (join, max, count ...) in the rule")}
	}
	return nil
}

func onError(ri *ruleInfo) string {
	if ri.r.OnError == "" {
		return "reject"
	}
	return ri.r.OnError
}

// compat: 0 the conversion always works, 1 it parses at run time and may
// fail, 2 it can never work.
func compat(from, to schema.Type) int {
	if from == to {
		return 0
	}
	switch to {
	case schema.String:
		if from == schema.Object || from == schema.Array {
			return 2
		}
		return 0
	case schema.Enum:
		if from == schema.String || from == schema.Integer {
			return 1
		}
		return 2
	default:
	}
	switch from {
	case schema.String, schema.Enum:
		if to == schema.Binary {
			return 0
		}
		return 1
	case schema.Integer:
		switch to {
		case schema.Decimal, schema.Float:
			return 0
		case schema.Boolean, schema.Timestamp, schema.TimestampTZ:
			return 1
		default:
		}
	case schema.Decimal, schema.Float:
		switch to {
		case schema.Decimal, schema.Float, schema.Integer:
			return 0 // width and scale: narrowing
		default:
		}
	case schema.Boolean:
		if to == schema.Integer {
			return 0
		}
	case schema.Date:
		if to == schema.Timestamp || to == schema.TimestampTZ {
			return 0
		}
	case schema.Timestamp, schema.TimestampTZ:
		if to == schema.Timestamp || to == schema.TimestampTZ || to == schema.Date || to == schema.Time {
			return 0
		}
	case schema.UUID:
		if to == schema.Binary {
			return 0
		}
	default:
	}
	return 2
}

func bitsOf(f *schema.Field) int {
	if f == nil || f.Bits == 0 {
		return 64
	}
	return f.Bits
}

func intMax(bits int) float64 { return math.Pow(2, float64(bits-1)) - 1 }

func narrowing(ri *ruleInfo, s *schema.Field, from, to schema.Type) []Finding {
	tf := ri.tf
	var out []Finding
	add := func(sev diag.Severity, det, msg string, why ...string) {
		out = append(out, ri.finding(kind.Narrowing, sev, det, msg, why...))
	}
	key := tf.PrimaryKey || tf.Unique
	switch {
	case to == schema.String || to == schema.Enum && from == schema.String:
		n, where := maxLen(tf)
		if n == 0 {
			break
		}
		sev := diag.Warn
		if key {
			sev = diag.Error
		}
		if ri.x.lenKnown {
			// The expression bounds the length itself (substr, a lookup
			// whose values fit): the source's length no longer matters.
			out = append(out, cutBySubstr(ri, n)...)
			if ri.x.lenMax > n {
				add(sev, "D15", fmt.Sprintf("the expression produces up to %d characters, %s holds %d: longer values are truncated or refused", ri.x.lenMax, tf.Path, n), "expression bound "+strconv.Itoa(ri.x.lenMax), "target "+where)
			}
			break
		}
		switch {
		case s != nil && from == schema.Enum && len(s.EnumValues) > 0:
			for _, v := range s.EnumValues {
				if len([]rune(v)) > n {
					add(diag.Error, "D15", fmt.Sprintf("enum value %q (%d chars) is longer than %s allows (%d)", v, len([]rune(v)), tf.Path, n), where)
					break
				}
			}
		case s != nil && srcLen(s) > 0:
			if sn, swhere := maxLen(s); sn > n {
				add(sev, "D15", fmt.Sprintf("source holds up to %d characters, %s only %d: longer values are truncated or refused", sn, tf.Path, n), "source "+swhere, "target "+where)
			}
		case s != nil && s.ObservedMaxLength != nil:
			// A sample's longest value is evidence, not a limit: it
			// proves longer values exist, and says nothing beyond.
			if *s.ObservedMaxLength > n {
				add(sev, "D15", fmt.Sprintf("the source sample holds values up to %d characters, %s only %d: longer values are truncated or refused", *s.ObservedMaxLength, tf.Path, n), "source observed max "+strconv.Itoa(*s.ObservedMaxLength), "target "+where)
			}
		case ri.x.plain || ri.x.conv == schema.String:
			why := []string{"source length unbounded", "target " + where}
			if s != nil && s.Type != schema.String && s.Type != schema.Enum {
				break // numbers and dates have a bounded text form; the data check measures it
			}
			add(sev, "D15", fmt.Sprintf("source length is unbounded, %s holds %d characters: longer values are truncated or refused", tf.Path, n), why...)
		}
	case to == schema.Integer:
		tb := bitsOf(tf)
		switch {
		case from == schema.Integer && s != nil && bitsOf(s) > tb:
			add(diag.Error, "D11", fmt.Sprintf("integer(%d) source into integer(%d) %s: values above %.0f overflow", bitsOf(s), tb, tf.Path, intMax(tb)), "source bits "+strconv.Itoa(bitsOf(s)), "target bits "+strconv.Itoa(tb))
		case (from == schema.Decimal || from == schema.Float):
			add(diag.Warn, "D12", fmt.Sprintf("%s into integer %s: the fraction is dropped", from, tf.Path), string(from)+" -> integer")
		case from == schema.String && tb < 64 && s != nil && hasTok(leafTokens(s.Path), "id", "number", "no", "num") != "":
			why := []string{"source " + s.Path + " is an identifier held as text", "target bits " + strconv.Itoa(tb)}
			for _, e := range s.Examples {
				if v, err := strconv.ParseFloat(strings.TrimSpace(e), 64); err == nil && math.Abs(v) > intMax(tb) {
					why = append(why, "example "+e+" exceeds "+strconv.FormatFloat(intMax(tb), 'f', 0, 64))
					break
				}
			}
			add(diag.Error, "D11", fmt.Sprintf("identifier %s into integer(%d) %s: ids from other systems are often 64-bit (Shopify order ids have 13 digits), this holds at most %.0f", s.Path, tb, tf.Path, intMax(tb)), why...)
		}
		if s != nil && s.Max != nil && *s.Max > intMax(tb) && from == schema.Integer && bitsOf(s) <= tb {
			add(diag.Error, "D11", fmt.Sprintf("source maximum %g exceeds integer(%d) %s", *s.Max, tb, tf.Path), "source max "+strconv.FormatFloat(*s.Max, 'g', -1, 64))
		}
	case to == schema.Decimal && tf.Scale != nil:
		ts := *tf.Scale
		if s != nil && from == schema.Decimal && s.Scale != nil && *s.Scale > ts {
			add(diag.Warn, "D12", fmt.Sprintf("scale %d into scale %d in %s: values are rounded", *s.Scale, ts, tf.Path), s.TypeString()+" -> "+tf.TypeString())
		}
		if s != nil && from == schema.Decimal && s.Precision != nil && s.Scale != nil && tf.Precision != nil {
			if *s.Precision-*s.Scale > *tf.Precision-ts {
				add(diag.Error, "D11", fmt.Sprintf("%d integer digits into %d in %s: large values overflow", *s.Precision-*s.Scale, *tf.Precision-ts, tf.Path), s.TypeString()+" -> "+tf.TypeString())
			}
		}
		if s != nil && from == schema.Decimal && s.Scale == nil && s.ObservedScale != nil && s.ObservedPrecision != nil {
			// A sample's widest decimal is evidence: such values exist.
			os, oi := *s.ObservedScale, *s.ObservedPrecision-*s.ObservedScale
			if os > ts {
				add(diag.Warn, "D12", fmt.Sprintf("the source sample holds values with %d digits after the point, %s keeps %d: values are rounded or refused", os, tf.Path, ts), "source observed "+strconv.Itoa(os)+" after the point", "target "+tf.TypeString())
			}
			if tf.Precision != nil && oi > *tf.Precision-ts {
				add(diag.Error, "D11", fmt.Sprintf("the source sample holds values with %d integer digits, %s only %d: large values overflow", oi, tf.Path, *tf.Precision-ts), "source observed "+strconv.Itoa(oi)+" integer digits", "target "+tf.TypeString())
			}
		}
		if s != nil && from == schema.Integer && tf.Precision != nil && s.Bits != 0 {
			digits := len(strconv.FormatFloat(intMax(s.Bits), 'f', 0, 64))
			if digits > *tf.Precision-ts {
				add(diag.Warn, "D11", fmt.Sprintf("integer(%d) has up to %d digits, %s only %d before the point", s.Bits, digits, tf.Path, *tf.Precision-ts), s.TypeString()+" -> "+tf.TypeString())
			}
		}
		if from == schema.Float {
			add(diag.Warn, "D12", fmt.Sprintf("float into %s: binary artefacts (9.80000019) are rounded to scale %d", tf.TypeString(), ts), "float -> "+tf.TypeString())
		}
	}
	return out
}

func floatMoney(ri *ruleInfo) []Finding {
	var why []string
	for _, s := range ri.srcs {
		if s != nil && s.Type == schema.Float {
			if t := isMoneyName(leafTokens(s.Path)); t != "" {
				why = append(why, "source "+s.Path+" is float, name token "+t)
			}
		}
	}
	if ri.tf.Type == schema.Float {
		if t := isMoneyName(leafTokens(ri.tf.Path)); t != "" {
			why = append(why, "target "+ri.tf.Path+" is float, name token "+t)
		}
	}
	if len(why) == 0 {
		return nil
	}
	return []Finding{ri.finding(kind.FloatMoney, diag.Warn, "D13",
		fmt.Sprintf("money held as binary float in %s: cents drift and sums stop reconciling (9.80000019)", strings.Join(append(ri.srcPaths(), ri.tf.Path), " -> ")), why...)}
}

// codeLike says why a source field holds codes whose digits are not a number.
func codeLike(s *schema.Field) string {
	if t := isCodeName(leafTokens(s.Path)); t != "" {
		return "name token " + t
	}
	switch strings.ToLower(s.Format) {
	case "phone", "tel", "postal-code", "zip":
		return "format " + s.Format
	}
	if strings.HasPrefix(s.Pattern, "^0") || strings.HasPrefix(s.Pattern, "^\\+") || strings.HasPrefix(s.Pattern, `^[0-9]{`) || strings.HasPrefix(s.Pattern, `^\d{`) {
		return "pattern " + s.Pattern
	}
	for _, e := range s.Examples {
		if len(e) > 1 && (e[0] == '0' || e[0] == '+') {
			return "example " + e
		}
	}
	return ""
}

func codeAsNumber(ri *ruleInfo) []Finding {
	s := ri.single()
	if s == nil {
		return nil
	}
	why := codeLike(s)
	if why == "" {
		return nil
	}
	to := effType(ri.tf)
	if ri.x.conv != "" && !ri.x.plain {
		if isNumeric(ri.x.conv) {
			to = ri.x.conv
		}
	}
	if !isNumeric(to) {
		return nil
	}
	if s.Type == schema.String || s.Type == schema.Enum {
		return []Finding{ri.finding(kind.CodeAsNumber, diag.Error, "D14",
			fmt.Sprintf("code-like %s is cast to the number %s: leading zeros, '+' and letters are lost", s.Path, ri.tf.Path), why, string(s.Type)+" -> "+string(to))}
	}
	if isNumeric(s.Type) {
		return []Finding{ri.finding(kind.CodeAsNumber, diag.Warn, "D14",
			fmt.Sprintf("code-like %s is already numeric in the source: leading zeros may be lost before %s sees them", s.Path, ri.tf.Path), why, string(s.Type)+" -> "+string(to))}
	}
	return nil
}

// charsetOf: the narrow charset of a target field, "" for Unicode.
func (c *ctx) charsetOf(f *schema.Field) string {
	if f.Charset != "" {
		return strings.ToLower(f.Charset)
	}
	if c.dst != nil {
		return strings.ToLower(c.dst.Charset)
	}
	return ""
}

func narrowCharset(cs string) bool {
	switch cs {
	case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "ascii", "us-ascii", "utf8mb3", "cp1252", "windows-1252":
		return true
	}
	return false
}

func (c *ctx) encodingStatic(ri *ruleInfo) []Finding {
	cs := c.charsetOf(ri.tf)
	if !narrowCharset(cs) || (effType(ri.tf) != schema.String && ri.tf.Type != schema.Enum) {
		return nil
	}
	s := ri.single()
	if s != nil && (s.Type != schema.String || narrowCharset(strings.ToLower(s.Charset))) {
		return nil
	}
	return []Finding{ri.finding(kind.EncodingLoss, diag.Warn, "D16",
		fmt.Sprintf("%s stores %s: characters outside it (ł, 日, emoji) are replaced or refused", ri.tf.Path, cs), "target charset "+cs, "source text is Unicode")}
}

// srcLen is the most characters a source field holds (its max_length, or
// the code its description names), 0 when unbounded.
func srcLen(s *schema.Field) int {
	n, _ := maxLen(s)
	return n
}
