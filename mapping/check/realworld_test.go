package check

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/internal/testenv"
	"github.com/seamhq/seam/mapping/schema"
)

// repoRoot walks up to go.mod.
func repoRoot(t testing.TB) string { return testenv.RepoRoot(t) }

// sharedDir returns ../shared/realworld beside the repo, skipping when absent.
func sharedDir(t testing.TB) string { return testenv.Realworld(t) }

// realPairs: the hand mappings of testdata/mappings and the mismatches the
// catalogue (EDGE_CASES_AND_MISMATCHES.md, "Real mismatches already
// present in the acceptance data", and GROUND_TRUTH_P1.md) lists for them,
// as kind@target (detector).
var realPairs = []struct {
	file string
	want []string
}{
	{"p1-hubspot-salesforce.seam.yaml", []string{
		"readonly_target@CreatedDate D04", "readonly_target@IsDeleted D04",
		"identity_misuse@Id D05",
		"lookup_miss@OwnerId D28", "lookup_miss@AccountId D28",
		"timezone_loss@LastActivityDate D31",
		"narrowing@FirstName D15", "narrowing@LastName D15",
		"nullable_into_required@LastName D19",
	}},
	{"p2-shopify-northwind-orders.seam.yaml", []string{
		"narrowing@order_id D11",
		"lookup_miss@customer_id D28", "narrowing@customer_id D15",
		"narrowing@ship_city D15",
		"float_money@freight D13",
		"currency_dropped@freight D30",
		"timezone_loss@order_date D31",
		"cardinality@shipped_date D08",
	}},
	{"p2b-shopify-northwind-order-details.seam.yaml", []string{
		"unit_mismatch@discount D29",
		"cardinality@quantity D09",
	}},
	{"p3-zendesk-salesforce.seam.yaml", []string{
		"split@FirstName D07", "split@LastName D07",
		"polarity@IsDeleted D32",
		"collision@Description D06",
		"lookup_miss@AccountId D28",
		"readonly_target@SystemModstamp D04",
	}},
}

// loadPair loads a hand mapping and its schemas. P1 reads the repo's
// copies of the MIT Supaglue schemas; P2 and P3 read the AGPL Singer
// schemas from ../shared, and skip when it is absent.
func loadPair(t *testing.T, file string) (*mapping.Mapping, *schema.Schema, *schema.Schema) {
	t.Helper()
	path := filepath.Join(repoRoot(t), "testdata", "mappings", file)
	// The mappings name ../schemas and ../../../shared: from the package's
	// folder both lie outside the default roots.
	allow := []string{repoRoot(t), filepath.Join(repoRoot(t), "..", "shared")}
	m, err := mapping.LoadWith(path, mapping.LoadOptions{AllowPaths: allow})
	if err != nil {
		t.Fatalf("load %s: %v", file, err)
	}
	for _, ref := range []string{m.Source.Schema, m.Target.Schema} {
		if strings.Contains(ref, "shared/realworld") {
			sharedDir(t)
		}
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		t.Fatalf("schemas of %s: %v", file, err)
	}
	return m, src, dst
}

// TestRealPairs: seam finds every mismatch the catalogue lists for the
// real pairs P1-P3, with the catalogue's detector id.
func TestRealPairs(t *testing.T) {
	for _, p := range realPairs {
		t.Run(strings.TrimSuffix(p.file, ".seam.yaml"), func(t *testing.T) {
			m, src, dst := loadPair(t, p.file)
			fs := Static(m, src, dst)
			have := map[string]bool{}
			for _, f := range fs {
				have[string(f.Kind)+"@"+f.Target+" "+f.Detector] = true
			}
			missed := 0
			for _, w := range p.want {
				if !have[w] {
					t.Errorf("missed %s", w)
					missed++
				}
			}
			if missed > 0 || testing.Verbose() {
				logFindings(t, fs)
			}
			// Every report format renders the real findings; text stays in 80 columns.
			r := NewReport(p.file, m, src, dst, fs)
			for _, format := range Formats {
				var buf bytes.Buffer
				if err := Write(&buf, r, format); err != nil {
					t.Fatalf("%s: %v", format, err)
				}
				if format != "text" {
					continue
				}
				for i, l := range strings.Split(buf.String(), "\n") {
					if n := utf8.RuneCountInString(l); n > 80 {
						t.Errorf("text line %d is %d columns: %q", i+1, n, l)
					}
				}
			}
		})
	}
}
