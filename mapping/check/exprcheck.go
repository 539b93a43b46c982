package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
)

// lenBound is the most characters an expression can produce, read from
// the library's facts: substr(x, s, N) keeps at most N, trim, lower and the
// like no more than their input, a lookup no more than its longest value
// (and default), a string literal its length, a conditional or ?? its
// longest branch. ok is false when nothing bounds it.
func lenBound(m *mapping.Mapping, n ast.Node) (int, bool) {
	switch x := n.(type) {
	case *ast.StringNode:
		return len([]rune(x.Value)), true
	case *ast.NilNode:
		return 0, true
	case *ast.ChainNode:
		return lenBound(m, x.Node)
	case *ast.ConditionalNode:
		a, ok1 := lenBound(m, x.Exp1)
		b, ok2 := lenBound(m, x.Exp2)
		return max(a, b), ok1 && ok2
	case *ast.BinaryNode:
		if x.Operator == "??" {
			a, ok1 := lenBound(m, x.Left)
			b, ok2 := lenBound(m, x.Right)
			return max(a, b), ok1 && ok2
		}
	case *ast.CallNode:
		name := transform.CallName(x)
		f, _ := transform.FactsOf(name)
		switch {
		case f.Has(transform.BoundsLength):
			if n, ok := transform.IntArg(x, f.LengthArg); ok && n >= 0 {
				return n, true
			}
		case f.Has(transform.NoLonger) && len(x.Arguments) > 0:
			return lenBound(m, x.Arguments[0])
		case f.Has(transform.LooksUp) && len(x.Arguments) > 0 && m != nil:
			return lookupBound(m, x)
		case f.Has(transform.HandlesNull):
			best := 0
			for _, a := range x.Arguments {
				b, ok := lenBound(m, a)
				if !ok {
					return 0, false
				}
				best = max(best, b)
			}
			return best, len(x.Arguments) > 0
		default:
		}
	default:
	}
	return 0, false
}

// lookupBound is the longest value a lookup call can return: the table's
// values, its default and the call's default argument.
func lookupBound(m *mapping.Mapping, c *ast.CallNode) (int, bool) {
	tn, ok := c.Arguments[0].(*ast.StringNode)
	if !ok {
		return 0, false
	}
	lk := m.LookupNamed(tn.Value)
	if lk == nil || (lk.File != "" && len(lk.Entries) == 0) {
		return 0, false // a CSV table not read yet (Load reads it)
	}
	best := 0
	for _, e := range lk.Entries {
		best = max(best, len([]rune(e.Value)))
	}
	if lk.Default != nil {
		best = max(best, len([]rune(*lk.Default)))
	}
	if len(c.Arguments) > 2 {
		d, ok := lenBound(m, c.Arguments[2])
		if !ok {
			return 0, false
		}
		best = max(best, d)
	}
	return best, true
}

// cutBySubstr (D15): substr(x, s, N) with N below what the target holds
// and a source that can be longer than N cuts values the target could
// keep whole, silently: a truncation risk.
func cutBySubstr(ri *ruleInfo, n int) []Finding {
	if ri.x.read == nil {
		return nil
	}
	c, ok := ri.x.read.Root.(*ast.CallNode)
	if !ok {
		return nil
	}
	f, _ := transform.FactsOf(transform.CallName(c))
	if !f.Has(transform.BoundsLength) {
		return nil
	}
	keep, ok := transform.IntArg(c, f.LengthArg)
	if !ok || keep >= n || len(c.Arguments) == 0 {
		return nil
	}
	s := ri.field(innerPath(c.Arguments[0]))
	if s == nil || (s.Type != schema.String && s.Type != schema.Enum && s.Type != "") {
		return nil
	}
	src := "unbounded"
	if s.MaxLength != nil {
		if *s.MaxLength <= keep {
			return nil
		}
		src = strconv.Itoa(*s.MaxLength)
	}
	return []Finding{ri.finding(kind.Truncation, diag.Warn, "D15",
		fmt.Sprintf("%s keeps %d characters of %s, but %s holds %d: longer values are cut although they would fit", transform.CallName(c), keep, s.Path, ri.tf.Path, n),
		"source length "+src, "expression keeps "+strconv.Itoa(keep), "target holds "+strconv.Itoa(n))}
}

