package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth/edge"
)

func write(t *testing.T, s *schema.Schema, plan Plan, seed int64, format string) (data, labels []byte) {
	t.Helper()
	var d, l bytes.Buffer
	if err := Write(context.Background(), s, plan, seed, &d, format, &l, nil); err != nil {
		t.Fatalf("Write %s: %v", format, err)
	}
	return d.Bytes(), l.Bytes()
}

func TestDeterministicEveryFormat(t *testing.T) {
	plan := Plan{Rows: 300, EdgeRate: 0.2, Profile: Hostile, Drift: true}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			a, la := write(t, allTypes(), plan, 42, format)
			b, lb := write(t, allTypes(), plan, 42, format)
			if !bytes.Equal(a, b) {
				t.Errorf("same seed, different %s bytes (%d vs %d)", format, len(a), len(b))
			}
			if !bytes.Equal(la, lb) {
				t.Errorf("same seed, different labels")
			}
			c, lc := write(t, allTypes(), plan, 43, format)
			if bytes.Equal(a, c) {
				t.Errorf("seeds 42 and 43 gave the same %s output", format)
			}
			if bytes.Equal(la, lc) {
				t.Errorf("seeds 42 and 43 gave the same labels")
			}
			if len(a) == 0 {
				t.Fatal("no output")
			}
		})
	}
	// seed 0 is a seed like any other (gofakeit would draw a random one)
	a, _ := write(t, ordersSchema(), Plan{Rows: 50}, 0, "csv")
	b, _ := write(t, ordersSchema(), Plan{Rows: 50}, 0, "csv")
	if !bytes.Equal(a, b) {
		t.Error("seed 0 is not deterministic")
	}
}

// labelsByField reads rows of a generator and collects the classes seen
// per field path.
func labelsByField(g *Generator) map[string]map[string]int {
	seen := map[string]map[string]int{}
	for row := range g.All() {
		for _, l := range row.Labels {
			if seen[l.Field] == nil {
				seen[l.Field] = map[string]int{}
			}
			seen[l.Field][l.Case]++
		}
	}
	return seen
}

func TestCoverageByDesign(t *testing.T) {
	s := allTypes()
	for _, profile := range []Profile{Realistic, Edge, Hostile} {
		for _, rate := range []float64{1, 0.25} {
			t.Run(fmt.Sprintf("%s/%v", profile, rate), func(t *testing.T) {
				// top-level leaves: ceil(K/rate) rows cover all K classes
				maxK := 0
				for _, f := range s.Fields {
					if k := len(edge.Filter(edge.For(f, nil), profile)); k > maxK {
						maxK = k
					}
				}
				rows := int64(math.Ceil(float64(maxK) / rate))
				g, err := NewGenerator(s, Plan{Rows: rows, EdgeRate: rate, Profile: profile}, 7)
				if err != nil {
					t.Fatal(err)
				}
				seen := labelsByField(g)
				for _, f := range s.Fields {
					for _, c := range edge.Filter(edge.For(f, nil), profile) {
						if seen[f.Path][c.Name] == 0 {
							t.Errorf("%s: class %s never appeared in %d rows", f.Path, c.Name, rows)
						}
					}
				}
				// nested fields: objects and arrays run at half rate, so
				// their children need about four times as many rows
				g, _ = NewGenerator(s, Plan{Rows: 4*rows + 8, EdgeRate: rate, Profile: profile}, 7)
				seen = labelsByField(g)
				for _, f := range s.Flatten() {
					for _, c := range edge.Filter(edge.For(f, nil), profile) {
						if seen[f.Path][c.Name] == 0 {
							t.Errorf("%s: class %s never appeared in %d rows", f.Path, c.Name, 4*rows+8)
						}
					}
				}
			})
		}
	}
}

// touched reports whether a label falls on field path p or below it.
func touched(labels []Label, p string) bool {
	for _, l := range labels {
		if l.Field == p || strings.HasPrefix(l.Field, p+".") || strings.HasPrefix(l.Field, p+"[]") {
			return true
		}
	}
	return false
}

