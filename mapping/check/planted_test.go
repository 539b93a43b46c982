package check

import (
	"fmt"
	"github.com/seamhq/seam/mapping/engine"
	"strings"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

type row struct {
	in, out *value.Record
	errs    []engine.RowError
	labels  map[string]string
}

type planted struct {
	kind     kind.Kind
	src, dst *schema.Schema
	m        *mapping.Mapping
	rows     []row
	// want: substrings the finding's message or why must contain.
	want []string
	// target the finding must name ("" = any).
	target string
}

var nyc = time.FixedZone("-05:00", -5*3600)

func plantedCases() []planted {
	tz := time.Date(2024, 3, 9, 22, 30, 0, 0, nyc)
	idRows := func(vals ...any) []row {
		var rs []row
		for _, v := range vals {
			rs = append(rs, row{in: rec("id", v), out: rec("id", v)})
		}
		return rs
	}
	manyRows := func(n int) []row {
		var rs []row
		for i := 0; i < n; i++ {
			rs = append(rs, row{in: rec("status", fmt.Sprintf("s%d", i)), out: rec("status", "x")})
		}
		return rs
	}
	cur := M(R("price", "", "price.amount"))
	return []planted{
		// ---- static
		{kind: kind.UnmappedRequired, src: S("s", F("id", schema.Integer, req)), dst: S("d", F("id", schema.Integer, req), F("name", schema.String, req)),
			m: M(R("id", "", "id")), target: "name"},
		{kind: kind.DroppedSource, src: S("s", F("id", schema.Integer), F("score", schema.Integer)), dst: S("d", F("id", schema.Integer)),
			m: M(R("id", "", "id")), want: []string{"score"}},
		{kind: kind.UnknownField, src: S("s", F("mobilephone", schema.String)), dst: S("d", F("MobilePhone", schema.String)),
			m: M(R("MobilePhone", "", "mobilePhone")), want: []string{"did you mean mobilephone"}},
		{kind: kind.TypeIncompatible, src: S("s", F("flag", schema.Boolean)), dst: S("d", F("when", schema.Date)),
			m: M(R("when", "", "flag")), target: "when"},
		{kind: kind.Narrowing, src: S("s", F("city", schema.String, maxlen(60))), dst: S("d", F("city", schema.String, maxlen(15))),
			m: M(R("city", "", "city")), want: []string{"60", "15"}},
		{kind: kind.Narrowing, src: S("s", F("qty", schema.Integer, bits(64))), dst: S("d", F("qty", schema.Integer, bits(16))),
			m: M(R("qty", "", "qty")), want: []string{"integer(64) source into integer(16)", "32767"}},
		{kind: kind.Narrowing, src: S("s", F("rate", schema.Decimal, prec(12, 4))), dst: S("d", F("rate", schema.Decimal, prec(12, 2))),
			m: M(R("rate", "", "rate")), want: []string{"scale 4 into scale 2"}},
		{kind: kind.Narrowing, src: S("s", F("total", schema.Decimal, prec(18, 2))), dst: S("d", F("total", schema.Decimal, prec(10, 2))),
			m: M(R("total", "", "total")), want: []string{"16 integer digits into 8"}},
		{kind: kind.NullableIntoRequired, src: S("s", F("last", schema.String, null)), dst: S("d", F("last", schema.String, req)),
			m: M(R("last", "", "last"))},
		{kind: kind.EnumUncovered, src: S("s", F("status", schema.Enum, enum("P", "S", "C", "X"))), dst: S("d", F("status", schema.Enum, enum("P", "S", "C"))),
			m: M(R("status", "", "status")), want: []string{"X"}},
		{kind: kind.NameSemantics, src: S("s", F("order_total", schema.Decimal)), dst: S("d", F("subtotal", schema.Decimal)),
			m: M(R("subtotal", "", "order_total")), want: []string{"total", "subtotal"}},
		{kind: kind.UnitMismatch, src: S("s", F("amount_cents", schema.Integer)), dst: S("d", F("total", schema.Decimal, prec(10, 2))),
			m: M(R("total", "", "amount_cents")), want: []string{"cents"}},
		{kind: kind.TimezoneLoss, src: S("s", F("placed_at", schema.TimestampTZ)), dst: S("d", F("placed_on", schema.Date)),
			m: M(R("placed_on", "", "placed_at"))},
		{kind: kind.Collision, src: S("s", F("notes", schema.String), F("details", schema.String)), dst: S("d", F("description", schema.String)),
			m: M(R("description", "", "notes"), R("description", "", "details")), want: []string{"2 rules"}},
		{kind: kind.Drift, src: S("s", F("id", schema.Integer)), dst: S("d", F("id", schema.Integer)),
			m: func() *mapping.Mapping {
				m := M(R("id", "", "id"))
				m.Source = mapping.SchemaRef{Schema: "s.json", Fingerprint: "sha256:0000"}
				return m
			}(), target: "s.json"},
		{kind: kind.Polarity, src: S("s", F("active", schema.Boolean)), dst: S("d", F("is_deleted", schema.Boolean)),
			m: M(R("is_deleted", "", "active")), want: []string{"active", "deleted"}},
		{kind: kind.CodeSystem, src: S("s", F("country", schema.String)), dst: S("d", F("country", schema.String)),
			m: M(R("country", "upper(substr(country, 0, 2))")), want: []string{"Germany -> GE", "substr to 2"}},
		{kind: kind.CodeSystem, src: S("s", F("country", schema.String, desc("Two-letter country code (ISO 3166-1 alpha-2)."))), dst: S("d", F("billing_country", schema.String, maxlen(40))),
			m: M(R("billing_country", "", "country")), want: []string{"ISO 3166-1 alpha-2", "holds names"}},
		{kind: kind.CodeAsNumber, src: S("s", F("zip", schema.String)), dst: S("d", F("zip", schema.Integer)),
			m: M(R("zip", "", "zip"))},
		{kind: kind.LookupMiss, src: S("s", F("organization_id", schema.Integer)), dst: S("d", F("account_id", schema.String, refs("accounts.id"))),
			m: M(R("account_id", "", "organization_id"))},
		{kind: kind.ReadonlyTarget, src: S("s", F("created", schema.Timestamp)), dst: S("d", F("created", schema.Timestamp, ro)),
			m: M(R("created", "", "created"))},
		{kind: kind.IdentityMisuse, src: S("s", F("id", schema.Integer)), dst: S("d", F("id", schema.Integer, pk, gen)),
			m: M(R("id", "", "id"))},
		{kind: kind.CurrencyDropped, src: S("s", F("price.amount", schema.Decimal), F("price.currency", schema.String)), dst: S("d", F("price", schema.Decimal)),
			m: cur, want: []string{"price.currency"}},
		{kind: kind.FloatMoney, src: S("s", F("price", schema.Float)), dst: S("d", F("price", schema.Decimal)),
			m: M(R("price", "", "price"))},
		{kind: kind.SensitiveData, src: S("s", F("ssn", schema.String)), dst: S("d", F("notes", schema.String)),
			m: M(R("notes", "", "ssn"))},
		{kind: kind.Cardinality, src: S("s", F("tags", schema.Array)), dst: S("d", F("tag", schema.String)),
			m: M(R("tag", "", "tags"))},
		{kind: kind.Split, src: S("s", F("name", schema.String)), dst: S("d", F("first_name", schema.String), F("last_name", schema.String)),
			m: M(R("first_name", "first_name(name)", "name"), R("last_name", "last_name(name)", "name"))},
		{kind: kind.EncodingLoss, src: S("s", F("name", schema.String)), dst: S("d", F("name", schema.String, charset("latin1"))),
			m: M(R("name", "", "name"))},
		{kind: kind.PrecisionLoss, src: S("s", F("qty", schema.Decimal)), dst: S("d", F("qty", schema.Float)),
			m: M(R("qty", "", "qty"))},
		// ---- data
		{kind: kind.CoercionFailure, src: S("s", F("n", schema.String)), dst: S("d", F("n", schema.Integer)), m: M(R("n", "to_int(n)", "n")),
			rows: []row{{in: rec("n", "12a"), errs: []engine.RowError{{Target: "n", Kind: kind.CoercionFailure, Reason: `"12a" is not an integer`, Value: value.Str("12a")}}}}},
		{kind: kind.ValueTooLarge, src: S("s", F("n", schema.String)), dst: S("d", F("n", schema.String)), m: M(R("n", "n + n", "n")),
			rows: []row{{in: rec("n", "x"), errs: []engine.RowError{{Target: "n", Kind: kind.ValueTooLarge, Reason: "rule n: a value grew beyond 16 MiB (+ would make 16777218 bytes)", Value: value.Str("x")}}}},
			want: []string{"grew beyond 16 MiB"}},
		{kind: kind.MalformedRow, src: S("s", F("n", schema.String)), dst: S("d", F("n", schema.String)), m: M(R("n", "", "n")),
			rows: []row{{in: rec("n", "x", "_extra1", "y"), errs: []engine.RowError{{Kind: kind.MalformedRow, Reason: "2 fields where the header has 1 (a ragged row)"}}}},
			want: []string{"1 row of the input could not be read", "a ragged row"}},
		{kind: kind.Truncation, src: S("s", F("city", schema.String)), dst: S("d", F("city", schema.String, maxlen(15))), m: M(R("city", "", "city")),
			rows: []row{{in: rec("city", "São José dos Campos"), out: rec("city", "São José dos Campos"), labels: map[string]string{"city": "string.over_max_length"}}},
			want: []string{"19 characters, 21 UTF-8 bytes"}},
		{kind: kind.Truncation, src: S("s", F("first", schema.String)),
			dst: func() *schema.Schema {
				d := S("salesforce-contact", F("FirstName", schema.String, desc("The contact's first name up to 40 characters.")), F("Id", schema.String), F("SystemModstamp", schema.TimestampTZ))
				return d
			}(), m: M(R("FirstName", "", "first")),
			rows: []row{{in: rec("first", strings.Repeat("👍", 21)), out: rec("FirstName", strings.Repeat("👍", 21))}},
			want: []string{"21 characters, 84 UTF-8 bytes, 42 UTF-16 units", "limit: 40 UTF-16 units"}},
		{kind: kind.EncodingLoss, src: S("s", F("name", schema.String)), dst: S("d", F("name", schema.String, charset("ascii"))), m: M(R("name", "", "name")),
			rows: []row{{in: rec("name", "Zoë"), out: rec("name", "Zoë")}}, want: []string{"U+00EB"}},
		{kind: kind.PrecisionLoss, src: S("s", F("total", schema.Decimal)), dst: S("d", F("total", schema.Decimal, prec(10, 2))), m: M(R("total", "", "total")),
			rows: []row{{in: rec("total", dec("19.995")), out: rec("total", dec("20.00"))}}},
		{kind: kind.RangeViolation, src: S("s", F("qty", schema.Integer)), dst: S("d", F("qty", schema.Integer, minv(0))), m: M(R("qty", "", "qty")),
			rows: []row{{in: rec("qty", -3), out: rec("qty", -3)}}},
		{kind: kind.PatternViolation, src: S("s", F("code", schema.String)), dst: S("d", F("code", schema.String, pattern(`^[A-Z]{3}$`))), m: M(R("code", "", "code")),
			rows: []row{{in: rec("code", "ab"), out: rec("code", "ab")}}},
		{kind: kind.FormatViolation, src: S("s", F("email", schema.String)), dst: S("d", F("email", schema.String, format("email"))), m: M(R("email", "", "email")),
			rows: []row{{in: rec("email", "john@"), out: rec("email", "john@")}}},
		{kind: kind.EnumViolation, src: S("s", F("status", schema.String)), dst: S("d", F("status", schema.Enum, enum("open", "closed"))), m: M(R("status", "", "status")),
			rows: []row{{in: rec("status", "Open"), out: rec("status", "Open")}}, want: []string{"only by case"}},
		{kind: kind.NullIntoRequired, src: S("s", F("name", schema.String)), dst: S("d", F("name", schema.String, req)), m: M(R("name", "trim(name)", "name")),
			rows: []row{{in: rec("name", nil), out: rec("name", nil)}}},
		// The same null, but the source declares the field required and
		// not nullable: the source broke its own schema.
		{kind: kind.ContractViolation, src: S("s", F("name", schema.String, req)), dst: S("d", F("name", schema.String, req)), m: M(R("name", "trim(name)", "name")),
			rows: []row{{in: rec("name", nil), out: rec("name", nil), labels: map[string]string{"name": "presence.null"}}}, want: []string{"source problem", "required and not nullable", "presence.null"}},
		{kind: kind.ContractViolation, src: S("s", F("n", schema.Integer)), dst: S("d", F("n", schema.Integer)), m: M(R("n", "", "n")),
			rows: []row{{in: rec("n", "12a"), errs: []engine.RowError{{Target: "n", Kind: kind.CoercionFailure, Reason: `"12a" is not an integer`, Value: value.Str("12a")}}}}, want: []string{`text "12a" where the schema declares integer`}},
		{kind: kind.DuplicateKey, src: S("s", F("id", schema.Integer)), dst: S("d", F("id", schema.Integer, pk)), m: M(R("id", "", "id")),
			rows: idRows(1, 2, 2)},
		{kind: kind.LookupMiss, src: S("s", F("code", schema.String)), dst: S("d", F("status", schema.String)), m: M(R("status", `lookup("status", code)`, "code")),
			rows: []row{{in: rec("code", "Z"), errs: []engine.RowError{{Target: "status", Kind: kind.LookupMiss, Rule: R("status", `lookup("status", code)`, "code"), Value: value.Str("Z")}}}},
			want: []string{"unmapped values: Z"}},
		{kind: kind.EmptyVsNull, src: S("s", F("phone", schema.String)), dst: S("d", F("phone", schema.String, null)), m: M(R("phone", "", "phone")),
			rows: []row{{in: rec("phone", ""), out: rec("phone", "")}}},
		{kind: kind.InvariantBroken, src: S("s", F("ordered", schema.Date), F("shipped", schema.TimestampTZ)),
			dst: S("d", F("order_date", schema.Date), F("shipped_date", schema.Date)),
			m:   M(R("order_date", "", "ordered"), R("shipped_date", "to_date(shipped)", "shipped")),
			rows: []row{{in: rec("ordered", value.TimeV(value.Date, time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)), "shipped", time.Date(2024, 1, 5, 1, 0, 0, 0, time.FixedZone("+09:00", 9*3600))),
				out: rec("order_date", value.TimeV(value.Date, time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)), "shipped_date", value.TimeV(value.Date, time.Date(2024, 1, 4, 0, 0, 0, 0, time.UTC)))}}},
		{kind: kind.DistributionShift, src: S("s", F("status", schema.String)), dst: S("d", F("status", schema.String)), m: M(R("status", `"x"`, "status")),
			rows: manyRows(25)},
		{kind: kind.TimezoneLoss, src: S("s", F("at", schema.String)), dst: S("d", F("day", schema.String)), m: M(R("day", "to_date(at)", "at")),
			rows: []row{{in: rec("at", tz), out: rec("day", value.TimeV(value.Date, time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC)))}}, want: []string{"UTC date 2024-03-10"}},
		{kind: kind.UnitMismatch, src: S("s", F("ts", schema.Integer)), dst: S("d", F("ts", schema.TimestampTZ)), m: M(R("ts", "from_unix(ts)", "ts")),
			rows: []row{{in: rec("ts", int64(1710000000000)), out: rec("ts", value.TimeV(value.TimestampTZ, time.Unix(1710000000000, 0).UTC()))}}, want: []string{"13 digits"}},
		{kind: kind.CodeAsNumber, src: S("s", F("ref", schema.String)), dst: S("d", F("ref", schema.Integer)), m: M(R("ref", "to_int(ref)", "ref")),
			rows: []row{{in: rec("ref", "02119"), out: rec("ref", 2119)}}, want: []string{`"02119" became 2119`}},
		{kind: kind.Collision, src: S("s", F("notes", schema.String), F("details", schema.String)), dst: S("d", F("description", schema.String)),
			m:    M(R("description", "notes ?? details", "notes", "details")),
			rows: []row{{in: rec("notes", "a", "details", "b"), out: rec("description", "a")}}},
		{kind: kind.EncodingLoss, src: S("s", F("name", schema.String)), dst: S("d", F("name", schema.String, charset("latin1"))), m: M(R("name", "", "name")),
			rows: []row{{in: rec("name", "Łódź"), out: rec("name", "Łódź")}}, want: []string{"U+0141"}},
		{kind: kind.UnitMismatch, src: S("s", F("amount_cents", schema.Integer)), dst: S("d", F("total", schema.Decimal, prec(10, 2))), m: M(R("total", "", "amount_cents")),
			rows: func() []row {
				var rs []row
				for i := 1; i <= 6; i++ {
					rs = append(rs, row{in: rec("amount_cents", 1999*i), out: rec("total", dec(fmt.Sprint(1999*i)))})
				}
				return rs
			}(), want: []string{"1999 stays 1999"}},
		{kind: kind.CurrencyDropped, src: S("s", F("total", schema.Decimal), F("currency", schema.String)), dst: S("d", F("total", schema.Decimal)), m: M(R("total", "", "total")),
			rows: []row{{in: rec("total", dec("10.00"), "currency", "USD"), out: rec("total", dec("10.00"))},
				{in: rec("total", dec("5.00"), "currency", "USD"), out: rec("total", dec("5.00"))},
				{in: rec("total", dec("500"), "currency", "JPY"), out: rec("total", dec("500"))}},
			want: []string{"2 currencies", "USD 2, JPY 1"}},
		{kind: kind.Polarity, src: S("s", F("active", schema.Boolean)), dst: S("d", F("is_deleted", schema.Boolean)), m: M(R("is_deleted", "", "active")),
			rows: []row{{in: rec("active", true), out: rec("is_deleted", true)}}, want: []string{"without negation"}},
	}
}

