package export

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
)

// TargetSQL is the SQL of one target of a mapping.
type TargetSQL struct {
	// Name is the target's output name.
	Name string
	// SQL is its SELECT (or CREATE VIEW) with its comments.
	SQL string
}

// PlanSQL renders a mapping with several targets, arrays (each:) or joins
// as one SELECT (or CREATE VIEW) per target, in the mapping's target
// order, which puts parents first. dsts are the targets' schemas (in
// m.Targets order) and joins the joins' schemas by name.
//
// Each statement reads one row set (the first WITH step): the source
// table, LEFT JOINed with every join's table, and for a target with each:
// one row per element of the iterated array at every level (PostgreSQL
// jsonb_array_elements WITH ORDINALITY in a LATERAL join, SQLite json_each,
// MySQL JSON_TABLE with FOR ORDINALITY, Spark LATERAL VIEW posexplode);
// $line is the element's 1-based number. The rules then translate as in
// SQL, with the element's fields read from its JSON and a join's fields
// from its table's columns (as text, converted to the join schema's
// types as seam reads a file).
//
// Semantics kept equal to seam's run (a differential test compares both
// on SQLite and PostgreSQL): an absent, null or empty array gives no row
// (an array field holding something else too: seam rejects that record
// for the target, the SQL filters it); a target with parent: filters the
// rows whose parent row seam rejects (the parent's reject conditions are
// repeated in the child's WHERE); a join with on_miss reject filters the
// rows of every target whose rules read the join when no row matches, with
// on_miss null its fields are NULL; on_duplicate first keeps the first row
// of the join's table in load order (SQLite rowid, PostgreSQL ctid: the
// file order of a table loaded from the file and not updated since); MySQL
// and Spark tables have no row order, so there it is listed as not
// expressible. Join keys are compared as text, a number in its shortest
// form (5, 5.0 and 05 are one key) on PostgreSQL; SQLite canonicalises
// unsigned integers only, MySQL and Spark none (a comment says so).
func PlanSQL(m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema, opts SQLOptions) ([]TargetSQL, []Unsupported, error) {
	d := dialects[strings.ToLower(opts.Dialect)]
	if d == nil {
		return nil, nil, fmt.Errorf("export sql: unknown dialect %q: use one of %s", opts.Dialect, strings.Join(Dialects(), ", "))
	}
	if m == nil || src == nil {
		return nil, nil, errors.New("export sql: a mapping with several targets needs the mapping and its source schema")
	}
	views, err := targetViews(m, src, joins)
	if err != nil {
		return nil, nil, fmt.Errorf("export sql: %w", err)
	}
	if len(dsts) != len(views) {
		return nil, nil, fmt.Errorf("export sql: %d targets, %d target schemas", len(views), len(dsts))
	}
	table := sourceTable(m, src, opts.FromTable)
	if table == "" {
		return nil, nil, errors.New("export sql: no source table name: the source schema has no selector or file; set FromTable")
	}
	var cols []string
	for _, f := range src.Fields {
		cols = append(cols, f.Path)
	}
	for _, js := range joins {
		for _, f := range js.Fields {
			cols = append(cols, f.Name)
		}
	}
	g := &planGen{d: d, m: m, src: src, views: views, dsts: dsts, joins: joins, table: table, opts: opts, cols: cols}
	var (
		out   []TargetSQL
		unsup []Unsupported
		errs  []error
	)
	for i := range views {
		ts, us, err := g.target(i)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, ts)
		unsup = append(unsup, us...)
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return out, unsup, nil
}

// PlanScript joins the statements of PlanSQL into one script.
func PlanScript(ts []TargetSQL) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(t.SQL)
	}
	return b.String()
}

// targetView is one target as seam compiles it (engine.TargetView): its
// single-target mapping, the source schema it reads (element fields,
// $line, joins), the key path of its iterated array at every level and
// the index of its parent target (-1 for none).
type targetView struct {
	Mapping *mapping.Mapping
	Source  *schema.Schema
	Each    [][]string
	Parent  int
}

