package mtest

import (
	"errors"
	"strings"

	"github.com/seamhq/seam/mapping/value"
)

// FromRun makes a test of one input record and what a run made of it:
// given the record, expect every column of the rows each target wrote
// (actual, in targets order; one list per target), expect_rejects the
// errors of the rows rejected (rejects, Row 1). A mapping with one
// target expects its rows without a target name. Render writes it.
func FromRun(name string, in *value.Record, targets []string, actual [][]*value.Record, rejects []Reject) *Case {
	c := &Case{Name: name, Expect: map[string][]Row{}}
	if in != nil {
		c.Given = []*Node{nodeOf(value.Value{K: value.Object, Obj: in})}
	}
	for i, t := range targets {
		if len(targets) == 1 {
			t = ""
		}
		c.Expect[t] = []Row{}
		if i < len(actual) {
			for _, rec := range actual[i] {
				c.Expect[t] = append(c.Expect[t], rowOf(rec, nil))
			}
		}
	}
	if len(rejects) > 0 {
		c.ExpectRejects = []RejectWant{}
		for _, rj := range rejects {
			for _, e := range rj.Errors {
				w := RejectWant{Row: rj.Row, Rule: e.Rule, Kind: e.Kind}
				if len(targets) > 1 {
					w.Target = rj.Target
				}
				c.ExpectRejects = append(c.ExpectRejects, w)
			}
		}
	}
	return c
}

// Append adds tests written by Render (their "tests:" line included) to
// a `tests:` section as written (section; "" for none), indented like
// its items, and returns the new section. A section that holds no test
// yet (`tests:` or `tests: []`) is replaced; one written in flow style
// is an error (it cannot be appended to without rewriting it).
func Append(section, tests string) (string, error) {
	items := strings.TrimPrefix(tests, "tests:\n")
	if strings.TrimSpace(section) == "" {
		return "tests:\n" + items, nil
	}
	indent, found := itemIndent(section)
	if !found {
		if !emptySection(section) {
			return "", errors.New("the tests: section is not a block list (one `- name:` per line): add the test to it by hand")
		}
		return "tests:\n" + items, nil
	}
	if indent != "  " {
		var b strings.Builder
		for _, l := range strings.SplitAfter(items, "\n") {
			if l == "" {
				continue
			}
			b.WriteString(indent + strings.TrimPrefix(l, "  "))
		}
		items = b.String()
	}
	if !strings.HasSuffix(section, "\n") {
		section += "\n"
	}
	return section + items, nil
}

// emptySection reports a section that holds no test: `tests:` or
// `tests: []`, comments aside.
func emptySection(section string) bool {
	for i, l := range strings.Split(section, "\n") {
		if c := strings.Index(l, "#"); c >= 0 {
			l = l[:c]
		}
		l = strings.TrimSpace(l)
		if i == 0 {
			l = strings.TrimSpace(strings.TrimPrefix(l, "tests:"))
		}
		if l != "" && l != "[]" {
			return false
		}
	}
	return true
}

// itemIndent is the indentation of the first item ("- ") of a block
// `tests:` list; found is false when the section holds no block item.
func itemIndent(section string) (string, bool) {
	lines := strings.Split(section, "\n")
	for _, l := range lines[1:] {
		t := strings.TrimLeft(l, " ")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "- ") || t == "-" {
			return l[:len(l)-len(t)], true
		}
		return "", false
	}
	return "", false
}

// NameLine is the first line of a test in a `tests:` section as Render
// writes it: "  - name: NAME", the name quoted when YAML needs it.
func NameLine(name string) string { return "  - name: " + quote(name) + "\n" }
