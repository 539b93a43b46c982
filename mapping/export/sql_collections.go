package export

import (
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/seamhq/seam/mapping/schema"
)

// let declarations, x in [...], object literals and the arrays of objects
// a rule's items build (filter([...], # != nil)).

// let translates `let name = value; expr`: the value is computed once
// (hoisted into a step) and read by name in expr. expr evaluates the value
// whether expr reads it or not, so a failure of the value fails the rule.
func (tr *translator) let(n *ast.VariableDeclaratorNode) (sx, error) {
	v, err := tr.expr(n.Value)
	if err != nil {
		return sx{}, err
	}
	v = tr.bindSx(v)
	if tr.vars == nil {
		tr.vars = map[string]sx{}
	}
	prev, had := tr.vars[n.Name]
	tr.vars[n.Name] = sx{sql: v.sql, t: v.t, st: v.st}
	body, err := tr.expr(n.Expr)
	if had {
		tr.vars[n.Name] = prev
	} else {
		delete(tr.vars, n.Name)
	}
	if err != nil {
		return sx{}, err
	}
	body.guard = and(v.guard, body.guard)
	return body, nil
}

// in translates x in [literal, ...]: true when x equals an element; a null
// x is in no list of non-null literals (expr's in never fails).
func (tr *translator) in(n *ast.BinaryNode) (sx, error) {
	arr, ok := n.Right.(*ast.ArrayNode)
	if !ok {
		return sx{}, unsupported("in over %s has no SQL form (over an array literal it has)", n.Right.String())
	}
	x, err := tr.expr(n.Left)
	if err != nil {
		return sx{}, err
	}
	lits := make([]string, 0, len(arr.Nodes))
	for _, e := range arr.Nodes {
		if u, ok := e.(*ast.UnaryNode); ok && u.Operator == "-" {
			if n, isInt := u.Node.(*ast.IntegerNode); isInt {
				e = &ast.IntegerNode{Value: -n.Value}
			}
		}
		switch e.(type) {
		case *ast.StringNode:
			if x.t != tText && x.t != tAny && x.t != tNull {
				return sx{}, unsupported("in: a %s compared with a string", x.t)
			}
		case *ast.IntegerNode:
			if x.t != tInt && x.t != tNull {
				return sx{}, unsupported("in: a %s compared with an integer", x.t)
			}
		default:
			return sx{}, unsupported("in: the list element %s is no string or integer literal", e.String())
		}
		y, err := tr.expr(e)
		if err != nil {
			return sx{}, err
		}
		lits = append(lits, y.sql)
	}
	if len(lits) == 0 {
		return sx{sql: "FALSE", t: tBool, guard: x.guard}, nil
	}
	return sx{sql: "COALESCE(" + x.sql + " IN (" + strings.Join(lits, ", ") + "), FALSE)", t: tBool, guard: x.guard}, nil
}

// object translates {key: value, ...} into a JSON object; a null value is
// a JSON null (the key stays).
func (tr *translator) object(n *ast.MapNode) (sx, error) {
	d := tr.d
	var parts []string
	var g string
	for _, p := range n.Pairs {
		pr, ok := p.(*ast.PairNode)
		if !ok {
			return sx{}, unsupported("object entry %s", p.String())
		}
		k, ok := pr.Key.(*ast.StringNode)
		if !ok {
			return sx{}, unsupported("object key %s is no string literal", pr.Key.String())
		}
		v, err := tr.expr(pr.Value)
		if err != nil {
			return sx{}, err
		}
		g = and(g, v.guard)
		jv, err := tr.jsonArg(v)
		if err != nil {
			return sx{}, unsupported("object key %s: %v", k.Value, err)
		}
		parts = append(parts, d.str(k.Value), jv)
	}
	var f string
	switch d.name {
	case "postgres":
		f = "jsonb_build_object"
	case "sqlite":
		f = "json_object"
	case "mysql":
		f = "JSON_OBJECT"
	default:
		return sx{}, unsupported("an object literal has no %s form", d.name)
	}
	return sx{sql: f + "(" + strings.Join(parts, ", ") + ")", t: tJSON, guard: g}, nil
}

// jsonArg renders x as a value argument of the dialect's JSON object
// builder: text as a JSON string, integers as numbers, booleans as
// true/false, JSON as itself, null as null.
func (tr *translator) jsonArg(x sx) (string, error) {
	d := tr.d
	switch x.t {
	case tText, tAny:
		if d.name == "postgres" {
			return "CAST(" + x.sql + " AS TEXT)", nil
		}
		return x.sql, nil
	case tNull:
		if d.name == "postgres" {
			return "CAST(NULL AS TEXT)", nil
		}
		return "NULL", nil
	case tInt:
		return x.sql, nil
	case tBool:
		tf := "CASE WHEN " + x.sql + " THEN 'true' WHEN NOT " + x.sql + " THEN 'false' END"
		switch d.name {
		case "postgres":
			return x.sql, nil
		case "sqlite":
			return "json(" + tf + ")", nil
		}
		return "CAST(" + tf + " AS JSON)", nil
	case tJSON:
		switch d.name {
		case "postgres":
			return x.sql, nil
		case "sqlite":
			return "json(" + x.sql + ")", nil
		}
		return "CAST(" + x.sql + " AS JSON)", nil
	default:
	}
	return "", unsupported("a %s inside a JSON value has no SQL form (seam prints it in its own form)", x.t)
}

