package suggest

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// Word pools for synthetic schemas: business entities, attributes and
// qualifiers, each with spellings a real schema might use.
var (
	synEntities = [][]string{
		{"customer", "cust", "client"}, {"order", "ord"}, {"product", "prod", "item"},
		{"invoice", "inv"}, {"account", "acct", "company"}, {"contact", "person"},
		{"employee", "emp", "staff"}, {"supplier", "vendor"}, {"shipment", "delivery"},
		{"payment", "pmt"}, {"warehouse", "depot"}, {"campaign"}, {"ticket", "case"},
		{"subscription", "plan"}, {"store", "shop"}, {"region", "territory"},
	}
	synAttrs = [][]string{
		{"name"}, {"id", "key"}, {"date", "dt"}, {"amount", "amt"}, {"total"}, {"status", "stat"},
		{"code", "cd"}, {"type", "kind"}, {"email", "e_mail"}, {"phone", "tel", "telephone"},
		{"city", "town"}, {"country", "ctry"}, {"street", "address_line1"}, {"zip", "postal_code"},
		{"description", "desc"}, {"quantity", "qty"}, {"price", "unit_price"}, {"number", "num", "no"},
		{"created_at", "create_date", "created"}, {"updated_at", "modified_date", "last_modified"},
		{"currency", "ccy"}, {"discount", "disc"}, {"tax"}, {"weight"}, {"comment", "notes"},
		{"rating", "score"}, {"url", "website"}, {"count", "cnt"},
	}
	synQuals = []string{"", "", "", "billing", "shipping", "home", "work", "first", "last", "primary", "min", "max", "old", "new", "net", "gross"}
)

// spell renders words in one of the case styles seen in the wild.
func spell(rng *rand.Rand, words []string) string {
	switch rng.Intn(5) {
	case 0:
		return strings.Join(words, "_")
	case 1: // camelCase
		var b strings.Builder
		for i, w := range words {
			for j, p := range strings.Split(w, "_") {
				if i == 0 && j == 0 {
					b.WriteString(p)
				} else if p != "" {
					b.WriteString(strings.ToUpper(p[:1]) + p[1:])
				}
			}
		}
		return b.String()
	case 2: // PascalCase
		var b strings.Builder
		for _, w := range words {
			for _, p := range strings.Split(w, "_") {
				if p != "" {
					b.WriteString(strings.ToUpper(p[:1]) + p[1:])
				}
			}
		}
		return b.String()
	case 3: // glued lower case
		return strings.ReplaceAll(strings.Join(words, ""), "_", "")
	default:
		return strings.ToUpper(strings.Join(words, "_"))
	}
}

type synConcept struct{ q, e, a int }

func (c synConcept) words(rng *rand.Rand) []string {
	var ws []string
	if q := synQuals[c.q]; q != "" {
		ws = append(ws, q)
	}
	ent := synEntities[c.e]
	ws = append(ws, ent[rng.Intn(len(ent))])
	at := synAttrs[c.a]
	return append(ws, at[rng.Intn(len(at))])
}

var synTypes = []schema.Type{schema.String, schema.String, schema.String, schema.Integer, schema.Decimal, schema.Date, schema.TimestampTZ, schema.Boolean}

// syntheticPair builds two schemas of n fields each; about 70% of the
// target's fields mean a source field, spelled differently.
func syntheticPair(n int, seed int64) (*schema.Schema, *schema.Schema) {
	src, dst, _, _ := syntheticPairTruth(n, seed)
	return src, dst
}

// syntheticPairTruth also returns the concept behind every field path.
func syntheticPairTruth(n int, seed int64) (*schema.Schema, *schema.Schema, map[string]synConcept, map[string]synConcept) {
	rng := rand.New(rand.NewSource(seed))
	var concepts []synConcept
	seen := map[synConcept]bool{}
	for len(concepts) < n*2 {
		c := synConcept{rng.Intn(len(synQuals)), rng.Intn(len(synEntities)), rng.Intn(len(synAttrs))}
		if !seen[c] {
			seen[c] = true
			concepts = append(concepts, c)
		}
	}
	build := func(name string, cs []synConcept, truth map[string]synConcept) *schema.Schema {
		s := &schema.Schema{Name: name}
		used := map[string]bool{}
		groups := map[string]*schema.Field{}
		for i, c := range cs {
			fname := spell(rng, c.words(rng))
			for used[strings.ToLower(fname)] {
				fname += fmt.Sprint(i)
			}
			used[strings.ToLower(fname)] = true
			f := &schema.Field{Name: fname, Path: fname, Type: synTypes[(c.a+c.e)%len(synTypes)]}
			defer func() { truth[f.Path] = c }()
			if rng.Intn(4) == 0 { // a quarter nested under an entity object
				g := synEntities[c.e][0]
				parent := groups[g]
				if parent == nil {
					parent = &schema.Field{Name: g, Path: g, Type: schema.Object}
					groups[g] = parent
					s.Fields = append(s.Fields, parent)
				}
				f.Path = g + "." + fname
				parent.Children = append(parent.Children, f)
				continue
			}
			s.Fields = append(s.Fields, f)
		}
		return s
	}
	srcT, dstT := map[string]synConcept{}, map[string]synConcept{}
	src := build("source_system", concepts[:n], srcT)
	var tc []synConcept
	tc = append(tc, concepts[:n*7/10]...)
	tc = append(tc, concepts[n:n+n-len(tc)]...)
	rng.Shuffle(len(tc), func(i, j int) { tc[i], tc[j] = tc[j], tc[i] })
	dst := build("target_system", tc, dstT)
	return src, dst, srcT, dstT
}

