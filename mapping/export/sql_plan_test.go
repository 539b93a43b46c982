package export

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// The multi-target fixture: orders with line items (and their discounts,
// a nested array) and tags (an array of strings), a customer joined by
// key (on_miss reject) and the customer's region joined through the
// customer (on_miss null, on_duplicate first).
const planSrcSchema = `{"type":"object","properties":{
 "id":{"type":"string"},
 "cust":{"type":["string","null"]},
 "lineItems":{"type":["array","null"],"items":{"type":"object","properties":{
   "sku":{"type":["string","null"]},
   "qty":{"type":["integer","null"]},
   "price":{"type":["number","null"]},
   "discounts":{"type":["array","null"],"items":{"type":"object","properties":{"amount":{"type":["number","null"]}}}}}}},
 "tags":{"type":["array","null"],"items":{"type":"string"}}}}`

const planDDL = `CREATE TABLE orders (order_id integer NOT NULL, customer varchar(8) NOT NULL, score integer, region varchar(10));
CREATE TABLE order_details (order_id integer NOT NULL, line_no integer NOT NULL, sku varchar(5), qty smallint NOT NULL, price numeric(8,2));
CREATE TABLE discounts (order_id integer NOT NULL, n integer NOT NULL, amount numeric(6,2), sku varchar(5));
CREATE TABLE tags (order_id integer NOT NULL, n integer NOT NULL, tag varchar(3) NOT NULL);
CREATE TABLE customer (customer_id varchar(10), name varchar(20), score integer, region_id varchar(5));
CREATE TABLE region (region_id varchar(5), name varchar(20));`

const planMappingYAML = `seam: 1
name: plan
source: {schema: orders.json}
joins:
  - {name: customer, schema: "db.sql#customer", data: customer.csv, on: {cust: customer_id}}
  - {name: region, schema: "db.sql#region", data: region.csv, on: {customer.region_id: region_id}, on_miss: null, on_duplicate: first}
targets:
  - name: orders
    schema: "db.sql#orders"
    rules:
      - {target: order_id, from: [id]}
      - {target: customer, from: [customer.name]}
      - {target: score, from: [customer.score], on_error: null}
      - {target: region, from: [region.name]}
  - name: order_details
    schema: "db.sql#order_details"
    each: lineItems
    parent: orders
    rules:
      - {target: order_id, from: [id]}
      - {target: line_no, from: [$line]}
      - {target: sku, from: ["lineItems[].sku"]}
      - {target: qty, from: [lineItems.qty]}
      - {target: price, from: [lineItems.price], on_error: null}
  - name: discounts
    schema: "db.sql#discounts"
    each: "lineItems[].discounts"
    parent: order_details
    rules:
      - {target: order_id, from: [id]}
      - {target: n, from: [$line]}
      - {target: amount, from: [lineItems.discounts.amount]}
      - {target: sku, from: [lineItems.sku], on_error: "default(-)"}
  - name: tags
    schema: "db.sql#tags"
    each: tags
    rules:
      - {target: order_id, from: [id]}
      - {target: n, from: [$line]}
      - {target: tag, expr: "upper(tags)"}
`

// customer 4 is there twice: seam refuses such a file, so the fixture's
// customer table has unique keys; region r2 is there twice (first wins).
const planCustomers = "customer_id,name,score,region_id\n1,Ada,10,r1\n2,Bob,x,r2\n3,LongName12,7,r9\n5,Eve,,r1\n007,Zed,3,r3\n"
const planRegions = "region_id,name\nr1,North\nr2,South\nr2,Second\nr3,\n"

