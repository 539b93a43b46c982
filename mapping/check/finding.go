package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// Finding is one mismatch: which rule, which fields, how many rows, why,
// and example rows.
type Finding struct {
	Kind     kind.Kind
	Severity diag.Severity
	// Detector is the D-id of EDGE_CASES_AND_MISMATCHES.md (D01..D38).
	Detector string
	// Rule names the rule (its ID or target); empty for schema-level findings.
	Rule   string
	Target string
	Source []string
	// Count is the number of rows affected (data findings); 0 for static ones.
	Count   int64
	Message string
	// Why lists the tokens, constraints or statistics that fired.
	Why      []string
	Examples []Example
	// Acknowledged is set by ApplyAcks when the mapping acknowledges this
	// finding: it is still reported but no longer fails CI.
	Acknowledged *mapping.Ack
	// TargetTable names the target (of a mapping with several targets)
	// the finding is about; "" for a mapping with one.
	TargetTable string
	// Join names the join of a plan whose misses the finding counts
	// (lookup_miss of a join); "" otherwise.
	Join string
	// EdgeCases counts the finding's rows per synthetic edge class, most
	// rows first, with the realistic rows (in no class) as Case "";
	// nil when the rows carried no labels.
	EdgeCases []EdgeCount
}

// EdgeCount is the number of a finding's rows one edge class produced.
type EdgeCount struct {
	Case string `json:"case"`
	Rows int64  `json:"rows"`
}

// edgeCounts orders per-class counts, most rows first, and adds the rows
// of no class ("") when there are any.
func edgeCounts(classes map[string]int64, total int64) []EdgeCount {
	out := make([]EdgeCount, 0, len(classes)+1)
	var sum int64
	for c, n := range classes {
		out = append(out, EdgeCount{c, n})
		sum += n
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Rows > out[j].Rows || out[i].Rows == out[j].Rows && out[i].Case < out[j].Case
	})
	if total > sum {
		out = append(out, EdgeCount{"", total - sum})
	}
	return out
}

// maxEdgeSummary bounds the classes edgeSummary names (the JSON report
// keeps them all).
const maxEdgeSummary = 6

// edgeSummary renders counts for people: "lookup.keys_exhausted 1910,
// string.emoji 5, realistic rows 3".
func edgeSummary(cs []EdgeCount) string {
	parts := make([]string, 0, min(len(cs), maxEdgeSummary+1))
	for i, c := range cs {
		if i == maxEdgeSummary && len(cs) > maxEdgeSummary+1 {
			var rest int64
			for _, r := range cs[i:] {
				rest += r.Rows
			}
			parts = append(parts, fmt.Sprintf("%d more classes and realistic rows %d", len(cs)-i, rest))
			break
		}
		if c.Case == "" {
			parts = append(parts, fmt.Sprintf("realistic rows %d", c.Rows))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d", c.Case, c.Rows))
		}
	}
	return strings.Join(parts, ", ")
}

// Example is one row that shows a data finding. Strings longer than
// MaxExampleChars are clipped.
type Example struct {
	Row int64
	// Source holds the rule's source values in rule order; absent values
	// are left out, null is kept.
	Source Values
	// Target is the value written (or refused); see Render.
	Target value.Value
	// EdgeCase names the synthetic edge case that produced the row, when
	// the rows came with labels.
	EdgeCase string
	// Reason is the engine's or detector's one-line reason for this row.
	Reason string
}

// NamedValue is one field of an example.
type NamedValue struct {
	Name  string
	Value value.Value
}

// Values is an ordered set of named values; it marshals as a JSON object in
// order, leaving out absent values.
type Values []NamedValue

// MarshalJSON renders {"name": value, ...} in order.
func (vs Values) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	for _, nv := range vs {
		if nv.Value.IsAbsent() {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		k, _ := marshal(nv.Name)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(JSONValue(nv.Value))
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping: reports show "->" and
// "<", not "\u003e".
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// marshalIndent is marshal with two-space indentation and a final newline.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// JSONValue turns a value into what encoding/json should print: nil for
// null (and absent), booleans as booleans, integers and decimals as exact
// JSON numbers, floats as numbers, everything else as its text form.
func JSONValue(v value.Value) any {
	switch v.K {
	case value.Absent, value.Null:
		return nil
	case value.Bool:
		return v.Bool()
	case value.Int, value.Decimal:
		return json.Number(v.Text())
	case value.Float:
		t := v.Text()
		if t == "NaN" || t == "+Inf" || t == "-Inf" {
			return t
		}
		return json.Number(t)
	default:
	}
	return v.Text()
}

// Render shows a value for people: (absent), null, "" for the empty
// string, otherwise its text.
func Render(v value.Value) string {
	switch v.K {
	case value.Absent:
		return "(absent)"
	case value.Null:
		return "null"
	case value.String:
		if v.S == "" {
			return `""`
		}
	default:
	}
	return v.Text()
}

// findingJSON is the SPEC shape of one finding.
type findingJSON struct {
	Kind         kind.Kind     `json:"kind"`
	Severity     string        `json:"severity"`
	Target       string        `json:"target"`
	Source       []string      `json:"source"`
	Count        int64         `json:"count"`
	Message      string        `json:"message"`
	Examples     []exampleJSON `json:"examples"`
	Detector     string        `json:"detector,omitempty"`
	Rule         string        `json:"rule,omitempty"`
	Why          []string      `json:"why,omitempty"`
	Acknowledged *ackJSON      `json:"acknowledged,omitempty"`
	TargetTable  string        `json:"target_table,omitempty"`
	Join         string        `json:"join,omitempty"`
	EdgeCases    []EdgeCount   `json:"edge_cases,omitempty"`
}

type exampleJSON struct {
	Row      int64           `json:"row"`
	Source   Values          `json:"source"`
	Target   json.RawMessage `json:"target,omitempty"`
	EdgeCase string          `json:"edge_case,omitempty"`
	Reason   string          `json:"reason,omitempty"`
}

type ackJSON struct {
	By  string `json:"by,omitempty"`
	Why string `json:"why,omitempty"`
}

// MarshalJSON renders the finding in SPEC.md's shape: severity as a word,
// source and examples always arrays, an absent example target left out.
func (f Finding) MarshalJSON() ([]byte, error) {
	j := findingJSON{
		Kind: f.Kind, Severity: f.Severity.String(), Detector: f.Detector, Rule: f.Rule,
		Target: f.Target, Source: f.Source, Count: f.Count, Message: f.Message, Why: f.Why,
		Examples: make([]exampleJSON, 0, len(f.Examples)), TargetTable: f.TargetTable, Join: f.Join, EdgeCases: f.EdgeCases,
	}
	if j.Source == nil {
		j.Source = []string{}
	}
	for _, e := range f.Examples {
		ej := exampleJSON{Row: e.Row, Source: e.Source, EdgeCase: e.EdgeCase, Reason: e.Reason}
		if ej.Source == nil {
			ej.Source = Values{}
		}
		if !e.Target.IsAbsent() {
			b, err := marshal(JSONValue(e.Target))
			if err != nil {
				return nil, err
			}
			ej.Target = b
		}
		j.Examples = append(j.Examples, ej)
	}
	if f.Acknowledged != nil {
		j.Acknowledged = &ackJSON{By: f.Acknowledged.By, Why: f.Acknowledged.Why}
	}
	return marshal(j)
}

// SortFindings orders findings by severity (errors first), kind, target,
// rule, message: a stable order for reports and golden files.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}