func targetViews(m *mapping.Mapping, src *schema.Schema, joins map[string]*schema.Schema) ([]targetView, error) {
	for _, j := range m.Joins {
		if joins[j.Name] == nil {
			return nil, fmt.Errorf("join %s: its schema is not loaded", j.Name)
		}
	}
	n := len(m.Targets())
	out := make([]targetView, 0, n)
	names := map[string]int{}
	for i := 0; i < n; i++ {
		v, s, err := engine.TargetView(m, src, joins, i)
		if err != nil {
			return nil, err
		}
		tv := targetView{Mapping: v, Source: s, Parent: -1}
		if pi, ok := names[v.Parent]; ok && v.Parent != "" {
			tv.Parent = pi
		}
		names[v.OutName()] = i
		if v.Each != "" {
			for _, lv := range strings.Split(v.Each, "[].") {
				tv.Each = append(tv.Each, strings.Split(lv, "."))
			}
		}
		out = append(out, tv)
	}
	return out, nil
}

// planGen renders the targets of one mapping.
type planGen struct {
	d     *dialect
	m     *mapping.Mapping
	src   *schema.Schema
	views []targetView
	dsts  []*schema.Schema
	joins map[string]*schema.Schema
	table string
	opts  SQLOptions
	cols  []string
}

// target renders target i.
func (g *planGen) target(i int) (TargetSQL, []Unsupported, error) {
	d, tv := g.d, g.views[i]
	name := tv.Mapping.OutName()
	var chain []int // ancestors, root first
	for p := tv.Parent; p >= 0; p = g.views[p].Parent {
		chain = append([]int{p}, chain...)
	}
	b := newBinder(d, g.cols)
	pfx := b.prefix
	tr := &translator{d: d, col: d.ident, b: b, joinCols: map[string]string{}}
	for _, j := range g.m.Joins {
		tr.joinCols[j.Name] = pfx + "j_"
	}
	var elems []elemCol
	var acc []string
	for k, keys := range tv.Each {
		acc = append(append([]string(nil), acc...), keys...)
		elems = append(elems, elemCol{keys: acc, col: d.ident(pfx + "e" + strconv.Itoa(k+1))})
	}
	lineAt := func(depth int) string {
		if depth == 0 {
			return ""
		}
		return d.ident(pfx + "l" + strconv.Itoa(depth))
	}
	var (
		where, notes []string
		unsup        []Unsupported
		reads        = map[string]bool{}
	)
	for _, a := range chain {
		av := g.views[a]
		tr.m, tr.src, tr.elems, tr.line = av.Mapping, av.Source, elems[:len(av.Each)], lineAt(len(av.Each))
		tr.readJoin = reads
		q, err := tr.rules(av.Mapping.Rules, g.dsts[a])
		if err != nil {
			return TargetSQL{}, nil, fmt.Errorf("target %s: parent %s: %w", name, av.Mapping.OutName(), err)
		}
		where = append(where, q.where...)
		for _, u := range q.unsup {
			unsup = append(unsup, Unsupported{Target: name, Rule: "parent " + av.Mapping.OutName() + ": rule " + u.Rule,
				Reason: u.Reason + "; a row the parent rejects by this rule is not filtered out of " + name})
		}
		g.joinsRead(av.Mapping.Rules, reads)
	}
	tr.m, tr.src, tr.elems, tr.line = tv.Mapping, tv.Source, elems, lineAt(len(tv.Each))
	q, err := tr.rules(tv.Mapping.Rules, g.dsts[i])
	if err != nil {
		return TargetSQL{}, nil, fmt.Errorf("target %s: %w", name, err)
	}
	for k := range q.unsup {
		q.unsup[k].Target = name
	}
	q.unsup = append(q.unsup, unsup...)
	q.where = append(q.where, where...)
	g.joinsRead(tv.Mapping.Rules, reads)
	pre, jnotes, junsup, err := g.rows(i, pfx, reads)
	if err != nil {
		return TargetSQL{}, nil, fmt.Errorf("target %s: %w", name, err)
	}
	for _, u := range junsup {
		u.Target = name
		q.unsup = append(q.unsup, u)
	}
	q.notes = append(q.notes, jnotes...)
	for k, j := range g.m.Joins {
		if reads[j.Name] && j.OnMiss != mapping.JoinMissNull {
			q.where = append(q.where, "("+d.ident(pfx+"hit"+strconv.Itoa(k+1))+" = 1)")
		}
	}
	if gb := tv.Mapping.GroupBy; len(gb) > 0 {
		q.unsup = append(q.unsup, Unsupported{Target: name, Rule: "group_by " + strings.Join(gb, ", "),
			Reason: "seam folds consecutive records with the same key into one row; the SQL gives one row per record"})
	}
	q.notes = append(q.notes, notes...)
	q.where = distinct(q.where) // a parent's conditions often repeat the child's

	var sb strings.Builder
	fmt.Fprintf(&sb, "-- seam mapping %q, target %s, as %s SQL (generated by seam export; seam format %d)\n", g.m.Name, name, d.name, mapping.FormatVersion)
	fmt.Fprintf(&sb, "-- source: %s  target: %s\n", oneLine(g.m.Source.Schema), oneLine(tv.Mapping.Target.Schema))
	if tv.Mapping.Each != "" {
		fmt.Fprintf(&sb, "-- one row per element of %s ($line: its 1-based number); an absent, null or empty array gives none\n", oneLine(tv.Mapping.Each))
	}
	if tv.Parent >= 0 {
		fmt.Fprintf(&sb, "-- parent: %s; a row whose parent row seam rejects is filtered out (parent_rejected)\n", g.views[tv.Parent].Mapping.OutName())
	}
	sb.WriteString("-- Rows where a rule with on_error reject fails (a value that does not convert,\n")
	sb.WriteString("-- a lookup or join miss) are filtered by the WHERE clause: seam writes them to its rejects file.\n")
	view := g.opts.View
	if view != "" && len(g.views) > 1 {
		view += "_" + name
	}
	q.write(&sb, tr, view, "", pre)
	return TargetSQL{Name: name, SQL: sb.String()}, q.unsup, nil
}

