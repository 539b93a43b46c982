package check

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

// Contract violations (#13.3): a source value that breaks what the source
// schema itself declares (null in a required, non-nullable field; a value
// that does not read as the field's type; text longer than its declared
// length; a number outside its declared bounds or integer width) is a problem of the source, not
// of the mapping. The rule's findings on such a row (null_into_required,
// coercion_failure ...) are reported as one contract_violation finding of
// the rule instead, at warn: the mapping is not wrong, the data broke its
// own schema. A sampled schema (inferred from data) declares nothing, so
// it is never held to a contract.

// contractRef is one source field a rule reads, held to its contract.
type contractRef struct {
	f      *schema.Field
	ref    fieldRef
	parent fieldRef // the field's object, "" at the top
}

// prepareContract lists the declared source fields a rule reads.
func (d *Data) prepareContract(dr *dataRule) {
	for _, s := range dr.ri.sources() {
		if s == nil || s.Sampled || strings.Contains(s.Path, "[]") || !holdsContract(s) {
			continue
		}
		c := contractRef{f: s, ref: newFieldRef(s.Path, d.keys)}
		if i := strings.LastIndexByte(s.Path, '.'); i >= 0 {
			c.parent = newFieldRef(s.Path[:i], d.keys)
		}
		dr.contract = append(dr.contract, c)
	}
}

// holdsContract: the field declares something a value can break here.
func holdsContract(f *schema.Field) bool {
	switch f.Type {
	case schema.Integer, schema.Decimal, schema.Float, schema.Boolean:
		return true
	case schema.String:
		if f.MaxLength != nil {
			return true
		}
	default:
	}
	return f.Required && !f.Nullable
}

// sourceBroken returns the first source field of the rule whose value on
// this row breaks the source schema, with the reason; "" when none.
func (dr *dataRule) sourceBroken(in *value.Record) (string, string) {
	for i := range dr.contract {
		c := &dr.contract[i]
		if c.parent.path != "" {
			if p := c.parent.get(in); p.K != value.Object {
				continue // a null or absent object leaves its fields out
			}
		}
		if why := contractBreak(c.f, c.ref.get(in)); why != "" {
			return c.f.Path, why
		}
	}
	return "", ""
}

// contractBreak says how v breaks f's declared contract, "" when it does
// not: presence (required, nullable) and, for numbers and booleans, a
// value that does not read as one (text "12" in an integer field reads).
func contractBreak(f *schema.Field, v value.Value) string {
	switch v.K {
	case value.Absent:
		if f.Required {
			return "absent in a required field"
		}
		return ""
	case value.Null:
		if f.Required && !f.Nullable {
			return "null in a field that is required and not nullable"
		}
		return ""
	default:
	}
	switch f.Type {
	case schema.String:
		// A declared length: a longer value is one the source could not
		// have held (VARCHAR(40) gives no 41st character).
		if f.MaxLength != nil && v.K == value.String && len(v.S) > *f.MaxLength {
			if n := utf8.RuneCountInString(v.S); n > *f.MaxLength {
				return fmt.Sprintf("%d characters where the schema allows %d", n, *f.MaxLength)
			}
		}
		return ""
	case schema.Integer, schema.Decimal, schema.Float:
		switch v.K {
		case value.Int:
			return outOfRange(f, float64(v.I), v)
		case value.Decimal:
			fv, _ := v.D.Float64()
			return outOfRange(f, fv, v)
		case value.Float:
			return outOfRange(f, v.F, v)
		case value.String:
			// Text that reads as a number is a spelling (CSV cells are
			// text); empty text is none (a CSV reader makes an empty cell
			// of a typed field null before it gets here).
			if _, err := strconv.ParseFloat(strings.TrimSpace(v.S), 64); err == nil {
				return ""
			}
		default:
		}
		return fmt.Sprintf("%s where the schema declares %s", describeKind(v), f.Type)
	case schema.Boolean:
		switch v.K {
		case value.Bool:
			return ""
		case value.String:
			switch strings.ToLower(strings.TrimSpace(v.S)) {
			case "true", "false", "t", "f", "1", "0", "yes", "no", "y", "n", "on", "off":
				return ""
			}
		case value.Int:
			if v.I == 0 || v.I == 1 {
				return ""
			}
		default:
		}
		return fmt.Sprintf("%s where the schema declares boolean", describeKind(v))
	default:
	}
	return ""
}

