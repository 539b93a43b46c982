package synth

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth/edge"
	"github.com/shopspring/decimal"
)

// hintGen returns the generator the schema's own hints ask for (Avro
// arg.properties: options, iteration, range, regex), nil when the field
// has none that apply to its type. Hints describe realistic values, so
// they come before the guesses by meaning.
func hintGen(f *schema.Field, m meaning) genFunc {
	h := f.Hints
	if h == nil {
		return nil
	}
	if len(h.Options) > 0 {
		vals := make([]value.Value, 0, len(h.Options))
		for _, o := range h.Options {
			if v, ok := typedText(f, o); ok {
				vals = append(vals, v)
			}
		}
		if len(vals) > 0 {
			return func(fk *gofakeit.Faker, _ int64) value.Value { return vals[fk.Rand.Intn(len(vals))] }
		}
	}
	if h.Start != nil && h.Step != nil {
		start, step := *h.Start, *h.Step
		return func(_ *gofakeit.Faker, occ int64) value.Value {
			return numberAs(f, start+float64(occ)*step)
		}
	}
	if h.Min != nil || h.Max != nil {
		lo, hi := rangeOf(f, m, h)
		whole := f.Type == schema.Integer || isTime(f) || (m == mQuantity && hi-lo >= 1)
		return func(fk *gofakeit.Faker, _ int64) value.Value {
			x := lo + fk.Rand.Float64()*(hi-lo)
			if whole {
				x = math.Min(math.Floor(x), math.Floor(hi))
				x = math.Max(x, math.Ceil(lo))
			} else if r := math.Round(x*100) / 100; hi-lo >= 0.01 && r >= lo && r <= hi {
				x = r // two decimals, as datagen ranges read
			}
			return numberAs(f, x)
		}
	}
	if h.Regex != "" && f.Type == schema.String {
		if re, err := regexp.Compile("^(?:" + h.Regex + ")$"); err == nil {
			return func(fk *gofakeit.Faker, _ int64) value.Value {
				var s string
				for try := 0; try < 4; try++ {
					if s = fk.Regex(h.Regex); re.MatchString(s) {
						break
					}
				}
				return value.Str(s)
			}
		}
	}
	return nil
}

// rangeOf is the hint's range, completed from the meaning's realistic one
// where it is open.
func rangeOf(f *schema.Field, m meaning, h *schema.Hints) (lo, hi float64) {
	lo, hi = span(m)
	if h.Min != nil {
		lo = *h.Min
	}
	if h.Max != nil {
		hi = *h.Max
	}
	if h.Min == nil && lo > hi {
		lo = hi - 100
	}
	if h.Max == nil && hi < lo {
		hi = lo + 100
	}
	if f.Min != nil && *f.Min > lo && *f.Min <= hi {
		lo = *f.Min
	}
	if f.Max != nil && *f.Max < hi && *f.Max >= lo {
		hi = *f.Max
	}
	return lo, hi
}

func isTime(f *schema.Field) bool {
	return f.Type == schema.Timestamp || f.Type == schema.TimestampTZ || f.Type == schema.Date
}

// numberAs writes x in f's type: an Avro timestamp-millis (micros) field
// reads x as epoch milliseconds (microseconds), a date as days.
func numberAs(f *schema.Field, x float64) value.Value {
	switch f.Type {
	case schema.Integer:
		return value.IntV(int64(x))
	case schema.Decimal:
		s := 2
		if f.Scale != nil {
			s = *f.Scale
		}
		return value.Dec(decimal.NewFromFloat(x).Round(int32(s)))
	case schema.Float:
		return value.FloatV(x)
	case schema.Timestamp, schema.TimestampTZ:
		var t time.Time
		if strings.HasSuffix(f.Format, "micros") {
			t = time.UnixMicro(int64(x)).UTC()
		} else {
			t = time.UnixMilli(int64(x)).UTC()
		}
		if f.Type == schema.Timestamp {
			return value.TimeV(value.Timestamp, t)
		}
		return value.TimeV(value.TimestampTZ, t)
	case schema.Date:
		return value.TimeV(value.Date, time.Unix(int64(x)*86400, 0).UTC())
	default:
	}
	return value.Str(strconv.FormatFloat(x, 'f', -1, 64))
}

// typedText reads an option's text as a value of f's type; false when it
// is not one (an option the field cannot hold is skipped).
func typedText(f *schema.Field, s string) (value.Value, bool) {
	switch f.Type {
	case schema.Integer:
		i, err := strconv.ParseInt(s, 10, 64)
		return value.IntV(i), err == nil
	case schema.Float:
		x, err := strconv.ParseFloat(s, 64)
		return value.FloatV(x), err == nil
	case schema.Decimal:
		d, err := decimal.NewFromString(s)
		return value.Dec(d), err == nil
	case schema.Boolean:
		b, err := strconv.ParseBool(s)
		return value.BoolV(b), err == nil
	case schema.Timestamp, schema.TimestampTZ, schema.Date:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return value.Value{}, false
		}
		return numberAs(f, x), true
	case schema.Object, schema.Array:
		return value.Value{}, false
	default:
	}
	return value.Str(s), true
}

