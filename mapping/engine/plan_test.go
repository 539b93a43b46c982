package engine

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

const ordersSrc = `{"type":"object","properties":{
 "id":{"type":"integer"},
 "name":{"type":["string","null"]},
 "address_id":{"type":["integer","null"]},
 "lineItems":{"type":["array","null"],"items":{"type":"object","properties":{
   "sku":{"type":["string","null"]},
   "qty":{"type":["integer","null"]},
   "discounts":{"type":["array","null"],"items":{"type":"object","properties":{"amount":{"type":["number","null"]}}}}}}}}}`

const ordersDDL = `CREATE TABLE orders (order_id integer NOT NULL, customer varchar(5), city varchar(20));
CREATE TABLE order_details (order_id integer NOT NULL, line_no integer NOT NULL, sku varchar(10), qty smallint);
CREATE TABLE discounts (order_id integer NOT NULL, line_no integer, n integer, amount numeric(10,2), sku varchar(10));`

const addrCSV = "address_id,city\n1,Paris\n2,Oslo\n"

func planFixture(t testing.TB, yml string) (*Plan, *schema.Schema) {
	t.Helper()
	m, err := mapping.Parse("m.seam.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	src, err := schema.Parse("orders.json", []byte(ordersSrc), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var dsts []*schema.Schema
	for _, v := range m.Targets() {
		d, err := schema.Parse(v.Target.Schema, []byte(ordersDDL), schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dsts = append(dsts, d)
	}
	joins := map[string]*schema.Schema{}
	for _, j := range m.Joins {
		js, err := schema.Parse("addr.csv", []byte(addrCSV), schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		joins[j.Name] = js
	}
	p, ds := CompilePlan(m, src, dsts, joins)
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	for _, j := range m.Joins {
		r, _ := value.NewReader(strings.NewReader(addrCSV), "addr.csv", "csv")
		if err := p.LoadJoin(j.Name, r, "addr.csv", 0); err != nil {
			t.Fatal(err)
		}
	}
	return p, src
}

const twoTargets = `seam: 1
source: {schema: orders.json}
joins:
  - {name: address, schema: addr.csv, data: addr.csv, on: {address_id: address_id}, on_miss: null}
targets:
  - name: orders
    schema: db.sql#orders
    rules:
      - {target: order_id, from: [id]}
      - {target: customer, from: [name]}
      - {target: city, from: [address.city]}
  - name: order_details
    schema: db.sql#order_details
    each: lineItems
    parent: orders
    rules:
      - {target: order_id, from: [id]}
      - {target: line_no, from: [$line]}
      - {target: sku, from: ["lineItems[].sku"]}
      - {target: qty, expr: "lineItems.qty * 1"}
  - name: discounts
    schema: db.sql#discounts
    each: lineItems[].discounts
    parent: order_details
    rules:
      - {target: order_id, from: [id]}
      - {target: line_no, expr: "len(name ?? '')"}
      - {target: n, from: [$line]}
      - {target: amount, from: [lineItems.discounts.amount]}
`

func runPlanJSONL(t testing.TB, p *Plan, input string, workers int) (PlanStats, []string, []string) {
	t.Helper()
	r, err := value.NewReader(strings.NewReader(input), "in.jsonl", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	n := len(p.Targets())
	outs := make([]PlanOutput, n)
	bufs := make([]*bytes.Buffer, n)
	rejs := make([]*bytes.Buffer, n)
	for i, tg := range p.Targets() {
		bufs[i], rejs[i] = &bytes.Buffer{}, &bytes.Buffer{}
		w, err := value.NewWriter(bufs[i], "csv", tg.Program.TargetKeys())
		if err != nil {
			t.Fatal(err)
		}
		outs[i] = PlanOutput{W: w, Rejects: rejs[i]}
	}
	st, err := RunPlan(context.Background(), p, r, outs, RunOptions{Workers: workers, BatchSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	var o, rj []string
	for i := range bufs {
		o = append(o, bufs[i].String())
		rj = append(rj, rejs[i].String())
	}
	return st, o, rj
}

func TestPlanTwoTargetsEachJoin(t *testing.T) {
	p, _ := planFixture(t, twoTargets)
	in := `{"id":1,"name":"ann","address_id":1,"lineItems":[{"sku":"a","qty":2,"discounts":[{"amount":1.5}]},{"sku":"b","qty":3}]}
{"id":2,"name":"toolongname","address_id":9,"lineItems":[{"sku":"c","qty":1}]}
{"id":3,"name":"bo","lineItems":null}
{"id":4,"name":"cy","address_id":2}
{"id":5,"name":"di","lineItems":[]}
{"id":6,"name":"ed","lineItems":"oops"}
{"id":7,"name":"fa","lineItems":[{"sku":"x","qty":99999999}]}
`
	for _, w := range []int{1, 2} {
		st, outs, rejs := runPlanJSONL(t, p, in, w)
		if st.Records != 7 {
			t.Fatalf("records %d", st.Records)
		}
		for i, ts := range st.Targets {
			if ts.Read != ts.Written+ts.Rejected {
				t.Errorf("target %d: %+v", i, ts)
			}
		}
		wantOrders := "order_id,customer,city\n1,ann,Paris\n3,bo,\n4,cy,Oslo\n5,di,\n6,ed,\n7,fa,\n"
		if outs[0] != wantOrders {
			t.Errorf("orders:\n%s", outs[0])
		}
		wantDetails := "order_id,line_no,sku,qty\n1,1,a,2\n1,2,b,3\n"
		if outs[1] != wantDetails {
			t.Errorf("details:\n%s", outs[1])
		}
		if outs[2] != "order_id,line_no,n,amount,sku\n1,3,1,1.5,\n" {
			t.Errorf("discounts:\n%s", outs[2])
		}
		for _, want := range []string{`"row":2,"line":2,"element":1,"target":"order_details"`, `"kind":"parent_rejected"`, `"kind":"range_violation"`} {
			if !strings.Contains(rejs[1], want) {
				t.Errorf("details rejects lack %s:\n%s", want, rejs[1])
			}
		}
		if !strings.Contains(rejs[1], `not an array`) {
			t.Errorf("details rejects lack the non-array record:\n%s", rejs[1])
		}
		if !strings.Contains(rejs[0], `"kind":"truncation"`) {
			t.Errorf("orders rejects:\n%s", rejs[0])
		}
		if st.Targets[1].Read != 5 || st.Targets[1].Rejected != 3 {
			t.Errorf("details stats %+v", st.Targets[1])
		}
	}
}

// TestTargetReaderKeepsJoinedRows: records read ahead (a batch) keep their
// own joined row, and a target with each gets one record per element with
// the element in place of the array and $line set.
func TestTargetReaderKeepsJoinedRows(t *testing.T) {
	p, _ := planFixture(t, twoTargets)
	in := `{"id":1,"address_id":1,"lineItems":[{"sku":"a"},{"sku":"b"}]}
{"id":2,"address_id":2,"lineItems":[{"sku":"c"}]}
`
	read := func(ti int) []*value.Record {
		r, _ := value.NewReader(strings.NewReader(in), "in.jsonl", "jsonl")
		tr := p.TargetReader(ti, r)
		var out []*value.Record
		for {
			rec, err := tr.Read()
			if err != nil {
				return out
			}
			out = append(out, rec)
		}
	}
	var got []string
	for _, rec := range read(0) {
		got = append(got, rec.Get("address").Obj.Get("city").Text())
	}
	if strings.Join(got, ",") != "Paris,Oslo" {
		t.Errorf("joined cities %v", got)
	}
	got = got[:0]
	for _, rec := range read(1) {
		got = append(got, rec.Get("lineItems").Obj.Get("sku").Text()+rec.Get(LineField).Text()+rec.Get("address").Obj.Get("city").Text())
	}
	if strings.Join(got, ",") != "a1Paris,b2Paris,c1Oslo" {
		t.Errorf("elements %v", got)
	}
}