// planDocs are the hand-made cases: arrays empty, null, absent, one,
// many, nested, not an array; join hit, miss, null key, duplicate key;
// child rows of rejected parents.
var planDocs = []string{
	`{"id":"1","cust":"1","lineItems":[{"sku":"A1","qty":2,"price":9.5,"discounts":[{"amount":1},{"amount":0.5}]},{"sku":"B2","qty":1}],"tags":["x","yy"]}`,
	`{"id":"2","cust":"2","lineItems":[],"tags":[]}`,
	`{"id":"3","cust":"1","lineItems":null,"tags":null}`,
	`{"id":"4","cust":"1"}`,
	`{"id":"5","cust":"9","lineItems":[{"sku":"C","qty":1}],"tags":["z"]}`,
	`{"id":"6","cust":null,"lineItems":[{"sku":"D","qty":1}]}`,
	`{"id":"7","cust":"3","lineItems":[{"sku":"E","qty":1}]}`,
	`{"id":"x8","cust":"1","lineItems":[{"sku":"F","qty":1,"discounts":[{"amount":2}]}],"tags":["a"]}`,
	`{"id":"9","cust":"5","lineItems":[{"sku":"TOOLONG","qty":1,"discounts":[{"amount":3}]},{"sku":"G","qty":"many","discounts":[{"amount":4}]},{"sku":"H","qty":70000},{"sku":null,"qty":null},{"sku":"I","qty":3,"discounts":[]}],"tags":["abcd","ok"]}`,
	`{"id":"10","cust":"1","lineItems":{"sku":"J","qty":1},"tags":"notarray"}`,
	`{"id":"11","cust":"07","lineItems":[{"sku":"K","qty":5,"price":"1.2.3","discounts":[{"amount":123456.789},{"amount":"0.1"},{"amount":null}]}],"tags":["q",5]}`,
	`{"id":"12","cust":"2","lineItems":[{"qty":1,"discounts":null},{"sku":"L","qty":2,"price":1e2}],"tags":[null]}`,
	`{"id":"13","cust":"7","lineItems":[{"sku":"M","qty":1}]}`,
}

// randomPlanDocs adds documents of random shape.
func randomPlanDocs(rng *rand.Rand, n int) []string {
	pick := func(xs ...any) any { return xs[rng.Intn(len(xs))] }
	var out []string
	for i := 0; i < n; i++ {
		doc := map[string]any{"id": fmt.Sprint(100 + i)}
		if i%17 == 3 {
			doc["id"] = "bad"
		}
		if c := pick("1", "2", "3", "5", "7", "9", "007", "", nil, "absent"); c != "absent" {
			doc["cust"] = c
		}
		arr := func(elem func() any) any {
			switch rng.Intn(8) {
			case 0:
				return nil
			case 1:
				return "absent"
			case 2:
				return []any{}
			case 3:
				return "text"
			}
			var a []any
			for k := rng.Intn(4) + 1; k > 0; k-- {
				a = append(a, elem())
			}
			return a
		}
		item := func() any {
			it := map[string]any{"sku": pick("A", "BB", "CCCCCC", nil, ""), "qty": pick(1, 2, 40000, "3", "x", nil, 2.5)}
			if rng.Intn(2) == 0 {
				it["price"] = pick(1.25, 100, "2.50", "y", nil)
			}
			if d := arr(func() any { return map[string]any{"amount": pick(1, 0.25, 9999.999, "5", "z", nil)} }); d != "absent" {
				it["discounts"] = d
			}
			return it
		}
		if li := arr(item); li != "absent" {
			doc["lineItems"] = li
		}
		if tg := arr(func() any { return pick("a", "bc", "long", 7, nil) }); tg != "absent" {
			doc["tags"] = tg
		}
		b, _ := json.Marshal(doc)
		out = append(out, string(b))
	}
	return out
}

type planFix struct {
	m     *mapping.Mapping
	src   *schema.Schema
	dsts  []*schema.Schema
	joins map[string]*schema.Schema
	docs  []string
}

