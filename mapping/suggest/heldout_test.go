package suggest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// heldOutPairs are the pairs whose ground truth was written before the
// matcher ran on them (testdata/groundtruth, commit 99e0c2c), kept apart
// from the pairs the matcher was designed on (realPairs).
var heldOutPairs = []struct {
	pair, src, dst, truth string
}{
	{"P2", "shopify/singer-orders.json", "northwind/northwind.sql#orders", "p2_shopify_order_to_northwind_orders.csv"},
	{"P5", "stripe/stripe-openapi-2022-04-12-customer-invoice.json#invoice", "chinook/Chinook_PostgreSql.sql#invoice", "p5_stripe_invoice_to_chinook_invoice.csv"},
	{"P8", "sakila/postgres-sakila-schema.sql#customer", "chinook/Chinook_PostgreSql.sql#customer", "p8_sakila_customer_to_chinook_customer.csv"},
	{"P10a", "kafka-datagen-avro/shoe_customers.avro", "chinook/Chinook_PostgreSql.sql#customer", "p10a_avro_shoe_customers_to_chinook_customer.csv"},
	{"P10b", "kafka-datagen-avro/orders_schema.avro", "northwind/northwind.sql#orders", "p10b_avro_orders_to_northwind_orders.csv"},
}

// top3 is the share of the truth's one-source positives whose source is
// among the three best-ranked sources for its target (or an alternate).
func top3(ranked []Match, truth []TruthRow) (float64, int) {
	byTarget := map[string][]string{}
	for _, m := range ranked {
		if len(byTarget[m.Target]) < 3 {
			byTarget[m.Target] = append(byTarget[m.Target], m.Source)
		}
	}
	n, hit := 0, 0
	for _, r := range truth {
		if r.Abstain() || len(r.Sources) != 1 {
			continue
		}
		n++
		found := false
		for _, t := range append(append([]string{}, r.Targets...), r.Alternates...) {
			for _, s := range byTarget[t] {
				if s == r.Sources[0] {
					found = true
				}
			}
		}
		if found {
			hit++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(hit) / float64(n), n
}

// TestHeldOutScores prints precision, recall, F1, top-3 and the decoys
// mapped at confidence >= 0.8 for each held-out pair:
//
//	go test ./mapping/suggest -run TestHeldOutScores -v
//
// It skips when ../shared is absent.
func TestHeldOutScores(t *testing.T) {
	dir := sharedDir(t)
	gt := filepath.Join(repoRoot(t), "testdata", "groundtruth")
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-5s %5s %5s %5s %6s %4s %4s %4s %7s\n", "pair", "P", "R", "F1", "top3", "TP", "FP", "FN", "decoys")
	var sumF1 float64
	for _, p := range heldOutPairs {
		src, dst := loadPair(t, dir, p.src, p.dst)
		truth, err := LoadTruth(filepath.Join(gt, p.truth))
		if err != nil {
			t.Fatal(err)
		}
		truth = FilterPair(truth, p.pair)
		sc := Evaluate(Suggest(src, dst, Options{}), truth)
		t3, _ := top3(Rank(src, dst, Options{MinConfidence: 0.01}), truth)
		sumF1 += sc.F1
		fmt.Fprintf(&b, "%-5s %5.2f %5.2f %5.2f %6.2f %4d %4d %4d %3d/%d\n", p.pair, sc.Precision, sc.Recall, sc.F1, t3, sc.TP, sc.FP, sc.FN, sc.Decoys, sc.DecoysHigh)
		for _, w := range sc.Wrong {
			fmt.Fprintf(&b, "      %s\n", w)
		}
		if sc.DecoysHigh > 0 {
			t.Errorf("%s: %d decoys mapped at confidence >= 0.8", p.pair, sc.DecoysHigh)
		}
		if sc.F1 < heldOutPairFloor {
			t.Errorf("%s: F1 %.2f, want >= %.2f", p.pair, sc.F1, heldOutPairFloor)
		}
	}
	mean := sumF1 / float64(len(heldOutPairs))
	fmt.Fprintf(&b, "mean F1 %.2f (decoys: mapped/at confidence >= 0.8)\n", mean)
	t.Log(b.String())
	if mean < heldOutMeanFloor {
		t.Errorf("held-out mean F1 %.2f, want >= %.2f", mean, heldOutMeanFloor)
	}
}

// The floors the held-out pairs are held to.
const (
	heldOutPairFloor = 0.6
	heldOutMeanFloor = 0.8
)
