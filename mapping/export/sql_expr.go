package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
)

// sqlType is the static type of a translated expression.
type sqlType int

const (
	tAny sqlType = iota
	tNull
	tText
	tInt
	tDec
	tFloat
	tBool
	tDate
	tTimestamp
	// tOpaque is a source value SQL only passes through unchanged to a
	// target of the same schema type (zoned timestamps, times, objects).
	tOpaque
	// tJSON is a JSON array or object the SQL builds (items:, {...}):
	// SQLite and MySQL text, PostgreSQL jsonb.
	tJSON
)

func (t sqlType) String() string {
	return [...]string{"any", "null", "string", "integer", "decimal", "float", "boolean", "date", "timestamp", "opaque", "json"}[t]
}

func (t sqlType) numeric() bool { return t == tInt || t == tDec || t == tFloat }

// sx is a translated expression: its SQL, its type, and the guard: a
// condition that is true when computing it does not fail in seam (a cast
// that parses, a lookup that hits). When a guard is false the SQL value is
// NULL, never a database error: every cast sits behind CASE WHEN guard.
type sx struct {
	sql   string
	t     sqlType
	guard string
	// st is the schema type of an opaque value.
	st schema.Type
}

// unsupportedErr marks a construct the dialect cannot express.
type unsupportedErr struct{ reason string }

func (e *unsupportedErr) Error() string { return e.reason }

func unsupported(format string, args ...any) error {
	return &unsupportedErr{reason: fmt.Sprintf(format, args...)}
}

// and joins guards, skipping empty ones.
func and(gs ...string) string {
	var keep []string
	seen := map[string]bool{}
	for _, g := range gs {
		if g != "" && !seen[g] {
			seen[g] = true
			keep = append(keep, g)
		}
	}
	switch len(keep) {
	case 0:
		return ""
	case 1:
		return keep[0]
	}
	return "(" + strings.Join(keep, " AND ") + ")"
}

// guarded wraps value in CASE WHEN guard THEN value END.
func guarded(guard, value string) string {
	if guard == "" {
		return value
	}
	return "CASE WHEN " + guard + " THEN " + value + " END"
}

// translator turns one rule's expression into SQL for one dialect.
type translator struct {
	d   *dialect
	m   *mapping.Mapping
	src *schema.Schema
	// col renders a source field reference.
	col func(path string) string
	// b hoists computed values into WITH steps; nil inlines everything.
	b *binder
	// In a target of a mapping with several targets (sql_plan.go): the
	// element column of every iterated level, the column of $line, and
	// the column prefix of every join's fields.
	elems    []elemCol
	line     string
	joinCols map[string]string
	// readJoin records the joins a translated rule read.
	readJoin map[string]bool
	// vars are the values of the let declarations in scope.
	vars map[string]sx
}

// typeOf maps a schema type to a translator type.
func typeOf(t schema.Type) sqlType {
	switch t {
	case schema.Integer:
		return tInt
	case schema.Decimal:
		return tDec
	case schema.Float:
		return tFloat
	case schema.Boolean:
		return tBool
	case schema.Date:
		return tDate
	case schema.Timestamp:
		return tTimestamp
	case schema.String, schema.Enum, schema.UUID:
		return tText
	default:
	}
	return tOpaque
}

