package engine

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

const propMapping = `seam: 1
source: {schema: orders.json}
targets:
  - name: orders
    schema: db.sql#orders
    rules:
      - {target: order_id, from: [id]}
      - {target: customer, from: [name]}
  - name: order_details
    schema: db.sql#order_details
    each: lineItems
    parent: orders
    rules:
      - {target: order_id, from: [id]}
      - {target: line_no, from: [$line]}
      - {target: sku, from: [lineItems.sku]}
      - {target: qty, from: [lineItems.qty]}
  - name: discounts
    schema: db.sql#discounts
    each: lineItems[].discounts
    parent: order_details
    rules:
      - {target: order_id, from: [id]}
      - {target: n, from: [$line]}
      - {target: sku, from: [lineItems.sku]}
      - {target: amount, from: [lineItems.discounts.amount]}
`

// randomOrders writes n orders whose arrays are absent, null, empty, not
// arrays, or hold one or many elements (nested arrays too); names of 6+
// characters and quantities beyond smallint make rows fail.
func randomOrders(rng *rand.Rand, n int) string {
	var b strings.Builder
	arr := func(elem func(i int) string) string {
		switch rng.Intn(7) {
		case 0:
			return ""
		case 1:
			return "null"
		case 2:
			return "[]"
		case 3:
			return `"not an array"`
		}
		k := 1 + rng.Intn(4)
		parts := make([]string, k)
		for i := range parts {
			parts[i] = elem(i)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	for id := 1; id <= n; id++ {
		name := []string{"ann", "bo", "toolongname", "cy"}[rng.Intn(4)]
		fields := []string{fmt.Sprintf(`"id":%d`, id), fmt.Sprintf(`"name":%q`, name)}
		items := arr(func(i int) string {
			qty := []int{1, 2, 99999}[rng.Intn(3)]
			el := fmt.Sprintf(`{"sku":"o%dl%d","qty":%d`, id, i+1, qty)
			if d := arr(func(int) string { return fmt.Sprintf(`{"amount":%d.5}`, rng.Intn(9)) }); d != "" {
				el += `,"discounts":` + d
			}
			return el + "}"
		})
		if items != "" {
			fields = append(fields, `"lineItems":`+items)
		}
		b.WriteString("{" + strings.Join(fields, ",") + "}\n")
	}
	return b.String()
}

// TestPlanPropertyNothingLostNoOrphans: over random nested documents, per
// target read = written + rejected, every child row's parent row was
// written, and no child row of a rejected parent row is written.
func TestPlanPropertyNothingLostNoOrphans(t *testing.T) {
	p, _ := planFixture(t, propMapping)
	for seed := int64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewSource(seed))
		in := randomOrders(rng, 1+rng.Intn(40))
		st, outs, _ := runPlanJSONL(t, p, in, 1+int(seed%2))
		for i, ts := range st.Targets {
			if ts.Read != ts.Written+ts.Rejected || ts.NotProcessed != 0 {
				t.Fatalf("seed %d target %d: %+v", seed, i, ts)
			}
		}
		orders := map[string]bool{}
		for _, l := range lines(outs[0]) {
			orders[strings.Split(l, ",")[0]] = true
		}
		skus := map[string]bool{}
		for _, l := range lines(outs[1]) {
			c := strings.Split(l, ",")
			if !orders[c[0]] {
				t.Fatalf("seed %d: order line %q without its order", seed, l)
			}
			if want := "o" + c[0] + "l" + c[1]; c[2] != want {
				t.Fatalf("seed %d: line %q: sku %s, want %s (order key or $line wrong)", seed, l, c[2], want)
			}
			skus[c[2]] = true
		}
		for _, l := range lines(outs[2]) {
			c := strings.Split(l, ",")
			if !orders[c[0]] || !skus[c[4]] {
				t.Fatalf("seed %d: discount %q without its order or line", seed, l)
			}
		}
	}
}

func lines(csv string) []string {
	ls := strings.Split(strings.TrimSuffix(csv, "\n"), "\n")
	return ls[1:] // the header
}
