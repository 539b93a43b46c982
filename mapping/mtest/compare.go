package mtest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/value"
)

// compareRows compares each target's expected rows with what it wrote.
func (r *Result) compareRows(plan *engine.Plan) {
	ts := plan.Targets()
	for name, want := range r.Case.Expect {
		ti := -1
		switch {
		case name == "" && len(ts) == 1:
			ti = 0
		case name == "":
			r.Failures = append(r.Failures, Failure{Message: fmt.Sprintf("the mapping has %d targets (%s): write expect as {%s: [rows], ...}", len(ts), strings.Join(r.Targets, ", "), r.Targets[0])})
			continue
		default:
			for i, t := range ts {
				if t.Name == name {
					ti = i
				}
			}
			if ti < 0 {
				r.Failures = append(r.Failures, Failure{Target: name, Message: fmt.Sprintf("expect: no target named %q: the mapping's targets are %s", name, strings.Join(r.Targets, ", "))})
				continue
			}
		}
		tname := ""
		if len(ts) > 1 {
			tname = ts[ti].Name
		}
		_, dst := ts[ti].Program.Schemas()
		got := r.Actual[ti]
		if len(got) != len(want) {
			r.Failures = append(r.Failures, Failure{Target: tname, Message: fmt.Sprintf("want %d rows, got %d%s", len(want), len(got), rejectHint(r.Rejects, ts[ti].Name))})
		}
		for i := 0; i < len(want) && i < len(got); i++ {
			for _, c := range want[i].Cols {
				g := column(got[i], c.Name)
				if g.K == value.Absent && dst != nil && dst.Lookup(c.Name) == nil {
					r.Failures = append(r.Failures, Failure{Target: tname, Row: i + 1, Column: c.Name, Want: render(c.Want), Got: "(no such column)",
						Message: fmt.Sprintf("%s: the target has no column %s", want[i].Pos, c.Name)})
					continue
				}
				if !Match(c.Want, g) {
					r.Failures = append(r.Failures, Failure{Target: tname, Row: i + 1, Column: c.Name, Want: render(c.Want), Got: renderValue(g)})
				}
			}
			for _, a := range want[i].Absent {
				if g := column(got[i], a); g.K != value.Absent {
					r.Failures = append(r.Failures, Failure{Target: tname, Row: i + 1, Column: a, Want: "(absent)", Got: renderValue(g)})
				}
			}
		}
	}
}