// expr translates an AST node.
func (tr *translator) expr(n ast.Node) (sx, error) {
	switch n := n.(type) {
	case *ast.NilNode:
		return sx{sql: "NULL", t: tNull}, nil
	case *ast.StringNode:
		return sx{sql: tr.d.str(n.Value), t: tText}, nil
	case *ast.IntegerNode:
		return sx{sql: strconv.Itoa(n.Value), t: tInt}, nil
	case *ast.FloatNode:
		// expr literals like 100.0 are decimals in seam's library.
		return sx{sql: strconv.FormatFloat(n.Value, 'f', -1, 64), t: tDec}, nil
	case *ast.BoolNode:
		if n.Value {
			return sx{sql: "TRUE", t: tBool}, nil
		}
		return sx{sql: "FALSE", t: tBool}, nil
	case *ast.IdentifierNode:
		if v, ok := tr.vars[n.Value]; ok {
			return v, nil
		}
		return tr.refPath([]string{n.Value})
	case *ast.MemberNode:
		p, ok := memberPath(n)
		if !ok {
			return sx{}, unsupported("member access %s is not a plain field path", n.String())
		}
		return tr.refPath(p)
	case *ast.ChainNode:
		// a?.b: reading through a null or absent parent gives null, as
		// a.b does (shared null propagation rule)
		return tr.expr(n.Node)
	case *ast.UnaryNode:
		return tr.unary(n)
	case *ast.BinaryNode:
		if n.Operator == "in" {
			return tr.in(n)
		}
		return tr.binary(n)
	case *ast.VariableDeclaratorNode:
		return tr.let(n)
	case *ast.MapNode:
		return tr.object(n)
	case *ast.ConditionalNode:
		c, err := tr.expr(n.Cond)
		if err != nil {
			return sx{}, err
		}
		a, err := tr.expr(n.Exp1)
		if err != nil {
			return sx{}, err
		}
		b, err := tr.expr(n.Exp2)
		if err != nil {
			return sx{}, err
		}
		a, b, t, err := tr.unify(a, b)
		if err != nil {
			return sx{}, err
		}
		g := and(c.guard, "("+c.sql+" IS NOT NULL)", caseGuard(c.sql, a.guard, b.guard))
		return sx{sql: "CASE WHEN " + c.sql + " THEN " + a.sql + " ELSE " + b.sql + " END", t: t, guard: g}, nil
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok {
			return sx{}, unsupported("call of %s", n.Callee.String())
		}
		return tr.call(id.Value, n.Arguments)
	case *ast.BuiltinNode:
		return tr.call(n.Name, n.Arguments)
	}
	return sx{}, unsupported("%T (%s) has no SQL form", n, n.String())
}

// caseGuard combines branch guards of a conditional: only the branch
// taken can fail.
func caseGuard(cond, g1, g2 string) string {
	if g1 == "" && g2 == "" {
		return ""
	}
	if g1 == "" {
		g1 = "TRUE"
	}
	if g2 == "" {
		g2 = "TRUE"
	}
	return "(CASE WHEN " + cond + " THEN " + g1 + " ELSE " + g2 + " END)"
}

// memberPath returns the segments of a field path: a.b, a?.b, a["b"],
// $env["any name"]["b"]; ok is false for anything else (an index, a
// method, a computed key).
func memberPath(n ast.Node) ([]string, bool) {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		if n.Value == "$env" {
			return []string{}, true
		}
		return []string{n.Value}, true
	case *ast.MemberNode:
		base, ok := memberPath(n.Node)
		s, ok2 := n.Property.(*ast.StringNode)
		if !ok || !ok2 || n.Method {
			return nil, false
		}
		return append(base, s.Value), true
	case *ast.ChainNode:
		return memberPath(n.Node)
	}
	return nil, false
}

func (tr *translator) unary(n *ast.UnaryNode) (sx, error) {
	x, err := tr.expr(n.Node)
	if err != nil {
		return sx{}, err
	}
	switch n.Operator {
	case "not", "!":
		return sx{sql: "(NOT " + x.sql + ")", t: tBool, guard: and(x.guard, "("+x.sql+" IS NOT NULL)")}, nil
	case "-":
		if !x.t.numeric() {
			return sx{}, unsupported("unary minus of %s", x.t)
		}
		g := x.guard
		if x.t != tDec {
			g = and(g, "("+x.sql+" IS NOT NULL)")
		}
		return sx{sql: "(-" + x.sql + ")", t: x.t, guard: g}, nil
	case "+":
		return x, nil
	}
	return sx{}, unsupported("operator %s", n.Operator)
}

