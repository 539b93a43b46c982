package check

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestNestedValues: members of a built array of objects are held to the
// element schema: a type outside its enum, a required member missing, a
// text over its length are findings naming the member's path; a valid
// array raises none.
func TestNestedValues(t *testing.T) {
	el := &schema.Field{Path: "phones[]", Name: "[]", Type: schema.Object, Children: []*schema.Field{
		F("phones[].number", schema.String, req, maxlen(12)),
		F("phones[].type", schema.String, req, enum("primary", "mobile", "fax", "other")),
	}}
	phones := &schema.Field{Path: "phones", Name: "phones", Type: schema.Array, Children: []*schema.Field{el}}
	dst := &schema.Schema{Name: "contact", File: "contact.json", Fields: []*schema.Field{phones}}
	dst.Reindex()
	src := S("s", F("phone", schema.String), F("mobile", schema.String))
	m := M(R("phones", `[{number: phone, type: "primary"}, {number: mobile, type: "cell"}]`, "phone", "mobile"))
	phone := func(n, typ any) value.Value {
		return value.Value{K: value.Object, Obj: rec("number", n, "type", typ)}
	}
	arr := func(vs ...value.Value) value.Value { return value.Value{K: value.Array, Arr: vs} }
	cases := []struct {
		out  value.Value
		want []kind.Kind
		path string
	}{
		{arr(phone("+1 415", "primary"), phone("+1 416", "cell")), []kind.Kind{kind.EnumViolation}, "phones[].type"},
		{arr(phone(nil, "mobile")), []kind.Kind{kind.NullIntoRequired}, "phones[].number"},
		{arr(phone("+1 415 555 0100 ext 12", "fax")), []kind.Kind{kind.Truncation}, "phones[].number"},
		{arr(phone("+1 415", "primary"), phone("+1 416", "mobile")), nil, ""},
	}
	for i, c := range cases {
		d := NewDataFor(m, src, dst, DataOptions{})
		d.ObserveOut(1, rec("phone", "+1 415", "mobile", "+1 416"), &value.Record{Keys: []string{"phones"}, Vals: []value.Value{c.out}}, nil, nil)
		fs := d.Findings()
		for _, k := range c.want {
			f := find(fs, k)
			if f == nil {
				logFindings(t, fs)
				t.Errorf("case %d: no %s", i, k)
				continue
			}
			if !strings.Contains(f.Message+" "+f.Examples[0].Reason, c.path) {
				t.Errorf("case %d: %s does not name %s: %s | %s", i, k, c.path, f.Message, f.Examples[0].Reason)
			}
		}
		if c.want == nil {
			for _, k := range []kind.Kind{kind.EnumViolation, kind.NullIntoRequired, kind.Truncation} {
				if f := find(fs, k); f != nil {
					t.Errorf("case %d: a valid array raised %s: %s", i, k, f.Message)
				}
			}
		}
	}
}