// outOfRange says how a number breaks its field's declared bounds: its
// minimum, maximum or integer width; "" when it keeps them.
func outOfRange(f *schema.Field, x float64, v value.Value) string {
	switch {
	case f.Min != nil && x < *f.Min:
		return fmt.Sprintf("%s below the schema's minimum %g", v.Text(), *f.Min)
	case f.Max != nil && x > *f.Max:
		return fmt.Sprintf("%s above the schema's maximum %g", v.Text(), *f.Max)
	case f.Type == schema.Integer && f.Bits > 0 && f.Bits < 64 && (x > intMax(f.Bits) || x < -intMax(f.Bits)-1):
		return fmt.Sprintf("%s does not fit the schema's integer(%d)", v.Text(), f.Bits)
	}
	return ""
}

// describeKind names a value's kind for a reason ("text \"abc\"").
func describeKind(v value.Value) string {
	switch v.K {
	case value.String:
		return "text " + strconv.Quote(clipText(v.S, 40))
	case value.Object:
		return "an object"
	case value.Array:
		return "an array"
	case value.Bool:
		return "a boolean"
	default:
	}
	return "the value " + v.Text()
}

// clipText shortens s to n characters for a reason.
func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
}

// contractHit counts a row whose source broke its contract as the rule's
// contract_violation, with the edge case that produced it when known.
func (d *Data) contractHit(dr *dataRule, row int64, in *value.Record, ov value.Value, labels map[string]string, path, why string) {
	r := dr.ri.r
	a := d.agg(kind.ContractViolation, r.Target, r.Name(), r.From)
	if a.desc == "" {
		a.desc = fmt.Sprintf("source values break the source schema on the way into %s: a source problem, not a mapping problem", r.Target)
	}
	if len(a.f.Examples) < d.opts.MaxExamples {
		d.example(a, row, in, r.From, ov, labels, path+": "+why)
	}
}

// LookupKeys maps each source field that a rule reads straight into a
// lookup (lookup("owners", hubspot_owner_id)) to the keys of that table,
// for synthetic rows that draw their keys from it (synth.Plan.Keys).
func LookupKeys(m *mapping.Mapping) map[string][]string {
	out := map[string][]string{}
	if m == nil {
		return out
	}
	for _, r := range m.Rules {
		if !r.Active() || strings.TrimSpace(r.Expr) == "" {
			continue
		}
		rd, err := transform.ReadExpr(r.Expr)
		if err != nil {
			continue
		}
		for _, c := range rd.Calls {
			if !c.Facts.Has(transform.LooksUp) || len(c.Node.Arguments) < 2 {
				continue
			}
			tn, ok := c.Node.Arguments[0].(*ast.StringNode)
			if !ok {
				continue
			}
			p := transform.PathOf(keyArg(c.Node.Arguments[1]), "")
			lk := m.LookupNamed(tn.Value)
			if p == "" || lk == nil || len(lk.Entries) == 0 {
				continue
			}
			if _, seen := out[p]; seen {
				continue
			}
			keys := make([]string, len(lk.Entries))
			for i, e := range lk.Entries {
				keys[i] = e.Key
			}
			out[p] = keys
		}
	}
	return out
}

// keyArg unwraps a lookup key's spelling: lookup("reps", to_string(rep_id))
// and lookup("c", trim(code)) key the table by the field itself, so its
// values can be drawn from the table's keys.
func keyArg(n ast.Node) ast.Node {
	for {
		c, ok := n.(*ast.CallNode)
		if !ok || len(c.Arguments) != 1 || !keySpellings[transform.CallName(c)] {
			return n
		}
		n = c.Arguments[0]
	}
}

// keySpellings are the functions that respell a key without changing
// which entry it names (for keys that are already trimmed, upper-case ...).
var keySpellings = map[string]bool{"to_string": true, "to_int": true, "trim": true, "upper": true, "lower": true}
