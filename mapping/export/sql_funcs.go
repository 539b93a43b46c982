package export

import (
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
)

// call translates a library function call; its result is hoisted into a
// step so that it is computed once.
func (tr *translator) call(name string, argNodes []ast.Node) (sx, error) {
	x, err := tr.callInner(name, argNodes)
	if err != nil || x.guard == "" && len(x.sql) < 160 {
		// pure and short: inline reads better
		return x, err
	}
	return tr.bindSx(x), nil
}

func (tr *translator) callInner(name string, argNodes []ast.Node) (sx, error) {
	switch name {
	case "join":
		// its list is no value SQL holds: join(split(s, sep)[k:], with)
		if len(argNodes) != 2 {
			return sx{}, unsupported("join with %d arguments", len(argNodes))
		}
		return tr.joinSplit(argNodes, "")
	case "filter":
		return tr.filter(argNodes)
	}
	args := make([]sx, len(argNodes))
	var g string
	for i, a := range argNodes {
		x, err := tr.expr(a)
		if err != nil {
			return sx{}, err
		}
		args[i] = x
		g = and(g, x.guard)
	}
	need := func(min, max int) error {
		if len(args) < min || len(args) > max {
			return unsupported("%s with %d arguments", name, len(args))
		}
		return nil
	}
	strLit := func(i int) (string, bool) {
		if s, ok := argNodes[i].(*ast.StringNode); ok {
			return s.Value, true
		}
		return "", false
	}
	intLit := func(i int) (int, bool) {
		switch n := argNodes[i].(type) {
		case *ast.IntegerNode:
			return n.Value, true
		case *ast.UnaryNode:
			if v, ok := n.Node.(*ast.IntegerNode); ok && n.Operator == "-" {
				return -v.Value, true
			}
		}
		return 0, false
	}
	textArg := func(i int) (sx, error) {
		x := args[i]
		if x.t != tText && x.t != tAny && x.t != tNull {
			return sx{}, unsupported("%s expects a string, got %s", name, x.t)
		}
		return x, nil
	}
	d := tr.d
	switch name {
	case "trim", "ltrim", "rtrim":
		if err := need(1, 2); err != nil {
			return sx{}, err
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		side := map[string]int{"trim": 0, "ltrim": 1, "rtrim": 2}[name]
		if len(args) == 1 {
			return sx{sql: d.trim(s.sql, side), t: tText, guard: g}, nil
		}
		v := d.trimChars(s.sql, args[1].sql, side)
		if v == "" {
			return sx{}, unsupported("%s with a character set has no %s form", name, d.name)
		}
		return sx{sql: v, t: tText, guard: g}, nil
	case "lower", "upper":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		return sx{sql: strings.ToUpper(name) + "(" + s.sql + ")", t: tText, guard: g}, nil
	case "to_int":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		return tr.toInt(args[0])
	case "to_decimal":
		if err := need(1, 2); err != nil {
			return sx{}, err
		}
		x, err := tr.toDec(args[0])
		if err != nil || len(args) == 1 {
			return x, err
		}
		p, ok := intLit(1)
		if !ok {
			return sx{}, unsupported("to_decimal places must be an integer literal")
		}
		return sx{sql: tr.round(x.sql, p), t: tDec, guard: x.guard}, nil
	case "round":
		if err := need(1, 2); err != nil {
			return sx{}, err
		}
		p := 0
		if len(args) == 2 {
			var ok bool
			if p, ok = intLit(1); !ok {
				return sx{}, unsupported("round places must be an integer literal")
			}
		}
		if args[0].t == tFloat {
			return tr.roundFloat(args[0], p, g)
		}
		if args[0].t != tDec && args[0].t != tInt {
			return sx{}, unsupported("round of %s", args[0].t)
		}
		return sx{sql: tr.round(args[0].sql, p), t: args[0].t, guard: g}, nil
	case "to_float":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		return tr.toFloat(args[0])
	case "to_bool":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		return tr.toBool(args[0])
	case "to_string":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		if args[0].t == tDec || args[0].t == tFloat {
			return sx{}, unsupported("to_string of a %s: seam prints the shortest exact form, SQL keeps the scale", args[0].t)
		}
		return tr.text(args[0]), nil
	case "cents_to_units":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		x, err := tr.toDec(args[0])
		if err != nil {
			return sx{}, err
		}
		// a product by 0.01 is exact in exact decimals (seam shifts the
		// point), a quotient is rounded to the database's division scale;
		// SQLite's REAL quotient is the closer one
		if d.name == "sqlite" {
			return sx{sql: "(" + x.sql + " / 100)", t: tDec, guard: x.guard}, nil
		}
		return sx{sql: "(" + x.sql + " * 0.01)", t: tDec, guard: x.guard}, nil
	case "abs":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		if !args[0].t.numeric() {
			return sx{}, unsupported("abs of %s", args[0].t)
		}
		return sx{sql: "ABS(" + args[0].sql + ")", t: args[0].t, guard: g}, nil
	case "negate":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		switch {
		case args[0].t == tBool:
			return sx{sql: "(NOT " + args[0].sql + ")", t: tBool, guard: g}, nil
		case args[0].t.numeric():
			return sx{sql: "(-" + args[0].sql + ")", t: args[0].t, guard: g}, nil
		}
		return sx{}, unsupported("negate of %s", args[0].t)
	case "concat":
		parts := make([]string, len(args))
		for i, a := range args {
			if a.t == tDec || a.t == tFloat {
				return sx{}, unsupported("concat of a %s: seam prints the shortest exact form, SQL keeps the scale", a.t)
			}
			parts[i] = tr.text(a).sql
		}
		if len(parts) == 0 {
			return sx{sql: "''", t: tText}, nil
		}
		return sx{sql: d.concat(parts), t: tText, guard: g}, nil
	case "coalesce":
		if len(args) == 0 {
			return sx{sql: "NULL", t: tNull}, nil
		}
		t := args[0].t
		for _, a := range args[1:] {
			var err error
			if _, _, t, err = tr.unify(sx{t: t}, a); err != nil {
				return sx{}, err
			}
		}
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = a.sql
		}
		return sx{sql: "COALESCE(" + strings.Join(parts, ", ") + ")", t: t, guard: g}, nil
	case "default":
		if err := need(2, 2); err != nil {
			return sx{}, err
		}
		a, b, t, err := tr.unify(args[0], args[1])
		if err != nil {
			return sx{}, err
		}
		cond := a.sql + " IS NULL"
		if a.t == tText || a.t == tAny {
			cond += " OR " + a.sql + " = ''"
		}
		return sx{sql: "CASE WHEN " + cond + " THEN " + b.sql + " ELSE " + a.sql + " END", t: t, guard: g}, nil
	case "null_if_empty":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		if args[0].t != tText {
			return args[0], nil
		}
		return sx{sql: "NULLIF(" + args[0].sql + ", '')", t: tText, guard: g}, nil
	case "is_null":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		return sx{sql: "(" + args[0].sql + " IS NULL)", t: tBool, guard: g}, nil
	case "is_empty":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		if args[0].t != tText && args[0].t != tAny {
			return sx{sql: "FALSE", t: tBool, guard: g}, nil
		}
		return sx{sql: "COALESCE(" + args[0].sql + " = '', FALSE)", t: tBool, guard: g}, nil
	case "replace":
		if err := need(3, 3); err != nil {
			return sx{}, err
		}
		if old, ok := strLit(1); !ok || old == "" {
			return sx{}, unsupported("replace needs a non-empty string literal to replace")
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		return sx{sql: "REPLACE(" + s.sql + ", " + args[1].sql + ", " + args[2].sql + ")", t: tText, guard: g}, nil
	case "substr":
		if err := need(2, 3); err != nil {
			return sx{}, err
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		start, ok := intLit(1)
		if !ok || start < 0 {
			return sx{}, unsupported("substr needs a non-negative integer literal start in SQL")
		}
		f := "SUBSTR"
		if d.name == "mysql" || d.name == "postgres" {
			f = "SUBSTRING"
		}
		if len(args) == 2 {
			if d.name == "postgres" {
				return sx{sql: "SUBSTRING(" + s.sql + " FROM " + strconv.Itoa(start+1) + ")", t: tText, guard: g}, nil
			}
			return sx{sql: f + "(" + s.sql + ", " + strconv.Itoa(start+1) + ")", t: tText, guard: g}, nil
		}
		n, ok := intLit(2)
		if !ok || n < 0 {
			return sx{}, unsupported("substr needs a non-negative integer literal length in SQL")
		}
		return sx{sql: f + "(" + s.sql + ", " + strconv.Itoa(start+1) + ", " + strconv.Itoa(n) + ")", t: tText, guard: g}, nil
	case "len":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		f := "LENGTH"
		if d.name == "mysql" {
			f = "CHAR_LENGTH"
		}
		return sx{sql: f + "(" + s.sql + ")", t: tInt, guard: g}, nil
	case "pad_left", "pad_right":
		if err := need(2, 3); err != nil {
			return sx{}, err
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		n, ok := intLit(1)
		if !ok || n < 0 {
			return sx{}, unsupported("%s needs a non-negative integer literal width in SQL", name)
		}
		fill := " "
		if len(args) == 3 {
			if fill, ok = strLit(2); !ok || len([]rune(fill)) != 1 {
				return sx{}, unsupported("%s needs a one-character string literal fill in SQL", name)
			}
		}
		w := strconv.Itoa(n)
		var padded string
		if d.lpad != "" {
			f := d.lpad
			if name == "pad_right" {
				f = d.rpad
			}
			padded = f + "(" + s.sql + ", " + w + ", " + d.str(fill) + ")"
		} else {
			// SQLite: a run of n fill characters, cut to what is missing.
			run := "REPLACE(HEX(ZEROBLOB(" + w + ")), '00', " + d.str(fill) + ")"
			miss := "SUBSTR(" + run + ", 1, " + w + " - LENGTH(" + s.sql + "))"
			if name == "pad_left" {
				padded = miss + " || " + s.sql
			} else {
				padded = s.sql + " || " + miss
			}
		}
		// seam never truncates: longer strings stay as they are.
		return sx{sql: "CASE WHEN LENGTH(" + s.sql + ") >= " + w + " THEN " + s.sql + " ELSE " + padded + " END", t: tText, guard: g}, nil
	case "lookup":
		return tr.lookup(argNodes, args, g)
	case "part":
		if err := need(3, 3); err != nil {
			return sx{}, err
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		sep, ok := strLit(1)
		if !ok {
			return sx{}, unsupported("part needs a string literal separator in SQL")
		}
		i, ok := intLit(2)
		if !ok {
			return sx{}, unsupported("part needs an integer literal index in SQL")
		}
		s.sql = tr.bindRaw(s.sql)
		return tr.part(s, sep, i, g)
	case "title":
		if err := need(1, 1); err != nil {
			return sx{}, err
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		return tr.title(s, g)
	case "parse_date", "parse_datetime":
		if err := need(1, 2); err != nil {
			return sx{}, err
		}
		layout := "ISO"
		if len(args) == 2 {
			var ok bool
			if layout, ok = strLit(1); !ok {
				return sx{}, unsupported("%s needs a string literal layout in SQL", name)
			}
		}
		if layout == "epoch_s" || layout == "epoch_ms" {
			x, err := tr.parseEpoch(args[0], layout, name == "parse_datetime")
			if err != nil {
				return sx{}, err
			}
			x.guard = and(g, x.guard)
			return x, nil
		}
		in := args[0]
		if in.t == tOpaque && in.st == schema.TimestampTZ && layout == "ISO" && name == "parse_date" {
			// a zoned timestamp keeps its date as written: SQL reads the
			// text of the column by the ISO shape rule seam's parse_date
			// follows (a column of the database's own timestamptz type
			// prints in the session's zone: see SQL's doc)
			in = sx{sql: "CAST(" + in.sql + " AS " + d.textType + ")", t: tText}
		}
		x, err := tr.parseDateAny(in, layout, name == "parse_datetime")
		if err != nil {
			return sx{}, err
		}
		x.guard = and(g, x.guard)
		return x, nil
	case "regex_extract":
		if err := need(2, 3); err != nil {
			return sx{}, err
		}
		s, err := textArg(0)
		if err != nil {
			return sx{}, err
		}
		pat, ok := strLit(1)
		if !ok {
			return sx{}, unsupported("regex_extract needs a string literal pattern in SQL")
		}
		group := 0
		if len(args) == 3 {
			if group, ok = intLit(2); !ok {
				return sx{}, unsupported("regex_extract needs an integer literal group in SQL")
			}
		}
		return tr.regexExtract(s, pat, group, g)
	case "format_date":
		if err := need(2, 2); err != nil {
			return sx{}, err
		}
		layout, ok := strLit(1)
		if !ok {
			return sx{}, unsupported("format_date needs a string literal layout in SQL")
		}
		l, err := parseLayout(sqlLayout(layout))
		if err != nil {
			return sx{}, unsupported("%v", err)
		}
		if args[0].t != tDate && args[0].t != tTimestamp {
			return sx{}, unsupported("format_date of %s", args[0].t)
		}
		return sx{sql: d.formatDate(args[0].sql, l), t: tText, guard: g}, nil
	}
	return sx{}, unsupported("function %s has no %s translation", name, d.name)
}

// sqlLayout maps seam's named layouts to their fixed-width form. seam also
// accepts one-digit days and months for the named layouts and, for ISO,
// date-times; the SQL accepts only the zero-padded form (see SQL's doc).
func sqlLayout(name string) string {
	if l, ok := transform.DateLayout(name); ok {
		return l
	}
	return name
}

// round rounds half away from zero to p places (SQL ROUND on exact
// numbers does so in PostgreSQL, MySQL and Spark).
func (tr *translator) round(x string, p int) string {
	return "ROUND(" + x + ", " + strconv.Itoa(p) + ")"
}

// roundFloat rounds a float half away from zero to p places through its
// shortest decimal form, as seam does (2.675 rounds to 2.68).
func (tr *translator) roundFloat(x sx, p int, g string) (sx, error) {
	d := tr.d
	switch d.name {
	case "postgres":
		// a double's text is its shortest form (PostgreSQL 12 and later);
		// a cast straight to NUMERIC keeps 15 digits only
		return sx{sql: "CAST(ROUND(CAST(CAST(" + x.sql + " AS TEXT) AS NUMERIC), " + strconv.Itoa(p) + ") AS DOUBLE PRECISION)", t: tFloat, guard: g}, nil
	case "sqlite", "spark":
		// SQLite computes decimals as REAL anyway (see the note); Spark
		// rounds a double HALF_UP through its decimal string
		return sx{sql: tr.round(x.sql, p), t: tFloat, guard: g}, nil
	}
	return sx{}, unsupported("round of a float has no %s form (its ROUND of a DOUBLE rounds the binary value)", d.name)
}

// lookup translates lookup(table, key [, default]) into a CASE.
func (tr *translator) lookup(nodes []ast.Node, args []sx, g string) (sx, error) {
	if len(args) < 2 || len(args) > 3 {
		return sx{}, unsupported("lookup with %d arguments", len(args))
	}
	tn, ok := nodes[0].(*ast.StringNode)
	if !ok {
		return sx{}, unsupported("lookup needs a string literal table name")
	}
	l := tr.m.LookupNamed(tn.Value)
	if l == nil {
		return sx{}, unsupported("no lookup table %q in the mapping", tn.Value)
	}
	if len(l.Entries) == 0 && l.File != "" {
		return sx{}, unsupported("lookup table %q lives in %s; load its entries into the mapping first", l.Name, l.File)
	}
	key := args[1]
	switch key.t {
	case tText, tAny, tNull:
	case tInt, tBool:
		key = tr.text(key)
	default:
		return sx{}, unsupported("lookup key of type %s", key.t)
	}
	var b strings.Builder
	b.WriteString("CASE " + key.sql)
	keys := make([]string, 0, len(l.Entries))
	for _, e := range l.Entries {
		b.WriteString(" WHEN " + tr.d.str(e.Key) + " THEN " + tr.d.str(e.Value))
		keys = append(keys, tr.d.str(e.Key))
	}
	var miss string
	switch {
	case len(args) == 3:
		if args[2].t != tText && args[2].t != tNull {
			return sx{}, unsupported("lookup default of type %s", args[2].t)
		}
		b.WriteString(" ELSE " + args[2].sql)
	case l.Default != nil:
		b.WriteString(" ELSE " + tr.d.str(*l.Default))
	default:
		if len(keys) == 0 {
			miss = "(" + key.sql + " IS NULL)"
		} else {
			miss = "(" + key.sql + " IS NULL OR " + key.sql + " IN (" + strings.Join(keys, ", ") + "))"
		}
	}
	b.WriteString(" END")
	body := b.String()
	if len(keys) == 0 {
		// CASE needs at least one WHEN: the default alone.
		body = strings.TrimSuffix(strings.TrimPrefix(body, "CASE "+key.sql+" ELSE "), " END")
		if body == "CASE "+key.sql {
			body = "NULL"
		}
	}
	// A null key gives null, even when there is a default.
	return sx{sql: "CASE WHEN " + key.sql + " IS NULL THEN NULL ELSE " + body + " END", t: tText, guard: and(g, miss)}, nil
}
