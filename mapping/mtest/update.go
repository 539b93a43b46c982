package mtest

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/seamhq/seam/mapping/value"
)

// Update returns a copy of the test with its expectations replaced by
// what the run did: each target it lists rows for gets the rows written,
// keeping to the columns the test listed (every column when it listed
// none), and expect_rejects the rejects made (when the test has it, or
// expects rows: a reject it does not list would fail it).
// expect_findings is left as it is. Results of tests that could not run
// are returned unchanged.
func Update(r *Result) *Case {
	c := *r.Case
	if r.Err != nil {
		return &c
	}
	if c.Expect != nil {
		c.Expect = map[string][]Row{}
		for name, rows := range r.Case.Expect {
			ti := targetIndex(r.Targets, name)
			if ti < 0 {
				c.Expect[name] = rows
				continue
			}
			cols := listedColumns(rows)
			var out []Row
			for _, rec := range r.Actual[ti] {
				out = append(out, rowOf(rec, cols))
			}
			c.Expect[name] = out
		}
	}
	if c.ExpectRejects != nil || (c.Expect != nil && len(r.Rejects) > 0) {
		c.ExpectRejects = []RejectWant{}
		for _, rj := range r.Rejects {
			for _, e := range rj.Errors {
				w := RejectWant{Row: rj.Row, Rule: e.Rule, Kind: e.Kind}
				if len(r.Targets) > 1 {
					w.Target = rj.Target
				}
				c.ExpectRejects = append(c.ExpectRejects, w)
			}
		}
	}
	return &c
}

func targetIndex(targets []string, name string) int {
	if name == "" && len(targets) == 1 {
		return 0
	}
	for i, t := range targets {
		if t == name {
			return i
		}
	}
	return -1
}

func listedColumns(rows []Row) []string {
	var cols []string
	seen := map[string]bool{}
	for _, r := range rows {
		for _, c := range r.Cols {
			if !seen[c.Name] {
				seen[c.Name] = true
				cols = append(cols, c.Name)
			}
		}
	}
	return cols
}

func rowOf(rec *value.Record, cols []string) Row {
	var r Row
	if len(cols) == 0 {
		cols = rec.Keys
	}
	for _, name := range cols {
		v := column(rec, name)
		if v.K == value.Absent {
			r.Absent = append(r.Absent, name)
			continue
		}
		r.Cols = append(r.Cols, Col{Name: name, Want: nodeOf(v)})
	}
	return r
}

// nodeOf turns an output value into the Node that expects it.
func nodeOf(v value.Value) *Node {
	switch v.K {
	case value.Null, value.Absent:
		return &Node{Kind: "null"}
	case value.Int:
		return &Node{Kind: "int", Text: strconv.FormatInt(v.I, 10)}
	case value.Decimal:
		return &Node{Kind: "float", Text: v.D.String()}
	case value.Float:
		return &Node{Kind: "float", Text: strconv.FormatFloat(v.F, 'g', -1, 64)}
	case value.Bool:
		return &Node{Kind: "bool", Text: strconv.FormatBool(v.I != 0)}
	case value.Date:
		return &Node{Kind: "string", Quoted: true, Text: v.T.Format("2006-01-02")}
	case value.Time:
		return &Node{Kind: "string", Quoted: true, Text: v.T.Format("15:04:05.999999999")}
	case value.Timestamp:
		return &Node{Kind: "string", Quoted: true, Text: v.T.Format("2006-01-02T15:04:05.999999999")}
	case value.TimestampTZ:
		return &Node{Kind: "string", Quoted: true, Text: v.T.Format(time.RFC3339Nano)}
	case value.Object:
		n := &Node{Kind: "map"}
		if v.Obj != nil {
			for i, k := range v.Obj.Keys {
				if v.Obj.Vals[i].K == value.Absent {
					continue
				}
				n.Keys = append(n.Keys, k)
				n.Vals = append(n.Vals, nodeOf(v.Obj.Vals[i]))
			}
		}
		return n
	case value.Array:
		n := &Node{Kind: "list"}
		for _, e := range v.Arr {
			n.Vals = append(n.Vals, nodeOf(e))
		}
		return n
	default:
		return &Node{Kind: "string", Quoted: true, Text: v.S}
	}
}

