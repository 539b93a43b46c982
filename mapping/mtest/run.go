package mtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/value"
)

// maxGivenBytes bounds a test's given: file.
const maxGivenBytes = 64 << 20

// Result is the outcome of one test.
type Result struct {
	Case     *Case
	Failures []Failure
	// Err is set when the test could not run (its given file is missing,
	// a target it names does not exist): the test fails with it.
	Err error
	// Targets names the plan's targets in order; Actual and Rejects hold
	// what each wrote and rejected (for --update and reports).
	Targets  []string
	Actual   [][]*value.Record
	Rejects  []Reject
	Duration time.Duration
}

// Pass reports whether the test passed.
func (r *Result) Pass() bool { return r.Err == nil && len(r.Failures) == 0 }

// Failure is one difference between what a test expects and what the
// mapping did: Target and Row (1-based output row) locate it, Column
// names the column, Want and Got are the values as text.
type Failure struct {
	Target string
	Row    int
	Column string
	Want   string
	Got    string
	// Message says what differs when it is not a column value (a row
	// count, a missing reject or finding).
	Message string
}

// Reject is one rejected row (or element) of a run: the input row, the
// element of an each (0 for none), the target, and its errors.
type Reject struct {
	Row     int64     `json:"row"`
	Element int64     `json:"element,omitempty"`
	Target  string    `json:"target,omitempty"`
	Errors  []RuleErr `json:"errors"`
}

// RuleErr is one error of a rejected row.
type RuleErr struct {
	Rule   string `json:"rule"`
	Target string `json:"target,omitempty"`
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// Env is what Run needs besides the test: the compiled plan (joins
// loaded) and its mapping.
type Env struct {
	Plan    *engine.Plan
	Mapping *mapping.Mapping
	// Coverage, when set, counts what the tests' rows exercised
	// (seam test --coverage).
	Coverage *engine.Coverage
}

// Run runs one test: its given records through every target of the plan,
// then the comparisons it asks for.
func Run(ctx context.Context, env Env, c *Case) *Result {
	start := time.Now()
	res := &Result{Case: c}
	defer func() { res.Duration = time.Since(start) }()
	ts := env.Plan.Targets()
	for _, t := range ts {
		res.Targets = append(res.Targets, t.Name)
	}
	data, format, err := givenData(env.Mapping, c)
	if err != nil {
		res.Err = err
		return res
	}
	outs := make([]engine.PlanOutput, len(ts))
	cols := make([]*collector, len(ts))
	rejs := make([]*bytes.Buffer, len(ts))
	for i := range ts {
		cols[i] = &collector{}
		rejs[i] = &bytes.Buffer{}
		outs[i] = engine.PlanOutput{W: cols[i], Rejects: rejs[i]}
	}
	rd, err := value.NewReader(bytes.NewReader(data), givenName(c), format)
	if err != nil {
		res.Err = err
		return res
	}
	if _, err := engine.RunPlan(ctx, env.Plan, rd, outs, engine.RunOptions{Workers: 1, Coverage: env.Coverage}); err != nil {
		res.Err = err
		return res
	}
	for i, t := range ts {
		res.Actual = append(res.Actual, cols[i].recs)
		rj, err := parseRejects(rejs[i].Bytes(), t.Name)
		if err != nil {
			res.Err = err
			return res
		}
		res.Rejects = append(res.Rejects, rj...)
	}
	res.compareRows(env.Plan)
	res.compareRejects()
	if len(c.ExpectFindings) > 0 {
		if err := res.compareFindings(ctx, env, data, format); err != nil {
			res.Err = err
		}
	}
	return res
}

// givenData is the test's input as bytes of a data format: the given
// records as JSON Lines, or the given file.
func givenData(m *mapping.Mapping, c *Case) ([]byte, string, error) {
	if c.GivenFile != "" {
		tm := *m
		tm.Path = c.File
		b, p, err := tm.ReadRef(fmt.Sprintf("%s: test %q: given file", c.Pos, c.Name), c.GivenFile, maxGivenBytes)
		if err != nil {
			return nil, "", err
		}
		f := value.FormatFromPath(p)
		if f == "" {
			return nil, "", fmt.Errorf("%s: test %q: given file %s: cannot tell the data format from the extension (want .csv, .tsv, .jsonl, .json or .xlsx)", c.Pos, c.Name, c.GivenFile)
		}
		return b, f, nil
	}
	var b []byte
	for _, g := range c.Given {
		b = appendJSON(b, g)
		b = append(b, '\n')
	}
	return b, value.FormatJSONL, nil
}

func givenName(c *Case) string {
	if c.GivenFile != "" {
		return c.GivenFile
	}
	return fmt.Sprintf("%s (test %q, given)", c.File, c.Name)
}

// appendJSON writes a given value as JSON: numbers as written when JSON
// can spell them, text quoted.
func appendJSON(b []byte, n *Node) []byte {
	switch n.Kind {
	case "null":
		return append(b, "null"...)
	case "bool":
		return append(b, n.Text...)
	case "int":
		if i, ok := parseInt(n.Text); ok {
			return strconv.AppendInt(b, i, 10)
		}
		return strconv.AppendQuote(b, n.Text)
	case "float":
		if json.Valid([]byte(n.Text)) {
			return append(b, n.Text...)
		}
		if f, err := strconv.ParseFloat(n.Text, 64); err == nil && !isInfNaN(f) {
			return strconv.AppendFloat(b, f, 'g', -1, 64)
		}
		s, _ := json.Marshal(n.Text)
		return append(b, s...)
	case "map":
		b = append(b, '{')
		for i, k := range n.Keys {
			if i > 0 {
				b = append(b, ',')
			}
			s, _ := json.Marshal(k)
			b = append(b, s...)
			b = append(b, ':')
			b = appendJSON(b, n.Vals[i])
		}
		return append(b, '}')
	case "list":
		b = append(b, '[')
		for i, v := range n.Vals {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, v)
		}
		return append(b, ']')
	}
	s, _ := json.Marshal(n.Text)
	return append(b, s...)
}