func TestNonEdgeValuesSatisfySchema(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    *schema.Schema
		plan Plan
	}{
		{"realistic only", allTypes(), Plan{Rows: 2000}},
		{"edge profile, unlabelled values", allTypes(), Plan{Rows: 2000, EdgeRate: 0.3, Profile: Edge}},
		{"hostile profile, unlabelled values", allTypes(), Plan{Rows: 2000, EdgeRate: 0.5, Profile: Hostile}},
		{"orders", ordersSchema(), Plan{Rows: 2000, EdgeRate: 0.1, Profile: Edge}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := NewGenerator(tc.s, tc.plan, 99)
			if err != nil {
				t.Fatal(err)
			}
			bad := 0
			for row := range g.All() {
				for i, f := range tc.s.Fields {
					if touched(row.Labels, f.Path) {
						continue
					}
					if err := edge.Check(f, row.Rec.Vals[i]); err != nil {
						bad++
						if bad < 10 {
							t.Errorf("row %d: %v", row.N, err)
						}
					}
				}
			}
		})
	}
}

func TestRealisticByMeaning(t *testing.T) {
	s := allTypes()
	g, err := NewGenerator(s, Plan{Rows: 500}, 5)
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]*regexp.Regexp{
		"email":                regexp.MustCompile(`^[a-z]+@[a-z]+\.[a-z]+$`),
		"phone":                regexp.MustCompile(`^[0-9().\- ]{10,16}$`),
		"code":                 regexp.MustCompile(`^[A-Z]{3}-[0-9]{4}$`),
		"uid":                  regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$`),
		"address.zip":          regexp.MustCompile(`^[0-9]{5}$`),
		"address.country_code": regexp.MustCompile(`^[A-Z]{2}$`),
		"first_name":           regexp.MustCompile(`^[A-Z][a-zA-Z'\- ]+$`),
		"total":                regexp.MustCompile(`^[0-9]+(\.[0-9]{1,2})?$`),
		"birth_date":           regexp.MustCompile(`^(19[4-9][0-9]|200[0-6])-`),
		"created_at":           regexp.MustCompile(`^20(1[89]|2[0-5])-[01][0-9]-[0-3][0-9]T`),
	}
	ids := map[int64]bool{}
	for row := range g.All() {
		if id := row.Rec.Get("id").I; ids[id] {
			t.Errorf("primary key id %d repeats", id)
		} else {
			ids[id] = true
		}
		for path, re := range checks {
			v := row.Rec.Path(path)
			if v.IsMissing() {
				continue
			}
			if !re.MatchString(v.Text()) {
				t.Errorf("row %d %s = %q, want %s", row.N, path, v.Text(), re)
			}
		}
	}
	// the bench orders schema: all strings, meaning from the names
	og, _ := NewGenerator(ordersSchema(), Plan{Rows: 200}, 5)
	ochecks := map[string]*regexp.Regexp{
		"order_id":     regexp.MustCompile(`^[0-9]+$`),
		"customer_id":  regexp.MustCompile(`^[0-9]+$`),
		"order_date":   regexp.MustCompile(`^20[12][0-9]-[01][0-9]-[0-3][0-9]$`),
		"amount_cents": regexp.MustCompile(`^[0-9]+$`),
		"currency":     regexp.MustCompile(`^[A-Z]{3}$`),
		"qty":          regexp.MustCompile(`^([1-9]|1[0-9]|20)$`),
		"discount":     regexp.MustCompile(`^0\.[0-9]{2}$`),
		"email":        regexp.MustCompile(`@`),
	}
	for row := range og.All() {
		if got := row.Rec.Get("order_id").S; got != fmt.Sprint(row.N) {
			t.Errorf("order_id %q in row %d, want the row number", got, row.N)
		}
		for k, re := range ochecks {
			v := row.Rec.Get(k)
			if !v.IsMissing() && !re.MatchString(v.S) {
				t.Errorf("row %d %s = %q, want %s", row.N, k, v.S, re)
			}
		}
	}
}

