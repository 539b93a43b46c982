package engine

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// nestedOrders writes n Shopify-like orders as JSON Lines, each with 1 to
// 20 line items (about 10.5 on average), deterministically.
func nestedOrders(n int) []byte {
	rng := rand.New(rand.NewSource(1))
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `{"id":%d,"name":"#%d","email":" Buyer%d@Example.COM ","createdAt":"2024-03-%02dT10:%02d:00Z","totalPrice":"%d.%02d","currency":"usd","lineItems":[`,
			1000000000000+i, 1000+i, i, 1+i%28, i%60, rng.Intn(5000), rng.Intn(100))
		for k := 1; k <= 1+rng.Intn(20); k++ {
			if k > 1 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":%d,"sku":"SKU-%05d","title":" Widget %d ","quantity":%d,"price":"%d.%02d"}`, i*100+k, rng.Intn(99999), k, 1+rng.Intn(9), rng.Intn(500), rng.Intn(100))
		}
		b.WriteString("]}\n")
	}
	return b.Bytes()
}

func nestedBenchPlan(t testing.TB) *Plan {
	t.Helper()
	m, err := mapping.Load(benchDir + "nested/orders.seam.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ss, err := m.LoadAll(schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, ds := CompilePlan(m, ss.Source, ss.Targets, ss.Joins)
	if p == nil {
		t.Fatal(ds)
	}
	return p
}

// TestNestedBenchWorkload: the benchmark's mapping writes every order and
// every line, the order's key on each line.
func TestNestedBenchWorkload(t *testing.T) {
	p := nestedBenchPlan(t)
	in := nestedOrders(300)
	var lines int64
	for _, c := range bytes.Split(in, []byte(`{"id":`)) {
		if bytes.Contains(c, []byte(`"sku"`)) {
			lines++
		}
	}
	r, _ := value.NewReader(bytes.NewReader(in), "in.jsonl", "jsonl")
	var o, d bytes.Buffer
	wo, _ := value.NewWriter(&o, "csv", p.Targets()[0].Program.TargetKeys())
	wd, _ := value.NewWriter(&d, "csv", p.Targets()[1].Program.TargetKeys())
	st, err := RunPlan(context.Background(), p, r, []PlanOutput{{W: wo}, {W: wd}}, RunOptions{Workers: 2, BatchSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	if st.Records != 300 || st.Targets[0].Written != 300 || st.Targets[1].Written != lines || st.Targets[1].Rejected != 0 {
		t.Fatalf("stats %+v, want 300 orders and %d lines written", st, lines)
	}
	if !bytes.HasPrefix(d.Bytes(), []byte("order_id,line_no,line_id,sku,title,quantity,unit_price\n1000000000001,1,101,SKU-")) {
		t.Fatalf("lines:\n%.300s", d.String())
	}
}

// BenchmarkRunPlanNested runs 10,000 orders (about 105,000 line items)
// JSONL into two CSV outputs, orders and order_details.
func BenchmarkRunPlanNested(b *testing.B) {
	p := nestedBenchPlan(b)
	in := nestedOrders(10000)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, _ := value.NewReader(bytes.NewReader(in), "in.jsonl", "jsonl")
		var outs []PlanOutput
		for _, t := range p.Targets() {
			w, _ := value.NewWriter(io.Discard, "csv", t.Program.TargetKeys())
			outs = append(outs, PlanOutput{W: w, Rejects: io.Discard})
		}
		if _, err := RunPlan(context.Background(), p, r, outs, RunOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
