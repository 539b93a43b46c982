package engine

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestTargetConstraints: a value the target refuses is never written; the
// row is handled by on_error with the constraint's own kind (#19.6), on
// the checked cast, the native and the VM path alike.
func TestTargetConstraints(t *testing.T) {
	dst, err := schema.Parse("t.sql", []byte(`CREATE TABLE t (
  small smallint, country varchar(15), i32 integer, amount decimal(10,2),
  status varchar(10) CHECK (status IN ('open', 'closed')),
  pct integer CHECK (pct BETWEEN 0 AND 100), big bigint, name text);`), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := schema.Parse("s.csv", []byte("a,b\nx,y\n"), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		target, expr, in string
		kind             kind.Kind // "" fits
	}{
		{"small", "", "343521", kind.RangeViolation},
		{"small", "", "32767", ""},
		{"small", "", "-32768", ""},
		{"small", "", "-32769", kind.RangeViolation},
		{"country", "", "Ääääääääääääääää", kind.Truncation}, // 16 code points
		{"country", "", "Äääääääääääääää", ""},               // 15 code points, 30 bytes
		{"country", "trim(a)", "Ääääääääääääääää", kind.Truncation},
		{"country", "a + a", "abcdefgh", kind.Truncation},
		{"i32", "", "-2147483649", kind.RangeViolation},
		{"i32", "", "-2147483648", ""},
		{"i32", "to_int(a) + 1", "2147483647", kind.RangeViolation},
		{"amount", "", "1.005", kind.PrecisionLoss},
		{"amount", "", "1.050", ""}, // trailing zeros are not precision
		{"amount", "", "123456789012.5", kind.RangeViolation},
		{"amount", "", "123456789.5", kind.RangeViolation},
		{"amount", "", "99999999.99", ""},
		{"amount", "", "-100000000", kind.RangeViolation},
		{"amount", "to_decimal(a) / 3", "1", kind.PrecisionLoss},
		{"amount", "to_decimal(a) / 100", "12345", ""},
		{"status", "", "open", ""},
		{"status", "", "pending", kind.EnumViolation},
		{"status", "lower(a)", "CLOSED", ""},
		{"pct", "", "101", kind.RangeViolation},
		{"pct", "", "-1", kind.RangeViolation},
		{"pct", "", "100", ""},
		{"big", "", "9223372036854775807", ""},
		{"name", "", strings.Repeat("x", 1000), ""},
	}
	for _, vm := range []bool{false, true} {
		for _, c := range cases {
			rule := "  - {target: " + c.target + ", from: [a]}\n"
			if c.expr != "" {
				rule = "  - {target: " + c.target + ", from: [a], expr: '" + c.expr + "'}\n"
			}
			m := mustParse(t, "seam: 1\nsource: {schema: s.csv}\ntarget: {schema: t.sql}\nrules:\n"+rule)
			p, ds := compileFor(m, src, dst, vm)
			if ds.HasErrors() {
				t.Fatalf("%s: %v", rule, ds)
			}
			res := p.NewExec().Apply(&value.Record{Keys: []string{"a", "b"}, Vals: []value.Value{value.Str(c.in), value.Str("")}})
			var got kind.Kind
			if len(res.Errors) > 0 {
				got = res.Errors[0].Kind
				if strings.Contains(res.Errors[0].Reason, "\n") || !strings.Contains(res.Errors[0].Reason, c.target) {
					t.Errorf("%s on %q: reason %q should be one line naming %s", rule, c.in, res.Errors[0].Reason, c.target)
				}
			}
			if got != c.kind || res.Rejected != (c.kind != "") {
				t.Errorf("vm=%v %s on %q: kind %q rejected %v, want %q", vm, strings.TrimSpace(rule), c.in, got, res.Rejected, c.kind)
			}
			if c.kind != "" {
				if v := res.Out.Path(c.target); v.K != value.Absent {
					t.Errorf("%s on %q: wrote %s", rule, c.in, v.Text())
				}
			}
		}
	}

	// on_error null writes null; a default that does not fit is a compile error.
	m := mustParse(t, "seam: 1\nsource: {schema: s.csv}\ntarget: {schema: t.sql}\nrules:\n  - {target: small, from: [a], on_error: null}\n")
	p, _ := Compile(m, src, dst)
	res := p.NewExec().Apply(&value.Record{Keys: []string{"a"}, Vals: []value.Value{value.Str("99999")}})
	if res.Rejected || len(res.Errors) != 1 || res.Errors[0].Kind != kind.RangeViolation || res.Out.Path("small").K != value.Null {
		t.Errorf("on_error null: %+v", res)
	}
	m = mustParse(t, "seam: 1\nsource: {schema: s.csv}\ntarget: {schema: t.sql}\nrules:\n  - {target: small, from: [a], on_error: default(70000)}\n")
	if _, ds := Compile(m, src, dst); !ds.HasErrors() || !strings.Contains(ds.Error(), "range") {
		t.Errorf("default(70000) into smallint compiled: %v", ds)
	}
}