// recordOptions reads whole records to draw from (Avro arg.properties
// options on a record: datagen's fixed customers, cards): each option's
// members typed by fields; nil when there are none.
func recordOptions(h *schema.Hints, fields []*schema.Field) [][]value.Value {
	if h == nil {
		return nil
	}
	var out [][]value.Value
	for _, o := range h.Options {
		dec := json.NewDecoder(bytes.NewReader([]byte(o)))
		dec.UseNumber()
		var m map[string]any
		if dec.Decode(&m) != nil {
			continue
		}
		row := make([]value.Value, len(fields))
		for i, f := range fields {
			x, ok := m[f.Name]
			if !ok {
				row[i] = value.Value{K: value.Absent}
				continue
			}
			var text string
			switch x := x.(type) {
			case nil:
				row[i] = value.NullV()
				continue
			case string:
				text = x
			case json.Number:
				text = x.String()
			case bool:
				text = strconv.FormatBool(x)
			default:
				b, _ := json.Marshal(x)
				text = string(b)
			}
			v, ok := typedText(f, text)
			if !ok {
				v = value.Value{K: value.Absent} // drawn as usual
			}
			row[i] = v
		}
		out = append(out, row)
	}
	return out
}

// applyOption overwrites the values of one record with a drawn option's;
// members the option does not give keep their drawn values. Fields that
// carry an edge case in this record keep it.
func applyOption(fk *gofakeit.Faker, opts [][]value.Value, nodes []*node, vals []value.Value, labels []Label) {
	if len(opts) == 0 {
		return
	}
	row := opts[fk.Rand.Intn(len(opts))]
	for i, v := range row {
		if i < len(vals) && v.K != value.Absent && !edged(labels, nodes[i].path) {
			vals[i] = v
		}
	}
}

// epochUnit reports an integer field that holds a Unix time, and its unit
// in seconds per tick (1 for seconds, 1000 for milliseconds): its format
// says unix-time, or its name names a point in time (created, ordertime,
// registered_ts) and not a duration (response_time, ttl).
func epochUnit(f *schema.Field, m meaning) int64 {
	if f.Type != schema.Integer || f.Bits == 8 || f.Bits == 16 {
		return 0
	}
	n := strings.ToLower(f.Name)
	w := wordsOf(f)
	if w.has("duration", "elapsed", "latency", "timeout", "ttl", "spent", "response", "processing", "wait",
		"uptime", "runtime", "lifetime", "overtime", "seconds", "secs", "minutes", "hours", "days", "count") {
		return 0
	}
	point := strings.EqualFold(f.Format, "unix-time") || m == mCreated || m == mUpdated || m == mTimestamp ||
		strings.HasSuffix(n, "time") || strings.HasSuffix(n, "timestamp") || n == "ts" || strings.HasSuffix(n, "_ts") ||
		strings.HasSuffix(n, "epoch")
	if !point {
		return 0
	}
	d := strings.ToLower(f.Description)
	switch {
	case w.has("ms", "millis", "msec") || strings.Contains(d, "millisecond"):
		return 1000
	case strings.EqualFold(f.Format, "unix-time") || strings.Contains(d, "seconds") || f.Bits == 32:
		return 1
	case f.Bits == 64:
		return 1000 // a long epoch: milliseconds, the Java and Kafka habit
	}
	return 1
}

// epochGen draws a recent Unix time (created since 2018, updated since
// 2022, up to the end of 2025) in the field's unit.
func epochGen(f *schema.Field, m meaning, unit int64) genFunc {
	lo := createdLo
	if m == mUpdated {
		lo = updatedLo
	}
	flo, fhi := edge.IntRange(f)
	a, b := lo.Unix()*unit, tsHi.Unix()*unit
	if a < flo || b > fhi {
		return nil // the field cannot hold it: leave it to intGen
	}
	return func(fk *gofakeit.Faker, _ int64) value.Value { return value.IntV(a + fk.Rand.Int63n(b-a+1)) }
}

// examplesGen draws a text field's values from its schema's examples
// when its name says nothing synth knows (a JSON Schema's examples, a
// sample's values): they are what the field holds. Examples that break
// the field's length limit are left out.
func examplesGen(f *schema.Field, m meaning) genFunc {
	if f.Type != schema.String || len(f.EnumValues) > 0 || len(f.Examples) == 0 || (m != mNone && m != mCode) {
		return nil
	}
	var ok []string
	for _, e := range f.Examples {
		n := len([]rune(e))
		if (f.MaxLength != nil && n > *f.MaxLength) || (f.MinLength != nil && n < *f.MinLength) || e == "" {
			continue
		}
		if f.Pattern != "" {
			if re, err := regexp.Compile(f.Pattern); err != nil || !re.MatchString(e) {
				continue
			}
		}
		ok = append(ok, e)
	}
	if len(ok) == 0 {
		return nil
	}
	return enumGen(ok)
}
