package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
)

func docMapping() *mapping.Mapping {
	m := richMapping()
	m.Rules = append(m.Rules, &mapping.Rule{Target: "status", From: []string{"x"}, Notes: "<script>alert(1)</script> | pipe ![t](http://tracker/p.png)", Expr: "a | trim()"})
	m.IgnoreTarget = []string{"total"}
	return m
}

func TestMarkdownGolden(t *testing.T) {
	findings := []FindingRow{{Kind: "truncation", Severity: "error", Rule: "name", Target: "name", Source: []string{"first_name"}, Count: 12, Message: "longer than 30 <b>"}}
	var b bytes.Buffer
	if err := Markdown(&b, docMapping(), srcSchema(), dstSchema(), findings); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	golden(t, "rich.md.golden", got)
	for _, want := range []string{"| `order_no` | integer(32) | yes | order\\_id | checked cast | reject |", `\<script\>`, `\!\[t\](http\://tracker/p.png)`, "## Unmapped target fields\n\nNone.\n", "## Target fields unmapped on purpose (ignore_target)\n\n- `total`\n", "`internal_score`", "| truncation | `name` | ana | target widened in v2 |"} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// Without ignore_target the field is an unmapped one again.
	m := docMapping()
	m.IgnoreTarget = nil
	var b2 bytes.Buffer
	if err := Markdown(&b2, m, srcSchema(), dstSchema(), nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b2.String(), "| `total` | decimal(12,2) | yes | required |") || !strings.Contains(b2.String(), "(ignore_target)\n\nNone.\n") {
		t.Errorf("without ignore_target:\n%s", b2.String())
	}
	if strings.Contains(got, "<script>") || strings.Contains(got, "![t](") {
		t.Error("markdown passes raw HTML or an image through")
	}
	// every table row has the header's column count
	for i, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(line, "|") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") < 3 {
			t.Errorf("line %d: broken table row %q", i+1, line)
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, docMapping(), srcSchema(), dstSchema(), nil); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	golden(t, "rich.html.golden", got)
	if strings.Contains(got, "<script>alert") {
		t.Error("HTML output contains an unescaped script tag")
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "<h2>Lineage</h2>", "<code>customer.address.city</code>", "Default for a missing key: <code>unknown</code>"} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(got, "<h2>Findings</h2>") {
		t.Error("findings section without findings")
	}
}