// Render writes tests as a `tests:` section in the order of caseKeys,
// every record on one line in flow style, text always quoted. Comments
// inside the section are not kept.
func Render(cases []*Case) string {
	var b strings.Builder
	b.WriteString("tests:\n")
	for _, c := range cases {
		b.WriteString("  - name: " + quote(c.Name) + "\n")
		if c.GivenFile != "" {
			b.WriteString("    given: {file: " + quote(c.GivenFile) + "}\n")
		} else {
			b.WriteString("    given:\n")
			if len(c.Given) == 0 {
				b.WriteString("      []\n")
			}
			for _, g := range c.Given {
				b.WriteString("      - " + flow(g) + "\n")
			}
		}
		if c.Expect != nil {
			if rows, ok := c.Expect[""]; ok && len(c.Expect) == 1 {
				b.WriteString("    expect:" + rowsYAML(rows, "      "))
			} else {
				b.WriteString("    expect:\n")
				for _, name := range sortedTargets(c.Expect) {
					b.WriteString("      " + quote(name) + ":" + rowsYAML(c.Expect[name], "        "))
				}
			}
		}
		if c.ExpectRejects != nil {
			b.WriteString("    expect_rejects:")
			if len(c.ExpectRejects) == 0 {
				b.WriteString(" []\n")
			} else {
				b.WriteString("\n")
			}
			for _, w := range c.ExpectRejects {
				var parts []string
				if w.Row != 0 {
					parts = append(parts, "row: "+strconv.FormatInt(w.Row, 10))
				}
				if w.Rule != "" {
					parts = append(parts, "rule: "+quote(w.Rule))
				}
				if w.Kind != "" {
					parts = append(parts, "kind: "+w.Kind)
				}
				if w.Target != "" {
					parts = append(parts, "target: "+quote(w.Target))
				}
				b.WriteString("      - {" + strings.Join(parts, ", ") + "}\n")
			}
		}
		if len(c.ExpectFindings) > 0 {
			b.WriteString("    expect_findings:\n")
			for _, w := range c.ExpectFindings {
				parts := []string{"kind: " + w.Kind}
				if w.Field != "" {
					parts = append(parts, "field: "+quote(w.Field))
				}
				if w.Target != "" {
					parts = append(parts, "target: "+quote(w.Target))
				}
				b.WriteString("      - {" + strings.Join(parts, ", ") + "}\n")
			}
		}
	}
	return b.String()
}

func sortedTargets(m map[string][]Row) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func rowsYAML(rows []Row, indent string) string {
	if len(rows) == 0 {
		return " []\n"
	}
	var b strings.Builder
	b.WriteString("\n")
	for _, r := range rows {
		n := &Node{Kind: "map"}
		for _, c := range r.Cols {
			n.Keys = append(n.Keys, c.Name)
			n.Vals = append(n.Vals, c.Want)
		}
		if len(r.Absent) > 0 {
			names := make([]string, len(r.Absent))
			for i, s := range r.Absent {
				names[i] = quote(s)
			}
			n.Keys = append(n.Keys, AbsentKey)
			n.Vals = append(n.Vals, &Node{Kind: "raw", Text: "[" + strings.Join(names, ", ") + "]"})
		}
		b.WriteString(indent + "- " + flow(n) + "\n")
	}
	return b.String()
}

// flow writes a node in YAML flow style.
func flow(n *Node) string {
	switch n.Kind {
	case "null":
		return "null"
	case "bool", "int", "float", "raw":
		return n.Text
	case "map":
		parts := make([]string, len(n.Keys))
		for i, k := range n.Keys {
			parts[i] = quote(k) + ": " + flow(n.Vals[i])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case "list":
		parts := make([]string, len(n.Vals))
		for i, v := range n.Vals {
			parts[i] = flow(v)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	b, _ := json.Marshal(n.Text)
	return string(b)
}

// quote leaves a plain word as it is and quotes anything else.
func quote(s string) string {
	plain := s != ""
	for i, r := range s {
		ok := r == '_' || r == '.' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && (r >= '0' && r <= '9' || r == '-'))
		if !ok {
			plain = false
			break
		}
	}
	switch strings.ToLower(s) {
	case "null", "true", "false", "yes", "no", "on", "off", "y", "n", "~":
		plain = false
	}
	if plain {
		return s
	}
	b, _ := json.Marshal(s)
	return string(b)
}
