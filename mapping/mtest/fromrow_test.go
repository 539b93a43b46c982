package mtest

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/value"
)

// TestFromRunRenders: a row and what the run made of it render as a test
// that parses back with the record as given, every column expected and
// the reject's rule and kind.
func TestFromRunRenders(t *testing.T) {
	in := &value.Record{Keys: []string{"id", "name", "born"}, Vals: []value.Value{value.Str("7"), value.Str(" Ann "), value.NullV()}}
	out := &value.Record{Keys: []string{"id", "name"}, Vals: []value.Value{value.IntV(7), value.Str("Ann")}}
	c := FromRun("row 7", in, []string{"contacts"}, [][]*value.Record{{out}}, nil)
	text := Render([]*Case{c})
	want := "tests:\n  - name: \"row 7\"\n    given:\n      - {id: \"7\", name: \" Ann \", born: null}\n    expect:\n      - {id: 7, name: \"Ann\"}\n"
	if text != want {
		t.Fatalf("rendered:\n%s\nwant:\n%s", text, want)
	}
	rej := FromRun("bad", in, []string{"contacts"}, [][]*value.Record{nil}, []Reject{{Row: 1, Errors: []RuleErr{{Rule: "born", Kind: "coercion_failure"}}}})
	text = Render([]*Case{rej})
	back, err := Parse("t.yaml", 1, []byte(text))
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if len(back[0].ExpectRejects) != 1 || back[0].ExpectRejects[0].Rule != "born" || back[0].ExpectRejects[0].Target != "" || len(back[0].Expect[""]) != 0 {
		t.Errorf("reject test read back as %+v\n%s", back[0], text)
	}
}

// TestAppend: a new test joins the section's list at its indentation; an
// empty section is replaced; a flow-style list is refused, never lost.
func TestAppend(t *testing.T) {
	add := "tests:\n  - name: b\n    given: []\n    expect: []\n"
	cases := []struct{ section, want string }{
		{"", add},
		{"tests: []  # none yet\n", add},
		{"tests:   # examples\n  - name: a\n    given: []\n    expect: []\n", "tests:   # examples\n  - name: a\n    given: []\n    expect: []\n  - name: b\n    given: []\n    expect: []\n"},
		{"tests:\n- name: a\n  given: []\n  expect: []", "tests:\n- name: a\n  given: []\n  expect: []\n- name: b\n  given: []\n  expect: []\n"},
	}
	for _, c := range cases {
		got, err := Append(c.section, add)
		if err != nil || got != c.want {
			t.Errorf("Append(%q) = %q, %v; want %q", c.section, got, err, c.want)
			continue
		}
		cs, err := Parse("m.seam.yaml", 1, []byte(got))
		if err != nil || cs[len(cs)-1].Name != "b" {
			t.Errorf("Append(%q) does not parse back: %v", c.section, err)
		}
	}
	if _, err := Append("tests: [{name: a, given: [], expect: []}]\n", add); err == nil || !strings.Contains(err.Error(), "by hand") {
		t.Errorf("flow list: %v", err)
	}
}
