package engine

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

func nestedSchemas() (src, dst *schema.Schema) {
	src = &schema.Schema{Name: "src", Fields: []*schema.Field{
		{Path: "id", Name: "id", Type: schema.String},
		{Path: "customer", Name: "customer", Type: schema.Object, Nullable: true, Children: []*schema.Field{
			{Path: "customer.id", Name: "id", Type: schema.String, Nullable: true},
			{Path: "customer.addr", Name: "addr", Type: schema.Object, Nullable: true, Children: []*schema.Field{
				{Path: "customer.addr.city", Name: "city", Type: schema.String, Nullable: true},
			}},
		}},
		{Path: "items", Name: "items", Type: schema.Array, Children: []*schema.Field{
			{Path: "items[]", Name: "[]", Type: schema.Object, Children: []*schema.Field{
				{Path: "items[].sku", Name: "sku", Type: schema.String},
			}},
		}},
	}}
	dst = &schema.Schema{Name: "dst", Fields: []*schema.Field{
		{Path: "cid", Name: "cid", Type: schema.String, Nullable: true},
		{Path: "city", Name: "city", Type: schema.String, Nullable: true},
		{Path: "opt", Name: "opt", Type: schema.String},
		{Path: "req", Name: "req", Type: schema.String, Required: true},
	}}
	src.Reindex()
	dst.Reindex()
	return src, dst
}

func obj(kv ...any) value.Value {
	r := &value.Record{}
	for i := 0; i < len(kv); i += 2 {
		r.Keys = append(r.Keys, kv[i].(string))
		r.Vals = append(r.Vals, kv[i+1].(value.Value))
	}
	return value.Value{K: value.Object, Obj: r}
}

// TestNullPropagation: a path through a null parent reads null, through an
// absent parent absent, on the native path, the VM, with ?. and in casts
// without expr; failures are one-line seam messages (#19.7, #19.5).
func TestNullPropagation(t *testing.T) {
	src, dst := nestedSchemas()
	full := obj("customer", obj("id", value.Str("C1"), "addr", obj("city", value.Str("Oslo"))))
	null := obj("customer", value.NullV())
	absent := obj("id", value.Str("x"))
	nullAddr := obj("customer", obj("id", value.Str("C1"), "addr", value.NullV()))
	notObj := obj("customer", value.Str("oops"))
	cases := []struct {
		rule string
		in   value.Value
		want value.Kind // of the target, when no error
		text string
		err  string // a substring of the reason
	}{
		{"{target: cid, from: [customer.id], expr: customer.id}", full, value.String, "C1", ""},
		{"{target: cid, from: [customer.id], expr: customer.id}", null, value.Null, "", ""},
		{"{target: cid, from: [customer.id], expr: customer?.id}", null, value.Null, "", ""},
		{"{target: cid, from: [customer.id], expr: 'customer[\"id\"]'}", null, value.Null, "", ""},
		{"{target: cid, from: [customer.id], expr: customer.id ?? \"none\"}", null, value.String, "none", ""},
		{"{target: cid, from: [customer.id], expr: upper(customer.id)}", null, value.Null, "", ""},
		{"{target: city, from: [customer.addr.city], expr: customer.addr.city}", nullAddr, value.Null, "", ""},
		{"{target: city, from: [customer.addr.city], expr: customer.addr.city}", null, value.Null, "", ""},
		{"{target: city, from: [customer.addr.city], expr: customer.addr.city}", full, value.String, "Oslo", ""},
		{"{target: cid, from: [customer.id], expr: customer.id}", notObj, 0, "", "customer"},
		// without expr: a checked cast of the nested field
		{"{target: cid, from: [customer.id]}", full, value.String, "C1", ""},
		{"{target: cid, from: [customer.id]}", null, value.Null, "", ""},
		{"{target: city, from: [customer.addr.city]}", nullAddr, value.Null, "", ""},
		{"{target: opt, from: [customer.id]}", absent, value.Absent, "", ""},
		{"{target: req, from: [customer.id]}", absent, 0, "", "no value for required"},
		{"{target: req, from: [customer.id]}", null, 0, "", "null into required"},
	}
	for _, vm := range []bool{false, true} {
		for _, c := range cases {
			m := mustParse(t, "seam: 1\nsource: {schema: s.json}\ntarget: {schema: t.json}\nrules:\n  - "+c.rule+"\n")
			p, ds := compileFor(m, src, dst, vm)
			if ds.HasErrors() {
				t.Errorf("%s: %v", c.rule, ds)
				continue
			}
			res := p.NewExec().Apply(c.in.Obj)
			target := m.Rules[0].Target
			if c.err != "" {
				if len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Reason, c.err) {
					t.Errorf("vm=%v %s on %s: errors %+v, want %q", vm, c.rule, c.in.Text(), res.Errors, c.err)
				} else if r := res.Errors[0].Reason; strings.Contains(r, "\n") || strings.Contains(r, "(1:") {
					t.Errorf("vm=%v %s: raw expr text in %q", vm, c.rule, r)
				}
				continue
			}
			if len(res.Errors) > 0 {
				t.Errorf("vm=%v %s on %s: %+v", vm, c.rule, c.in.Text(), res.Errors)
				continue
			}
			got := res.Out.Path(target)
			if got.K != c.want || c.text != "" && got.S != c.text {
				t.Errorf("vm=%v %s on %s: got %s %q, want %s %q", vm, c.rule, c.in.Text(), got.K, got.Text(), c.want, c.text)
			}
		}
	}
}

// TestRuntimeErrorsOneLine: an expression failing on a row gives one line
// in seam's words naming the rule and where, never expr's raw text.
func TestRuntimeErrorsOneLine(t *testing.T) {
	src, dst := nestedSchemas()
	in := obj("id", value.Str("x"), "customer", obj("id", value.Str("C")), "items", value.Value{K: value.Array})
	for _, e := range []string{`customer.id + 1`, `items[3].sku`, `upper(customer.id) + items[0]`} {
		m := mustParse(t, "seam: 1\nsource: {schema: s.json}\ntarget: {schema: t.json}\nrules:\n  - {id: r1, target: cid, from: [id], expr: '"+e+"'}\n")
		p, ds := Compile(m, src, dst)
		if p == nil {
			t.Fatalf("%s: %v", e, ds)
		}
		res := p.NewExec().Apply(in.Obj)
		if len(res.Errors) != 1 {
			t.Fatalf("%s: errors %+v", e, res.Errors)
		}
		r := res.Errors[0].Reason
		if strings.Contains(r, "\n") || strings.Contains(r, "(1:") || !strings.Contains(r, "rule r1") || !strings.Contains(r, "column") {
			t.Errorf("%s: reason %q", e, r)
		}
	}
}

// TestNestedFromArray: a rule without expr whose from crosses an array is
// refused with a message naming the rule and suggesting an expression.
func TestNestedFromArray(t *testing.T) {
	src, dst := nestedSchemas()
	m := mustParse(t, "seam: 1\nsource: {schema: s.json}\ntarget: {schema: t.json}\nrules:\n  - {target: cid, from: ['items[].sku']}\n")
	_, ds := Compile(m, src, dst)
	if !ds.HasErrors() || !strings.Contains(ds.Error(), "rule cid") || !strings.Contains(ds.Error(), "join(map(items, .sku)") {
		t.Fatalf("got %v", ds)
	}
}