func loadPlanFix(t *testing.T) *planFix {
	t.Helper()
	m, err := mapping.Parse("m.seam.yaml", []byte(planMappingYAML))
	if err != nil {
		t.Fatal(err)
	}
	src, err := schema.Parse("orders.json", []byte(planSrcSchema), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := &planFix{m: m, src: src, joins: map[string]*schema.Schema{}}
	for _, v := range m.Targets() {
		d, err := schema.Parse(v.Target.Schema, []byte(planDDL), schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		f.dsts = append(f.dsts, d)
	}
	for _, j := range m.Joins {
		js, err := schema.Parse(j.Schema, []byte(planDDL), schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		f.joins[j.Name] = js
	}
	f.docs = append(append([]string(nil), planDocs...), randomPlanDocs(rand.New(rand.NewSource(20261205)), 250)...)
	return f
}

// engineRows runs the documents through seam's plan and renders every
// written row per target (normalised, sorted), and counts rejects.
func (f *planFix) engineRows(t *testing.T, approx bool) ([][]string, []int) {
	t.Helper()
	p, ds := engine.CompilePlan(f.m, f.src, f.dsts, f.joins)
	if p == nil {
		t.Fatalf("engine: %v", ds)
	}
	for name, data := range map[string]string{"customer": planCustomers, "region": planRegions} {
		r, err := value.NewReader(strings.NewReader(data), name+".csv", "csv")
		if err != nil {
			t.Fatal(err)
		}
		if err := p.LoadJoin(name, r, name+".csv", 0); err != nil {
			t.Fatal(err)
		}
	}
	rd, err := value.NewReader(strings.NewReader(strings.Join(f.docs, "\n")+"\n"), "orders.jsonl", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	n := len(p.Targets())
	rows := make([][]string, n)
	rejected := make([]int, n)
	x := p.NewExec(false)
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		x.Apply(rec, func(r engine.PlanRow) {
			if r.Result.Rejected {
				rejected[r.Target]++
				return
			}
			var cells []string
			for i, k := range r.Result.Out.Keys {
				cells = append(cells, k+"="+norm(f.dsts[r.Target].Lookup(k), engineText(r.Result.Out.Vals[i]), approx))
			}
			rows[r.Target] = append(rows[r.Target], strings.Join(cells, " "))
		})
	}
	for i := range rows {
		sort.Strings(rows[i])
	}
	return rows, rejected
}

// sourceRows renders the documents as rows of the source table: scalars
// as text, arrays and other values of array fields as JSON, null and
// absent as NULL.
func (f *planFix) sourceRows(t *testing.T) ([]string, [][]any) {
	t.Helper()
	var cols []string
	for _, fl := range f.src.Fields {
		cols = append(cols, fl.Path)
	}
	var rows [][]any
	for _, d := range f.docs {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(d), &raw); err != nil {
			t.Fatal(err)
		}
		row := make([]any, len(cols))
		for i, c := range cols {
			v, ok := raw[c]
			switch {
			case !ok || string(v) == "null":
			case f.src.Fields[i].Type == schema.String:
				var s string
				if err := json.Unmarshal(v, &s); err != nil {
					t.Fatal(err)
				}
				row[i] = s
			default:
				row[i] = string(v)
			}
		}
		rows = append(rows, row)
	}
	return cols, rows
}

func csvRows(data string) ([]string, [][]any) {
	lines := strings.Split(strings.TrimSpace(data), "\n")
	cols := strings.Split(lines[0], ",")
	var rows [][]any
	for _, l := range lines[1:] {
		var r []any
		for _, c := range strings.Split(l, ",") {
			r = append(r, c)
		}
		rows = append(rows, r)
	}
	return cols, rows
}

// compareTarget compares one target's SQL rows with seam's.
func compareTarget(t *testing.T, dialect, name string, dst *schema.Schema, want []string, rejected int, cols []string, got [][]string) {
	t.Helper()
	var have []string
	for _, g := range got {
		var cells []string
		for i, c := range cols {
			cells = append(cells, c+"="+norm(dst.Lookup(c), g[i], dialect == "sqlite"))
		}
		have = append(have, strings.Join(cells, " "))
	}
	sort.Strings(have)
	wi, hi := 0, 0
	for wi < len(want) || hi < len(have) {
		switch {
		case hi >= len(have) || wi < len(want) && want[wi] < have[hi]:
			t.Errorf("%s: seam writes %s; %s does not", name, want[wi], dialect)
			wi++
		case wi >= len(want) || have[hi] < want[wi]:
			t.Errorf("%s: %s returns %s; seam does not write it", name, dialect, have[hi])
			hi++
		default:
			wi++
			hi++
		}
	}
	t.Logf("%s %s: seam wrote %d rows and rejected %d; SQL returned %d", dialect, name, len(want), rejected, len(have))
	if len(want) == 0 || rejected == 0 {
		t.Errorf("%s: the data exercises too little: %d written, %d rejected", name, len(want), rejected)
	}
}

// TestDifferentialPlanSQLite: the SQL of a mapping with four targets
// (a child table, a nested child table, an array of strings), two joins
// (a miss rejecting, a miss giving nulls, a join through a join, a
// duplicate key kept first) equals seam's output per target, row for row,
// on SQLite.
func TestDifferentialPlanSQLite(t *testing.T) {
	f := loadPlanFix(t)
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	cols, rows := f.sourceRows(t)
	loadRows(t, db, "orders", cols, rows, func(int) string { return "?" })
	for _, j := range []struct{ name, data string }{{"customer", planCustomers}, {"region", planRegions}} {
		c, r := csvRows(j.data)
		loadRows(t, db, j.name, c, r, func(int) string { return "?" })
	}
	ts, unsup, err := PlanSQL(f.m, f.src, f.dsts, f.joins, SQLOptions{Dialect: "sqlite"})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range unsup {
		t.Errorf("unsupported: %+v", u)
	}
	want, rejected := f.engineRows(t, true)
	for i, tq := range ts {
		gc, got := queryText(t, db, tq.SQL)
		compareTarget(t, "sqlite", tq.Name, f.dsts[i], want[i], rejected[i], gc, got)
	}
	if t.Failed() {
		t.Log(PlanScript(ts))
	}
}

// TestDifferentialPlanPostgres does the same on PostgreSQL (SEAM_TEST_PG),
// through views, the arrays in JSONB columns.
func TestDifferentialPlanPostgres(t *testing.T) {
	conn := openPG(t)
	f := loadPlanFix(t)
	cols, rows := f.sourceRows(t)
	var defs []string
	for i, c := range cols {
		typ := "TEXT"
		if f.src.Fields[i].Type == schema.Array {
			typ = "JSONB"
		}
		defs = append(defs, `"`+c+`" `+typ)
	}
	pgExec(t, conn, `CREATE TABLE "orders" (`+strings.Join(defs, ", ")+`)`)
	ph := make([]string, len(cols))
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	for _, r := range rows {
		if _, err := conn.Exec(t.Context(), `INSERT INTO "orders" VALUES (`+strings.Join(ph, ", ")+`)`, r...); err != nil {
			t.Fatal(err)
		}
	}
	for _, j := range []struct{ name, data string }{{"customer", planCustomers}, {"region", planRegions}} {
		c, r := csvRows(j.data)
		pgLoad(t, conn, j.name, c, r)
	}
	ts, unsup, err := PlanSQL(f.m, f.src, f.dsts, f.joins, SQLOptions{Dialect: "postgres", View: "v"})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range unsup {
		t.Errorf("unsupported: %+v", u)
	}
	pgExec(t, conn, PlanScript(ts))
	want, rejected := f.engineRows(t, false)
	for i, tq := range ts {
		gc, got := pgQuery(t, conn, `SELECT * FROM "v_`+tq.Name+`"`)
		compareTarget(t, "postgres", tq.Name, f.dsts[i], want[i], rejected[i], gc, got)
	}
	if t.Failed() {
		t.Log(PlanScript(ts))
	}
}

// TestPlanSQLDialects: every dialect renders the targets with its way of
// expanding arrays; MySQL and Spark list on_duplicate first as not
// expressible (their tables have no row order), never silently.
func TestPlanSQLDialects(t *testing.T) {
	f := loadPlanFix(t)
	for _, c := range []struct {
		dialect, expand string
		unsup           int
	}{
		{"postgres", "jsonb_array_elements(", 0},
		{"sqlite", "json_each(", 0},
		{"mysql", "JSON_TABLE(", 1},
		{"spark", "LATERAL VIEW posexplode(", 1},
	} {
		ts, unsup, err := PlanSQL(f.m, f.src, f.dsts, f.joins, SQLOptions{Dialect: c.dialect})
		if err != nil {
			t.Fatalf("%s: %v", c.dialect, err)
		}
		if len(ts) != 4 || ts[0].Name != "orders" || ts[1].Name != "order_details" {
			t.Fatalf("%s: targets %+v", c.dialect, ts)
		}
		if !strings.Contains(ts[2].SQL, c.expand) || strings.Count(ts[2].SQL, c.expand) != 2 {
			t.Errorf("%s: the nested child table does not expand two levels with %s:\n%s", c.dialect, c.expand, ts[2].SQL)
		}
		// orders and the two child tables under it read region (through
		// the parents' rules): each lists it
		n := 0
		for _, u := range unsup {
			if u.Rule == "join region" {
				n++
			}
		}
		if c.unsup == 0 && len(unsup) != 0 || c.unsup == 1 && n != 3 {
			t.Errorf("%s: unsupported %+v", c.dialect, unsup)
		}
	}
}

// TestPlanSQLGroupBy: a target with group_by is listed as not expressed,
// never written as if it had none.
func TestPlanSQLGroupBy(t *testing.T) {
	f := loadPlanFix(t)
	f.m.Extra[2].GroupBy = []string{"id"}
	for _, d := range Dialects() {
		_, unsup, err := PlanSQL(f.m, f.src, f.dsts, f.joins, SQLOptions{Dialect: d})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, u := range unsup {
			found = found || u.Target == "tags" && u.Rule == "group_by id"
		}
		if !found {
			t.Errorf("%s: group_by is not listed: %+v", d, unsup)
		}
	}
}
