package synth

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// genAll generates n rows of the schema at ref (realistic profile) and
// returns them with, per row, the fields that carry an edge case.
func genAll(t *testing.T, ref string, n int64, seed int64) ([]Row, []map[string]bool) {
	t.Helper()
	s, err := schema.Load(ref, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGenerator(s, Plan{Rows: n}, seed)
	if err != nil {
		t.Fatal(err)
	}
	var rows []Row
	var edged []map[string]bool
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		e := map[string]bool{}
		for _, l := range r.Labels {
			e[l.Field] = true
			// a field under an edged object or array is not realistic either
			for p := l.Field; ; {
				i := strings.LastIndexAny(p, ".[")
				if i < 0 {
					break
				}
				p = p[:i]
				e[p+"*"] = true
			}
		}
		rows = append(rows, r)
		edged = append(edged, e)
	}
	return rows, edged
}

// isEdged: the field at path, or an object holding it, carries an edge case.
func isEdged(e map[string]bool, path string) bool {
	if e[path] || e[path+"*"] {
		return true
	}
	for p := path; ; {
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return false
		}
		p = p[:i]
		if e[p] {
			return true
		}
	}
}

func realworld(parts ...string) string {
	return filepath.Join(append([]string{"..", "testdata", "schemas", "realworld"}, parts...)...)
}

