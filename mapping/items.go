package mapping

import (
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	yast "github.com/goccy/go-yaml/ast"
)

// ItemField is one field of an element of a rule's items: the element's
// field name and the expression that fills it.
type ItemField struct {
	Name string
	Expr string
}

// Item is one element template of a rule's items: its fields in file order.
type Item []ItemField

// ItemWhen is the key of an item that says when the element is made (a
// bool expression), instead of the default (some non-literal value is
// not blank).
const ItemWhen = "$when"

// ItemsExpr is the expression a rule with items runs: an array of one
// object per item, leaving out an item whose every non-literal value is
// null, absent or the empty string (phone, mobile_phone, fax ->
// phone_numbers[]: an empty fax gives no element). An item of literals
// only is always kept.
func ItemsExpr(items []Item) string {
	var b strings.Builder
	b.WriteString("filter([")
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		var guard []string
		when := ""
		for _, f := range it {
			switch {
			case f.Name == ItemWhen:
				when = f.Expr
			case !isLiteral(f.Expr):
				guard = append(guard, "null_if_empty("+f.Expr+") == nil")
			}
		}
		switch {
		case when != "":
			b.WriteString("!(" + when + ") ? nil : ")
		case len(guard) > 0:
			b.WriteString(strings.Join(guard, " && ") + " ? nil : ")
		}
		b.WriteString("{")
		k := 0
		for _, f := range it {
			if f.Name == ItemWhen {
				continue
			}
			if k > 0 {
				b.WriteString(", ")
			}
			k++
			b.WriteString(strconv.Quote(f.Name) + ": (" + f.Expr + ")")
		}
		b.WriteString("}")
	}
	b.WriteString("], # != nil)")
	return b.String()
}

// isLiteral reports an expression that is a single literal (a string,
// number, bool or nil), read with expr's own parser.
func isLiteral(src string) bool {
	tree, err := parser.Parse(src)
	if err != nil {
		return false
	}
	switch tree.Node.(type) {
	case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NilNode:
		return true
	}
	return false
}

// items reads a rule's `items:`: a list of mappings, element field ->
// expression (a YAML number or bool is read as its literal).
func (p *mparser) items(n yast.Node) []Item {
	seq, ok := unwrap(n).(*yast.SequenceNode)
	if !ok || len(seq.Values) == 0 {
		p.errf(n, "items: want a list of elements ({field: expression, ...}), found %s", nodeKind(n))
		return nil
	}
	var out []Item
	for _, v := range seq.Values {
		var it Item
		seen := map[string]bool{}
		for _, e := range p.entries(v, "items element") {
			k := keyString(e)
			if seen[k] {
				p.errf(e.Key, "items: field %q appears twice in one element", k)
				continue
			}
			seen[k] = true
			x := strings.TrimSpace(p.str(e.Value, "items field "+k))
			if x == "" {
				p.errf(e.Value, "items: field %s has no expression (write '\"text\"' for a constant, nil for null)", k)
				continue
			}
			it = append(it, ItemField{Name: k, Expr: x})
		}
		if len(it) == 0 || len(it) == 1 && it[0].Name == ItemWhen {
			p.errf(v, "items: an element with no fields")
			continue
		}
		out = append(out, it)
	}
	return out
}