func TestTargetsDriveEdgeCases(t *testing.T) {
	s := &schema.Schema{Name: "src", Fields: []*schema.Field{
		{Path: "city", Name: "city", Type: schema.String},
		{Path: "qty", Name: "qty", Type: schema.String},
	}}
	plan := Plan{Rows: 400, EdgeRate: 1, Profile: Edge, Targets: map[string]*schema.Field{
		"city": {Path: "ship_city", Name: "ship_city", Type: schema.String, MaxLength: ip(15)},
		"qty":  {Path: "quantity", Name: "quantity", Type: schema.Integer, Bits: 16},
	}}
	g, err := NewGenerator(s, plan, 1)
	if err != nil {
		t.Fatal(err)
	}
	lens := map[int]bool{}
	var qtys []string
	for row := range g.All() {
		for _, l := range row.Labels {
			switch {
			case l.Field == "city" && (l.Case == "string.at_max_length" || l.Case == "string.over_max_length"):
				lens[utf8.RuneCountInString(row.Rec.Get("city").S)] = true
			case l.Field == "qty" && l.Case == "int.max_plus_one":
				qtys = append(qtys, row.Rec.Get("qty").S)
			}
		}
	}
	if !lens[15] || !lens[16] {
		t.Errorf("city feeding varchar(15) got lengths %v, want 15 and 16", lens)
	}
	if len(qtys) == 0 || qtys[0] != "32768" {
		t.Errorf("qty feeding smallint got max+1 values %v, want \"32768\"", qtys)
	}
}

func TestDrift(t *testing.T) {
	s := allTypes()
	g, err := NewGenerator(s, Plan{Rows: 90, Drift: true}, 3)
	if err != nil {
		t.Fatal(err)
	}
	keys := g.Keys()
	if len(keys) != len(s.Fields)+2 {
		t.Fatalf("union keys %v: want the %d fields + renamed + extra", keys, len(s.Fields))
	}
	kinds := map[string]Label{}
	first := int64(0)
	for row := range g.All() {
		drifted := false
		for _, l := range row.Labels {
			if strings.HasPrefix(l.Case, "drift.") {
				drifted = true
				kinds[l.Case] = l
			}
		}
		if drifted && first == 0 {
			first = row.N
		}
		if !drifted && first != 0 {
			t.Errorf("row %d not drifted after drift began at %d", row.N, first)
		}
		extra := row.Rec.Get(keys[len(keys)-1])
		if drifted == extra.IsAbsent() {
			t.Errorf("row %d: drifted %v but extra field %v", row.N, drifted, extra.K)
		}
		if drifted {
			old := strings.Split(kinds["drift.renamed"].Field, "->")
			if !row.Rec.Get(old[0]).IsAbsent() {
				t.Errorf("row %d: renamed field %s still present", row.N, old[0])
			}
			if !row.Rec.Get(kinds["drift.missing"].Field).IsAbsent() {
				t.Errorf("row %d: missing field present", row.N)
			}
		}
	}
	if first < 31 || first > 61 {
		t.Errorf("drift began at row %d, want within the middle third", first)
	}
	for _, k := range []string{"drift.renamed", "drift.missing", "drift.retyped", "drift.extra"} {
		if _, ok := kinds[k]; !ok {
			t.Errorf("no %s label", k)
		}
	}
	if l := kinds["drift.renamed"]; !strings.Contains(l.Field, "->") {
		t.Errorf("drift.renamed field %q, want old->new", l.Field)
	}
	// CSV output of a drifted feed has the union header
	data, labels := write(t, s, Plan{Rows: 20, Drift: true}, 3, "csv")
	hdr := strings.SplitN(string(data), "\n", 2)[0]
	if !strings.Contains(hdr, keys[len(keys)-1]) || !strings.Contains(hdr, "address.city") {
		t.Errorf("csv header %q lacks the extra key or flattened object columns", hdr)
	}
	if !bytes.Contains(labels, []byte("drift.retyped")) {
		t.Error("labels sidecar lacks drift.retyped")
	}
}

