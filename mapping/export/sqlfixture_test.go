package export

import (
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// diffSource is an all-string source, as a CSV file gives it.
func diffSource() *schema.Schema {
	var fs []*schema.Field
	for _, n := range []string{"id", "amount", "qty", "status", "first", "last", "email", "born", "code", "note", "flag"} {
		fs = append(fs, &schema.Field{Path: n, Name: n, Type: schema.String})
	}
	s := &schema.Schema{Name: "orders", File: "orders.csv", Format: "csv", Fields: fs}
	s.Reindex()
	return s
}

func diffTarget() *schema.Schema {
	s := &schema.Schema{Name: "erp", File: "erp.sql", Selector: "sales", Format: "sql", Fields: []*schema.Field{
		{Path: "order_no", Name: "order_no", Type: schema.Integer, Bits: 64},
		{Path: "total", Name: "total", Type: schema.Decimal, Precision: schema.IntP(12), Scale: schema.IntP(2)},
		{Path: "quantity", Name: "quantity", Type: schema.Integer},
		{Path: "state", Name: "state", Type: schema.String},
		{Path: "full_name", Name: "full_name", Type: schema.String},
		{Path: "mail", Name: "mail", Type: schema.String},
		{Path: "birth", Name: "birth", Type: schema.Date},
		{Path: "birth_text", Name: "birth_text", Type: schema.String},
		{Path: "code_padded", Name: "code_padded", Type: schema.String},
		{Path: "note_or", Name: "note_or", Type: schema.String},
		{Path: "active", Name: "active", Type: schema.Boolean},
		{Path: "initial", Name: "initial", Type: schema.String},
	}}
	s.Reindex()
	return s
}

// diffMapping uses what every dialect expresses: casts, trims, case,
// concat, lookups with and without default, dates, padding, defaults and
// the on_error policies.
func diffMapping() *mapping.Mapping {
	dflt := "other"
	return &mapping.Mapping{
		Seam: 1, Name: "diff", Source: mapping.SchemaRef{Schema: "orders.csv"}, Target: mapping.SchemaRef{Schema: "erp.sql#sales"},
		Lookups: []*mapping.Lookup{
			{Name: "status", Entries: []mapping.LookupEntry{{Key: "P", Value: "pending"}, {Key: "S", Value: "shipped"}, {Key: "C", Value: "cancelled"}}},
			{Name: "flags", Entries: []mapping.LookupEntry{{Key: "y", Value: "yes"}}, Default: &dflt},
		},
		Rules: []*mapping.Rule{
			{Target: "order_no", From: []string{"id"}},
			{Target: "total", From: []string{"amount"}, Expr: "to_decimal(amount) / 100"},
			{Target: "quantity", From: []string{"qty"}, Expr: "to_int(qty)", OnError: "default(0)"},
			{Target: "state", From: []string{"status"}, Expr: `lookup("status", trim(status))`},
			{Target: "full_name", From: []string{"first", "last"}, Expr: `concat(trim(first), " ", upper(last))`},
			{Target: "mail", From: []string{"email"}, Expr: `email | trim() | lower()`},
			{Target: "birth", From: []string{"born"}, Expr: `parse_date(born, "DD.MM.YYYY")`, OnError: "null"},
			{Target: "birth_text", From: []string{"born"}, Expr: `format_date(parse_date(born, "DD.MM.YYYY"), "2006-01-02")`, OnError: "keep"},
			{Target: "code_padded", From: []string{"code"}, Expr: `pad_left(code, 5, "0")`},
			{Target: "note_or", From: []string{"note", "flag"}, Expr: `default(note, lookup("flags", flag))`},
			{Target: "active", From: []string{"flag"}, Expr: `to_bool(flag)`, OnError: "null"},
			{Target: "initial", From: []string{"first"}, Expr: `substr(trim(first), 0, 1)`, Status: "accepted"},
			{Target: "ignored", From: []string{"id"}, Status: "suggested"},
		},
	}
}

// diffRows are source rows with edge cases. nil is SQL NULL (absent in a
// CSV never happens: every header column is present).
var diffRows = [][]any{
	// id, amount, qty, status, first, last, email, born, code, note, flag
	{"1", "1999", "3", "P", " Ada ", "Lovelace", " Ada@Example.COM ", "10.12.1815", "42", "hello", "y"},
	{"2", "0", "", "S", "Bob", "", "bob@x.org", "29.02.2024", "12345", "", "n"},
	{"3", "-250", "x", "C ", "", "Ng", "", "29.02.2023", "123456", nil, "maybe"},
	{"4", "12.5", "7.00", "X", "Cy", "Li", "c@d.e", "", "", nil, nil},                       // lookup miss: rejected
	{"x5", "100", "1", "P", "Di", "Ro", "d@e.f", "01.01.2000", "7", "n", "1"},               // id not an int: rejected
	{"6", "abc", "1", "P", "Ed", "Xu", "e@f.g", "1.1.2000", "7", "n", "0"},                  // amount not a decimal: rejected
	{"7", "100000000000000", "1", "P", "Fa", "Yo", "f@g.h", "31.04.2000", "7", "n", "TRUE"}, // total overflows decimal(12,2): rejected
	{"8", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
	{" 9 ", "+5", "-2", "S", "Gü", "Öz", "G@H.I", "15.06.1990", "0", "", "off"},
	{"10", "1e3", "1", "P", "H", "I", "j@k.l", "15.06.1990", "1", "x", "y"}, // exponent: sqlite differs
}