func (tr *translator) binary(n *ast.BinaryNode) (sx, error) {
	a, err := tr.expr(n.Left)
	if err != nil {
		return sx{}, err
	}
	b, err := tr.expr(n.Right)
	if err != nil {
		return sx{}, err
	}
	g := and(a.guard, b.guard)
	notNull := func(xs ...sx) string {
		var parts []string
		for _, x := range xs {
			if x.t != tNull {
				parts = append(parts, x.sql+" IS NOT NULL")
			} else {
				parts = append(parts, "FALSE")
			}
		}
		return "(" + strings.Join(parts, " AND ") + ")"
	}
	switch n.Operator {
	case "??":
		a, b, t, err := tr.unify(a, b)
		if err != nil {
			return sx{}, err
		}
		// b is evaluated only when a is null
		g = a.guard
		if b.guard != "" {
			g = and(g, "(CASE WHEN "+a.sql+" IS NULL THEN "+b.guard+" ELSE TRUE END)")
		}
		return sx{sql: "COALESCE(" + a.sql + ", " + b.sql + ")", t: t, guard: g}, nil
	case "and", "&&", "or", "||":
		// expr short-circuits: the right operand (and its failures) only
		// counts when it is evaluated; a null operand it evaluates fails.
		bok := and(b.guard, "("+b.sql+" IS NOT NULL)")
		op, right := "AND", "(CASE WHEN "+a.sql+" THEN "+bok+" ELSE TRUE END)"
		if n.Operator == "or" || n.Operator == "||" {
			op, right = "OR", "(CASE WHEN "+a.sql+" THEN TRUE ELSE "+bok+" END)"
		}
		g = and(a.guard, "("+a.sql+" IS NOT NULL AND "+right+")")
		return sx{sql: "(" + a.sql + " " + op + " " + b.sql + ")", t: tBool, guard: g}, nil
	case "==", "!=":
		a, b, _, err := tr.unify(a, b)
		if err != nil {
			return sx{}, err
		}
		if a.t == tNull || b.t == tNull || a.t == tDec || b.t == tDec {
			// against the nil literal, and in seam's decimal operators,
			// null is a value: null == null is true.
			eq := tr.d.nullSafeEq(a.sql, b.sql)
			if n.Operator == "!=" {
				eq = "(NOT " + eq + ")"
			}
			return sx{sql: eq, t: tBool, guard: g}, nil
		}
		// a null in a typed comparison is an error in seam
		op := "="
		if n.Operator == "!=" {
			op = "<>"
		}
		return sx{sql: "(" + a.sql + " " + op + " " + b.sql + ")", t: tBool, guard: and(g, notNull(a, b))}, nil
	case "<", ">", "<=", ">=":
		a, b, _, err := tr.unify(a, b)
		if err != nil {
			return sx{}, err
		}
		// ordering against null is an error in seam
		return sx{sql: "(" + a.sql + " " + n.Operator + " " + b.sql + ")", t: tBool, guard: and(g, notNull(a, b))}, nil
	case "+":
		if a.t == tText && b.t == tText {
			// expr's + on strings concatenates; a null operand is an error.
			return sx{sql: "(" + tr.d.concatStrict(a.sql, b.sql) + ")", t: tText, guard: and(g, notNull(a, b))}, nil
		}
		fallthrough
	case "-", "*", "/", "%":
		if !a.t.numeric() && a.t != tNull || !b.t.numeric() && b.t != tNull {
			return sx{}, unsupported("%s %s %s: arithmetic needs numbers (convert with to_int or to_decimal first)", a.t, n.Operator, b.t)
		}
		t := a.t
		if b.t > t {
			t = b.t
		}
		isDec := a.t == tDec || b.t == tDec
		if !isDec {
			// expr's own int and float arithmetic fails on a null operand;
			// seam's decimal operators give null.
			g = and(g, notNull(a, b))
		}
		as, bs := a.sql, b.sql
		switch n.Operator {
		case "/":
			g = and(g, "("+bs+" IS NULL OR "+bs+" <> 0)")
			if isDec {
				// seam rounds a decimal quotient to 16 places
				if a.t != tDec {
					as = "CAST(" + as + " AS " + tr.d.bigDec + ")"
				}
				if tr.d.name == "postgres" {
					// PostgreSQL keeps about 20 significant digits in a
					// quotient: give the dividend 20 decimals first.
					as = "ROUND(" + as + ", 20)"
				}
				div := "(" + as + " / " + guarded("("+bs+" <> 0)", bs) + ")"
				return sx{sql: tr.round(div, 16), t: tDec, guard: g}, nil
			}
			// expr divides integers as floats
			return sx{sql: "(CAST(" + as + " AS " + tr.d.floatType + ") / " + guarded("("+bs+" <> 0)", bs) + ")", t: tFloat, guard: g}, nil
		case "%":
			if t != tInt {
				return sx{}, unsupported("%% on %s", t)
			}
			g = and(g, "("+bs+" IS NULL OR "+bs+" <> 0)")
			return sx{sql: "(" + as + " % " + guarded("("+bs+" <> 0)", bs) + ")", t: t, guard: g}, nil
		}
		if isDec && t == tFloat {
			t = tDec
		}
		if t == tInt {
			// a 64-bit overflow is a database error in PostgreSQL, MySQL and
			// Spark's ANSI mode: it fails the guard instead (computed exactly
			// first), as seam's engine fails it (range_violation). SQLite
			// turns an overflowing result into a REAL, which says it exactly
			// (its REAL arithmetic could not: 2^63 - 1 - 1 rounds to 2^63).
			wide := "(CAST(" + as + " AS " + tr.d.bigDec + ") " + n.Operator + " CAST(" + bs + " AS " + tr.d.bigDec + "))"
			fits := tr.bindGuard("(" + wide + " BETWEEN -9223372036854775808 AND 9223372036854775807)")
			if tr.d.name == "sqlite" {
				fits = tr.bindGuard("(typeof(" + as + " " + n.Operator + " " + bs + ") = 'integer')")
			}
			g = and(g, "("+as+" IS NULL OR "+bs+" IS NULL OR "+fits+")")
			return sx{sql: guarded(fits, "("+as+" "+n.Operator+" "+bs+")"), t: t, guard: g}, nil
		}
		return sx{sql: "(" + as + " " + n.Operator + " " + bs + ")", t: t, guard: g}, nil
	}
	return sx{}, unsupported("operator %s", n.Operator)
}