// TestAvroDatagenHints: the datagen schemas' arg.properties shape every
// realistic value: ranges (ordertime in 2017-2018 epoch millis, orderunits
// 0.1-10), regexes (Item_N), options, iterations and whole-record options;
// a required record (address) is present outside the edge classes.
func TestAvroDatagenHints(t *testing.T) {
	rows, edged := genAll(t, realworld("kafka-datagen-avro", "orders_schema.avro"), 500, 1)
	item := regexp.MustCompile(`^Item_[1-9][0-9]{0,2}$`)
	checked := 0
	for i, r := range rows {
		e := edged[i]
		num := func(path string, lo, hi float64) {
			if isEdged(e, path) {
				return
			}
			v := r.Rec.Path(path)
			var x float64
			switch v.K {
			case value.Int:
				x = float64(v.I)
			case value.Float:
				x = v.F
			default:
				t.Fatalf("row %d: %s is %v, want a number", r.N, path, v)
			}
			if x < lo || x > hi {
				t.Fatalf("row %d: %s = %v outside the schema's range %v..%v", r.N, path, x, lo, hi)
			}
			checked++
		}
		num("ordertime", 1487715775521, 1519273364600)
		num("orderunits", 0.1, 10)
		num("address.zipcode", 10000, 99999)
		if !isEdged(e, "orderid") && r.Rec.Get("orderid").I != int64(i) {
			t.Fatalf("row %d: orderid %v, want the iteration %d", r.N, r.Rec.Get("orderid"), i)
		}
		if v := r.Rec.Get("itemid"); !isEdged(e, "itemid") && !item.MatchString(v.S) {
			t.Fatalf("row %d: itemid %q does not match the schema's regex", r.N, v.S)
		}
		if a := r.Rec.Get("address"); !isEdged(e, "address") && a.K != value.Object {
			t.Fatalf("row %d: required record address is %v outside an edge case", r.N, a)
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d realistic values checked", checked)
	}

	rows, edged = genAll(t, realworld("kafka-datagen-avro", "shoe_orders.avro"), 200, 2)
	for i, r := range rows {
		if ts := r.Rec.Get("ts"); !isEdged(edged[i], "ts") {
			want := time.UnixMilli(1609459200000 + int64(i)*100000).UTC()
			if !ts.T.Equal(want) {
				t.Fatalf("row %d: ts %v, want the iteration's %v", r.N, ts.T, want)
			}
		}
		if p := r.Rec.Get("product_id").S; !isEdged(edged[i], "product_id") && len(p) != 36 {
			t.Fatalf("row %d: product_id %q is not one of the options", r.N, p)
		}
	}

	// whole-record options: each realistic customer is one of the listed
	// ones, its email and name together
	rows, edged = genAll(t, realworld("kafka-datagen-avro", "shoe_customers.avro"), 200, 3)
	data, err := os.ReadFile(realworld("kafka-datagen-avro", "shoe_customers.avro"))
	if err != nil {
		t.Fatal(err)
	}
	whole := 0
	for i, r := range rows {
		if len(edged[i]) > 0 {
			continue
		}
		id, email := r.Rec.Get("id").S, r.Rec.Get("email").S
		if !strings.Contains(string(data), `"`+id+`"`) || !strings.Contains(string(data), `"`+email+`"`) {
			t.Fatalf("row %d: %s / %s is not a listed customer", r.N, id, email)
		}
		whole++
	}
	if whole < 50 {
		t.Fatalf("only %d unlabelled customers", whole)
	}
}

// TestStripeInvoiceRealism: on Stripe's OpenAPI invoice, total = subtotal
// + tax, period_start <= period_end, created <= the other times is not
// asked but created is a recent Unix time in seconds.
func TestStripeInvoiceRealism(t *testing.T) {
	rows, edged := genAll(t, realworld("stripe", "stripe-openapi-2022-04-12-customer-invoice.json")+"#invoice", 400, 4)
	sums, periods := 0, 0
	lo, hi := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for i, r := range rows {
		e := edged[i]
		tot, sub, tax := r.Rec.Get("total"), r.Rec.Get("subtotal"), r.Rec.Get("tax")
		if tot.K == value.Int && sub.K == value.Int && tax.K == value.Int && !isEdged(e, "total") && !isEdged(e, "subtotal") && !isEdged(e, "tax") {
			if tot.I != sub.I+tax.I {
				t.Fatalf("row %d: total %d != subtotal %d + tax %d", r.N, tot.I, sub.I, tax.I)
			}
			sums++
		}
		ps, pe := r.Rec.Get("period_start"), r.Rec.Get("period_end")
		if ps.K == value.Int && pe.K == value.Int && !isEdged(e, "period_start") && !isEdged(e, "period_end") {
			if pe.I < ps.I {
				t.Fatalf("row %d: period_end %d before period_start %d", r.N, pe.I, ps.I)
			}
			periods++
		}
		if c := r.Rec.Get("created"); c.K == value.Int && !isEdged(e, "created") && (c.I < lo || c.I > hi) {
			t.Fatalf("row %d: created %d is not a recent Unix time in seconds", r.N, c.I)
		}
	}
	if sums < 100 || periods < 100 {
		t.Fatalf("checked %d totals and %d periods of 400 rows", sums, periods)
	}
}

// TestSharedRealism measures the examples on the singer schemas
// of ../shared/realworld (AGPL, not copied into testdata): Stripe
// invoices' totals and periods, Shopify's whole quantities and one
// currency per order.
func TestSharedRealism(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "realworld")
	inv := filepath.Join(dir, "stripe", "singer-invoices.json")
	if _, err := os.Stat(inv); err != nil {
		t.Skipf("shared real-world schemas absent (%v): the issue's Stripe and Shopify examples are not measured", err)
	}
	rows, edged := genAll(t, inv, 300, 5)
	sums, periods := 0, 0
	for i, r := range rows {
		e := edged[i]
		tot, sub, tax := r.Rec.Get("total"), r.Rec.Get("subtotal"), r.Rec.Get("tax")
		if tot.K == value.Int && sub.K == value.Int && tax.K == value.Int && !isEdged(e, "total") && !isEdged(e, "subtotal") && !isEdged(e, "tax") {
			if tot.I != sub.I+tax.I {
				t.Fatalf("invoice %d: total %d != subtotal %d + tax %d", r.N, tot.I, sub.I, tax.I)
			}
			sums++
		}
		ps, pe := r.Rec.Get("period_start"), r.Rec.Get("period_end")
		if c, ok := compareTimes(ps, pe); ok && ps.K == pe.K && !isEdged(e, "period_start") && !isEdged(e, "period_end") {
			if c > 0 {
				t.Fatalf("invoice %d: period_end %s before period_start %s", r.N, pe.Text(), ps.Text())
			}
			periods++
		}
	}
	if sums < 100 || periods < 100 {
		t.Fatalf("checked %d totals and %d periods of 300 invoices", sums, periods)
	}

	rows, edged = genAll(t, filepath.Join(dir, "shopify", "singer-orders.json"), 200, 6)
	quantities := 0
	for i, r := range rows {
		currencies := map[string]bool{}
		walkValues(r.Rec, "", func(path string, v value.Value) {
			if isEdged(edged[i], strings.ReplaceAll(path, "[]", "")) || isEdged(edged[i], path) {
				return
			}
			name := strings.ToLower(path[strings.LastIndexAny(path, ".]")+1:])
			if name == "quantity" || name == "currentquantity" {
				if v.K == value.Float && v.F != float64(int64(v.F)) {
					t.Fatalf("order %d: %s = %v is not whole", r.N, path, v.F)
				}
				quantities++
			}
			if strings.Contains(name, "currency") && v.K == value.String {
				currencies[v.S] = true
			}
		})
		if len(currencies) > 1 {
			t.Fatalf("order %d holds %d currencies: %v", r.N, len(currencies), currencies)
		}
	}
	if quantities < 100 {
		t.Fatalf("only %d quantities checked", quantities)
	}
}

