package export

import (
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
)

// String functions that split text: part, join(split(...)) and
// join(split(...)[k:]), and title. Separators and indexes must be
// literals; the SQL follows transform's part, split, join and title.

// sepCount renders the number of occurrences of sep in s (NULL for a
// NULL s): the length removed by deleting every sep, over sep's length.
func (d *dialect) sepCount(s, sep string) string {
	n := strconv.Itoa(len(sep))
	if d.name != "mysql" {
		// LENGTH counts characters in the other dialects
		n = strconv.Itoa(len([]rune(sep)))
	}
	return "((LENGTH(" + s + ") - LENGTH(REPLACE(" + s + ", " + d.str(sep) + ", ''))) / " + n + ")"
}

// restAfter renders the text of s after its k-th sep (k >= 1), for s with
// at least k of them; each step is hoisted so that the SQL stays linear.
func (tr *translator) restAfter(s, sep string, k int) string {
	d := tr.d
	lit := d.str(sep)
	n := strconv.Itoa(len([]rune(sep)))
	if d.name == "mysql" {
		n = "CHAR_LENGTH(" + lit + ")"
	}
	for i := 0; i < k; i++ {
		s = tr.bindRaw("SUBSTR(" + s + ", " + d.instr(s, lit) + " + " + n + ")")
	}
	return s
}

// instr renders the 1-based position of sub in s, 0 when it is not there.
func (d *dialect) instr(s, sub string) string {
	if d.name == "postgres" {
		return "STRPOS(" + s + ", " + sub + ")"
	}
	return "INSTR(" + s + ", " + sub + ")"
}

// firstField renders s up to its first sep (all of s without one).
func (d *dialect) firstField(s, sep string) string {
	at := d.instr(s, d.str(sep))
	return "CASE WHEN " + at + " > 0 THEN SUBSTR(" + s + ", 1, " + at + " - 1) ELSE " + s + " END"
}

