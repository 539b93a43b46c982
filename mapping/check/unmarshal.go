package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// UnmarshalJSON reads a finding back from SPEC.md's shape (for tools that
// post-process `seam check --format json`). Example values come back as
// strings, decimals, booleans or null; absent keys stay absent.
func (f *Finding) UnmarshalJSON(b []byte) error {
	var j struct {
		findingJSON
		Examples []struct {
			Row      int64           `json:"row"`
			Source   json.RawMessage `json:"source"`
			Target   json.RawMessage `json:"target"`
			EdgeCase string          `json:"edge_case"`
			Reason   string          `json:"reason"`
		} `json:"examples"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	sev, ok := ParseSeverity(j.Severity)
	if !ok {
		return fmt.Errorf("finding %s: unknown severity %q (want error, warn or info)", j.Kind, j.Severity)
	}
	*f = Finding{Kind: j.Kind, Severity: sev, Detector: j.Detector, Rule: j.Rule, Target: j.Target, Source: j.Source,
		Count: j.Count, Message: j.Message, Why: j.Why, TargetTable: j.TargetTable, Join: j.Join, EdgeCases: j.EdgeCases}
	if j.Acknowledged != nil {
		f.Acknowledged = &mapping.Ack{Kind: string(j.Kind), Target: j.Target, By: j.Acknowledged.By, Why: j.Acknowledged.Why}
	}
	for _, e := range j.Examples {
		ex := Example{Row: e.Row, EdgeCase: e.EdgeCase, Reason: e.Reason}
		if len(e.Target) > 0 {
			ex.Target = fromJSON(e.Target)
		}
		if len(e.Source) > 0 {
			dec := json.NewDecoder(bytes.NewReader(e.Source))
			dec.UseNumber()
			if _, err := dec.Token(); err != nil {
				return err
			}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return err
				}
				ex.Source = append(ex.Source, NamedValue{fmt.Sprint(k), fromJSON(raw)})
			}
		}
		f.Examples = append(f.Examples, ex)
	}
	return nil
}

func fromJSON(raw json.RawMessage) value.Value {
	s := strings.TrimSpace(string(raw))
	switch {
	case s == "null":
		return value.NullV()
	case s == "true" || s == "false":
		return value.BoolV(s == "true")
	case strings.HasPrefix(s, `"`):
		var str string
		if json.Unmarshal(raw, &str) == nil {
			return value.Str(str)
		}
	default:
		if d, err := decimal.NewFromString(s); err == nil {
			if d.IsInteger() && !strings.ContainsAny(s, ".eE") {
				return value.IntV(d.IntPart())
			}
			return value.Dec(d)
		}
	}
	return value.Str(s)
}