// walkValues calls fn for every scalar of rec with its schema path.
func walkValues(rec *value.Record, prefix string, fn func(string, value.Value)) {
	for i, k := range rec.Keys {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		walkValue(rec.Vals[i], p, fn)
	}
}

func walkValue(v value.Value, p string, fn func(string, value.Value)) {
	switch v.K {
	case value.Object:
		if v.Obj != nil {
			walkValues(v.Obj, p, fn)
		}
	case value.Array:
		for _, x := range v.Arr {
			walkValue(x, p+"[]", fn)
		}
	default:
		fn(p, v)
	}
}

// TestEpochUnit: integer points in time by format and name, in seconds
// or milliseconds; durations are not.
func TestEpochUnit(t *testing.T) {
	for _, c := range []struct {
		f    schema.Field
		want int64
	}{
		{schema.Field{Name: "ordertime", Type: schema.Integer, Bits: 64}, 1000},
		{schema.Field{Name: "created", Type: schema.Integer, Format: "unix-time"}, 1},
		{schema.Field{Name: "updated_at", Type: schema.Integer, Bits: 32}, 1},
		{schema.Field{Name: "event_ts", Type: schema.Integer}, 1},
		{schema.Field{Name: "created_ms", Type: schema.Integer}, 1000},
		{schema.Field{Name: "response_time", Type: schema.Integer, Bits: 64}, 0},
		{schema.Field{Name: "ttl", Type: schema.Integer}, 0},
		{schema.Field{Name: "quantity", Type: schema.Integer}, 0},
		{schema.Field{Name: "created", Type: schema.String}, 0},
	} {
		f := c.f
		f.Path = f.Name
		if got := epochUnit(&f, classify(&f)); got != c.want {
			t.Errorf("%s (%s %d bits): unit %d, want %d", f.Name, f.Type, f.Bits, got, c.want)
		}
	}
}

// TestOrdersOf: period starts pair with their ends by stem; created
// precedes updated; unrelated times are left alone.
func TestOrdersOf(t *testing.T) {
	ts := func(n string) *schema.Field { return &schema.Field{Name: n, Path: n, Type: schema.TimestampTZ} }
	fs := []*schema.Field{ts("period_end"), ts("due_date"), ts("period_start"), ts("valid_to"), ts("valid_from"),
		ts("created_at"), ts("updated_at"), {Name: "ship_to", Path: "ship_to", Type: schema.String}}
	got := map[string]bool{}
	for _, o := range ordersOf(fs) {
		got[fs[o.before].Name+"<="+fs[o.after].Name] = true
	}
	for _, w := range []string{"period_start<=period_end", "valid_from<=valid_to", "created_at<=updated_at"} {
		if !got[w] {
			t.Errorf("missing %s in %v", w, got)
		}
	}
	if len(got) != 3 {
		t.Errorf("pairs %v, want 3", got)
	}
	// a swap happens only between realistic values
	a, b := value.IntV(20), value.IntV(10)
	vals := []value.Value{b, a}
	orderSpec{before: 1, after: 0, bPath: "s", aPath: "e"}.apply(vals, nil)
	if vals[1].I != 10 || vals[0].I != 20 {
		t.Errorf("not put in order: %v", vals)
	}
	vals = []value.Value{b, a}
	orderSpec{before: 1, after: 0, bPath: "s", aPath: "e"}.apply(vals, []Label{{Field: "e", Case: "int.min"}})
	if vals[1].I != 20 {
		t.Errorf("an edge case was reordered: %v", vals)
	}
}

