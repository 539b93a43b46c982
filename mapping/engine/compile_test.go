package engine

import (
	"github.com/seamhq/seam/mapping"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// testSchemas builds a small source and target in Go.
func testSchemas() (src, dst *schema.Schema) {
	src = &schema.Schema{Name: "src", Fields: []*schema.Field{
		{Path: "id", Name: "id", Type: schema.String, Required: true},
		{Path: "name", Name: "name", Type: schema.String, Nullable: true},
		{Path: "email", Name: "email", Type: schema.String, Nullable: true},
		{Path: "cents", Name: "cents", Type: schema.String, Nullable: true},
		{Path: "n", Name: "n", Type: schema.Integer},
		{Path: "price", Name: "price", Type: schema.Decimal, Nullable: true},
		{Path: "day", Name: "day", Type: schema.String, Format: "DD.MM.YYYY"},
		{Path: "flag", Name: "flag", Type: schema.String},
		{Path: "code", Name: "code", Type: schema.String, Nullable: true},
		{Path: "tags", Name: "tags", Type: schema.Array},
		{Path: "addr", Name: "addr", Type: schema.Object, Children: []*schema.Field{
			{Path: "addr.city", Name: "city", Type: schema.String},
		}},
	}}
	dst = &schema.Schema{Name: "dst", Fields: []*schema.Field{
		{Path: "id", Name: "id", Type: schema.Integer, Required: true},
		{Path: "name", Name: "name", Type: schema.String, Required: true},
		{Path: "email", Name: "email", Type: schema.String, Nullable: true},
		{Path: "total", Name: "total", Type: schema.Decimal},
		{Path: "when", Name: "when", Type: schema.Date, Nullable: true},
		{Path: "ok", Name: "ok", Type: schema.Boolean},
		{Path: "uid", Name: "uid", Type: schema.UUID},
		{Path: "status", Name: "status", Type: schema.String},
		{Path: "customer", Name: "customer", Type: schema.Object, Children: []*schema.Field{
			{Path: "customer.city", Name: "city", Type: schema.String},
			{Path: "customer.tier", Name: "tier", Type: schema.Integer},
		}},
	}}
	src.Reindex()
	dst.Reindex()
	return src, dst
}

func mustParse(t testing.TB, text string) *mapping.Mapping {
	t.Helper()
	m, err := mapping.Parse("m.seam.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const head = "seam: 1\nsource: {schema: s.csv}\ntarget: {schema: t.csv}\nlookups:\n  st: {P: pending, S: shipped}\nrules:\n"

func TestCompileDiagnostics(t *testing.T) {
	src, dst := testSchemas()
	tests := []struct {
		name, rules string
		want        string // substring of the one error, with its position
	}{
		{"missing field", "  - target: name\n    expr: trim(nmae)\n", "m.seam.yaml:8:16: expression: unknown name nmae"}, //nolint:misspell // a typo on purpose
		{"unknown function", "  - target: name\n    expr: name | frobnicate()\n", "m.seam.yaml:8:18: expression: unknown name frobnicate"},
		{"wrong arity", "  - target: name\n    expr: lower(name, email)\n", "m.seam.yaml:8:11: expression: too many arguments"},
		{"map into string", "  - target: name\n    expr: '{\"a\": name}'\n", "m.seam.yaml:8:12: expression returns a map (object), which cannot become target name"},
		{"list into integer", "  - target: id\n    expr: split(name, \",\")\n", "expression returns a list (array), which cannot become target id"},
		{"unknown target", "  - target: nope\n    from: [id]\n", "m.seam.yaml:7:5: target \"nope\" is not a field of the target schema dst"},
		{"unknown from", "  - target: id\n    from: [idd]\n", "from: \"idd\" is not a field of the source schema src"},
		{"cast incompatible", "  - target: id\n    from: [addr]\n", "source addr is object and cannot become target id"},
		{"bad default", "  - target: id\n    from: [id]\n    on_error: default(abc)\n", "on_error default(abc) does not fit the target type integer"},
		{"collision", "  - target: id\n    from: [id]\n  - target: id\n    from: [n]\n", "m.seam.yaml:9:5: collision: two rules write target id"},
		{"no builtin now", "  - target: name\n    expr: now()\n", "unknown name now"},
		{"no repeat", "  - target: name\n    expr: repeat(name, 1000000000)\n", "unknown name repeat"},
		{"multi-line position", "  - target: name\n    expr: |\n      trim(name) +\n        nope\n", "m.seam.yaml:10:9: expression: unknown name nope"},
		// Literal arguments that would fail on every row (transform.CheckProgram).
		{"unknown lookup table", "  - target: name\n    expr: lookup(\"nolookup\", name)\n", `m.seam.yaml:8:18: expression: lookup: no lookup table "nolookup" in the mapping`},
		{"unknown lookup table, multi-line", "  - target: name\n    expr: |\n      upper(name) +\n        lookup(\"nope\", code)\n", `m.seam.yaml:10:16: expression: lookup: no lookup table "nope"`},
		{"unknown lookup table on the VM path", "  - target: name\n    expr: 'is_absent(name) ? \"\" : lookup(\"nope\", name)'\n", `lookup: no lookup table "nope"`},
		{"bad regex", "  - target: name\n    expr: regex_replace(name, \"(\", \"x\")\n", "m.seam.yaml:8:31: expression: regex_replace:"},
		{"unknown zone", "  - target: name\n    expr: to_zone(parse_datetime(name), \"Mars/Base\")\n", "m.seam.yaml:8:41: expression: to_zone:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, head+tt.rules)
			p, ds := Compile(m, src, dst)
			if p != nil || !ds.HasErrors() {
				t.Fatalf("compiled; diagnostics %v", ds)
			}
			pos, msg := "", tt.want
			if strings.HasPrefix(tt.want, "m.seam.yaml:") {
				pos, msg, _ = strings.Cut(tt.want, ": ")
			}
			if !strings.Contains(ds.Error(), pos+": ") || !strings.Contains(ds.Error(), msg) {
				t.Fatalf("diagnostics:\n%v\nwant %q", ds, tt.want)
			}
		})
	}
}

func TestCompileLimits(t *testing.T) {
	src, dst := testSchemas()
	long := strings.Repeat("name + ", 3000) + "name"
	m := &mapping.Mapping{Rules: []*mapping.Rule{{Target: "name", Expr: long}}}
	if p, ds := Compile(m, src, dst); p != nil || !strings.Contains(ds.Error(), "characters long") {
		t.Fatalf("long expression: %v", ds)
	}
	big := strings.Repeat("name + ", 1200) + "name"
	m = &mapping.Mapping{Rules: []*mapping.Rule{{Target: "name", Expr: big}}}
	if p, ds := Compile(m, src, dst); p != nil || !strings.Contains(ds.Error(), "node") {
		t.Fatalf("big expression: %v", ds)
	}
}

func TestDriftWarning(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, "seam: 1\nsource: {schema: s.csv, fingerprint: \"sha256:old\"}\ntarget: {schema: t.csv}\nrules:\n  - {target: id, from: [id]}\n")
	p, ds := Compile(m, src, dst)
	if p == nil || len(ds) != 1 || ds[0].Severity != diag.Warn || !strings.Contains(ds[0].Summary, "drift") {
		t.Fatalf("%v", ds)
	}
	if len(p.Diagnostics()) != 1 {
		t.Fatal("Program.Diagnostics lost the warning")
	}
	m.SetFingerprints(src, dst)
	if _, ds := Compile(m, src, dst); len(ds) != 0 {
		t.Fatalf("after SetFingerprints: %v", ds)
	}
}

func rec(kv ...any) *value.Record {
	r := &value.Record{}
	for i := 0; i < len(kv); i += 2 {
		var v value.Value
		switch x := kv[i+1].(type) {
		case string:
			v = value.Str(x)
		case int:
			v = value.IntV(int64(x))
		case nil:
			v = value.NullV()
		case value.Value:
			v = x
		}
		r.Keys = append(r.Keys, kv[i].(string))
		r.Vals = append(r.Vals, v)
	}
	return r
}

func TestApply(t *testing.T) {
	src, dst := testSchemas()
	type want struct {
		target, text string
		kind         value.Kind
	}
	tests := []struct {
		name     string
		rules    string
		in       *value.Record
		out      []want
		errKind  kind.Kind
		rejected bool
	}{
		{"cast int", "  - {target: id, from: [id]}\n", rec("id", "42"), []want{{"id", "42", value.Int}}, "", false},
		{"cast int fails", "  - {target: id, from: [id]}\n", rec("id", "4x"), nil, kind.CoercionFailure, true},
		{"empty into required int", "  - {target: id, from: [id]}\n", rec("id", ""), nil, kind.CoercionFailure, true},
		{"absent into required", "  - {target: id, from: [id]}\n", rec("name", "x"), nil, kind.NullIntoRequired, true},
		{"date layout from format", "  - {target: when, from: [day]}\n", rec("day", "31.12.2024"), []want{{"when", "2024-12-31", value.Date}}, "", false},
		{"bad date", "  - {target: when, from: [day]}\n", rec("day", "31.02.2024"), nil, kind.CoercionFailure, true},
		{"empty into nullable date", "  - {target: when, from: [day]}\n", rec("day", ""), []want{{"when", "", value.Null}}, "", false},
		{"null into nullable", "  - {target: email, from: [email]}\n", rec("email", nil), []want{{"email", "", value.Null}}, "", false},
		{"absent into optional", "  - {target: status, from: [code]}\n", rec("id", "1"), []want{{"status", "", value.Absent}}, "", false},
		{"null into optional non-nullable", "  - {target: status, from: [code]}\n", rec("code", nil), []want{{"status", "", value.Absent}}, "", false},
		{"bool", "  - {target: ok, from: [flag]}\n", rec("flag", "Yes"), []want{{"ok", "true", value.Bool}}, "", false},
		{"uuid", "  - {target: uid, from: [code]}\n", rec("code", "6BA7B810-9DAD-11D1-80B4-00C04FD430C8"), []want{{"uid", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", value.String}}, "", false},
		{"bad uuid", "  - {target: uid, from: [code]}\n", rec("code", "nope"), nil, kind.CoercionFailure, true},
		{"decimal exact", "  - {target: total, expr: to_decimal(cents) / 100}\n", rec("cents", "1999"), []want{{"total", "19.99", value.Decimal}}, "", false},
		{"decimal from typed source", "  - {target: total, expr: price * 3}\n", rec("price", "19.99"), []want{{"total", "59.97", value.Decimal}}, "", false},
		{"bad typed source", "  - {target: total, expr: price * 3}\n", rec("price", "abc"), nil, kind.CoercionFailure, true},
		{"pipe", "  - {target: name, expr: name | trim() | lower()}\n", rec("name", "  Ada LOVELACE "), []want{{"name", "ada lovelace", value.String}}, "", false},
		{"lookup", "  - {target: status, expr: 'lookup(\"st\", code)'}\n", rec("code", "S"), []want{{"status", "shipped", value.String}}, "", false},
		{"lookup miss", "  - {target: status, expr: 'lookup(\"st\", code)'}\n", rec("code", "X"), nil, kind.LookupMiss, true},
		{"lookup miss null", "  - {target: status, expr: 'lookup(\"st\", code)', on_error: null}\n", rec("code", "X"), []want{{"status", "", value.Null}}, kind.LookupMiss, false},
		{"on_error default", "  - {target: id, from: [id], on_error: default(-1)}\n", rec("id", "x"), []want{{"id", "-1", value.Int}}, kind.CoercionFailure, false},
		{"on_error keep", "  - {target: status, expr: 'lookup(\"st\", code)', on_error: keep}\n", rec("code", "Q"), nil, kind.LookupMiss, false},
		{"on_error null into required", "  - {target: id, from: [id], on_error: null}\n", rec("id", "x"), nil, kind.CoercionFailure, true},
		{"nested target", "  - {target: customer.city, expr: upper(name)}\n  - {target: customer.tier, from: [n]}\n", rec("name", "oslo", "n", 3),
			[]want{{"customer", "", value.Object}}, "", false},
		{"vm path", "  - {target: name, expr: 'name in [\"a\", \"b\"] ? \"short\" : name'}\n", rec("name", "a"), []want{{"name", "short", value.String}}, "", false},
		{"vm is_absent", "  - {target: name, expr: 'is_absent(email) ? \"none\" : \"some\"'}\n", rec("name", "a"), []want{{"name", "none", value.String}}, "", false},
		{"vm nested source", "  - {target: status, expr: addr.city}\n", rec("addr", value.Value{K: value.Object, Obj: rec("city", "Rome")}), []want{{"status", "Rome", value.String}}, "", false},
		{"expr result cast", "  - {target: id, expr: trim(name)}\n", rec("name", " 7 "), []want{{"id", "7", value.Int}}, "", false},
		{"string + null", "  - {target: name, expr: name + email}\n", rec("name", "a", "email", nil), nil, kind.CoercionFailure, true},
		{"coalesce", "  - {target: name, expr: 'email ?? name'}\n", rec("name", "a", "email", nil), []want{{"name", "a", value.String}}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, head+tt.rules)
			p, ds := Compile(m, src, dst)
			if p == nil {
				t.Fatal(ds)
			}
			res := p.NewExec().Apply(tt.in)
			if res.Rejected != tt.rejected {
				t.Fatalf("rejected = %v, errors %+v", res.Rejected, res.Errors)
			}
			if tt.errKind == "" && len(res.Errors) > 0 {
				t.Fatalf("errors %+v", res.Errors)
			}
			if tt.errKind != "" && (len(res.Errors) != 1 || res.Errors[0].Kind != tt.errKind || res.Errors[0].Reason == "") {
				t.Fatalf("errors %+v, want one %s", res.Errors, tt.errKind)
			}
			for _, w := range tt.out {
				v := res.Out.Get(w.target)
				if v.K != w.kind || (w.text != "" && v.Text() != w.text) {
					t.Errorf("%s = %#v (%q), want %s %q", w.target, v, v.Text(), w.kind, w.text)
				}
			}
		})
	}
}

func TestNestedOutputJSON(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: customer.city, expr: upper(name)}\n  - {target: id, from: [id]}\n")
	p, _ := Compile(m, src, dst)
	res := p.NewExec().Apply(rec("id", "1", "name", "oslo"))
	b, _ := res.Out.MarshalJSON()
	if string(b) != `{"id":1,"customer":{"city":"OSLO"}}` {
		t.Fatalf("%s", b)
	}
	if got := strings.Join(p.TargetKeys(), ","); got != "id,name,email,total,when,ok,uid,status,customer.city,customer.tier" {
		t.Fatalf("TargetKeys = %s", got)
	}
}

func TestKeepWritesSource(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: status, from: [code], expr: 'lookup(\"st\", code)', on_error: keep}\n")
	p, _ := Compile(m, src, dst)
	res := p.NewExec().Apply(rec("code", "Q"))
	if v := res.Out.Get("status"); v.S != "Q" || res.Rejected || res.Errors[0].Action != mapping.OnErrorKeep {
		t.Fatalf("%+v %+v", v, res)
	}
}