// TestPlanted plants exactly one mismatch per case and asserts its kind
// fires: every kind of SPEC.md's table (and the two added) appears.
func TestPlanted(t *testing.T) {
	covered := map[kind.Kind]bool{}
	for i, tc := range plantedCases() {
		name := fmt.Sprintf("%02d_%s", i, tc.kind)
		if len(tc.rows) > 0 {
			name += "_data"
		}
		t.Run(name, func(t *testing.T) {
			var fs []Finding
			if len(tc.rows) == 0 {
				fs = Static(tc.m, tc.src, tc.dst)
			} else {
				d := NewDataFor(tc.m, tc.src, tc.dst, DataOptions{})
				for i, r := range tc.rows {
					d.ObserveOut(int64(i+1), r.in, r.out, r.errs, r.labels)
				}
				fs = d.Findings()
				if f := find(fs, kind.MalformedRow); f != nil && (f.Target != "" || f.Rule != "" || len(f.Examples) == 0 || len(f.Examples[0].Source) != 2) {
					t.Errorf("malformed_row names a target or rule, or shows no fields: %+v", f)
				}
				for _, f := range fs {
					if f.Count == 0 || len(f.Examples) == 0 && f.Kind != kind.DistributionShift {
						t.Errorf("data finding %s has count %d, %d examples", f.Kind, f.Count, len(f.Examples))
					}
				}
			}
			f := find(fs, tc.kind)
			if f == nil {
				logFindings(t, fs)
				t.Fatalf("kind %s did not fire", tc.kind)
			}
			covered[tc.kind] = true
			if tc.target != "" && f.Target != tc.target {
				t.Errorf("target = %q, want %q", f.Target, tc.target)
			}
			text := f.Message + " | " + strings.Join(f.Why, " | ")
			for _, e := range f.Examples {
				text += " | " + e.Reason + " | " + e.EdgeCase
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("finding text lacks %q:\n%s", w, text)
				}
			}
			if (f.Detector == "" || !strings.HasPrefix(f.Detector, "D")) && f.Kind != kind.ValueTooLarge && f.Kind != kind.MalformedRow && f.Kind != kind.ContractViolation {
				t.Errorf("detector id missing: %+v", f)
			}
			if len(tc.rows) == 0 && len(f.Why) == 0 {
				t.Errorf("static finding %s says no why", f.Kind)
			}
		})
	}
	for _, k := range kind.All() {
		if !covered[k.Kind] && k.Kind != kind.CompileError && k.Kind != kind.ParentRejected {
			t.Errorf("no planted case for kind %s", k.Kind)
		}
	}
}

func TestTruncationEdgeCaseLabel(t *testing.T) {
	tc := plantedCases()
	for _, c := range tc {
		if c.kind != kind.Truncation || c.rows[0].labels == nil {
			continue
		}
		d := NewDataFor(c.m, c.src, c.dst, DataOptions{})
		d.ObserveOut(17, c.rows[0].in, c.rows[0].out, nil, c.rows[0].labels)
		f := find(d.Findings(), kind.Truncation)
		if f == nil || len(f.Examples) != 1 {
			t.Fatalf("no truncation example")
		}
		e := f.Examples[0]
		if e.Row != 17 || e.EdgeCase != "string.over_max_length" || e.Source[0].Name != "city" || e.Target.S != "São José dos Campos" {
			t.Errorf("example = %+v", e)
		}
		if f.Severity != diag.Error {
			t.Errorf("severity = %v", f.Severity)
		}
	}
}
