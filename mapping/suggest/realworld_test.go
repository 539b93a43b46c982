package suggest

import (
	"path/filepath"
	"testing"

	"github.com/seamhq/seam/mapping/internal/testenv"
	"github.com/seamhq/seam/mapping/schema"
)

// repoRoot walks up to go.mod.
func repoRoot(t testing.TB) string { return testenv.RepoRoot(t) }

// sharedDir returns ../shared/realworld beside the repo, skipping when absent.
func sharedDir(t testing.TB) string { return testenv.Realworld(t) }

var realPairs = []struct {
	pair, src, dst, truth string
}{
	{"P1", "hubspot/supaglue-hubspot-contact.yaml", "salesforce/supaglue-salesforce-contact.yaml", "p1_hubspot_contact_to_salesforce_contact.csv"},
	{"P3", "zendesk/singer-users.json", "salesforce/supaglue-salesforce-contact.yaml", "p3_zendesk_user_to_salesforce_contact.csv"},
	{"P4", "stripe/stripe-openapi-2022-04-12-customer-invoice.json#customer", "hubspot/supaglue-hubspot-contact.yaml", "p4_stripe_customer_to_hubspot_contact.csv"},
	{"P6", "chinook/Chinook_PostgreSql.sql#customer", "salesforce/supaglue-salesforce-contact.yaml", "p6_chinook_customer_to_salesforce_contact.csv"},
	{"P7", "northwind/northwind.sql#customers", "salesforce/supaglue-salesforce-account.yaml", "p7_northwind_customers_to_salesforce_account.csv"},
	{"P9", "salesforce/supaglue-salesforce-contact.yaml", "supaglue-common-crm/contact.yaml", "p9_salesforce_contact_to_common_contact.csv"},
	{"P11", "salesforce/fivetran-sf_contact_data.csv", "hubspot/fivetran-contact_data.csv", "p11_fivetran_salesforce_contact_to_hubspot_contact.csv"},
}

func loadPair(t *testing.T, dir, src, dst string) (*schema.Schema, *schema.Schema) {
	t.Helper()
	s, err := schema.Load(filepath.Join(dir, src), schema.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", src, err)
	}
	d, err := schema.Load(filepath.Join(dir, dst), schema.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", dst, err)
	}
	return s, d
}

// TestRealWorldScores scores the matcher on every pair with ground truth:
// P1 against the shared GROUND_TRUTH_P1.md (F1 >= 0.9, no decoy mapped),
// the others against testdata/groundtruth, logged.
func TestRealWorldScores(t *testing.T) {
	dir := sharedDir(t)
	gt := filepath.Join(repoRoot(t), "testdata", "groundtruth")
	for _, p := range realPairs {
		t.Run(p.pair, func(t *testing.T) {
			src, dst := loadPair(t, dir, p.src, p.dst)
			props := Suggest(src, dst, Options{})
			truth, err := LoadTruth(filepath.Join(gt, p.truth))
			if err != nil {
				t.Fatal(err)
			}
			sc := Evaluate(props, FilterPair(truth, p.pair))
			t.Logf("%s  P %.2f  R %.2f  F1 %.2f  abstention %.2f  TP %d FP %d FN %d decoys %d",
				p.pair, sc.Precision, sc.Recall, sc.F1, sc.AbstentionAccuracy, sc.TP, sc.FP, sc.FN, sc.Decoys)
			for _, w := range sc.Wrong {
				t.Log("  ", w)
			}
			nsc := Evaluate(Suggest(src, dst, Options{NamesOnly: true}), FilterPair(truth, p.pair))
			t.Logf("%s name-only  P %.2f  R %.2f  F1 %.2f  abstention %.2f  TP %d FP %d FN %d decoys %d",
				p.pair, nsc.Precision, nsc.Recall, nsc.F1, nsc.AbstentionAccuracy, nsc.TP, nsc.FP, nsc.FN, nsc.Decoys)
			for _, w := range nsc.Wrong {
				t.Log("  ", w)
			}
			if p.pair != "P1" {
				return
			}
			if sc.F1 < 0.9 || sc.Decoys > 0 {
				t.Errorf("P1: F1 %.2f (want >= 0.9), decoys mapped %d (want 0)", sc.F1, sc.Decoys)
			}
			// the shared ground truth itself, read from its Markdown
			md, err := LoadTruth(filepath.Join(dir, "GROUND_TRUTH_P1.md"))
			if err != nil {
				t.Fatal(err)
			}
			msc := Evaluate(props, FilterPair(md, "P1"))
			t.Logf("P1 (GROUND_TRUTH_P1.md)  P %.2f  R %.2f  F1 %.2f  abstention %.2f", msc.Precision, msc.Recall, msc.F1, msc.AbstentionAccuracy)
			if msc.F1 < 0.9 || msc.Decoys > 0 {
				t.Errorf("P1 (md): F1 %.2f (want >= 0.9), decoys mapped %d (want 0)", msc.F1, msc.Decoys)
			}
		})
	}
}
