package engine

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// columnGen makes one random CSV cell of a kind inference knows.
type columnGen struct {
	name   string
	want   schema.Type // the type inference should give the column
	format string      // the Format it should record; "" checks nothing
	// euro: a decimal-comma column, inferred only when the delimiter is not ','.
	euro bool
	// cell makes the value of data row i (0-based).
	cell func(r *rand.Rand, i int) string
}

func randDate(r *rand.Rand) time.Time {
	return time.Date(1900+r.IntN(200), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), 0, time.UTC)
}

// group writes the digits of n in groups of three joined by sep.
func group(n int64, sep string) string {
	d := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// randCase spells w in lower, upper or title case.
func randCase(r *rand.Rand, w string) string {
	switch r.IntN(3) {
	case 0:
		return strings.ToUpper(w)
	case 1:
		rs := []rune(w)
		return strings.ToUpper(string(rs[0])) + string(rs[1:])
	}
	return w
}

// inferGens covers every kind CSV inference produces: every date and
// timestamp layout it knows (schema.InferLayouts), every boolean pair
// (schema.BooleanPairs) and every number:DG spelling.
func inferGens() []columnGen {
	g1 := func(f func(r *rand.Rand) string) func(*rand.Rand, int) string {
		return func(r *rand.Rand, _ int) string { return f(r) }
	}
	sign := func(r *rand.Rand) string { return []string{"", "", "-"}[r.IntN(3)] }
	gens := []columnGen{
		{"int", schema.Integer, "", false, g1(func(r *rand.Rand) string { return fmt.Sprint(r.Int64N(2e12) - 1e12) })},
		{"dec", schema.Decimal, "", false, g1(func(r *rand.Rand) string { return fmt.Sprintf("%d.%02d", r.IntN(1e6)-5e5, r.IntN(100)) })},
		{"float", schema.Float, "", false, g1(func(r *rand.Rand) string { return fmt.Sprintf("%.3e", r.NormFloat64()*1e6) })},
		{"longfrac", schema.Float, "", false, g1(func(r *rand.Rand) string { return fmt.Sprintf("%.12f", r.Float64()) })},
		{"uuid", schema.UUID, "", false, g1(func(r *rand.Rand) string {
			return fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", r.Uint32(), r.IntN(1<<16), r.IntN(1<<12), r.IntN(1<<12), r.Int64N(1<<48))
		})},
		{"email", schema.String, "email", false, g1(func(r *rand.Rand) string { return fmt.Sprintf("user%d@example.org", r.IntN(1e6)) })},
		{"code", schema.String, "code", false, g1(func(r *rand.Rand) string { return fmt.Sprintf("0%05d", r.IntN(1e5)) })},
		{"zip", schema.String, "code", false, g1(func(r *rand.Rand) string { return fmt.Sprint(10000 + r.IntN(89999)) })},
		{"clock", schema.Time, "", false, g1(func(r *rand.Rand) string { return fmt.Sprintf("%02d:%02d:%02d", r.IntN(24), r.IntN(60), r.IntN(60)) })},
		{"text", schema.String, "", false, g1(func(r *rand.Rand) string {
			return []string{"alpha", "b c", "Zoë", "x,y", `q"t`, "a;b", "t\tu"}[r.IntN(7)]
		})},
		// number:DG (#19.2): decimal comma, with dot or space grouping
		// (space, U+00A0, U+202F), decimals and grouped integers.
		{"eur_dec", schema.Decimal, "number:,", true, g1(func(r *rand.Rand) string {
			return fmt.Sprintf("%s%d,%02d", sign(r), r.IntN(1e6), r.IntN(100))
		})},
		{"eur_dot", schema.Decimal, "number:,.", true, g1(func(r *rand.Rand) string {
			return fmt.Sprintf("%s%s,%0*d", sign(r), group(1000+r.Int64N(1e9), "."), 1+r.IntN(3), r.IntN(10))
		})},
		{"eur_space", schema.Decimal, "number:, ", true, g1(func(r *rand.Rand) string {
			return fmt.Sprintf("%s%s,%02d", sign(r), group(1000+r.Int64N(1e9), []string{" ", "\u00a0", "\u202f"}[r.IntN(3)]), r.IntN(100))
		})},
		{"eur_int_dot", schema.Integer, "number:,.", true, g1(func(r *rand.Rand) string { return sign(r) + group(1e6+r.Int64N(1e12), ".") })},
		{"eur_int_space", schema.Integer, "number:, ", true, g1(func(r *rand.Rand) string { return sign(r) + group(1000+r.Int64N(1e12), " ") })},
	}
	// Boolean pairs: rows 0 and 1 hold both words, the rest either, in
	// any case. Named like a flag, so 1/0 is a boolean too.
	for i, p := range schema.BooleanPairs() {
		want := "boolean:" + p[0] + "/" + p[1]
		if p[0] == "true" {
			want = ""
		}
		p := p
		gens = append(gens, columnGen{fmt.Sprintf("is_b%d", i), schema.Boolean, want, false, func(r *rand.Rand, row int) string {
			w := p[r.IntN(2)]
			if row < 2 {
				w = p[row]
			}
			if row < 2 && p[0] != "true" {
				return w // the first spellings become the format's words
			}
			return randCase(r, w)
		}})
	}
	// One column per date layout: values whose day is above 12 so the
	// layout is not ambiguous with its month-first twin.
	dates, stamps := schema.InferLayouts()
	for i, l := range dates {
		if l == "20060102" {
			continue // 8 digits infer as an integer
		}
		l := l
		gens = append(gens, columnGen{fmt.Sprintf("date%d", i), schema.Date, "", false, g1(func(r *rand.Rand) string {
			d := randDate(r)
			d = time.Date(d.Year(), d.Month(), 13+r.IntN(15), 0, 0, 0, 0, time.UTC)
			if strings.Contains(l, "06") && !strings.Contains(l, "2006") {
				d = time.Date(1970+r.IntN(60), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
			}
			return d.Format(l)
		})})
	}
	for i, l := range stamps {
		l := l
		typ := schema.Timestamp
		if strings.Contains(l, "-07") || strings.Contains(l, "Z07") || strings.Contains(l, "MST") {
			typ = schema.TimestampTZ
		}
		gens = append(gens, columnGen{fmt.Sprintf("ts%d", i), typ, "", false, g1(func(r *rand.Rand) string {
			d := randDate(r)
			d = time.Date(d.Year(), d.Month(), 13+r.IntN(15), d.Hour(), d.Minute(), d.Second(), r.IntN(1000)*1e6, time.UTC)
			if strings.Contains(l, "06") && !strings.Contains(l, "2006") {
				d = time.Date(1970+r.IntN(60), d.Month(), d.Day(), d.Hour(), d.Minute(), 0, 0, time.UTC)
			}
			if typ == schema.TimestampTZ && r.IntN(2) == 0 {
				d = d.In(time.FixedZone("CET", 3600))
			}
			return d.Format(l)
		})})
	}
	return gens
}

// TestInferredColumnsCast: for random CSV, TSV and ;-separated columns of
// every kind CSV inference knows, a checked cast of each column into its
// own inferred type rejects no row inference accepted (#19.0), and the
// column is inferred with the type and spelling it was written in.
func TestInferredColumnsCast(t *testing.T) {
	gens := inferGens()
	for seed := uint64(1); seed <= 30; seed++ {
		r := rand.New(rand.NewPCG(seed, 19))
		delim := []byte{',', ';', '\t'}[seed%3]
		name, format := "cols.csv", "csv"
		if delim == '\t' {
			name, format = "cols.tsv", "tsv"
		}
		var cols []columnGen
		for _, g := range gens {
			if !g.euro || delim != ',' {
				cols = append(cols, g)
			}
		}
		var buf bytes.Buffer
		for i, g := range cols {
			if i > 0 {
				buf.WriteByte(delim)
			}
			buf.WriteString(g.name)
		}
		buf.WriteByte('\n')
		rows := 5 + r.IntN(40)
		for row := range rows {
			for i, g := range cols {
				if i > 0 {
					buf.WriteByte(delim)
				}
				c := g.cell(r, row)
				if row >= 2 && r.IntN(10) == 0 {
					c = "" // empty cells: the column becomes nullable
				}
				if delim == '\t' {
					c = strings.ReplaceAll(c, "\t", " ") // TSV has no quoting
				} else if strings.ContainsAny(c, string(delim)+"\"\n") {
					c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
				}
				buf.WriteString(c)
			}
			buf.WriteByte('\n')
		}
		data := buf.Bytes()
		what := fmt.Sprintf("seed %d (%s, delimiter %q)", seed, format, delim)
		s, err := schema.Parse(name, data, schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range cols {
			f := s.Lookup(g.name)
			if f == nil {
				t.Fatalf("%s: no field %s", what, g.name)
			}
			if f.Type != g.want {
				t.Errorf("%s: column %s inferred %s (format %q), want %s", what, g.name, f.Type, f.Format, g.want)
			}
			if g.format != "" && f.Format != g.format {
				t.Errorf("%s: column %s format %q, want %q", what, g.name, f.Format, g.format)
			}
		}
		runIdentity(t, what, s, data, name, format)
	}
}

// runIdentity maps every field of s onto itself with checked casts and
// fails on any rejected row.
func runIdentity(t *testing.T, what string, s *schema.Schema, data []byte, name, format string) {
	t.Helper()
	var mb strings.Builder
	mb.WriteString("seam: 1\nsource: {schema: s.csv}\ntarget: {schema: t.csv}\nrules:\n")
	for _, f := range s.Fields {
		fmt.Fprintf(&mb, "  - {target: %q, from: [%q]}\n", f.Name, f.Name)
	}
	m := mustParse(t, mb.String())
	p, ds := Compile(m, s, s)
	if ds.HasErrors() {
		t.Fatalf("%s: %v", what, ds)
	}
	rd, err := value.NewReader(bytes.NewReader(data), name, format)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	var rej bytes.Buffer
	st, err := Run(context.Background(), p, rd, discardWriter{}, &rej, RunOptions{Workers: 1})
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if st.Rejected != 0 {
		line, _, _ := strings.Cut(rej.String(), "\n")
		var formats []string
		for _, f := range s.Fields {
			if f.Format != "" {
				formats = append(formats, f.Name+"="+f.Format)
			}
		}
		t.Errorf("%s: %d of %d rows rejected; first: %s\nformats: %v", what, st.Rejected, st.Read, line, formats)
	}
}

type discardWriter struct{}

func (discardWriter) Write(*value.Record) error { return nil }
func (discardWriter) Close() error              { return nil }

var _ io.Writer = (*bytes.Buffer)(nil)

// TestCastSourceLayouts: the cast reads dates and timestamps in the
// layout the source field's Format names: date:/datetime:/timestamp:/
// timestamptz: prefixes (what inference writes) and bare layouts.
func TestCastSourceLayouts(t *testing.T) {
	cases := []struct {
		format, in string
		to         schema.Type
		want       string // "" expects an error
	}{
		{"date:2006-01-02", "1990-01-31", schema.Date, "1990-01-31"},
		{"date:2006-01-02", "31.01.1990", schema.Date, ""},
		{"date:02.01.2006", "31.01.1990", schema.Date, "1990-01-31"},
		{"date:DD/MM/YYYY", "31/01/1990", schema.Date, "1990-01-31"},
		{"date:1/2/06", "1/31/90", schema.Date, "1990-01-31"},
		{"DD.MM.YYYY", "31.01.1990", schema.Date, "1990-01-31"},
		{"02-Jan-2006", "31-Jan-1990", schema.Date, "1990-01-31"},
		{"datetime:2006-01-02 15:04", "1990-01-31 10:30", schema.Timestamp, "1990-01-31T10:30:00"},
		{"timestamp:01/02/2006 15:04:05", "01/31/1990 10:30:00", schema.Timestamp, "1990-01-31T10:30:00"},
		{"timestamp:01/02/2006 15:04:05", "01/31/1990 10:30:00", schema.Date, "1990-01-31"},
		{"timestamptz:2006-01-02 15:04:05-07", "1990-01-31 10:30:00+02", schema.TimestampTZ, "1990-01-31T10:30:00+02:00"},
		{"email", "1990-01-31", schema.Date, "1990-01-31"},
	}
	for _, c := range cases {
		v, err := castTo(value.Str(c.in), c.to, layoutFromFormat(c.format), false)
		got := ""
		if err == nil {
			got = v.Text()
		}
		if got != c.want {
			t.Errorf("cast %q (format %q) to %s = %q, %v; want %q", c.in, c.format, c.to, got, err, c.want)
		}
	}
}