func isInfNaN(f float64) bool { return f != f || f > 1e308 || f < -1e308 }

// collector keeps copies of the records a target writes.
type collector struct{ recs []*value.Record }

func (c *collector) Write(r *value.Record) error {
	c.recs = append(c.recs, cloneRecord(r))
	return nil
}

func (c *collector) Close() error { return nil }

func cloneRecord(r *value.Record) *value.Record {
	out := &value.Record{Keys: append([]string(nil), r.Keys...), Vals: make([]value.Value, len(r.Vals))}
	for i, v := range r.Vals {
		out.Vals[i] = cloneValue(v)
	}
	return out
}

func cloneValue(v value.Value) value.Value {
	if v.Obj != nil {
		v.Obj = cloneRecord(v.Obj)
	}
	if v.Arr != nil {
		arr := make([]value.Value, len(v.Arr))
		for i, e := range v.Arr {
			arr[i] = cloneValue(e)
		}
		v.Arr = arr
	}
	return v
}

func parseRejects(b []byte, target string) ([]Reject, error) {
	var out []Reject
	for _, line := range bytes.Split(b, []byte{'\n'}) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r Reject
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("reading the engine's rejects of %s: %w", target, err)
		}
		r.Target = target
		out = append(out, r)
	}
	return out, nil
}

// compareFindings runs the checks over the given records, target by
// target, and looks for each expected finding.
func (r *Result) compareFindings(ctx context.Context, env Env, data []byte, format string) error {
	var found []check.Finding
	ts := env.Plan.Targets()
	for i, t := range ts {
		rd, err := value.NewReader(bytes.NewReader(data), givenName(r.Case), format)
		if err != nil {
			return err
		}
		var in value.RecordReader = rd
		if len(ts) > 1 || t.Each != "" || len(env.Plan.Joins()) > 0 {
			in = env.Plan.TargetReader(i, rd)
		}
		rep, _, err := check.Run(ctx, t.Program, in, check.RunOptions{Name: r.Case.File, Workers: 1, Shards: 1})
		if err != nil {
			return err
		}
		for _, f := range rep.Findings {
			if f.TargetTable == "" {
				f.TargetTable = t.Name
			}
			found = append(found, f)
		}
	}
	for _, w := range r.Case.ExpectFindings {
		ok := false
		for _, f := range found {
			if string(f.Kind) == w.Kind && (w.Field == "" || f.Target == w.Field) && (w.Target == "" || f.TargetTable == w.Target) {
				ok = true
				break
			}
		}
		if !ok {
			r.Failures = append(r.Failures, Failure{Target: w.Target, Column: w.Field,
				Message: fmt.Sprintf("%s: no %s finding%s among %s", w.Pos, w.Kind, onField(w.Field), kindsOf(found))})
		}
	}
	return nil
}

func onField(f string) string {
	if f == "" {
		return ""
	}
	return " on " + f
}

func kindsOf(fs []check.Finding) string {
	if len(fs) == 0 {
		return "no findings"
	}
	s := ""
	for i, f := range fs {
		if i == 8 {
			s += fmt.Sprintf(", … (%d in all)", len(fs))
			break
		}
		if i > 0 {
			s += ", "
		}
		s += string(f.Kind)
		if f.Target != "" {
			s += " on " + f.Target
		}
	}
	return s
}

// parseInt reads a YAML integer: decimal (05021 is 5021, as YAML 1.2
// reads it), or 0x, 0o, 0b prefixed; _ separators allowed.
func parseInt(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	t := strings.TrimLeft(s, "+-")
	if len(t) > 1 && t[0] == '0' && strings.ContainsRune("xXoObB", rune(t[1])) {
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return i, true
		}
	}
	return 0, false
}
