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
	name string
	want schema.Type // the type inference should give the column
	cell func(r *rand.Rand) string
}

func randDate(r *rand.Rand) time.Time {
	return time.Date(1900+r.IntN(200), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), 0, time.UTC)
}

// inferGens covers every kind CSV inference produces, and every date and
// timestamp layout it knows.
func inferGens() []columnGen {
	gens := []columnGen{
		{"int", schema.Integer, func(r *rand.Rand) string { return fmt.Sprint(r.Int64N(2e12) - 1e12) }},
		{"dec", schema.Decimal, func(r *rand.Rand) string { return fmt.Sprintf("%d.%02d", r.IntN(1e6)-5e5, r.IntN(100)) }},
		{"float", schema.Float, func(r *rand.Rand) string { return fmt.Sprintf("%.3e", r.NormFloat64()*1e6) }},
		{"longfrac", schema.Float, func(r *rand.Rand) string { return fmt.Sprintf("%.12f", r.Float64()) }},
		{"bool", schema.Boolean, func(r *rand.Rand) string {
			return []string{"true", "false", "TRUE", "False", "yes", "no", "Y", "n", "t", "F"}[r.IntN(10)]
		}},
		{"uuid", schema.UUID, func(r *rand.Rand) string {
			return fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", r.Uint32(), r.IntN(1<<16), r.IntN(1<<12), r.IntN(1<<12), r.Int64N(1<<48))
		}},
		{"email", schema.String, func(r *rand.Rand) string { return fmt.Sprintf("user%d@example.org", r.IntN(1e6)) }},
		{"code", schema.String, func(r *rand.Rand) string { return fmt.Sprintf("0%05d", r.IntN(1e5)) }},
		{"zip", schema.String, func(r *rand.Rand) string { return fmt.Sprint(10000 + r.IntN(89999)) }},
		{"clock", schema.Time, func(r *rand.Rand) string { return fmt.Sprintf("%02d:%02d:%02d", r.IntN(24), r.IntN(60), r.IntN(60)) }},
		{"text", schema.String, func(r *rand.Rand) string { return []string{"alpha", "b c", "Zoë", "x,y", `q"t`}[r.IntN(5)] }},
	}
	// One column per date layout: values whose day is above 12 so the
	// layout is not ambiguous with its month-first twin.
	for i, l := range []string{"2006-01-02", "01/02/2006", "02/01/2006", "2006/01/02", "02.01.2006", "1/2/2006", "2/1/2006", "02-Jan-2006", "Jan 2, 2006", "2 Jan 2006", "01-02-06", "1/2/06"} { // 20060102 infers as an integer
		l := l
		gens = append(gens, columnGen{fmt.Sprintf("date%d", i), schema.Date, func(r *rand.Rand) string {
			d := randDate(r)
			d = time.Date(d.Year(), d.Month(), 13+r.IntN(15), 0, 0, 0, 0, time.UTC)
			if strings.Contains(l, "06") && !strings.Contains(l, "2006") {
				d = time.Date(1970+r.IntN(60), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
			}
			return d.Format(l)
		}})
	}
	for i, l := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04:05.999999999",
		"2006-01-02 15:04:05-07", "2006-01-02 15:04", "01/02/2006 15:04:05", "01/02/2006 15:04", "02/01/2006 15:04:05", "2006-01-02T15:04:05-0700", time.RFC1123Z} {
		l := l
		typ := schema.Timestamp
		if strings.Contains(l, "07") || strings.Contains(l, "Z07") {
			typ = schema.TimestampTZ
		}
		gens = append(gens, columnGen{fmt.Sprintf("ts%d", i), typ, func(r *rand.Rand) string {
			d := randDate(r)
			d = time.Date(d.Year(), d.Month(), 13+r.IntN(15), d.Hour(), d.Minute(), d.Second(), r.IntN(1000)*1e6, time.UTC)
			return d.Format(l)
		}})
	}
	return gens
}

// TestInferredColumnsCast: for random CSV columns of every kind CSV
// inference knows, a checked cast of each column into its own inferred
// type rejects no row inference accepted (#19.0).
func TestInferredColumnsCast(t *testing.T) {
	gens := inferGens()
	for seed := uint64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewPCG(seed, 19))
		var buf bytes.Buffer
		for i, g := range gens {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(g.name)
		}
		buf.WriteByte('\n')
		rows := 5 + r.IntN(40)
		for range rows {
			for i, g := range gens {
				if i > 0 {
					buf.WriteByte(',')
				}
				c := g.cell(r)
				if r.IntN(10) == 0 {
					c = "" // empty cells: the column becomes nullable
				}
				if strings.ContainsAny(c, ",\"") {
					c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
				}
				buf.WriteString(c)
			}
			buf.WriteByte('\n')
		}
		data := buf.Bytes()
		s, err := schema.Parse("cols.csv", data, schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gens {
			f := s.Lookup(g.name)
			if f == nil {
				t.Fatalf("seed %d: no field %s", seed, g.name)
			}
			if f.Type != g.want {
				t.Errorf("seed %d: column %s inferred %s (format %q), want %s", seed, g.name, f.Type, f.Format, g.want)
			}
		}
		runIdentity(t, fmt.Sprintf("seed %d", seed), s, data)
	}
}

// runIdentity maps every field of s onto itself with checked casts and
// fails on any rejected row.
func runIdentity(t *testing.T, what string, s *schema.Schema, data []byte) {
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
	rd, err := value.NewReader(bytes.NewReader(data), "cols.csv", "csv")
	if err != nil {
		t.Fatal(err)
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
