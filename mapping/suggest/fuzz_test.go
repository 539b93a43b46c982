package suggest

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
)

// FuzzSuggestNames: any field names and descriptions, no panic, and every
// proposal is well formed. Run: go test ./mapping/suggest/ -run '^$' -fuzz FuzzSuggestNames -fuzztime 60s.
func FuzzSuggestNames(f *testing.F) {
	f.Add("MailingPostalCode|zip|HomePhone", "phone|mobilephone|address_line_1", "The contact's zip code.")
	f.Add("a.b.c|x[]|__c", "ÄÖÜ|名前|\x00\xff", "")
	f.Add(strings.Repeat("ab", 40), "customeraddressline2|is_active", "in cents; seconds since the Unix epoch")
	f.Fuzz(func(t *testing.T, srcNames, dstNames, description string) {
		build := func(names string) *schema.Schema {
			s := &schema.Schema{Name: "fuzz"}
			for i, n := range strings.Split(names, "|") {
				if i > 40 {
					break
				}
				s.Fields = append(s.Fields, &schema.Field{Path: n, Name: n, Type: schema.Types[i%len(schema.Types)], Description: description})
			}
			return s
		}
		src, dst := build(srcNames), build(dstNames)
		props := Suggest(src, dst, Options{MinConfidence: 0.2})
		for _, p := range props {
			if len(p.Targets) == 0 || len(p.Sources) == 0 || p.Confidence < 0.2 || p.Confidence > 1 {
				t.Fatalf("malformed proposal %+v", p)
			}
			if len(p.Exprs) > 0 && len(p.Exprs) != len(p.Targets) {
				t.Fatalf("exprs %q for targets %q", p.Exprs, p.Targets)
			}
		}
	})
}
