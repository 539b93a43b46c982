package transform

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestFactsDeclared: every callable function declares its facts (None is
// a declaration), and every name with facts is a function: the static
// checks know no function the library lacks.
func TestFactsDeclared(t *testing.T) {
	callable := map[string]bool{}
	for _, s := range Specs() {
		if !registry[s.Name].docOnly {
			callable[s.Name] = true
		}
	}
	for _, b := range safeBuiltins {
		callable[b] = true
	}
	for name := range callable {
		if _, ok := FactsOf(name); !ok {
			t.Errorf("function %s declares no facts (declare None if it has none)", name)
		}
	}
	for _, name := range FactNames() {
		if !callable[name] {
			t.Errorf("facts declared for %s, which is not a function of the library", name)
		}
	}
	if f, _ := FactsOf("substr"); !f.Has(BoundsLength) || f.LengthArg != 2 {
		t.Errorf("substr facts %+v", f)
	}
}

func TestReadExpr(t *testing.T) {
	tests := []struct {
		src   string
		names []string
		paths []string
		look  []string
		neg   bool
		coal  bool
		scale string
		res   string
	}{
		{src: "trim(name)", names: []string{"trim"}, paths: []string{"name"}, res: "string"},
		{src: "name | trim() | lower()", names: []string{"lower", "trim"}, paths: []string{"name"}, res: "string"},
		{src: "!active", paths: []string{"active"}, neg: true},
		{src: "not active", paths: []string{"active"}, neg: true},
		{src: "active == false", paths: []string{"active"}, neg: true},
		{src: "active != false", paths: []string{"active"}},
		{src: "negate(active)", names: []string{"negate"}, paths: []string{"active"}, neg: true},
		{src: "a != b", paths: []string{"a", "b"}},
		{src: "total / 100", paths: []string{"total"}, scale: "/100", res: "decimal"},
		{src: "total / 7", paths: []string{"total"}, res: "decimal"},
		{src: "secs * 1000", paths: []string{"secs"}, scale: "*1000"},
		{src: "cents_to_units(total)", names: []string{"cents_to_units"}, paths: []string{"total"}, scale: "/100", res: "decimal"},
		{src: `lookup("status", code)`, names: []string{"lookup"}, paths: []string{"code"}, look: []string{"status"}, res: "string"},
		{src: `lookup('status', code, "x")`, names: []string{"lookup"}, paths: []string{"code"}, look: []string{"status"}, res: "string"},
		{src: "a ?? b", paths: []string{"a", "b"}, coal: true},
		{src: `a == nil ? "" : a`, paths: []string{"a"}, coal: true},
		{src: "coalesce(a, b)", names: []string{"coalesce"}, paths: []string{"a", "b"}, coal: true},
		{src: "addr.city", paths: []string{"addr.city"}},
		{src: "addr?.city", paths: []string{"addr.city"}},
		{src: "items[0].sku", paths: []string{"items[].sku"}},
		{src: `join(map(items, .sku), ", ")`, names: []string{"join"}, paths: []string{"items", "items[].sku"}, res: "string"},
		{src: "to_string(to_int(zip))", names: []string{"to_string", "to_int"}, paths: []string{"zip"}, res: "string"},
		{src: `"!" + name`, paths: []string{"name"}},                                                            // a "!" in a string is no negation
		{src: `concat(a, " lookup(\"x\", y)")`, names: []string{"concat"}, paths: []string{"a"}, res: "string"}, // nor a call in a string
	}
	for _, tt := range tests {
		r, err := ReadExpr(tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		if got := r.Names(); !slices.Equal(got, tt.names) && (len(got) != 0 || len(tt.names) != 0) {
			t.Errorf("%s: calls %v, want %v", tt.src, got, tt.names)
		}
		if !reflect.DeepEqual(r.Paths, tt.paths) {
			t.Errorf("%s: paths %v, want %v", tt.src, r.Paths, tt.paths)
		}
		if !slices.Equal(r.Lookups, tt.look) {
			t.Errorf("%s: lookups %v, want %v", tt.src, r.Lookups, tt.look)
		}
		if r.Negated != tt.neg || r.Coalesce != tt.coal || r.Scale != tt.scale || r.Result != tt.res {
			t.Errorf("%s: negated %v coalesce %v scale %q result %q, want %v %v %q %q", tt.src, r.Negated, r.Coalesce, r.Scale, r.Result, tt.neg, tt.coal, tt.scale, tt.res)
		}
	}
	if _, err := ReadExpr("trim(("); err == nil {
		t.Error("a broken expression reads")
	}
}

// TestValuePaths: a path read only in a test (the condition of ?:, a
// comparison, and/or, in) decides which value is taken; the result
// carries the values of the others.
func TestValuePaths(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{`flag ? nil : first`, []string{"first"}},
		{`line2 == nil || line2 == "" ? line1 : line1 + ", " + line2`, []string{"line1", "line2"}},
		{`status in ["a", "b"] ? amount : 0`, []string{"amount"}},
		{`trim((a ?? "") + " " + (b ?? ""))`, []string{"a", "b"}},
		{`a > b`, nil},
		{`coalesce(mobile, phone)`, []string{"mobile", "phone"}},
		{`!active`, []string{"active"}},
		{`kind == "home" ? home_phone : (kind == "work" ? work_phone : nil)`, []string{"home_phone", "work_phone"}},
	} {
		rd, err := ReadExpr(c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if strings.Join(rd.ValuePaths, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: value paths %v, want %v (paths %v)", c.src, rd.ValuePaths, c.want, rd.Paths)
		}
	}
}
