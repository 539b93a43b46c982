package synth

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/seamhq/seam/mapping/schema"
)

const shopDDL = `CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name VARCHAR(60) NOT NULL,
  currency CHAR(3) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE orders (
  order_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  ordered_at DATE NOT NULL,
  shipped_at DATE,
  currency CHAR(3) NOT NULL
);
CREATE TABLE order_lines (
  line_id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(order_id),
  sku VARCHAR(20) NOT NULL,
  currency CHAR(3) NOT NULL
);`

func shopDataset(t *testing.T, rows int64, plan string) *Dataset {
	t.Helper()
	var ss []*schema.Schema
	for _, n := range []string{"customers", "orders", "order_lines"} {
		s, err := schema.Parse("shop.sql#"+n, []byte(shopDDL), schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ss = append(ss, s)
	}
	var sp *SetPlan
	if plan != "" {
		var err error
		if sp, err = ParseSetPlan("shop.plan.yaml", []byte(plan)); err != nil {
			t.Fatal(err)
		}
		if err := sp.ApplyRelations(ss); err != nil {
			t.Fatal(err)
		}
	}
	d, err := NewDataset(ss, rows)
	if err != nil {
		t.Fatal(err)
	}
	if sp != nil {
		if err := sp.Apply(d); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

const shopPlan = `seam_synth: 1
tables:
  customers: {rows: 50}
  order_lines: {per: orders, min: 1, max: 20}
after:
  - {field: orders.ordered_at, after: customers.created_at}
agree:
  - {field: order_lines.currency, equals: orders.currency}
  - {field: orders.currency, equals: customers.currency}
`

// index maps each header name to its column.
func index(hdr []string) map[string]int {
	m := map[string]int{}
	for i, h := range hdr {
		m[h] = i
	}
	return m
}

// TestPlanCardinalityTimeAgree: property test over seeds: with the plan,
// every order has 1..20 lines, each line's currency is its order's and
// its customer's, and each order is dated on or after its customer's
// creation; order_lines keys are unique across the table.
func TestPlanCardinalityTimeAgree(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		d := shopDataset(t, 300, shopPlan)
		m := genDataset(t, d, DatasetPlan{Plan: Plan{EdgeRate: 0}}, seed)
		ch, cust := m.rows(t, "customers")
		oh, ords := m.rows(t, "orders")
		lh, lines := m.rows(t, "order_lines")
		if len(cust) != 50 || len(ords) != 300 {
			t.Fatalf("seed %d: %d customers, %d orders", seed, len(cust), len(ords))
		}
		ci, oi, li := index(ch), index(oh), index(lh)
		created := map[string]time.Time{}
		curr := map[string]string{}
		for _, r := range cust {
			ts, err := time.Parse(time.RFC3339, strings.Replace(r[ci["created_at"]], " ", "T", 1)+"Z")
			if err != nil {
				ts, err = time.Parse("2006-01-02T15:04:05", r[ci["created_at"]])
			}
			if err != nil {
				t.Fatalf("created_at %q: %v", r[ci["created_at"]], err)
			}
			created[r[ci["customer_id"]]] = ts
			curr[r[ci["customer_id"]]] = r[ci["currency"]]
		}
		orderCurr := map[string]string{}
		for _, r := range ords {
			c := r[oi["customer_id"]]
			day, err := time.Parse("2006-01-02", r[oi["ordered_at"]])
			if err != nil {
				t.Fatal(err)
			}
			if day.Before(created[c].Truncate(24 * time.Hour)) {
				t.Fatalf("seed %d: order %s on %s, its customer %s created %s", seed, r[oi["order_id"]], day, c, created[c])
			}
			if s := r[oi["shipped_at"]]; s != "" && s < r[oi["ordered_at"]] {
				t.Fatalf("seed %d: order %s shipped %s before ordered %s", seed, r[oi["order_id"]], s, r[oi["ordered_at"]])
			}
			if r[oi["currency"]] != curr[c] {
				t.Fatalf("seed %d: order currency %s, customer's %s", seed, r[oi["currency"]], curr[c])
			}
			orderCurr[r[oi["order_id"]]] = r[oi["currency"]]
		}
		per := map[string]int{}
		ids := map[string]bool{}
		for _, r := range lines {
			per[r[li["order_id"]]]++
			if ids[r[li["line_id"]]] {
				t.Fatalf("line_id %s twice", r[li["line_id"]])
			}
			ids[r[li["line_id"]]] = true
			if r[li["currency"]] != orderCurr[r[li["order_id"]]] {
				t.Fatalf("line currency %s, order's %s", r[li["currency"]], orderCurr[r[li["order_id"]]])
			}
		}
		for id := range orderCurr {
			if n := per[id]; n < 1 || n > 20 {
				t.Fatalf("seed %d: order %s has %d lines, want 1..20", seed, id, n)
			}
		}
	}
}

// TestZipfCardinality: with dist: zipf every order has 1..20 lines, the
// counts fall with the count (more orders with one line than with two,
// with a few than with many), the mean well below uniform's 10.5, and
// some order reaches 15 or more.
func TestZipfCardinality(t *testing.T) {
	plan := strings.Replace(shopPlan, "max: 20}", "max: 20, dist: zipf}", 1)
	d := shopDataset(t, 3000, plan)
	m := genDataset(t, d, DatasetPlan{Plan: Plan{EdgeRate: 0}}, 2)
	lh, lines := m.rows(t, "order_lines")
	li := index(lh)
	per := map[string]int{}
	for _, r := range lines {
		per[r[li["order_id"]]]++
	}
	hist := make([]int, 21)
	sum := 0
	for _, n := range per {
		if n < 1 || n > 20 {
			t.Fatalf("an order has %d lines, want 1..20", n)
		}
		hist[n]++
		sum += n
	}
	if len(per) != 3000 {
		t.Fatalf("%d of 3000 orders have lines", len(per))
	}
	mean := float64(sum) / 3000
	few, many := hist[1]+hist[2]+hist[3], hist[18]+hist[19]+hist[20]
	if hist[1] <= hist[2] || few <= 3*many || mean > 7 || mean < 4 || hist[15]+hist[16]+hist[17]+many == 0 {
		t.Fatalf("zipf counts %v, mean %.2f", hist[1:], mean)
	}
}

// TestDatasetDeterministic: the same seed gives byte-identical files in
// every format, another seed other bytes.
func TestDatasetDeterministic(t *testing.T) {
	for _, format := range []string{"csv", "tsv", "jsonl"} {
		gen := func(seed int64) map[string][]byte {
			d := shopDataset(t, 200, shopPlan)
			m := &memSink{}
			var lb bytes.Buffer
			label, flush := LabelsCSV(&lb)
			s := m.sink()
			s.Label = label
			if err := WriteDataset(t.Context(), d, DatasetPlan{Plan: Plan{Profile: Edge, EdgeRate: 0.2}, RelRate: 0.1}, seed, format, s); err != nil {
				t.Fatal(err)
			}
			if err := flush(); err != nil {
				t.Fatal(err)
			}
			out := map[string][]byte{"labels": lb.Bytes()}
			for k, v := range m.files {
				out[k] = v.Bytes()
			}
			return out
		}
		a, b, c := gen(11), gen(11), gen(12)
		for k := range a {
			if !bytes.Equal(a[k], b[k]) {
				t.Fatalf("%s %s: two runs with seed 11 differ", format, k)
			}
			if bytes.Equal(a[k], c[k]) {
				t.Fatalf("%s %s: seeds 11 and 12 give the same bytes", format, k)
			}
		}
	}
}

func TestSetPlanErrors(t *testing.T) {
	for _, c := range []struct{ plan, want string }{
		{"seam_synth: 2\n", "seam_synth: expected 1"},
		{"seam_synth: 1\ntables:\n  nope: {rows: 3}\n", "no table nope"},
		{"seam_synth: 1\ntables:\n  orders: {per: order_lines}\n", "orders has no foreign key to order_lines"},
		{"seam_synth: 1\ntables:\n  order_lines: {per: orders, min: 5, max: 2}\n", "expected 0 <= min <= max, got 5..2"},
		{"seam_synth: 1\ntables:\n  orders: {rows: 3, per: customers}\n", "rows and per exclude each other"},
		{"seam_synth: 1\nafter:\n  - {field: customers.created_at, after: orders.ordered_at}\n", "customers has no foreign key to orders"},
		{"seam_synth: 1\nagree:\n  - {field: order_lines.currency, equals: orders.nope}\n", "table orders has no column nope"},
		{"seam_synth: 1\nextra: 1\n", "unknown field \"extra\""},
		{"seam_synth: 1\nrelations:\n  - {from: orders, to: customers.customer_id}\n", "expected table.column"},
		{"seam_synth: 1\ntables:\n  order_lines: {per: orders, dist: normal}\n", "dist: expected uniform or zipf"},
		{"seam_synth: 1\ntables:\n  customers: {dist: zipf}\n", "min, max and dist need per"},
	} {
		var ss []*schema.Schema
		for _, n := range []string{"customers", "orders", "order_lines"} {
			s, _ := schema.Parse("shop.sql#"+n, []byte(shopDDL), schema.Options{})
			ss = append(ss, s)
		}
		sp, err := ParseSetPlan("p.yaml", []byte(c.plan))
		if err == nil {
			err = sp.ApplyRelations(ss)
		}
		if err == nil {
			var d *Dataset
			if d, err = NewDataset(ss, 10); err == nil {
				err = sp.Apply(d)
			}
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "p.yaml") {
			t.Errorf("%q: got %v, want an error naming p.yaml and %q", c.plan, err, c.want)
		}
	}
	_ = strconv.Itoa
}

// TestPlansMatchJSONSchema validates the plan files of the repository
// and the test's plan against synth/plan.schema.json, which rejects what
// ParseSetPlan rejects.
func TestPlansMatchJSONSchema(t *testing.T) {
	f, err := os.Open("plan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("plan.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("plan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	asJSON := func(data []byte) any {
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	files, _ := filepath.Glob("../testdata/synth/*.plan.yaml")
	if len(files) == 0 {
		t.Fatal("no plan files")
	}
	docs := map[string][]byte{"shopPlan": []byte(shopPlan)}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = data
	}
	for name, data := range docs {
		if _, err := ParseSetPlan(name, data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if err := sch.Validate(asJSON(data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, bad := range []string{"seam_synth: 1\nextra: 1\n", "seam_synth: 2\n", "seam_synth: 1\ntables:\n  a: {rows: 1, per: b}\n",
		"seam_synth: 1\nagree:\n  - {field: a}\n"} {
		if err := sch.Validate(asJSON([]byte(bad))); err == nil {
			t.Errorf("the JSON Schema accepts %q", bad)
		}
	}
}
