package check

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

func changeOf(d DiffReport, kind, path string) *Change {
	for i := range d.Changes {
		if d.Changes[i].Kind == kind && d.Changes[i].Path == path {
			return &d.Changes[i]
		}
	}
	return nil
}

func TestDiffCompatibility(t *testing.T) {
	base := func(extra ...*schema.Field) *schema.Schema {
		return S("v", append([]*schema.Field{F("id", schema.Integer, req, bits(32)), F("email", schema.String, null)}, extra...)...)
	}
	cases := []struct {
		name     string
		old, new *schema.Schema
		want     string
		change   string
		path     string
	}{
		{"identical", base(), base(), Full, "", ""},
		{"add optional", base(), base(F("phone", schema.String)), Full, ChangeAdded, "phone"},
		{"add required", base(), base(F("tax_code", schema.String, req)), Forward, ChangeAdded, "tax_code"},
		{"remove optional", base(F("phone", schema.String)), base(), Full, ChangeRemoved, "phone"},
		{"remove required", base(F("sku", schema.String, req)), base(), Backward, ChangeRemoved, "sku"},
		{"widen int", base(), S("v", F("id", schema.Integer, req, bits(64)), F("email", schema.String, null)), Backward, ChangeRetyped, "id"},
		{"narrow int", S("v", F("id", schema.Integer, req, bits(64)), F("email", schema.String, null)), base(), Forward, ChangeRetyped, "id"},
		{"int to date", base(), S("v", F("id", schema.Date, req), F("email", schema.String, null)), None, ChangeRetyped, "id"},
		{"enum symbol removed", base(F("st", schema.Enum, enum("a", "b"))), base(F("st", schema.Enum, enum("a"))), Forward, ChangeConstraint, "st"},
		{"enum symbol added", base(F("st", schema.Enum, enum("a"))), base(F("st", schema.Enum, enum("a", "b"))), Backward, ChangeConstraint, "st"},
		{"shorter", base(F("city", schema.String, maxlen(40))), base(F("city", schema.String, maxlen(15))), Forward, ChangeConstraint, "city"},
		{"rename case", base(F("mobilePhone", schema.String)), base(F("mobilephone", schema.String)), Full, ChangeRenamed, "mobilePhone"},
		{"rename similar", base(F("postal_code", schema.String)), base(F("postalcode2", schema.String)), Full, ChangeRenamed, "postal_code"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := Diff(tc.old, tc.new)
			if d.Compatibility != tc.want {
				t.Errorf("compatibility = %s, want %s; changes %+v", d.Compatibility, tc.want, d.Changes)
			}
			if tc.change != "" && changeOf(d, tc.change, tc.path) == nil {
				t.Errorf("no %s change for %s: %+v", tc.change, tc.path, d.Changes)
			}
			if tc.change == "" && len(d.Changes) != 0 {
				t.Errorf("changes on identical schemas: %+v", d.Changes)
			}
		})
	}
}

func TestDiffMapping(t *testing.T) {
	old := S("orders", F("id", schema.Integer, req), F("mobilePhone", schema.String), F("city", schema.String), F("total", schema.Decimal, prec(10, 2)))
	nw := S("orders", F("id", schema.Integer, req), F("mobilephone", schema.String), F("total", schema.Float))
	m := &mapping.Mapping{Source: mapping.SchemaRef{Schema: "orders.json"}, Target: mapping.SchemaRef{Schema: "erp.sql#orders"},
		Rules: []*mapping.Rule{R("order_no", "", "id"), R("phone", "", "mobilePhone"), R("ship_city", "", "city"), R("amount", "", "total")}}
	d := Diff(old, nw)
	fs := DiffMapping(d, m)
	want := map[string]string{"phone": "renamed to mobilephone", "ship_city": "no longer has", "amount": "changed type"}
	for rule, msg := range want {
		ok := false
		for _, f := range fs {
			if f.Rule == rule && strings.Contains(f.Message, msg) && f.Kind == kind.Drift {
				ok = true
			}
		}
		if !ok {
			logFindings(t, fs)
			t.Errorf("no drift finding for rule %s containing %q", rule, msg)
		}
	}
	for _, f := range fs {
		if f.Rule == "order_no" {
			t.Errorf("unchanged rule reported: %+v", f)
		}
	}
	// Target side: a new required field.
	oldT := S("erp", F("order_no", schema.Integer))
	newT := S("erp", F("order_no", schema.Integer), F("tax_code", schema.String, req))
	oldT.File, newT.File = "erp.sql", "erp.sql"
	fs = DiffMapping(Diff(oldT, newT), m)
	if f := find(fs, kind.UnmappedRequired); f == nil || f.Target != "tax_code" || f.Severity != diag.Error {
		t.Errorf("target diff findings = %v", kinds(fs))
	}
	var buf bytes.Buffer
	for _, format := range []string{"text", "markdown", "json"} {
		buf.Reset()
		if err := WriteDiff(&buf, d, DiffMapping(d, m), format); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "mobilephone") {
			t.Errorf("%s diff lacks the rename:\n%s", format, buf.String())
		}
	}
	var doc DiffDocument
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || doc.Diff.Compatibility == "" || len(doc.Findings) == 0 {
		t.Errorf("json diff: %v %+v", err, doc)
	}
}