func TestPlanErrors(t *testing.T) {
	s := ordersSchema()
	for _, tc := range []struct {
		plan   Plan
		format string
		want   string
	}{
		{Plan{Rows: -1}, "csv", "rows must be 0 or more"},
		{Plan{Rows: 1, EdgeRate: 1.5}, "csv", "edge rate must be between 0 and 1"},
		{Plan{Rows: 1, EdgeRate: -0.1}, "csv", "edge rate"},
		{Plan{Rows: 1, EdgeRate: math.NaN()}, "csv", "edge rate"},
		{Plan{Rows: 1, Profile: "nasty"}, "csv", `unknown profile "nasty"`},
		{Plan{Rows: 1}, "xml", `unknown output format "xml"`},
	} {
		var out bytes.Buffer
		err := Write(context.Background(), s, tc.plan, 1, &out, tc.format, nil, nil)
		if err == nil || !errors.Is(err, ErrPlan) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("plan %+v format %s: err %v, want ErrPlan with %q", tc.plan, tc.format, err, tc.want)
		}
		if out.Len() != 0 {
			t.Errorf("plan %+v: wrote %d bytes before failing", tc.plan, out.Len())
		}
	}
	if _, err := NewGenerator(nil, Plan{}, 1); err == nil {
		t.Error("nil schema accepted")
	}
	if _, err := NewGenerator(&schema.Schema{Name: "empty"}, Plan{}, 1); err == nil {
		t.Error("schema without fields accepted")
	}
}

func TestGenerateChannel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := Generate(ctx, ordersSchema(), Plan{Rows: 1000000}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for r := range ch {
		n++
		if r.N != n {
			t.Fatalf("row %d arrived as %d", r.N, n)
		}
		if n == 100 {
			cancel()
			break
		}
	}
	for range ch { // drains after cancel, then closes
	}
	if _, err := Generate(ctx, ordersSchema(), Plan{Rows: -1}, 1); !errors.Is(err, ErrPlan) {
		t.Errorf("bad plan: %v", err)
	}
}

func TestLabelsSidecar(t *testing.T) {
	data, labels := write(t, allTypes(), Plan{Rows: 50, EdgeRate: 0.5, Profile: Edge}, 11, "jsonl")
	recs, err := csv.NewReader(bytes.NewReader(labels)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "row,field,edge_case" {
		t.Fatalf("labels header %v", recs[0])
	}
	lines := bytes.Count(data, []byte("\n"))
	if lines != 50 {
		t.Errorf("jsonl has %d lines, want 50", lines)
	}
	r, err := value.NewReader(bytes.NewReader(data), "out.jsonl", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		if _, err := r.Read(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("our jsonl does not read back: %v", err)
		}
		n++
	}
	if n != 50 {
		t.Errorf("read back %d rows", n)
	}
}

func TestConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	var samples []uint64
	progress := func(done int64) {
		if done%25000 == 0 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			samples = append(samples, m.HeapInuse)
		}
	}
	err := Write(context.Background(), ordersSchema(), Plan{Rows: 100000, EdgeRate: 0.05, Profile: Hostile}, 1, io.Discard, "csv", io.Discard, progress)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) < 3 {
		t.Fatalf("samples %v", samples)
	}
	if grow := int64(samples[len(samples)-1]) - int64(samples[0]); grow > 4<<20 {
		t.Errorf("heap grew %d bytes between 25,000 and 100,000 rows: not streaming", grow)
	}
}