// BenchmarkSuggest1000x1000: go test ./mapping/suggest/ -run '^$' -bench Suggest1000 -benchtime 5x -benchmem.
func BenchmarkSuggest1000x1000(b *testing.B) {
	src, dst := syntheticPair(1000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		n = len(Suggest(src, dst, Options{}))
	}
	b.ReportMetric(float64(n), "proposals")
}

func BenchmarkSuggestP1Size(b *testing.B) {
	src, dst := syntheticPair(25, 2)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Suggest(src, dst, Options{})
	}
}

func TestSyntheticPairQuality(t *testing.T) {
	// Not a score target: a sanity check that the synthetic pair is
	// matched sensibly (most proposals join fields of one concept).
	src, dst, st, dt := syntheticPairTruth(200, 3)
	props := Suggest(src, dst, Options{})
	right := 0
	for _, p := range props {
		if st[p.Sources[0]] == dt[p.Targets[0]] {
			right++
		}
	}
	t.Logf("%d proposals for 200x200 fields (140 shared concepts), %d join one concept", len(props), right)
	if len(props) < 70 || right*10 < len(props)*7 {
		t.Fatalf("%d proposals, %d right: want at least 70 and 70%% right", len(props), right)
	}
}

func TestSuggestDeterministic(t *testing.T) {
	src, dst := syntheticPair(300, 5)
	render := func() string {
		var b strings.Builder
		for _, p := range Suggest(src, dst, Options{}) {
			fmt.Fprintf(&b, "%v<-%v %s %.2f %v\n", p.Targets, p.Sources, p.Expr, p.Confidence, p.Why())
		}
		return b.String()
	}
	first := render()
	for i := 0; i < 3; i++ {
		if render() != first {
			t.Fatal("two runs on the same input gave different proposals")
		}
	}
}

// syntheticRows builds n sample records for a synthetic schema: text from
// a pool of words and codes, numbers, dates and booleans by field type,
// nested objects as nested records. The n rows are drawn from 1,000
// distinct records (memory: 10,000 distinct 1,000-field rows would take
// over a gigabyte per side on a shared machine); every row is still read.
func syntheticRows(s *schema.Schema, n int, seed int64) []*value.Record {
	rng := rand.New(rand.NewSource(seed))
	words := []string{"alpha", "beta", "gamma", "delta", "north", "south", "open", "closed", "red", "blue", "x1", "y2"}
	var build func(fs []*schema.Field) *value.Record
	build = func(fs []*schema.Field) *value.Record {
		keys := make([]string, len(fs))
		for i, f := range fs {
			keys[i] = f.Name
		}
		r := value.NewRecord(keys)
		for i, f := range fs {
			switch f.Type {
			case schema.Object:
				r.Vals[i] = value.Value{K: value.Object, Obj: build(f.Children)}
			case schema.Integer:
				r.Vals[i] = value.IntV(rng.Int63n(100000))
			case schema.Decimal:
				r.Vals[i] = value.FloatV(float64(rng.Intn(1000000)) / 100)
			case schema.Boolean:
				r.Vals[i] = value.BoolV(rng.Intn(2) == 0)
			case schema.Date, schema.TimestampTZ:
				r.Vals[i] = value.Str(fmt.Sprintf("20%02d-%02d-%02d", rng.Intn(25), 1+rng.Intn(12), 1+rng.Intn(28)))
			default:
				r.Vals[i] = value.Str(words[rng.Intn(len(words))] + " " + fmt.Sprint(rng.Intn(500)))
			}
		}
		return r
	}
	pool := make([]*value.Record, min(n, 1000))
	for i := range pool {
		pool[i] = build(s.Fields)
	}
	rows := make([]*value.Record, n)
	for i := range rows {
		rows[i] = pool[rng.Intn(len(pool))]
	}
	return rows
}

// BenchmarkSuggest1000x1000Samples: two 1,000-field schemas with 10,000
// sample rows each (#16 speed goal: under 3 s on 2 cores):
// go test ./mapping/suggest/ -run '^$' -bench Suggest1000x1000Samples -benchtime 3x.
func BenchmarkSuggest1000x1000Samples(b *testing.B) {
	src, dst := syntheticPair(1000, 1)
	opts := Options{SourceSample: syntheticRows(src, 10000, 2), TargetSample: syntheticRows(dst, 10000, 3)}
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		n = len(Suggest(src, dst, opts))
	}
	b.ReportMetric(float64(n), "proposals")
}

// TestSuggestSamplesDeterministic: profiling samples and scoring
// candidates run on every core; the proposals are the serial ones
// whatever the scheduling (CI runs it under -race).
func TestSuggestSamplesDeterministic(t *testing.T) {
	src, dst := syntheticPair(200, 7)
	opts := Options{SourceSample: syntheticRows(src, 400, 8), TargetSample: syntheticRows(dst, 400, 9)}
	render := func() string {
		var b strings.Builder
		for _, p := range Suggest(src, dst, opts) {
			fmt.Fprintf(&b, "%v<-%v %s %.4f %v\n", p.Targets, p.Sources, p.Expr, p.Confidence, p.Why())
		}
		return b.String()
	}
	first := render()
	if first == "" {
		t.Fatal("no proposals")
	}
	for i := 0; i < 3; i++ {
		if render() != first {
			t.Fatal("two runs on the same input gave different proposals")
		}
	}
}