// joinsRead marks the joins the active rules read (in from, or as a name
// in the expression), as seam's plan decides which targets a join's miss
// rejects.
func (g *planGen) joinsRead(rules []*mapping.Rule, reads map[string]bool) {
	for _, j := range g.m.Joins {
		for _, r := range rules {
			if r.Active() && ruleReads(r, j.Name) {
				reads[j.Name] = true
			}
		}
	}
}

func ruleReads(r *mapping.Rule, name string) bool {
	for _, f := range r.From {
		top, _, _ := strings.Cut(f, ".")
		if top == name || strings.TrimSuffix(top, "[]") == name {
			return true
		}
	}
	if strings.TrimSpace(r.Expr) == "" {
		return false
	}
	tree, err := parser.Parse(r.Expr)
	if err != nil {
		return false
	}
	v := &identFinder{name: name}
	ast.Walk(&tree.Node, v)
	return v.found
}

type identFinder struct {
	name  string
	found bool
}

// Visit implements ast.Visitor.
func (v *identFinder) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok && id.Value == v.name {
		v.found = true
	}
}

// rows renders the row set of target i as the first WITH step: the source
// table, the joins, the iterated elements.
func (g *planGen) rows(i int, pfx string, reads map[string]bool) (string, []string, []Unsupported, error) {
	d, tv := g.d, g.views[i]
	var (
		notes []string
		unsup []Unsupported
	)
	sel := []string{"s.*"}
	from := d.tableIdent(g.table) + " AS s"
	alias := func(k int) string { return d.ident(pfx + "j" + strconv.Itoa(k+1)) }
	for k, j := range g.m.Joins {
		js := g.joins[j.Name]
		jt := g.joinTable(j)
		hit := d.ident(pfx + "hit")
		var part, on []string
		for _, key := range j.On {
			left, err := g.leftKey(key.Left, k, alias)
			if err != nil {
				return "", nil, nil, fmt.Errorf("join %s: %w", j.Name, err)
			}
			part = append(part, d.canonKey("CAST(t."+d.ident(key.Right)+" AS "+d.textType+")"))
			on = append(on, d.canonKey(left)+" = "+d.canonKey("CAST("+alias(k)+"."+d.ident(key.Right)+" AS "+d.textType+")"))
		}
		sub := "(SELECT t.*, 1 AS " + hit
		if j.OnDuplicate == mapping.JoinDupFirst {
			rn := d.ident(pfx + "rn")
			order := map[string]string{"sqlite": "t.rowid", "postgres": "t.ctid"}[d.name]
			if order == "" {
				order = strings.Join(part, ", ")
				if reads[j.Name] {
					unsup = append(unsup, Unsupported{Rule: "join " + j.Name,
						Reason: "on_duplicate: first keeps the first row of " + jt + " in file order; a " + d.name + " table has no row order, so the SQL keeps any one of the rows with a repeated key"})
				}
			} else {
				notes = append(notes, "join "+j.Name+": on_duplicate first keeps the first row in the table's load order ("+order+"): the file's order when "+jt+" was loaded from it and not updated since")
			}
			sub += ", ROW_NUMBER() OVER (PARTITION BY " + strings.Join(part, ", ") + " ORDER BY " + order + ") AS " + rn
			on = append(on, alias(k)+"."+rn+" = 1")
		} else if reads[j.Name] {
			notes = append(notes, "join "+j.Name+": seam refuses a file with a repeated key; the SQL takes "+jt+"'s key to be unique (a repeated key would repeat rows)")
		}
		sub += " FROM " + d.tableIdent(jt) + " AS t)"
		from += "\n  LEFT JOIN " + sub + " AS " + alias(k) + "\n    ON " + strings.Join(on, "\n    AND ")
		if js != nil {
			for _, f := range js.Fields {
				sel = append(sel, alias(k)+"."+d.ident(f.Name)+" AS "+d.ident(pfx+"j_"+j.Name+"."+f.Name))
			}
		}
		sel = append(sel, "CASE WHEN "+alias(k)+"."+hit+" IS NULL THEN 0 ELSE 1 END AS "+d.ident(pfx+"hit"+strconv.Itoa(k+1)))
		if reads[j.Name] && d.name != "postgres" {
			notes = append(notes, "join "+j.Name+": keys compare as text"+map[bool]string{true: ", unsigned integers without leading zeros", false: " as written"}[d.name == "sqlite"]+"; seam also matches numbers written differently (5, 5.0, +5)")
		}
	}
	var lateral string
	elem := ""
	for k, keys := range tv.Each {
		x := d.ident(pfx + "x" + strconv.Itoa(k+1))
		var p string
		rest := keys
		if k == 0 {
			top := topField(g.src, keys[0])
			if top == nil {
				return "", nil, nil, fmt.Errorf("each: %q is not a field of the source schema", keys[0])
			}
			p, rest = "s."+d.ident(top.Path), keys[1:]
		} else {
			p = elem
		}
		var line string
		switch d.name {
		case "postgres":
			arr := "CAST(" + p + " AS JSONB)"
			for _, key := range rest {
				arr = "(" + arr + " -> " + d.str(key) + ")"
			}
			from += "\n  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(" + arr + ") = 'array' THEN " + arr + " END) WITH ORDINALITY AS " + x + "(v, n)"
			elem, line = x+".v", x+".n"
		case "sqlite":
			path := d.str(dotPath(rest))
			from += "\n  JOIN json_each(CASE WHEN json_type(" + p + ", " + path + ") = 'array' THEN " + p + " END, " + path + ") AS " + x
			elem, line = "("+p+" -> "+x+".fullkey)", "("+x+".key + 1)"
		case "mysql":
			arr := p
			if len(rest) > 0 {
				arr = "JSON_EXTRACT(" + p + ", " + d.str(dotPath(rest)) + ")"
			}
			from += "\n  CROSS JOIN JSON_TABLE(CASE WHEN JSON_TYPE(" + arr + ") = 'ARRAY' THEN " + arr + " END, '$[*]' COLUMNS (n FOR ORDINALITY, v JSON PATH '$')) AS " + x
			elem, line = x+".v", x+".n"
		default:
			arr := p
			if len(rest) > 0 {
				jp := "$"
				for _, key := range rest {
					jp += "['" + key + "']"
				}
				arr = "GET_JSON_OBJECT(" + p + ", " + d.str(jp) + ")"
			}
			lateral += "\n  LATERAL VIEW posexplode(from_json(" + arr + ", 'array<string>')) " + x + " AS n, v"
			elem, line = x+".v", "("+x+".n + 1)"
		}
		sel = append(sel, elem+" AS "+d.ident(pfx+"e"+strconv.Itoa(k+1)), line+" AS "+d.ident(pfx+"l"+strconv.Itoa(k+1)))
	}
	pre := d.ident(pfx+"rows") + " AS (\n  SELECT " + strings.Join(sel, ",\n    ") + "\n  FROM " + from + lateral + "\n)"
	return pre, notes, unsup, nil
}

