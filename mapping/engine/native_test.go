package engine

import (
	"fmt"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestNativeMatchesVM runs expressions on the native path and on the expr
// VM (which calls the transform library) and wants the same values and
// the same error kinds.
func TestNativeMatchesVM(t *testing.T) {
	src, dst := testSchemas()
	exprs := []string{
		`trim(name)`, `lower(name)`, `upper(name)`, `upper(trim(name))`, `trim(name) + " " + trim(email)`,
		`to_decimal(cents) / 100`, `to_decimal(cents) / 1000`, `to_decimal(cents) / 7`, `to_decimal(cents)`,
		`lookup("st", code)`, `lookup("st", code, "unknown")`, `default(code, "0")`, `code | default("0") | to_decimal()`,
		`null_if_empty(code)`, `coalesce(email, code, "z")`, `email ?? name`, `code == "P"`, `code != nil`,
		`code == "P" ? "yes" : "no"`, `not (code == "P")`, `code == "P" and name != ""`, `code == "P" || name == ""`,
		`price * 2`, `price / 100`, `n`, `trim(name, "x")`, `len(name)`,
	}
	targets := map[string]string{}
	for _, e := range exprs {
		targets[e] = "status"
	}
	targets[`to_decimal(cents) / 100`] = "total"
	targets[`to_decimal(cents) / 1000`] = "total"
	targets[`to_decimal(cents) / 7`] = "total"
	targets[`to_decimal(cents)`] = "total"
	targets[`code | default("0") | to_decimal()`] = "total"
	targets[`price * 2`] = "total"
	targets[`price / 100`] = "total"
	samples := []any{"", " ", "  Ada  ", "ÄrGER", "x", "P", "S", "Q", "1999", "-5", "0.10", "12.345678901234567890", "1e3", "abc",
		"\u00a0nbsp\u200b", nil, "absent", "xAx"}
	for _, e := range exprs {
		m := mustParse(t, head+fmt.Sprintf("  - {target: %s, expr: '%s'}\n", targets[e], e))
		pn, ds := Compile(m, src, dst)
		if pn == nil {
			t.Fatalf("%s: %v", e, ds)
		}
		pv, _ := compileFor(m, src, dst, true)
		if pv.rules[0].prog == nil {
			t.Fatalf("%s: VM program missing", e)
		}
		native := pn.rules[0].native != nil
		xn, xv := pn.NewExec(), pv.NewExec()
		for _, a := range samples {
			for _, b := range samples {
				in := rec()
				for k, s := range map[string]any{"name": a, "email": b, "cents": a, "code": b, "price": b, "n": nil} {
					if s == "absent" {
						continue
					}
					in.Keys = append(in.Keys, k)
					if s == nil {
						in.Vals = append(in.Vals, value.NullV())
					} else {
						in.Vals = append(in.Vals, value.Str(s.(string)))
					}
				}
				rn, rv := xn.Apply(in), xv.Apply(in)
				vn, vv := rn.Out.Get(targets[e]), rv.Out.Get(targets[e])
				var kn, kv kind.Kind
				if len(rn.Errors) > 0 {
					kn = rn.Errors[0].Kind
				}
				if len(rv.Errors) > 0 {
					kv = rv.Errors[0].Kind
				}
				if !vn.Equal(vv) || kn != kv || rn.Rejected != rv.Rejected {
					t.Errorf("%s (native=%v) on name=%v code=%v: native %#v %q, vm %#v %q", e, native, a, b, vn.Text(), kn, vv.Text(), kv)
				}
			}
		}
	}
}

// compileFor compiles like Compile, every expression on the expr VM when
// vm is set.
func compileFor(m *mapping.Mapping, src, dst *schema.Schema, vm bool) (*Program, diag.List) {
	p, ds := compile(m, m.Rules, src, dst, vm)
	if ds.HasErrors() {
		return nil, ds
	}
	return p, ds
}