func rejectHint(rs []Reject, target string) string {
	n := 0
	for _, r := range rs {
		if r.Target == target {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d rejected)", n)
}

// column reads a column of an output row: its own key, else a dotted path
// through nested objects.
func column(rec *value.Record, name string) value.Value {
	if i := rec.Index(name); i >= 0 {
		return rec.Vals[i]
	}
	return rec.Path(name)
}

// compareRejects looks for every expected reject; when a test expects
// rejects or output rows, a reject it did not expect fails it too.
func (r *Result) compareRejects() {
	c := r.Case
	matched := make([]bool, len(r.Rejects))
	for _, w := range c.ExpectRejects {
		ok := false
		for i, rj := range r.Rejects {
			if rejectMatches(w, rj) {
				ok, matched[i] = true, true
			}
		}
		if !ok {
			r.Failures = append(r.Failures, Failure{Target: w.Target, Column: w.Rule,
				Message: fmt.Sprintf("%s: want a reject%s, got %s", w.Pos, describeWant(w), describeRejects(r.Rejects))})
		}
	}
	if c.ExpectRejects == nil && c.Expect == nil {
		return
	}
	for i, rj := range r.Rejects {
		if matched[i] {
			continue
		}
		if c.ExpectRejects == nil && !r.expectsTarget(rj.Target) {
			continue
		}
		r.Failures = append(r.Failures, Failure{Target: r.targetLabel(rj.Target), Row: 0,
			Message: "unexpected reject: " + describeReject(rj)})
	}
}

func (r *Result) expectsTarget(t string) bool {
	if _, ok := r.Case.Expect[t]; ok {
		return true
	}
	_, all := r.Case.Expect[""]
	return all
}

func (r *Result) targetLabel(t string) string {
	if len(r.Targets) > 1 {
		return t
	}
	return ""
}

func rejectMatches(w RejectWant, rj Reject) bool {
	if w.Row != 0 && w.Row != rj.Row {
		return false
	}
	if w.Target != "" && w.Target != rj.Target {
		return false
	}
	for _, e := range rj.Errors {
		if (w.Rule == "" || w.Rule == e.Rule || w.Rule == e.Target) && (w.Kind == "" || w.Kind == e.Kind) {
			return true
		}
	}
	return false
}

func describeWant(w RejectWant) string {
	var parts []string
	if w.Row != 0 {
		parts = append(parts, fmt.Sprintf("row %d", w.Row))
	}
	if w.Target != "" {
		parts = append(parts, "target "+w.Target)
	}
	if w.Rule != "" {
		parts = append(parts, "rule "+w.Rule)
	}
	if w.Kind != "" {
		parts = append(parts, "kind "+w.Kind)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func describeRejects(rs []Reject) string {
	if len(rs) == 0 {
		return "no rejects"
	}
	var parts []string
	for i, r := range rs {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("… (%d in all)", len(rs)))
			break
		}
		parts = append(parts, describeReject(r))
	}
	return strings.Join(parts, "; ")
}

func describeReject(r Reject) string {
	s := fmt.Sprintf("row %d", r.Row)
	if r.Element > 0 {
		s += fmt.Sprintf(" element %d", r.Element)
	}
	if r.Target != "" {
		s += " of " + r.Target
	}
	var es []string
	for _, e := range r.Errors {
		if e.Rule == "" {
			// A join's miss belongs to no rule.
			es = append(es, fmt.Sprintf("%s: %s", e.Kind, e.Reason))
			continue
		}
		es = append(es, fmt.Sprintf("rule %s %s: %s", e.Rule, e.Kind, e.Reason))
	}
	return s + " rejected (" + strings.Join(es, "; ") + ")"
}

// Match reports whether an expected value equals an output value,
// compared by the output value's type (see the package doc).
func Match(w *Node, g value.Value) bool {
	if w.Kind == "null" {
		return g.K == value.Null
	}
	switch g.K {
	case value.Absent, value.Null:
		return false
	case value.String, value.Bytes:
		return w.Kind != "map" && w.Kind != "list" && w.Text == g.S
	case value.Int, value.Decimal:
		if w.Kind != "int" && w.Kind != "float" && w.Kind != "string" {
			return false
		}
		d, ok := decimalOf(w)
		if !ok {
			return false
		}
		if g.K == value.Int {
			return d.Equal(decimal.NewFromInt(g.I))
		}
		return d.Equal(g.D)
	case value.Float:
		f, err := strconv.ParseFloat(strings.ReplaceAll(w.Text, "_", ""), 64)
		if err != nil || w.Kind == "map" || w.Kind == "list" {
			return false
		}
		return f == g.F || (math.IsNaN(f) && math.IsNaN(g.F))
	case value.Bool:
		b, err := strconv.ParseBool(w.Text)
		return err == nil && (w.Kind == "bool" || w.Kind == "string") && b == (g.I != 0)
	case value.Date, value.Time, value.Timestamp, value.TimestampTZ:
		t, ok := parseTime(g.K, w.Text)
		if !ok || w.Kind == "map" || w.Kind == "list" {
			return false
		}
		return t.Equal(g.T)
	case value.Object:
		if w.Kind != "map" || g.Obj == nil {
			return false
		}
		for i, k := range w.Keys {
			if !Match(w.Vals[i], g.Obj.Get(k)) {
				return false
			}
		}
		return true
	case value.Array:
		if w.Kind != "list" || len(w.Vals) != len(g.Arr) {
			return false
		}
		for i := range w.Vals {
			if !Match(w.Vals[i], g.Arr[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func decimalOf(w *Node) (decimal.Decimal, bool) {
	s := strings.ReplaceAll(strings.TrimSpace(w.Text), "_", "")
	if w.Kind == "int" {
		if i, ok := parseInt(s); ok {
			return decimal.NewFromInt(i), true
		}
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// parseTime reads an expected date, time or date-time as the output kind
// holds it: dates at 00:00 UTC, times on 0000-01-01, timestamps without a
// zone as UTC wall clocks, zoned ones as instants.
func parseTime(k value.Kind, s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	var layouts []string
	switch k {
	case value.Date:
		layouts = []string{"2006-01-02"}
	case value.Time:
		layouts = []string{"15:04:05.999999999", "15:04"}
	default:
		layouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02"}
	}
	for _, l := range layouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		if k == value.Time {
			t = time.Date(0, 1, 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		return t, true
	}
	return time.Time{}, false
}

// render spells an expected value for a diff.
func render(w *Node) string {
	switch w.Kind {
	case "null":
		return "null"
	case "string":
		return strconv.Quote(w.Text)
	case "map", "list":
		return string(appendJSON(nil, w))
	}
	return w.Text
}

// renderValue spells an output value for a diff: text quoted, absent as
// (absent).
func renderValue(v value.Value) string {
	switch v.K {
	case value.Absent:
		return "(absent)"
	case value.Null:
		return "null"
	case value.String, value.Bytes:
		return strconv.Quote(v.S)
	case value.Object, value.Array:
		return string(v.AppendJSON(nil))
	default:
		return v.Text()
	}
}