// joinTable names join j's table: SQLOptions.JoinTables, else the join
// schema's selector, else its data file's stem, else the join's name.
func (g *planGen) joinTable(j *mapping.Join) string {
	if t := g.opts.JoinTables[j.Name]; t != "" {
		return t
	}
	if js := g.joins[j.Name]; js != nil && js.Selector != "" {
		return js.Selector
	}
	if _, sel, ok := strings.Cut(j.Schema, "#"); ok && sel != "" {
		return sel
	}
	if j.Data != "" {
		return stem(j.Data)
	}
	return j.Name
}

// leftKey renders the text of a join's left key: a source field (nested
// paths read from the JSON column) or an earlier join's field.
func (g *planGen) leftKey(path string, k int, alias func(int) string) (string, error) {
	d := g.d
	segs := strings.Split(path, ".")
	for e := 0; e < k; e++ {
		if g.m.Joins[e].Name == segs[0] && len(segs) == 2 {
			return "CAST(" + alias(e) + "." + d.ident(segs[1]) + " AS " + d.textType + ")", nil
		}
	}
	if f := topField(g.src, path); f != nil {
		segs = []string{path}
	}
	top := topField(g.src, segs[0])
	if top == nil {
		return "", fmt.Errorf("on %s: not a field of the source schema", path)
	}
	if len(segs) == 1 {
		return "CAST(s." + d.ident(top.Path) + " AS " + d.textType + ")", nil
	}
	return d.jsonText("s."+d.ident(top.Path), segs[1:])
}

// canonKey renders a join key's text in seam's canonical form where the
// dialect can: numbers in their shortest form.
func (d *dialect) canonKey(x string) string {
	switch d.name {
	case "postgres":
		return "(CASE WHEN " + x + ` ~ '^[+-]?([0-9]+(\.[0-9]+)?|\.[0-9]+)$' AND length(` + x + ") <= 40 THEN CAST(trim_scale(CAST(" + x + " AS NUMERIC)) AS TEXT) ELSE " + x + " END)"
	case "sqlite":
		return "(CASE WHEN " + x + " <> '' AND " + x + " NOT GLOB '*[^0-9]*' AND length(" + x + ") <= 18 THEN CAST(CAST(" + x + " AS INTEGER) AS TEXT) ELSE " + x + " END)"
	}
	return x
}

func distinct(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
