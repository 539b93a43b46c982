package mtest

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/seamhq/seam/mapping/value"
)

func scalar(kind, text string) *Node { return &Node{Kind: kind, Text: text} }

// TestMatchByType: values compare by the output type; null, absent and
// "" are three different things.
func TestMatchByType(t *testing.T) {
	d := func(s string) value.Value { return value.Dec(decimal.RequireFromString(s)) }
	ts := func(s string) value.Value {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return value.TimeV(value.TimestampTZ, tm)
	}
	cases := []struct {
		name string
		want *Node
		got  value.Value
		ok   bool
	}{
		{"decimal exactly", scalar("float", "12.50"), d("12.5"), true},
		{"decimal differs", scalar("float", "12.51"), d("12.5"), false},
		{"decimal from quoted text", scalar("string", "0.30"), d("0.3"), true},
		{"int", scalar("int", "1"), value.IntV(1), true},
		{"int hex literal", scalar("int", "0x10"), value.IntV(16), true},
		{"int vs decimal", scalar("int", "2"), d("2.00"), true},
		{"text keeps leading zeros", scalar("int", "05021"), value.Str("05021"), true},
		{"text is not trimmed", scalar("string", "Ann"), value.Str("Ann "), false},
		{"null wants null", scalar("null", ""), value.NullV(), true},
		{"null is not absent", scalar("null", ""), value.Value{}, false},
		{"null is not empty", scalar("null", ""), value.Str(""), false},
		{"empty is not null", scalar("string", ""), value.NullV(), false},
		{"empty", scalar("string", ""), value.Str(""), true},
		{"bool", scalar("bool", "true"), value.BoolV(true), true},
		{"bool differs", scalar("bool", "false"), value.BoolV(true), false},
		{"date", scalar("string", "2024-01-31"), value.TimeV(value.Date, time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)), true},
		{"date differs", scalar("string", "2024-01-30"), value.TimeV(value.Date, time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)), false},
		{"instant in another offset", scalar("string", "2024-01-31T12:00:00+02:00"), ts("2024-01-31T10:00:00Z"), true},
		{"instant differs", scalar("string", "2024-01-31T12:00:00Z"), ts("2024-01-31T10:00:00Z"), false},
		{"float", scalar("float", "1.5e3"), value.FloatV(1500), true},
		{"list", &Node{Kind: "list", Vals: []*Node{scalar("int", "1"), scalar("int", "2")}}, value.Value{K: value.Array, Arr: []value.Value{value.IntV(1), value.IntV(2)}}, true},
		{"list length", &Node{Kind: "list", Vals: []*Node{scalar("int", "1")}}, value.Value{K: value.Array, Arr: []value.Value{value.IntV(1), value.IntV(2)}}, false},
	}
	for _, c := range cases {
		if got := Match(c.want, c.got); got != c.ok {
			t.Errorf("%s: Match(%s, %s) = %v, want %v", c.name, render(c.want), renderValue(c.got), got, c.ok)
		}
	}
}

// TestParseErrors: a bad tests section names file:line:col (offset by
// the section's first line) and what was expected.
func TestParseErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"tests:\n  - name: a\n    given: [{id: 1}]\n", `m.seam.yaml:11:5: test "a": nothing expected`},
		{"tests:\n  - name: a\n    given: [{id: 1}]\n    expect: [{id: 1}]\n    expect_rejects: [{row: 0}]\n", `m.seam.yaml:14:28: row: want the input row number`},
		{"tests:\n  - given: [{id: 1}]\n    expect: []\n", `m.seam.yaml:11:5: test: missing name`},
		{"tests:\n  - name: a\n    given: 3\n    expect: []\n", `m.seam.yaml:12:12: given (a list of records, or {file: FILE}): want a mapping`},
		{"tests:\n  - name: a\n    given: []\n    expect: []\n  - name: a\n    given: []\n    expect: []\n", `test "a": the name is used twice`},
		{"tests: [\n", `m.seam.yaml:1`},
	}
	for _, c := range cases {
		_, err := Parse("m.seam.yaml", 10, []byte(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.text, err, c.want)
		}
	}
}

// TestRenderParsesBack: --update's rendering reads back to the same tests.
func TestRenderParsesBack(t *testing.T) {
	text := `tests:
  - name: "two targets"
    given:
      - {id: "1", name: " Ann ", n: 05021, when: 2024-01-02, tags: [a, b], addr: {city: Oslo}}
    expect:
      orders: [{id: 1, name: Ann, zip: "05021", $absent: [fax]}]
      lines: []
    expect_rejects:
      - {row: 1, rule: born, kind: coercion_failure, target: orders}
    expect_findings:
      - {kind: truncation, field: name}
`
	cs, err := Parse("t.yaml", 1, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	out := Render(cs)
	back, err := Parse("t.yaml", 1, []byte(out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if again := Render(back); again != out {
		t.Errorf("render is not stable:\n%s\n---\n%s", out, again)
	}
	c := back[0]
	if got := string(appendJSON(nil, c.Given[0])); got != `{"id":"1","name":" Ann ","n":5021,"when":"2024-01-02","tags":["a","b"],"addr":{"city":"Oslo"}}` {
		t.Errorf("given as JSON: %s", got)
	}
	o := c.Expect["orders"][0]
	if len(o.Cols) != 3 || o.Cols[2].Want.Text != "05021" || len(o.Absent) != 1 || o.Absent[0] != "fax" {
		t.Errorf("expect row: %+v", o)
	}
	if len(c.ExpectRejects) != 1 || c.ExpectRejects[0].Target != "orders" || len(c.ExpectFindings) != 1 {
		t.Errorf("rejects %+v findings %+v", c.ExpectRejects, c.ExpectFindings)
	}
}