// part translates part(s, sep, i): the i-th field (0-based, negative from
// the end), null when there is no such field or s is null.
func (tr *translator) part(s sx, sep string, i int, g string) (sx, error) {
	d := tr.d
	if sep == "" {
		return sx{}, unsupported("part needs a non-empty separator")
	}
	cnt := d.sepCount(s.sql, sep)
	lit := d.str(sep)
	var v, inRange string
	switch {
	case d.name == "postgres":
		idx := strconv.Itoa(i + 1)
		inRange = cnt + " >= " + strconv.Itoa(i)
		if i < 0 {
			// SPLIT_PART counts from the end only since PostgreSQL 14
			idx = "(" + cnt + " + " + strconv.Itoa(i+2) + ")"
			inRange = cnt + " + 1 >= " + strconv.Itoa(-i)
		}
		v = "SPLIT_PART(" + s.sql + ", " + lit + ", " + idx + ")"
	case d.name == "mysql":
		if i >= 0 {
			inRange = cnt + " >= " + strconv.Itoa(i)
			v = "SUBSTRING_INDEX(SUBSTRING_INDEX(" + s.sql + ", " + lit + ", " + strconv.Itoa(i+1) + "), " + lit + ", -1)"
		} else {
			inRange = cnt + " + 1 >= " + strconv.Itoa(-i)
			v = "SUBSTRING_INDEX(SUBSTRING_INDEX(" + s.sql + ", " + lit + ", " + strconv.Itoa(i) + "), " + lit + ", 1)"
		}
	case d.name == "spark":
		// split takes a Java regular expression: quote the separator
		pat := d.str(`\Q` + sep + `\E`)
		if strings.Contains(sep, `\E`) {
			return sx{}, unsupported("part with a separator containing \\E has no spark form")
		}
		inRange = cnt + " + 1 >= " + strconv.Itoa(abs(i)+boolInt(i >= 0))
		v = "ELEMENT_AT(SPLIT(" + s.sql + ", " + pat + ", -1), " + strconv.Itoa(i+boolInt(i >= 0)) + ")"
	case i >= 0:
		if i > 16 {
			return sx{}, unsupported("part with index %d has no sqlite form (at most 16)", i)
		}
		inRange = cnt + " >= " + strconv.Itoa(i)
		rest := s.sql
		if i > 0 {
			rest = tr.restAfter(s.sql, sep, i)
		}
		v = d.firstField(rest, sep)
	case i == -1 && len([]rune(sep)) == 1:
		// the last field: RTRIM strips every character but sep from the
		// end, leaving the text up to the last sep
		inRange = "TRUE"
		v = "SUBSTR(" + s.sql + ", LENGTH(RTRIM(" + s.sql + ", REPLACE(" + s.sql + ", " + lit + ", ''))) + 1)"
	default:
		return sx{}, unsupported("part with index %d and separator %q has no sqlite form (from the end: -1 with a one-character separator)", i, sep)
	}
	return sx{sql: "CASE WHEN " + inRange + " THEN " + v + " END", t: tText, guard: g}, nil
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// joinSplit translates join(split(s, sep)[from:], with): the fields of s
// from the from-th on, joined with with; a null s gives null (join of a
// null list) without [from:], and is an error with it (slicing nil).
func (tr *translator) joinSplit(nodes []ast.Node, g string) (sx, error) {
	d := tr.d
	with, ok := nodes[1].(*ast.StringNode)
	if !ok {
		return sx{}, unsupported("join needs a string literal separator in SQL")
	}
	list := nodes[0]
	from := 0
	sliced := false
	if sl, ok := list.(*ast.SliceNode); ok {
		if sl.To != nil {
			return sx{}, unsupported("join of a slice with an end index has no SQL form")
		}
		n, ok := sl.From.(*ast.IntegerNode)
		if !ok || n.Value < 0 {
			return sx{}, unsupported("join of a slice needs a non-negative integer literal start in SQL")
		}
		from, sliced, list = n.Value, true, sl.Node
	}
	call, args, ok := callOf(list)
	if !ok || call != "split" || len(args) != 2 {
		return sx{}, unsupported("join of %s has no SQL form (join(split(s, sep)[k:], with) has)", list.String())
	}
	sepNode, ok := args[1].(*ast.StringNode)
	if !ok || sepNode.Value == "" {
		return sx{}, unsupported("split needs a non-empty string literal separator in SQL")
	}
	sep := sepNode.Value
	s, err := tr.expr(args[0])
	if err != nil {
		return sx{}, err
	}
	if s.t != tText && s.t != tAny && s.t != tNull {
		return sx{}, unsupported("split expects a string, got %s", s.t)
	}
	g = and(g, s.guard)
	s.sql = tr.bindRaw(s.sql)
	rest := s.sql
	if from > 0 {
		if d.name == "spark" || from > 16 {
			return sx{}, unsupported("join(split(s, sep)[%d:]) has no %s form", from, d.name)
		}
		rest = tr.restAfter(s.sql, sep, from)
	}
	v := "REPLACE(" + rest + ", " + d.str(sep) + ", " + d.str(with.Value) + ")"
	if from > 0 {
		// fewer fields than from: the empty list joins to ""
		v = "CASE WHEN " + d.sepCount(s.sql, sep) + " >= " + strconv.Itoa(from) + " THEN " + v + " ELSE '' END"
	}
	if sliced {
		g = and(g, "("+s.sql+" IS NOT NULL)")
	}
	return sx{sql: v, t: tText, guard: g}, nil
}

// callOf returns the name and arguments of a function call node.
func callOf(n ast.Node) (string, []ast.Node, bool) {
	switch n := n.(type) {
	case *ast.CallNode:
		if id, ok := n.Callee.(*ast.IdentifierNode); ok {
			return id.Value, n.Arguments, true
		}
	case *ast.BuiltinNode:
		return n.Name, n.Arguments, true
	}
	return "", nil, false
}

// title translates title(s): the first letter of every word upper-cased,
// the rest lower-cased; a word is a run of letters, digits, marks and
// apostrophes (' and U+2019).
func (tr *translator) title(s sx, g string) (sx, error) {
	d := tr.d
	switch d.name {
	case "postgres":
		// INITCAP ends a word at an apostrophe, seam does not: a 0 after
		// each apostrophe starts a word of its own there (digits do not
		// change case) and is taken out again. Every apostrophe gets one 0,
		// so the REPLACE back takes out exactly those.
		in := "REPLACE(REPLACE(" + s.sql + ", '''', '''0'), '’', '’0')"
		return sx{sql: "REPLACE(REPLACE(INITCAP(" + in + "), '''0', ''''), '’0', '’')", t: tText, guard: g}, nil
	case "sqlite":
		// a recursive walk over the characters; word characters are ASCII
		// letters and digits, apostrophes and every non-ASCII character
		// (SQLite changes the case of ASCII letters only)
		x := tr.bindRaw(s.sql)
		ch := "SUBSTR(" + x + ", seam_i, 1)"
		word := "(" + ch + " GLOB '[A-Za-z0-9'']' OR UNICODE(" + ch + ") > 127)"
		walk := "(WITH RECURSIVE seam_tc(seam_i, seam_o, seam_w) AS (SELECT 1, '', 0 UNION ALL SELECT seam_i + 1, seam_o || CASE WHEN " + word +
			" THEN CASE WHEN seam_w THEN LOWER(" + ch + ") ELSE UPPER(" + ch + ") END ELSE " + ch + " END, " + word +
			" FROM seam_tc WHERE seam_i <= LENGTH(" + x + ")) SELECT seam_o FROM seam_tc ORDER BY seam_i DESC LIMIT 1)"
		return sx{sql: "CASE WHEN " + x + " IS NULL THEN NULL ELSE " + walk + " END", t: tText, guard: g}, nil
	}
	return sx{}, unsupported("function title has no %s translation (its INITCAP-like functions split words differently)", d.name)
}