// parsedCode (D14): a code-like source read as a number inside the
// expression (to_string(to_int(zip))): its leading zeros are lost even
// when the rule's result is text again.
func parsedCode(ri *ruleInfo) []Finding {
	if ri.x.read == nil {
		return nil
	}
	for _, call := range ri.x.read.Calls {
		if !call.Facts.Has(transform.ParsesNumber) || len(call.Node.Arguments) == 0 {
			continue
		}
		s := ri.field(innerPath(call.Node.Arguments[0]))
		if s == nil || (s.Type != schema.String && s.Type != schema.Enum) {
			continue
		}
		{
			if why := codeLike(s); why != "" {
				return []Finding{ri.finding(kind.CodeAsNumber, diag.Error, "D14",
					fmt.Sprintf("code-like %s is read as a number by %s: leading zeros, '+' and letters are lost before %s gets it", s.Path, call.Name, ri.tf.Path),
					why, call.Name+"("+s.Path+")")}
			}
		}
	}
	return nil
}

// innerPath is the field a value comes from through functions that keep
// it (trim, lower, substr ...): trim(firstname) is firstname.
func innerPath(n ast.Node) string {
	for {
		c, ok := n.(*ast.CallNode)
		if !ok || len(c.Arguments) == 0 {
			return transform.PathOf(n, "")
		}
		f, _ := transform.FactsOf(transform.CallName(c))
		if !f.Has(transform.NoLonger) && !f.Has(transform.BoundsLength) {
			return ""
		}
		n = c.Arguments[0]
	}
}

// field returns the source field at path: one of the rule's from fields,
// or a field its expression reads; nil when unknown.
func (ri *ruleInfo) field(path string) *schema.Field {
	if path == "" {
		return nil
	}
	for i, p := range ri.r.From {
		if p == path {
			return ri.srcs[i]
		}
	}
	return ri.reads[path]
}

// sources are the rule's source fields: its from fields, or for a rule
// with an expression only, the fields the expression reads.
func (ri *ruleInfo) sources() []*schema.Field {
	if len(ri.r.From) > 0 || ri.x.read == nil {
		return ri.srcs
	}
	var out []*schema.Field
	for _, p := range ri.x.read.Paths {
		if f := ri.reads[p]; f != nil {
			out = append(out, f)
		}
	}
	return out
}

// sourcePaths names the fields sources returns.
func (ri *ruleInfo) sourcePaths() []string {
	if len(ri.r.From) > 0 || ri.x.read == nil {
		return ri.r.From
	}
	var out []string
	for _, p := range ri.x.read.Paths {
		if ri.reads[p] != nil {
			out = append(out, p)
		}
	}
	return out
}

// sentinelKey: on_error default(V) into a key. Into a reference, every
// row whose value failed points at V, a record that does not exist or the
// wrong one (D28); into a primary or unique key, every failing row writes
// the same key (D27).
func (c *ctx) sentinelKey(ri *ruleInfo) []Finding {
	mode, arg, err := mapping.ParseOnError(ri.r.OnError)
	if err != nil || mode != mapping.OnErrorDefault || arg == "" || strings.EqualFold(arg, "null") {
		return nil
	}
	tf := ri.tf
	if c.keyAlone(tf) {
		return []Finding{ri.finding(kind.DuplicateKey, diag.Error, "D27",
			fmt.Sprintf("on_error default(%s) into the key %s: every row whose value fails writes the same key", arg, tf.Path),
			"target is a primary or unique key", "on_error "+ri.r.OnError)}
	}
	if ref, why := isReference(tf); ref {
		return []Finding{ri.finding(kind.LookupMiss, diag.Error, "D28",
			fmt.Sprintf("on_error default(%s) into the reference %s: rows whose value fails point at %s, a record that does not exist or the wrong one; use on_error: null or reject", arg, tf.Path, arg),
			"target "+why, "on_error "+ri.r.OnError)}
	}
	return nil
}
