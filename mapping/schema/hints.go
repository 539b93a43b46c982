package schema

import (
	"encoding/json"
)

// Hints say how realistic values of a field look, beyond its constraints:
// a data generator's guide (Avro datagen's arg.properties), never a limit
// a value is checked against. nil when the source gives none.
type Hints struct {
	// Min and Max bound the values (arg.properties range); nil when open.
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
	// Regex is what text values match (arg.properties regex).
	Regex string `json:"regex,omitempty"`
	// Options are the values to draw from (arg.properties options): the
	// text of a scalar, the JSON text of an object or array.
	Options []string `json:"options,omitempty"`
	// Start and Step make values a sequence: Start, Start+Step, ...
	// (arg.properties iteration; Step 1 when the source omits it).
	Start *float64 `json:"start,omitempty"`
	Step  *float64 `json:"step,omitempty"`
	// MinLength and MaxLength bound text and arrays (arg.properties
	// length).
	MinLength *int `json:"min_length,omitempty"`
	MaxLength *int `json:"max_length,omitempty"`
}

// avroHints reads the arg.properties of an Avro type node (the datagen
// convention: range, regex, options, iteration, length); nil when absent
// or empty.
func avroHints(tn *node) *Hints { return hintsOf(tn.get("arg.properties")) }

// hintsOf reads hints in the datagen form (range: {min, max}, regex,
// options, iteration: {start, step}, length: N or {min, max}) from an
// object node; nil when it is not one or holds none.
func hintsOf(ap *node) *Hints {
	if ap == nil || ap.kind != nObj {
		return nil
	}
	h := &Hints{}
	numP := func(n *node) *float64 {
		if v, ok := n.num(); ok {
			return &v
		}
		return nil
	}
	intP := func(n *node) *int {
		if v, ok := n.num(); ok && v >= 0 && v < 1<<31 {
			i := int(v)
			return &i
		}
		return nil
	}
	if r := ap.get("range"); r != nil && r.kind == nObj {
		h.Min, h.Max = numP(r.get("min")), numP(r.get("max"))
		if h.Min != nil && h.Max != nil && *h.Min > *h.Max {
			h.Min, h.Max = h.Max, h.Min
		}
	}
	h.Regex = ap.get("regex").str()
	if o := ap.get("options"); o != nil && o.kind == nArr {
		for _, v := range o.vals {
			if s, ok := v.scalarText(); ok && v.kind != nNull {
				h.Options = append(h.Options, s)
			} else if v.kind == nObj || v.kind == nArr {
				h.Options = append(h.Options, v.jsonText())
			}
		}
	}
	if it := ap.get("iteration"); it != nil && it.kind == nObj {
		h.Start, h.Step = numP(it.get("start")), numP(it.get("step"))
		if h.Start == nil {
			z := 0.0
			h.Start = &z
		}
		if h.Step == nil || *h.Step == 0 {
			one := 1.0
			h.Step = &one
		}
	}
	if l := ap.get("length"); l != nil {
		if l.kind == nObj {
			h.MinLength, h.MaxLength = intP(l.get("min")), intP(l.get("max"))
		} else if n := intP(l); n != nil {
			h.MinLength, h.MaxLength = n, n
		}
	}
	if h.Min == nil && h.Max == nil && h.Regex == "" && h.Options == nil && h.Start == nil && h.MinLength == nil && h.MaxLength == nil {
		return nil
	}
	return h
}

// jsonText renders a node as compact JSON (object keys in source order).
func (n *node) jsonText() string {
	var b []byte
	var walk func(n *node)
	walk = func(n *node) {
		switch n.kind {
		case nStr:
			q, _ := json.Marshal(n.s)
			b = append(b, q...)
		case nObj:
			b = append(b, '{')
			for i, k := range n.keys {
				if i > 0 {
					b = append(b, ',')
				}
				q, _ := json.Marshal(k)
				b = append(b, q...)
				b = append(b, ':')
				walk(n.vals[i])
			}
			b = append(b, '}')
		case nArr:
			b = append(b, '[')
			for i, v := range n.vals {
				if i > 0 {
					b = append(b, ',')
				}
				walk(v)
			}
			b = append(b, ']')
		case nNull:
			b = append(b, "null"...)
		default:
			b = append(b, n.s...)
		}
	}
	walk(n)
	return string(b)
}
