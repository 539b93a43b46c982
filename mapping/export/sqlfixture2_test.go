package export

import (
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// exprCase is one rule of the expression coverage mapping.
type exprCase struct {
	target string
	typ    schema.Type
	expr   string
	onErr  string
}

var exprCases = []exprCase{
	{"sum_dec", schema.Decimal, "to_decimal(amount) + to_int(qty)", "null"},
	{"mul_dec", schema.Decimal, "to_decimal(amount) * 2", "null"},
	{"sub_int", schema.Integer, "to_int(qty) - 1", "null"},
	{"div_dec", schema.Decimal, "to_decimal(amount) / to_int(qty)", "null"},
	{"div_dec3", schema.Decimal, "to_decimal(amount) / 3", "null"},
	{"ratio", schema.Float, "to_int(qty) / 4", "null"},
	{"cmp", schema.Boolean, "to_int(qty) > 2", "null"},
	{"eq", schema.Boolean, `status == "P"`, "null"},
	{"ne_null", schema.Boolean, `note != nil`, "null"},
	{"eq_dec", schema.Boolean, `to_decimal(amount) == 5`, "null"},
	{"ne_dec", schema.Boolean, `to_decimal(amount) != to_decimal(qty)`, "null"},
	{"tern", schema.String, `to_int(qty) > 2 ? "many" : "few"`, "null"},
	{"coal", schema.String, `coalesce(note, first, "none")`, ""},
	{"repl", schema.String, `replace(email, "@", " at ")`, ""},
	{"padr", schema.String, `pad_right(code, 6, "*")`, ""},
	{"lt", schema.String, `ltrim(first)`, ""},
	{"rt", schema.String, `rtrim(first)`, ""},
	{"ln", schema.Integer, `len(first)`, ""},
	{"cents", schema.Decimal, `cents_to_units(amount)`, "null"},
	{"fl", schema.Float, `to_float(amount)`, "null"},
	{"absd", schema.Decimal, `abs(to_decimal(amount))`, "null"},
	{"isn", schema.Boolean, `is_null(note)`, ""},
	{"ise", schema.Boolean, `is_empty(note)`, ""},
	{"nie", schema.String, `null_if_empty(note)`, ""},
	{"qq", schema.String, `note ?? "dflt"`, ""},
	{"qq_int", schema.Integer, `to_int(id) ?? to_int(qty)`, "null"},
	{"mod", schema.Integer, `to_int(qty) % 2`, "null"},
	{"and_eq", schema.Boolean, `to_int(qty) > 0 and status == "P"`, "null"},
	{"andor", schema.Boolean, `to_int(qty) > 0 and to_int(qty) < 5 or is_null(qty)`, "null"},
	{"rnd", schema.Decimal, `round(to_decimal(amount), 1)`, "null"},
	{"tdp", schema.Decimal, `to_decimal(amount, 2)`, "null"},
	{"sub", schema.String, `substr(email, 2)`, ""},
	{"sub2", schema.String, `substr(email, 1, 3)`, ""},
	{"tostr", schema.String, `to_string(to_int(qty))`, "null"},
	{"strplus", schema.String, `first + last`, "null"},
	{"neg", schema.Boolean, `negate(to_bool(flag))`, "null"},
	{"notb", schema.Boolean, `not to_bool(flag)`, "null"},
	{"upd", schema.String, `upper(default(note, "x"))`, ""},
	{"fmt", schema.String, `format_date(parse_date(born, "DD.MM.YYYY"), "02/01/2006")`, "null"},
	{"ymd", schema.Date, `parse_date(born, "02.01.2006")`, "null"},
	{"lk_int", schema.String, `lookup("n", to_int(qty), "?")`, "null"},
	{"bool_int", schema.Integer, `to_int(to_bool(flag))`, "null"},
	{"fl_qty", schema.Float, `to_float(qty)`, "null"},
	{"ts_s", schema.Timestamp, `parse_datetime(id, "epoch_s")`, "null"},
	{"ts_ms", schema.Timestamp, `parse_datetime(amount, "epoch_ms")`, "null"},
	{"d_s", schema.Date, `parse_date(id, "epoch_s")`, "null"},
	{"d_ms_int", schema.Date, `parse_date(to_int(qty) * 86400000, "epoch_ms")`, "null"},
	{"int_amt", schema.Integer, `to_int(amount)`, "null"},
	{"dec_qty", schema.Decimal, `to_decimal(qty)`, "null"},
	{"bool_qty", schema.Boolean, `to_bool(qty)`, "null"},
	{"pd_iso", schema.Date, `parse_date(day)`, "null"},
	{"pd_iso2", schema.Date, `parse_date(day, "ISO")`, "null"},
	{"pd_ymd", schema.Date, `parse_date(day, "YYYY-MM-DD")`, "null"},
}

// exprMapping is a mapping with one rule per exprCase, all into nullable
// targets, so every expression is compared on every row.
func exprMapping() (*mapping.Mapping, *schema.Schema) {
	m := &mapping.Mapping{Seam: 1, Name: "exprs", Lookups: []*mapping.Lookup{
		{Name: "n", Entries: []mapping.LookupEntry{{Key: "3", Value: "three"}, {Key: "-2", Value: "minus two"}}},
	}, Rules: []*mapping.Rule{{Target: "rowno", From: []string{"rowno"}}}}
	dst := &schema.Schema{Name: "exprs", File: "exprs.json", Fields: []*schema.Field{{Path: "rowno", Name: "rowno", Type: schema.Integer, Required: true}}}
	for _, c := range exprCases {
		m.Rules = append(m.Rules, &mapping.Rule{Target: c.target, From: []string{"id"}, Expr: c.expr, OnError: c.onErr})
		dst.Fields = append(dst.Fields, &schema.Field{Path: c.target, Name: c.target, Type: c.typ, Nullable: true})
	}
	dst.Reindex()
	return m, dst
}