// jsonElem renders x as the JSON text (SQLite, MySQL) or jsonb
// (PostgreSQL) of one array element, NULL for null.
func (tr *translator) jsonElem(x sx) (string, error) {
	d := tr.d
	if d.name == "postgres" {
		if x.t == tJSON {
			return "CAST(" + x.sql + " AS JSONB)", nil
		}
		a, err := tr.jsonArg(x)
		if err != nil {
			return "", err
		}
		return "TO_JSONB(" + a + ")", nil
	}
	switch x.t {
	case tJSON:
		if d.name == "sqlite" {
			return "json(" + x.sql + ")", nil
		}
		return "CAST(" + x.sql + " AS CHAR)", nil
	case tNull:
		return "NULL", nil
	case tText, tAny:
		if d.name == "sqlite" {
			return "CASE WHEN " + x.sql + " IS NULL THEN NULL ELSE json_quote(" + x.sql + ") END", nil
		}
		return "CAST(JSON_QUOTE(" + x.sql + ") AS CHAR)", nil
	case tInt:
		return "CAST(" + x.sql + " AS " + d.textType + ")", nil
	case tBool:
		return "CASE WHEN " + x.sql + " THEN 'true' WHEN NOT " + x.sql + " THEN 'false' END", nil
	default:
	}
	return "", unsupported("a %s inside a JSON array has no SQL form (seam prints it in its own form)", x.t)
}

// filter translates filter([e1, e2, ...], # != nil), the array a rule's
// items build: the elements that are not null, in order; none gives [].
func (tr *translator) filter(nodes []ast.Node) (sx, error) {
	d := tr.d
	if len(nodes) != 2 {
		return sx{}, unsupported("filter with %d arguments", len(nodes))
	}
	arr, ok := nodes[0].(*ast.ArrayNode)
	if !ok || !notNilPredicate(nodes[1]) {
		return sx{}, unsupported("filter has an SQL form only over an array literal with the predicate # != nil (a rule's items)")
	}
	if d.name == "spark" {
		return sx{}, unsupported("an array of objects has no spark form")
	}
	var g string
	elems := make([]string, 0, len(arr.Nodes))
	for _, e := range arr.Nodes {
		x, err := tr.expr(e)
		if err != nil {
			return sx{}, err
		}
		g = and(g, x.guard)
		j, err := tr.jsonElem(x)
		if err != nil {
			return sx{}, err
		}
		elems = append(elems, j)
	}
	switch d.name {
	case "postgres":
		if len(elems) == 0 {
			return sx{sql: "'[]'::jsonb", t: tJSON, guard: g}, nil
		}
		return sx{sql: "TO_JSONB(ARRAY_REMOVE(ARRAY[" + strings.Join(elems, ", ") + "]::jsonb[], NULL))", t: tJSON, guard: g}, nil
	case "sqlite":
		var cat []string
		for _, e := range elems {
			cat = append(cat, "COALESCE(',' || "+e+", '')")
		}
		if len(cat) == 0 {
			cat = []string{"''"}
		}
		return sx{sql: "json('[' || SUBSTR(" + strings.Join(cat, " || ") + ", 2) || ']')", t: tJSON, guard: g}, nil
	}
	// MySQL: CONCAT_WS skips NULL arguments
	return sx{sql: "CAST(CONCAT('[', CONCAT_WS(',', " + strings.Join(append(elems, "NULL"), ", ") + "), ']') AS JSON)", t: tJSON, guard: g}, nil
}

// notNilPredicate reports the closure # != nil (or nil != #).
func notNilPredicate(n ast.Node) bool {
	c, ok := n.(*ast.PredicateNode)
	if !ok {
		return false
	}
	b, ok := c.Node.(*ast.BinaryNode)
	if !ok || b.Operator != "!=" {
		return false
	}
	isPtr := func(n ast.Node) bool { p, ok := n.(*ast.PointerNode); return ok && p.Name == "" }
	isNil := func(n ast.Node) bool { _, ok := n.(*ast.NilNode); return ok }
	return isPtr(b.Left) && isNil(b.Right) || isNil(b.Left) && isPtr(b.Right)
}

// freeForm reports whether segs reads below an object field of the
// source schema that declares no fields of its own (a free-form object
// such as Stripe's metadata): the engine reads any key there.
func freeForm(src *schema.Schema, segs []string) bool {
	for k := len(segs) - 1; k >= 1; k-- {
		if f := src.Lookup(strings.Join(segs[:k], ".")); f != nil {
			return f.Type == schema.Object && len(f.Children) == 0
		}
	}
	return false
}
