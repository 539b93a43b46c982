package mapping

import (
	"bytes"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const targetsDoc = `seam: 1
name: orders
source: {schema: src.json}
joins:
  - name: address
    schema: addr.csv
    data: addr.csv
    on: {address_id: address_id}
    on_miss: null
targets:
  - name: orders
    schema: dst.sql#orders
    fingerprint: "sha256:abc"
    ignore_target: [note]
    rules:
      # the key
      - {target: order_id, from: [id]}
  - schema: dst.sql#order_details
    each: lineItems
    parent: orders
    rules:
      - target: order_id   # c
        from: [id]
      - {target: line_no, from: [$line]}
  - name: discounts
    schema: dst.sql#discounts
    each: lineItems[].discounts
    parent: order_details
    ignore_target: [code, note]
    rules: []
ignore_target: [legacy]
`

func TestTargetsParseMarshalRoundTrip(t *testing.T) {
	m, err := Parse("m.seam.yaml", []byte(targetsDoc))
	if err != nil {
		t.Fatal(err)
	}
	views := m.Targets()
	var got []string
	for _, v := range views {
		got = append(got, v.OutName()+"|"+v.Each+"|"+v.Parent+"|"+v.Target.Schema)
	}
	want := []string{"orders|||dst.sql#orders", "order_details|lineItems|orders|dst.sql#order_details", "discounts|lineItems[].discounts|order_details|dst.sql#discounts"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("targets:\n%s", strings.Join(got, "\n"))
	}
	if len(m.Rules) != 1 || len(views[1].Rules) != 2 || views[1].Rules[1].From[0] != "$line" {
		t.Fatalf("rules: %d %d", len(m.Rules), len(views[1].Rules))
	}
	if j := m.JoinNamed("address"); j == nil || j.OnMiss != JoinMissNull || j.On[0] != (JoinKey{"address_id", "address_id"}) || j.Data != "addr.csv" {
		t.Fatalf("join: %+v", j)
	}
	// Each target's own ignore_target, besides the mapping's (#14.9).
	var ign []string
	for _, v := range views {
		ign = append(ign, strings.Join(v.IgnoredTargets(), ","))
	}
	if strings.Join(ign, "|") != "legacy,note|legacy|legacy,code,note" {
		t.Errorf("ignored per target: %q", ign)
	}
	out, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"targets:\n  - name: orders\n", "    ignore_target: [note]\n    rules:\n", "    ignore_target: [code, note]\n", "\nignore_target: [legacy]\n", "      # the key\n", "      - target: order_id  # c\n", "    each: lineItems[].discounts\n", "on_miss: null}"} {
		if !strings.Contains(string(out), s) {
			t.Errorf("marshal lacks %q:\n%s", s, out)
		}
	}
	m2, err := Parse("m.seam.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out2, _ := m2.Marshal()
	if !bytes.Equal(out, out2) {
		t.Errorf("not stable:\n%s\n---\n%s", out, out2)
	}
	// Clone shares nothing; Rebase moves every target's and join's file.
	c := m.Clone()
	c.OwnIgnoreTarget[0], c.Extra[1].IgnoreTarget[0] = "x", "y"
	if m.OwnIgnoreTarget[0] != "note" || m.Extra[1].IgnoreTarget[0] != "code" {
		t.Error("Clone shares the targets' ignore_target")
	}
	c.Extra[0].Rules[0].Target = "x"
	c.Joins[0].Data = "y"
	if m.Extra[0].Rules[0].Target == "x" || m.Joins[0].Data == "y" {
		t.Error("Clone shares targets or joins")
	}
	c = m.Clone()
	c.Path = "a/m.seam.yaml"
	c.Rebase("b/m.seam.yaml")
	if c.Extra[0].Schema.Schema != "../a/dst.sql#order_details" || c.Joins[0].Data != "../a/addr.csv" || c.Joins[0].Schema != "../a/addr.csv" {
		t.Errorf("rebase: %+v %+v", c.Extra[0].Schema, c.Joins[0])
	}
	// One plain target keeps the old form.
	one, err := Parse("m.seam.yaml", []byte("seam: 1\nsource: {schema: a.json}\ntarget: {schema: b.json}\nrules:\n  - {target: x, from: [y]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := one.Marshal(); strings.Contains(string(b), "targets:") || one.MultiTarget() {
		t.Errorf("single target written as targets:\n%s", b)
	}
}

func TestTargetsParseErrors(t *testing.T) {
	head := "seam: 1\nsource: {schema: s.json}\n"
	cases := []struct{ doc, want string }{
		{head + "target: {schema: t.json}\ntargets:\n  - {schema: u.json}\n", "m.seam.yaml:4:1: give either `target:` and `rules:` (one target) or `targets:` (several), not both"},
		{head + "targets:\n  - {schema: t.json}\n  - {schema: t.json}\n", `m.seam.yaml:5:5: target name "t" is used by target 1 too`},
		{head + "targets:\n  - {name: a, schema: t.json, parent: b}\n  - {name: b, schema: u.json}\n", `m.seam.yaml:4:5: target a: parent "b" is not an earlier target`},
		{head + "targets:\n  - {name: a, schema: t.json, each: items}\n  - {name: b, schema: u.json, parent: a, each: other}\n", `target b: parent a iterates items, which does not contain this target's each "other"`},
		{head + "targets:\n  - {name: a, schema: t.json, each: \"items[]\"}\n", `each "items[]": want the path of a source array`},
		{head + "targets:\n  - {name: a}\n", "target 1: missing schema"},
		{head + "targets: []\n", "targets: the list is empty"},
		{head + "joins:\n  - {name: j, schema: j.csv}\ntargets:\n  - {schema: t.json}\n", "join j: missing on"},
		{head + "joins:\n  - {name: j, schema: j.csv, on: {a: b}, on_miss: skip}\ntargets:\n  - {schema: t.json}\n", `join j: on_miss "skip": want reject or null`},
		{head + "joins:\n  - {name: j, schema: j.csv, on: {a: b}}\n  - {name: j, schema: j.csv, on: {a: b}}\ntargets:\n  - {schema: t.json}\n", `join "j" is defined twice`},
		{head + "targets:\n  - {schema: t.json, colour: red}\n", `target: unknown key "colour"`},
	}
	for _, c := range cases {
		_, err := Parse("m.seam.yaml", []byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %s", c.doc, err, c.want)
		}
	}
}

func TestTargetsMatchJSONSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("seam.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("seam.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal([]byte(targetsDoc), &v); err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(jsonable(v)); err != nil {
		t.Error(err)
	}
	var both any
	_ = yaml.Unmarshal([]byte("seam: 1\nsource: a\ntarget: b\ntargets:\n  - {schema: c}\n"), &both)
	if err := sch.Validate(jsonable(both)); err == nil {
		t.Error("the schema accepts target: and targets: together")
	}
}