// nullSafeEq renders equality where null equals null.
func (d *dialect) nullSafeEq(a, b string) string {
	switch d.name {
	case "postgres":
		return "(" + a + " IS NOT DISTINCT FROM " + b + ")"
	case "sqlite":
		return "(" + a + " IS " + b + ")"
	}
	return "(" + a + " <=> " + b + ")"
}

// concatStrict joins two texts, null if either is null.
func (d *dialect) concatStrict(a, b string) string {
	switch d.name {
	case "postgres", "sqlite":
		return a + " || " + b
	}
	return "CONCAT(" + a + ", " + b + ")"
}

// unify brings two operands to one type for comparison or choice.
func (tr *translator) unify(a, b sx) (sx, sx, sqlType, error) {
	switch {
	case a.t == b.t:
		return a, b, a.t, nil
	case a.t == tNull:
		return a, b, b.t, nil
	case b.t == tNull:
		return a, b, a.t, nil
	case a.t.numeric() && b.t.numeric():
		t := a.t
		if b.t > t {
			t = b.t
		}
		return a, b, t, nil
	case a.t == tAny || b.t == tAny:
		return a, b, tAny, nil
	}
	return a, b, tAny, unsupported("values of type %s and %s mixed in one expression", a.t, b.t)
}

// text renders any value as text (to_string, concat, lookup keys).
func (tr *translator) text(x sx) sx {
	switch x.t {
	case tText, tNull, tAny:
		return x
	case tDate:
		return sx{sql: tr.d.isoDate(x.sql), t: tText, guard: x.guard}
	case tBool:
		return sx{sql: "CASE WHEN " + x.sql + " THEN 'true' WHEN NOT " + x.sql + " THEN 'false' END", t: tText, guard: x.guard}
	default:
	}
	return sx{sql: "CAST(" + x.sql + " AS " + tr.d.textType + ")", t: tText, guard: x.guard}
}

