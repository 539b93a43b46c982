package export

import (
	"math/rand"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// diffSource is an all-string source, as a CSV file gives it.
func diffSource() *schema.Schema {
	var fs []*schema.Field
	for _, n := range []string{"rowno", "id", "amount", "qty", "status", "first", "last", "email", "born", "code", "note", "flag", "day"} {
		fs = append(fs, &schema.Field{Path: n, Name: n, Type: schema.String})
	}
	s := &schema.Schema{Name: "orders", File: "orders.csv", Format: "csv", Fields: fs}
	s.Reindex()
	return s
}

func diffTarget() *schema.Schema {
	s := &schema.Schema{Name: "erp", File: "erp.sql", Selector: "sales", Format: "sql", Fields: []*schema.Field{
		{Path: "rowno", Name: "rowno", Type: schema.Integer, Required: true},
		{Path: "order_no", Name: "order_no", Type: schema.Integer, Bits: 64, Required: true},
		{Path: "total", Name: "total", Type: schema.Decimal, Precision: schema.IntP(12), Scale: schema.IntP(2), Nullable: true},
		{Path: "quantity", Name: "quantity", Type: schema.Integer},
		{Path: "state", Name: "state", Type: schema.String, Required: true, Nullable: true},
		{Path: "full_name", Name: "full_name", Type: schema.String},
		{Path: "mail", Name: "mail", Type: schema.String},
		{Path: "birth", Name: "birth", Type: schema.Date, Nullable: true},
		{Path: "birth_text", Name: "birth_text", Type: schema.String},
		{Path: "code_padded", Name: "code_padded", Type: schema.String},
		{Path: "note_or", Name: "note_or", Type: schema.String},
		{Path: "active", Name: "active", Type: schema.Boolean, Nullable: true},
		{Path: "flag_cast", Name: "flag_cast", Type: schema.Boolean, Nullable: true},
		{Path: "qty_cast", Name: "qty_cast", Type: schema.Integer},
		{Path: "amount_cast", Name: "amount_cast", Type: schema.Decimal, Nullable: true},
		{Path: "born_iso", Name: "born_iso", Type: schema.Date, Nullable: true},
		{Path: "day_cast", Name: "day_cast", Type: schema.Date, Nullable: true},
		{Path: "unmapped", Name: "unmapped", Type: schema.String},
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
			{Target: "rowno", From: []string{"rowno"}},
			{Target: "order_no", From: []string{"id"}},
			{Target: "flag_cast", From: []string{"flag"}, OnError: "null"},
			{Target: "qty_cast", From: []string{"qty"}, OnError: "default(-1)"},
			{Target: "amount_cast", From: []string{"amount"}, OnError: "null"},
			{Target: "day_cast", From: []string{"day"}, OnError: "null"},
			{Target: "born_iso", From: []string{"born"}, Expr: `format_date(parse_date(born, "DD.MM.YYYY"), "2006-01-02")`, OnError: "null"},
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

// numSpellings are the numeric spellings of transform's rule (spell.go):
// exponents, signs, bare points, white space, grouping, -0, 64-bit limits
// and long digit strings; every one goes through every conversion.
var numSpellings = []any{"42", " \t42\t ", "+7", "-0", "-0.0", "007", ".5", "5.", "42.00", "3.5", "1e3", "1E3", "2.5E-1", "-1.5e+2",
	"1e-3", "1e1000", "1e-999", "0e-999", "1e", "1e+", "e3", ".", "  ", "-", "+-1", "1 2", "1,000", "1.2.3", "\n1", "0x10",
	"Inf", "NaN", "١٢", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
	"000000000000000000000001", "123456789012345678901234567890", "12345678901234567890.5", strings.Repeat("9", 401)}

// boolSpellings are the boolean spellings: every word in several cases,
// white space, and near misses.
var boolSpellings = []any{"true", "FALSE", "tRuE", " Yes ", "on", "OFF", "t", "F", "1", "0", "y", "N", "maybe", "yes!", "\nyes", "2", "-1", "\ton\t"}

func withSpellings(base, extra []any) []any {
	seen := map[any]bool{}
	var out []any
	for _, v := range append(append([]any{}, base...), extra...) {
		if v != nil && seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, v)
	}
	return out
}

// diffPools holds edge values per source column (nil is null). Values
// where the SQL is known to differ from seam (see SQL's doc) are in
// pgOnly (PostgreSQL handles them like seam, SQLite does not).
var diffPools = map[string][]any{
	"id":     withSpellings([]any{"1", " 9 ", "+5", "-3", "007", "", "x", "1.0", "123456789012345678", nil, "\t12\t", "1 2"}, numSpellings),
	"amount": withSpellings([]any{"1999", "0", "-250", "12.5", "abc", "", nil, ".5", "5.", "  42  ", "1,000", "-0.001", "100000000000000", "+7"}, numSpellings),
	// qty feeds integer arithmetic: the 64-bit limits overflow it, a
	// range_violation in seam and a failed guard in SQL alike.
	"qty":    withSpellings([]any{"3", "7.00", "x", "", nil, "-2", " 4\t", "0", "3.5"}, numSpellings),
	"status": {"P", "S", "C", "C ", "X", "", nil, " p", "\tS\n"},
	"first":  {" Ada ", "Bob", "", nil, "\tCy\n", "d"},
	"last":   {"Lovelace", "", nil, "o'neil", "X Y"},
	"email":  {" Ada@Example.COM ", "", nil, "x@Y.z\t", "MIXED@case.IO"},
	"born": {"10.12.1815", "29.02.2024", "29.02.2023", "31.04.2000", "", nil, "15.06.1990", "00.01.2000", "01.13.2000", "aa.bb.cccc", "31.12.9999", "01.01.0001", "1O.10.2000",
		// date spellings: one-digit day and month, year limits, widths
		"1.2.2000", "1.12.2000", "10.1.2000", "01.01.0000", "1.2.200", "1.2.20000", "001.01.2000", " 01.01.2000", "01.01.2000 ",
		"1/2/2000", "29.2.2024", "29.2.2023", "31.4.2000", "0.1.2000", "1..2000", "-1.1.2000", "+1.1.2000", "١.١.٢٠٠٠"},
	"code": {"42", "12345", "123456", "", nil, "7", "abcd"},
	"note": {"hello", "", nil, "  "},
	"flag": withSpellings([]any{"y", "n", "maybe", "TRUE", "off", "1", "", nil, " Yes ", "0", "f", "ON"}, boolSpellings),
	"day":  dateSpellings,
}

// dateSpellings are ISO dates and date-times (transform.ISODateTimeDate:
// read as a date, a date-time keeps its date as written) and near misses:
// every one goes through the cast into a date and parse_date.
var dateSpellings = []any{"2024-03-09", "2024-3-9", "2024-03-09T15:30:00Z", "2024-03-09 15:30:00", "2024-03-09T15:30",
	"2024-03-09 15:30", "2024-03-09T23:30:00-05:00", "2024-03-09T00:30:00+14:00", "2024-03-09T15:30:00.123456789+02:00",
	"2024-03-09T15:30:00.5", "2024-03-09T15:30:00.1234567890Z", "2024-03-09T24:00:00", "2024-03-09T15:60:00",
	"2024-03-09T15:30:61", "2024-03-09t15:30:00", "2024-03-09T15:30:00+2:00", "2024-03-09T15:30:00+0200", "2024-03-09T15:30:00+24:00",
	"2024-03-09T5:30:00", "2023-02-29T10:00:00", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00", "9999-12-31T23:59:59.999999999Z",
	" 2024-03-09", "2024-03-09 ", "2024-03-09T", "2024-03-09T15", "20240309", "2024/03/09", "2024-03-09T15:30:00,5Z",
	"2024-03-09T15:30:00Z ", "2024-03-09 15:30:00 +02:00", "2024-03-09T15:30:00.Z", "2024-13-01T00:00:00", "2024-03-9T10:00:00",
	"", nil}

var pgOnly = map[string][]any{
	// SQLite computes decimals as REAL: these overflow it
	"amount": {"1e999", "0.55e-999"},
	"first":  {"Gü", "ärger"},
	"last":   {"Öz", "straße"},
	"email":  {"ÜBER@X.DE"},
}

// diffRows makes n deterministic rows from the pools (seeded), plus a
// row of nulls and a row of empty strings. Column 0 is the row number.
func diffRows(n int, seed int64, pg bool) [][]any {
	cols := diffSource().Fields
	rng := rand.New(rand.NewSource(seed))
	pool := func(c string) []any {
		p := diffPools[c]
		if pg {
			p = append(append([]any{}, p...), pgOnly[c]...)
		}
		return p
	}
	var rows [][]any
	add := func(pick func(c string) any) {
		r := []any{strconv.Itoa(len(rows) + 1)}
		for _, f := range cols[1:] {
			r = append(r, pick(f.Path))
		}
		rows = append(rows, r)
	}
	add(func(string) any { return nil })
	add(func(string) any { return "" })
	// every pool value at least once, in the first column position
	for _, f := range cols[1:] {
		for _, v := range pool(f.Path) {
			v := v
			col := f.Path
			add(func(c string) any {
				if c == col {
					return v
				}
				return pool(c)[0]
			})
		}
	}
	for len(rows) < n {
		add(func(c string) any {
			p := pool(c)
			return p[rng.Intn(len(p))]
		})
	}
	return rows
}