func TestCompileRuleEval(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - {target: name, expr: upper(name), status: suggested}\n")
	rp, ds := CompileRule(m, m.Rules[0], src, dst)
	if rp == nil {
		t.Fatal(ds)
	}
	v, rerr := rp.Eval(rec("name", "ada"))
	if rerr != nil || v.S != "ADA" {
		t.Fatalf("%v %v", v, rerr)
	}
	m2 := mustParse(t, head+"  - {target: customer.tier, from: [cents]}\n")
	rp, _ = CompileRule(m2, m2.Rules[0], src, dst)
	v, rerr = rp.Eval(rec("cents", "12"))
	if rerr != nil || v.I != 12 {
		t.Fatalf("nested: %v %v", v, rerr)
	}
	_, rerr = rp.Eval(rec("cents", "x"))
	if rerr == nil || rerr.Kind != kind.CoercionFailure {
		t.Fatalf("want a coercion failure, got %v", rerr)
	}
	bad := &mapping.Rule{Target: "name", Expr: "name +"}
	if rp, ds := CompileRule(m, bad, src, dst); rp != nil || !ds.HasErrors() {
		t.Fatal("syntax error compiled")
	}
}

// TestIgnoreTargetUnknown: an ignore_target entry that is no field of
// the target is a warning naming it; a field of the target is none.
func TestIgnoreTargetUnknown(t *testing.T) {
	src, dst := testSchemas()
	m := mustParse(t, head+"  - target: id\n    from: [id]\nignore_target: [name, nmae]\n") //nolint:misspell // a typo on purpose
	p, ds := Compile(m, src, dst)
	if p == nil {
		t.Fatalf("did not compile: %v", ds)
	}
	var warns []string
	for _, d := range ds {
		if strings.Contains(d.Summary, "ignore_target") {
			warns = append(warns, d.Summary)
		}
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "ignore_target names nmae, which is not a field of the target schema dst") { //nolint:misspell // a typo on purpose
		t.Fatalf("warnings %v", warns)
	}
}