// toBool converts x the way seam's to_bool does.
func (tr *translator) toBool(x sx) (sx, error) {
	switch x.t {
	case tBool, tNull:
		return sx{sql: x.sql, t: tBool, guard: x.guard}, nil
	case tInt:
		ok := "(" + x.sql + " IN (0, 1))"
		return sx{sql: guarded(ok, "("+x.sql+" = 1)"), t: tBool, guard: and(x.guard, "("+x.sql+" IS NULL OR "+ok+")")}, nil
	case tText, tAny:
		return tr.textToBool(x, transform.BoolFormat{})
	default:
	}
	return sx{}, unsupported("to_bool of %s", x.t)
}

// isLeap and daysIn are portable arithmetic on integer SQL expressions.
func daysIn(y, m string) string {
	leap := "((" + y + ") % 4 = 0 AND ((" + y + ") % 100 <> 0 OR (" + y + ") % 400 = 0))"
	return "(CASE WHEN " + m + " = 2 THEN CASE WHEN " + leap + " THEN 29 ELSE 28 END WHEN " + m + " IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"
}

// parseDateSQL parses text x in layout l, guarded by a structural check
// (length, digits, literals) and a calendar check (month 1-12, day within
// the month, hour 0-23, minute and second 0-59).
func (tr *translator) parseDateSQL(x sx, layout string, withTime bool) (sx, error) {
	l, err := parseLayout(layout)
	if err != nil {
		return sx{}, unsupported("%v", err)
	}
	if l.hasTime() && !withTime {
		withTime = false
	}
	if x.t != tText && x.t != tAny && x.t != tNull {
		return sx{}, unsupported("parse_date of %s", x.t)
	}
	s := x.sql
	var checks []string
	checks = append(checks, "LENGTH("+s+") = "+strconv.Itoa(l.width))
	part := func(off, n int) string {
		return "SUBSTR(" + s + ", " + strconv.Itoa(off) + ", " + strconv.Itoa(n) + ")"
	}
	num := func(off, n int) string {
		return "CAST(" + part(off, n) + " AS " + tr.d.intType + ")"
	}
	pos := 1
	for _, t := range l.toks {
		n := 2
		switch t.kind {
		case 'L':
			checks = append(checks, part(pos, len(t.lit))+" = "+tr.d.str(t.lit))
			pos += len(t.lit)
			continue
		case 'Y':
			n = 4
		}
		for i := 0; i < n; i++ {
			checks = append(checks, part(pos+i, 1)+" BETWEEN '0' AND '9'")
		}
		pos += n
	}
	structural := "(" + strings.Join(checks, " AND ") + ")"
	y, m, d := num(l.offset('Y'), 4), num(l.offset('M'), 2), num(l.offset('D'), 2)
	cal := []string{y + " >= 1", m + " BETWEEN 1 AND 12", d + " >= 1", d + " <= " + daysIn(y, m)}
	if o := l.offset('h'); o > 0 {
		cal = append(cal, num(o, 2)+" <= 23")
	}
	if o := l.offset('m'); o > 0 {
		cal = append(cal, num(o, 2)+" <= 59")
	}
	if o := l.offset('s'); o > 0 {
		cal = append(cal, num(o, 2)+" <= 59")
	}
	ok := tr.bindGuard("(CASE WHEN " + structural + " THEN (" + strings.Join(cal, " AND ") + ") ELSE FALSE END)")
	t := tDate
	if withTime {
		t = tTimestamp
	}
	v := tr.d.parseDate(s, l, withTime)
	return sx{sql: guarded(ok, v), t: t, guard: and(x.guard, "("+s+" IS NULL OR "+ok+")")}, nil
}