func TestLaterDatesFollowEarlier(t *testing.T) {
	g, err := NewGenerator(ordersSchema(), Plan{Rows: 500, EdgeRate: 0.1, Profile: Edge}, 8)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for row := range g.All() {
		if touched(row.Labels, "order_date") || touched(row.Labels, "ship_date") {
			continue
		}
		od, sd := row.Rec.Get("order_date"), row.Rec.Get("ship_date")
		if sd.IsMissing() {
			continue
		}
		o, err1 := time.Parse("2006-01-02", od.S)
		s, err2 := time.Parse("2006-01-02", sd.S)
		if err1 != nil || err2 != nil {
			t.Fatalf("row %d: dates %q %q", row.N, od.S, sd.S)
		}
		if d := s.Sub(o); d < 0 || d > 30*24*time.Hour {
			t.Errorf("row %d: ship_date %s is not 0-30 days after order_date %s", row.N, sd.S, od.S)
		}
		checked++
	}
	if checked < 300 {
		t.Errorf("only %d rows checked", checked)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		typ  schema.Type
		want meaning
	}{
		{"first_name", schema.String, mFirstName},
		{"FirstName", schema.String, mFirstName},
		{"firstname", schema.String, mFirstName},
		{"LastName", schema.String, mLastName},
		{"customer.name", schema.String, mFullName},
		{"company.name", schema.String, mCompany},
		{"email_address", schema.String, mEmail},
		{"MobilePhone", schema.String, mPhone},
		{"ip_address", schema.String, mIP},
		{"billing_address", schema.String, mStreet},
		{"address_line_2", schema.String, mAddressLine2},
		{"shipPostalCode", schema.String, mZip},
		{"zip_code", schema.String, mZip},
		{"country_code", schema.String, mCountryCode},
		{"country", schema.String, mCountry},
		{"currency", schema.String, mCurrency},
		{"amount_cents", schema.Integer, mCents},
		{"total", schema.Decimal, mAmount},
		{"qty", schema.String, mQuantity},
		{"order_date", schema.String, mDate},
		{"date_of_birth", schema.Date, mBirthDate},
		{"created_at", schema.String, mCreated},
		{"updated_at", schema.TimestampTZ, mUpdated},
		{"created_by", schema.String, mUsername},
		{"last_login", schema.String, mTimestamp},
		{"customer_id", schema.String, mID},
		{"status", schema.String, mStatus},
		{"notes", schema.String, mText},
		{"website", schema.String, mURL},
		{"is_active", schema.Boolean, mBool},
	}
	for _, tt := range tests {
		name := tt.path
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		if got := classify(&schema.Field{Path: tt.path, Name: name, Type: tt.typ}); got != tt.want {
			t.Errorf("classify(%s %s) = %d, want %d", tt.path, tt.typ, got, tt.want)
		}
	}
}

// TestClassifyObservedLength: a sample whose countries are at most 3
// characters long holds codes; the observation is evidence for the
// meaning even though it is no limit.
func TestClassifyObservedLength(t *testing.T) {
	three := 3
	if got := classify(&schema.Field{Path: "country", Name: "country", Type: schema.String, ObservedMaxLength: &three}); got != mCountryCode {
		t.Errorf("classify(country, observed max 3) = %d, want mCountryCode", got)
	}
}

func TestUniqueFieldsDoNotRepeat(t *testing.T) {
	s := &schema.Schema{Name: "u", Fields: []*schema.Field{
		{Path: "email", Name: "email", Type: schema.String, Unique: true, Format: "email"},
		{Path: "login", Name: "login", Type: schema.String, Unique: true},
		{Path: "sku", Name: "sku", Type: schema.String, Unique: true},
		{Path: "n", Name: "n", Type: schema.Integer, Unique: true},
	}}
	g, err := NewGenerator(s, Plan{Rows: 3000}, 4)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for row := range g.All() {
		for i, f := range s.Fields {
			k := f.Name + "=" + row.Rec.Vals[i].Text()
			if seen[k] {
				t.Errorf("row %d repeats %s", row.N, k)
			}
			seen[k] = true
			if err := edge.Check(f, row.Rec.Vals[i]); err != nil {
				t.Errorf("row %d: %v", row.N, err)
			}
		}
	}
}

// TestReadBack: hostile output in every format reads back through the
// engine's codecs with the same number of rows and the same header.
func TestReadBack(t *testing.T) {
	plan := Plan{Rows: 120, EdgeRate: 0.4, Profile: Hostile, Drift: true}
	for _, format := range Formats {
		data, _ := write(t, allTypes(), plan, 21, format)
		r, err := value.NewReader(bytes.NewReader(data), "out."+format, format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		n := 0
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s row %d: %v", format, n+1, err)
			}
			n++
			if format != "jsonl" && n == 1 {
				g, _ := NewGenerator(allTypes(), plan, 21)
				if strings.Join(rec.Keys, ",") != strings.Join(g.Columns(), ",") {
					t.Errorf("%s header %v, want %v", format, rec.Keys, g.Columns())
				}
			}
		}
		if n != 120 {
			t.Errorf("%s: read back %d rows, want 120", format, n)
		}
	}
}
