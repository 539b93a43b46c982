package check

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

const planSrc = `{"type":"object","properties":{
 "id":{"type":"integer"},
 "name":{"type":["string","null"]},
 "note":{"type":["string","null"]},
 "address_id":{"type":["integer","null"]},
 "lineItems":{"type":["array","null"],"items":{"type":"object","properties":{
   "sku":{"type":["string","null"]},
   "qty":{"type":["integer","null"]}}}}}}`

const planDDL = `CREATE TABLE orders (order_id integer NOT NULL, customer varchar(20), city varchar(20), place varchar(20));
CREATE TABLE order_details (order_id integer NOT NULL, line_no integer NOT NULL, sku varchar(5), qty integer, city varchar(20));`

const planAddr = "address_id,city\n1,Paris\n2,Oslo\n"

// address (on_miss: null) is read by orders, billing (on_miss: reject) by
// order_details; place keys on address's city (its misses follow from
// address's); note feeds nothing, name only orders.
const planYAML = `seam: 1
source: {schema: orders.json}
joins:
  - {name: address, schema: addr.csv, data: addr.csv, on: {address_id: address_id}, on_miss: null}
  - {name: billing, schema: addr.csv, data: addr.csv, on: {address_id: address_id}}
  - {name: place, schema: addr.csv, data: addr.csv, on: {address.city: city}, on_miss: null}
targets:
  - name: orders
    schema: db.sql#orders
    rules:
      - {target: order_id, from: [id]}
      - {target: customer, from: [name]}
      - {target: city, from: [address.city]}
      - {target: place, from: [place.city]}
  - name: order_details
    schema: db.sql#order_details
    each: lineItems
    parent: orders
    rules:
      - {target: order_id, from: [id]}
      - {target: line_no, from: [$line]}
      - {target: sku, from: [lineItems.sku]}
      - {target: qty, from: [lineItems.qty]}
      - {target: city, from: [billing.city]}
`

// planData: record 2 misses both joins (address 9), record 3 has a null
// key and no lines, record 1's second line has a sku too long for
// order_details.sku (labelled as the edge case that made it).
const planData = `{"id":1,"name":"ann","note":"x","address_id":1,"lineItems":[{"sku":"a","qty":1},{"sku":"bbbbbbbb","qty":2}]}
{"id":2,"name":"bob","note":"y","address_id":9,"lineItems":[{"sku":"c","qty":1}]}
{"id":3,"name":"cy","note":"z","address_id":null,"lineItems":[]}
`

// labelled serves planData with one edge-case label, named as the source
// schema names the field (inside the array: lineItems[].sku).
type labelled struct{ value.RecordReader }

func (l labelled) Labels(row int64) map[string]string {
	if row == 1 {
		return map[string]string{"lineItems[].sku": "string.over_max_length"}
	}
	return nil
}

func planOf(t *testing.T) *engine.Plan {
	t.Helper()
	m, err := mapping.Parse("m.seam.yaml", []byte(planYAML))
	if err != nil {
		t.Fatal(err)
	}
	src, err := schema.Parse("orders.json", []byte(planSrc), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var dsts []*schema.Schema
	for _, v := range m.Targets() {
		d, err := schema.Parse(v.Target.Schema, []byte(planDDL), schema.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dsts = append(dsts, d)
	}
	joins := map[string]*schema.Schema{}
	for _, j := range m.Joins {
		if joins[j.Name], err = schema.Parse("addr.csv", []byte(planAddr), schema.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	p, ds := engine.CompilePlan(m, src, dsts, joins)
	if ds.HasErrors() {
		t.Fatal(ds.Err())
	}
	for _, j := range m.Joins {
		r, _ := value.NewReader(strings.NewReader(planAddr), "addr.csv", "csv")
		if err := p.LoadJoin(j.Name, r, "addr.csv", 0); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func planOpen() (value.RecordReader, io.Closer, error) {
	r, err := value.NewReader(strings.NewReader(planData), "in.jsonl", value.FormatJSONL)
	return labelled{r}, io.NopCloser(nil), err
}

// TestRunPlanCounts: counts per target (read = written + rejected, a row
// per element), records, and the merged report's sums.
func TestRunPlanCounts(t *testing.T) {
	var seen []int64
	made := 0
	pr, err := RunPlan(context.Background(), planOf(t), PlanOptions{Name: "m.seam.yaml", Open: planOpen, Workers: 1,
		OnRecord: func(row int64, _ *value.Record, rows []engine.PlanRow) { seen = append(seen, row); made += len(rows) }})
	if err != nil {
		t.Fatal(err)
	}
	// orders: 3 records, none rejected (address misses are null);
	// order_details: 3 elements, line 2 of record 1 too long, record 2's
	// line misses billing (reject).
	want := []Rows{{Read: 3, Written: 3}, {Read: 3, Written: 1, Rejected: 2}}
	for i, w := range want {
		if got := pr.Reports[i].Rows; got != w {
			t.Errorf("%s rows = %+v, want %+v", pr.Targets[i].Name, got, w)
		}
	}
	mg := pr.Merged()
	if pr.Records != 3 || mg.Records != 3 || mg.Rows != (Rows{Read: 6, Written: 4, Rejected: 2}) || len(mg.Targets) != 2 {
		t.Errorf("records %d, merged %+v, targets %+v", pr.Records, mg.Rows, mg.Targets)
	}
	if len(seen) != 3 || seen[0] != 1 || seen[2] != 3 || made != 6 {
		t.Errorf("OnRecord saw rows %v, %d rows made; want 1..3 and 6", seen, made)
	}
}

// TestRunPlanFindings: a join's miss is one finding per target and join,
// warn for on_miss: null and error for reject, a miss that follows from
// an earlier join's counted once, for it; dropped_source once;
// edge-case labels reach the examples of a target with each, under the
// name the target reads (lineItems.sku).
func TestRunPlanFindings(t *testing.T) {
	pr, err := RunPlan(context.Background(), planOf(t), PlanOptions{Open: planOpen, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	find := func(k kind.Kind, table string) []Finding {
		var out []Finding
		for _, f := range pr.Merged().Findings {
			if f.Kind == k && f.TargetTable == table {
				out = append(out, f)
			}
		}
		return out
	}
	// place misses only where address did: address's miss, not its own.
	if fs := find(kind.LookupMiss, "orders"); len(fs) != 1 || fs[0].Severity != diag.Warn || fs[0].Count != 2 || !strings.Contains(fs[0].Message, "join address") {
		t.Errorf("orders lookup_miss = %+v, want one warn of 2 rows naming join address", fs)
	}
	if fs := find(kind.LookupMiss, "order_details"); len(fs) != 1 || fs[0].Severity != diag.Error || fs[0].Count != 1 || !strings.Contains(fs[0].Message, "join billing") {
		t.Errorf("order_details lookup_miss = %+v, want one error of 1 row naming join billing", fs)
	}
	if fs := find(kind.DroppedSource, "orders"); len(fs) != 1 || strings.Join(fs[0].Source, ",") != "note" {
		t.Errorf("dropped_source in orders = %+v, want note only (name is read by orders)", fs)
	}
	if fs := find(kind.DroppedSource, "order_details"); len(fs) != 0 {
		t.Errorf("dropped_source repeated in order_details: %+v", fs)
	}
	tr := find(kind.Truncation, "order_details")
	if len(tr) != 1 || len(tr[0].Examples) == 0 || tr[0].Examples[0].EdgeCase != "string.over_max_length" || tr[0].Examples[0].Row != 1 {
		t.Errorf("truncation in order_details = %+v, want row 1 labelled string.over_max_length", tr)
	}
}
