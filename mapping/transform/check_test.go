package transform

import (
	"strings"
	"testing"

	"github.com/expr-lang/expr"
)

func TestCheckProgram(t *testing.T) {
	tests := []struct {
		src  string
		want []string // "line:col message" substrings, in order
	}{
		{`lookup("status", s)`, nil},
		{`lookup("statsu", s)`, []string{`1:8 lookup: no lookup table "statsu" in the mapping`}},
		{`s | regex_replace("(", "")`, []string{`1:19 regex_replace: bad regular expression "("`}},
		{`parse_date(s, "YYYY/MM/DD")`, []string{`1:15 parse_date: unknown layout "YYYY/MM/DD"`}},
		{"parse_datetime(s, \"ISO\",\n  \"Europe/Berln\")", []string{`2:3 parse_datetime: unknown time zone "Europe/Berln"`}},
		{`format_date(t, "epoch_ms") + to_zone(t, "UTC") | trim()`, nil},
		{`to_zone(t, "Mars/Base")`, []string{`unknown time zone "Mars/Base"`}},
		{`pad_left(s, 2000000, "ab")`, []string{`width 2000000 out of range`, `char must be exactly one character`}},
		{`round(d, -1000)`, []string{`places -1000 out of range`}},
		{`concat(split(s, "")[0], part(s, "", 1))`, []string{`split: sep must not be empty`, `part: sep must not be empty`}},
		{`uuid_v5("dnss", s)`, []string{`namespace "dnss"`}},
		{`is_absent(trim(s))`, []string{`is_absent: argument must be a field name`}},
		{`is_absent(s)`, nil},
		{`to_string(d.Shift(1000000000))`, []string{`1:13 Shift: method calls are not allowed in rules`}},
		{`t.Year() > 2000 && d.IsInteger()`, nil},
	}
	for _, tt := range tests {
		prog, err := expr.Compile(tt.src, append(ExprOptions(ExampleEnv), expr.Env(decl))...)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		errs := CheckProgram(prog, ExampleEnv)
		if len(errs) != len(tt.want) {
			t.Errorf("%s: got %d errors %v, want %d", tt.src, len(errs), errs, len(tt.want))
			continue
		}
		for i, e := range errs {
			got := e.Message
			if strings.Contains(tt.want[i], ":") && tt.want[i][0] >= '0' && tt.want[i][0] <= '9' {
				got = itoa(e.Line) + ":" + itoa(e.Column+1) + " " + e.Message
			}
			if !strings.Contains(got, tt.want[i]) {
				t.Errorf("%s: got %q, want %q", tt.src, got, tt.want[i])
			}
		}
	}
}

func itoa(n int) string { return Render(n) }