// TestTotalsRoles: the fewest-word candidate of each role; a flag or a
// rate named after tax is no tax.
func TestTotalsRoles(t *testing.T) {
	n := func(name string, ty schema.Type) *schema.Field {
		return &schema.Field{Name: name, Path: name, Type: ty}
	}
	fs := []*schema.Field{n("customer_tax_exempt", schema.String), n("tax_percent", schema.Float), n("tax", schema.Integer),
		n("total_line_items_price", schema.Integer), n("subtotal", schema.Integer), n("total", schema.Integer)}
	sp := totalsOf(fs)
	if len(sp) != 1 || fs[sp[0].total].Name != "total" || fs[sp[0].parts[0]].Name != "subtotal" || fs[sp[0].parts[1]].Name != "tax" {
		t.Fatalf("totals %+v", sp)
	}
}

// TestDescriptionCodeSystems: a description naming a code system decides
// the values.
func TestDescriptionCodeSystems(t *testing.T) {
	for _, c := range []struct {
		desc string
		re   string
	}{
		{"Two-letter country code (ISO 3166-1 alpha-2).", `^[A-Z]{2}$`},
		{"Country as an ISO 3166-1 alpha-3 code", `^[A-Z]{3}$`},
		{"Three-letter ISO currency code, in lowercase.", `^[A-Z]{3}$`},
		{"The customer's language, an ISO 639-1 code", `^[a-z]{2}`},
		{"Phone number in E.164 format", `^\+[0-9]{11}$`},
	} {
		f := &schema.Field{Name: "value", Path: "value", Type: schema.String, Description: c.desc}
		g := realistic(f, false)
		fk := newFaker(1)
		re := regexp.MustCompile(c.re)
		for i := 0; i < 20; i++ {
			if v := g(fk, int64(i)); !re.MatchString(v.S) {
				t.Fatalf("%q: %q does not match %s", c.desc, v.S, c.re)
			}
		}
	}
}

// TestExamplesDrawn: a field synth has no meaning for draws from its
// schema's examples.
func TestExamplesDrawn(t *testing.T) {
	f := &schema.Field{Name: "plan_tier", Path: "plan_tier", Type: schema.String, Examples: []string{"gold", "silver"}}
	g := realistic(f, false)
	fk := newFaker(1)
	for i := 0; i < 20; i++ {
		if v := g(fk, int64(i)).S; v != "gold" && v != "silver" {
			t.Fatalf("drew %q, not an example", v)
		}
	}
}

// TestYAMLHintsDrive: hints written in a seam YAML schema shape the
// realistic values like Avro's: a range, options.
func TestYAMLHintsDrive(t *testing.T) {
	s, err := schema.Parse("s.yaml", []byte("fields:\n  - name: units\n    type: float\n    hints: {range: {min: 0.5, max: 3}}\n  - name: code\n    type: string\n    hints: {options: [A100, A200]}\n"), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGenerator(s, Plan{Rows: 300}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		e := map[string]bool{}
		for _, l := range r.Labels {
			e[l.Field] = true
		}
		if u := r.Rec.Get("units"); !e["units"] && u.K == value.Float && (u.F < 0.5 || u.F > 3) {
			t.Fatalf("row %d: units %v outside 0.5..3", r.N, u.F)
		}
		if c := r.Rec.Get("code").S; !e["code"] && c != "A100" && c != "A200" {
			t.Fatalf("row %d: code %q not an option", r.N, c)
		}
	}
}
