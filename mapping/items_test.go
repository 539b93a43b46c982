package mapping

import (
	"strings"
	"testing"
)

// TestItemsAndGroupByRoundTrip: items and group_by are read, turned into
// the rule's expression, and written back as they were.
func TestItemsAndGroupByRoundTrip(t *testing.T) {
	src := `seam: 1
source: {schema: rows.json}
targets:
  - name: contact
    schema: contact.yaml
    group_by: [contact_id]
    rules:
      - target: phone_numbers
        from: [phone, fax]
        items:
          - {phone_number: phone, phone_number_type: '"primary"'}
          - {phone_number: fax, phone_number_type: '"fax"', $when: fax != nil}
          - {phone_number: "coalesce(a, b)", phone_number_type: '"other"'}
`
	m, err := Parse("m.seam.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.GroupBy) != 1 || m.GroupBy[0] != "contact_id" {
		t.Fatalf("group_by %v", m.GroupBy)
	}
	r := m.Rules[0]
	want := `filter([null_if_empty(phone) == nil ? nil : {"phone_number": (phone), "phone_number_type": ("primary")}, !(fax != nil) ? nil : {"phone_number": (fax), "phone_number_type": ("fax")}, null_if_empty(coalesce(a, b)) == nil ? nil : {"phone_number": (coalesce(a, b)), "phone_number_type": ("other")}], # != nil)`
	if r.Expr != want {
		t.Errorf("expr:\n%s\nwant:\n%s", r.Expr, want)
	}
	out, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != src {
		t.Errorf("marshal:\n%s\nwant:\n%s", out, src)
	}
}

func TestItemsAndGroupByErrors(t *testing.T) {
	for _, tc := range []struct{ name, yml, want string }{
		{"items and expr", "seam: 1\nrules:\n  - target: a\n    expr: b\n    items:\n      - {x: b}\n", "give expr or items, not both"},
		{"items not a list", "seam: 1\nrules:\n  - target: a\n    items: b\n", "items: want a list of elements"},
		{"empty element", "seam: 1\nrules:\n  - target: a\n    items:\n      - {$when: b}\n", "an element with no fields"},
		{"group_by differs", "seam: 1\ntargets:\n  - {name: a, schema: s.json, group_by: [k], rules: []}\n  - {name: b, schema: s.json, rules: []}\n", "every target of a mapping groups by the same key"},
		{"group_by with each", "seam: 1\ntargets:\n  - {name: a, schema: s.json, group_by: [k], each: xs, rules: []}\n", "group_by and each together"},
		{"group_by in array", "seam: 1\ntargets:\n  - {name: a, schema: s.json, group_by: [\"xs[].k\"], rules: []}\n", "reads inside an array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("m.seam.yaml", []byte(tc.yml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
