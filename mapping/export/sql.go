package export

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/expr-lang/expr/parser"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
)

// SQLOptions choose the dialect and names of the SQL export.
type SQLOptions struct {
	// Dialect is postgres, sqlite, mysql or spark.
	Dialect string
	// FromTable names the source table; default: the source schema's
	// selector, else its file stem.
	FromTable string
	// View, when set, wraps the SELECT in CREATE VIEW (several targets:
	// one view per target, named VIEW_TARGET).
	View string
	// JoinTables names the table of a join (by join name); default: the
	// join schema's selector, else its data file's stem.
	JoinTables map[string]string
}

// Unsupported is a rule the dialect cannot express, with the reason. Such
// rules appear in the SQL only as a comment; their target column is left
// out.
type Unsupported struct {
	// Target names the target table in a mapping with several targets
	// ("" otherwise).
	Target string
	// Rule is the rule's name; for what is not a rule of the target, what
	// it is ("join NAME", "parent NAME: rule R").
	Rule   string
	Reason string
	// Column is the target column left out; "" when the SQL keeps every
	// column but does not apply something seam does (a parent's rule, a
	// join's file order), which the reason says.
	Column string
}

// SQL renders the mapping as one SELECT (or CREATE VIEW) over the source
// table, for the active rules (accepted or without status), with one
// column per rule in the target schema's order.
//
// Semantics, kept equal to seam's engine (Exec.Apply) where the dialect
// allows; a differential test compares both row for row on SQLite and
// PostgreSQL:
//   - A rule without expr is a checked cast of its source field to the
//     target type; with expr, the expression's result is cast the same way.
//     The empty string becomes null for a nullable non-text target and is a
//     failure otherwise; null into a required, non-nullable target fails.
//   - Every conversion that can fail in seam (to_int, to_decimal, date
//     parsing, a lookup miss, division by zero, a null in a typed
//     comparison) is guarded: the SQL never raises a database error; the
//     guarded value is NULL instead.
//   - Rejection: a rule with on_error reject (the default) contributes its
//     guard to the WHERE clause, so rows seam writes to its rejects file are
//     filtered out. on_error null yields NULL (rejects when the target is
//     required and not nullable); default(V) yields V; keep yields the
//     source value (same-typed targets only).
//   - A value the target refuses (the shared target-constraint rule:
//     max_length, integer bits and min/max, decimal precision and scale,
//     enum) fails like a cast, and on_error decides the same way.
//   - Null in gives null out; the empty string is not null.
//   - Computed values and their guards are named once in WITH steps
//     ("seam_step1", ...) and referred to by name afterwards.
//
// Decimal targets are not rounded to their scale (seam reports precision
// loss instead of rounding); a decimal quotient is rounded to 16 places as
// in seam. Source columns are read with the source schema's types (text for
// CSV sources); zoned timestamps, times, objects and arrays pass through
// only into a target of the same type (a timestamp's text checked for a
// shape seam reads). Arrays of objects a rule's items build are JSON
// (sql_collections.go); let, in [...], part, title and join(split(...))
// have their own forms (sql_strings.go).
//
// Text is read as numbers and booleans by transform's one spelling rule
// (mapping/FORMAT.md, "Spellings"), in the source field's number:DG or
// boolean:T/F format when it has one.
//
// Known differences, written as comments into the SQL: SQLite folds case
// for ASCII only and computes decimals as REAL; trims remove ASCII white
// space only (seam also trims Unicode spaces); the ISO layout reads dates
// only, where seam also takes a date-time and keeps its date.
// Rules a dialect cannot express are returned in unsupported and named in
// a comment; their column is left out, never filled with a guess.
func SQL(m *mapping.Mapping, src, dst *schema.Schema, opts SQLOptions) (string, []Unsupported, error) {
	d := dialects[strings.ToLower(opts.Dialect)]
	if d == nil {
		return "", nil, fmt.Errorf("export sql: unknown dialect %q: use one of %s", opts.Dialect, strings.Join(Dialects(), ", "))
	}
	if m == nil {
		return "", nil, errors.New("export sql: no mapping")
	}
	table := sourceTable(m, src, opts.FromTable)
	if table == "" {
		return "", nil, errors.New("export sql: no source table name: the source schema has no selector or file; set FromTable")
	}
	var srcCols []string
	if src != nil {
		for _, f := range src.Flatten() {
			srcCols = append(srcCols, f.Path)
		}
	}
	tr := &translator{d: d, m: m, src: src, col: d.ident, b: newBinder(d, srcCols)}
	q, err := tr.rules(m.Rules, dst)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- seam mapping %q as %s SQL (generated by seam export; seam format %d)\n", m.Name, d.name, mapping.FormatVersion)
	if m.Source.Schema != "" || m.Target.Schema != "" {
		fmt.Fprintf(&b, "-- source: %s  target: %s\n", oneLine(m.Source.Schema), oneLine(m.Target.Schema))
	}
	b.WriteString("-- Rows where a rule with on_error reject fails (a value that does not convert,\n")
	b.WriteString("-- a lookup miss) are filtered by the WHERE clause: seam writes them to its rejects file.\n")
	q.write(&b, tr, opts.View, d.tableIdent(table), "")
	return b.String(), q.unsup, nil
}

// write renders the query: its comments (rules left out, notes), the
// view preamble, the WITH steps (after pre, a first common table
// expression "name AS (...)", when given) and the SELECT from the last
// step or from.
func (q *query) write(b *strings.Builder, tr *translator, view, from, pre string) {
	d := tr.d
	for _, s := range q.skipped {
		fmt.Fprintf(b, "-- not active, left out: %s\n", oneLine(s))
	}
	for _, u := range q.unsup {
		if u.Column == "" {
			fmt.Fprintf(b, "-- UNSUPPORTED in %s, not applied: %s: %s\n", d.name, oneLine(u.Rule), oneLine(u.Reason))
			continue
		}
		fmt.Fprintf(b, "-- UNSUPPORTED in %s, column left out: rule %s: %s\n", d.name, oneLine(u.Rule), oneLine(u.Reason))
	}
	for _, n := range q.notes {
		fmt.Fprintf(b, "-- note: %s\n", oneLine(n))
	}
	b.WriteString("-- note: trims remove ASCII white space only; an ISO date-time read as a date keeps its date as written.\n")
	if d.name == "sqlite" {
		b.WriteString("-- note: SQLite's LOWER/UPPER fold ASCII letters only; decimals are REAL.\n")
	}
	if view != "" {
		fmt.Fprintf(b, "%s %s AS\n", d.createView, d.tableIdent(view))
	}
	if pre != "" {
		b.WriteString("WITH " + pre)
		from = pre[:strings.Index(pre, " AS (")]
	}
	if last := tr.b.with(from, b, pre != ""); last != "" {
		from = last
	} else if pre != "" {
		b.WriteString("\n")
	}
	b.WriteString("SELECT\n")
	if len(q.cols) == 0 {
		b.WriteString("  NULL AS " + d.ident("no_rules") + "\n")
	}
	for i, c := range q.cols {
		b.WriteString("  " + c)
		if i < len(q.cols)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "FROM %s AS s", from)
	for i, w := range q.where {
		if i == 0 {
			b.WriteString("\nWHERE ")
		} else {
			b.WriteString("\n  AND ")
		}
		b.WriteString(w)
	}
	b.WriteString(";\n")
}

// query is one target's translated SELECT: its columns ("x AS name", in
// the target schema's order), the WHERE conditions that filter seam's
// rejects, and what is left out and why.
type query struct {
	cols, where, notes, skipped []string
	unsup                       []Unsupported
}

// rules translates the active rules of one target.
func (tr *translator) rules(rules []*mapping.Rule, dst *schema.Schema) (query, error) {
	d := tr.d
	var (
		cols    []string
		where   []string
		unsup   []Unsupported
		notes   []string
		skipped []string
		byTgt   = map[string]string{}
		order   []string
	)
	var errs []error // every rule's error at once
	for _, r := range rules {
		if !r.Active() {
			skipped = append(skipped, fmt.Sprintf("%s (%s)", r.Name(), r.Status))
			continue
		}
		col, guard, note, err := tr.rule(r, dst)
		var ue *unsupportedErr
		switch {
		case errors.As(err, &ue):
			unsup = append(unsup, Unsupported{Rule: r.Name(), Reason: ue.reason, Column: r.Target})
			continue
		case err != nil:
			errs = append(errs, fmt.Errorf("export sql: rule %s: %w", r.Name(), err))
			continue
		}
		if _, dup := byTgt[r.Target]; dup {
			// seam runs both rules; the later one's value is written.
			notes = append(notes, r.Name()+": writes "+r.Target+" again; its value replaces the earlier rule's")
		} else {
			order = append(order, r.Target)
		}
		byTgt[r.Target] = col
		if guard != "" {
			where = append(where, guard)
		}
		if note != "" {
			notes = append(notes, r.Name()+": "+note)
		}
	}
	if len(errs) > 0 {
		return query{}, errors.Join(errs...)
	}
	// Columns in the target schema's order, as seam writes them.
	if dst != nil {
		pos := map[string]int{}
		for i, f := range dst.Flatten() {
			pos[f.Path] = i
		}
		sort.SliceStable(order, func(i, j int) bool {
			pi, iok := pos[order[i]]
			pj, jok := pos[order[j]]
			if iok != jok {
				return iok
			}
			return pi < pj
		})
	}
	for _, t := range order {
		cols = append(cols, byTgt[t]+" AS "+d.ident(t))
	}
	return query{cols: cols, where: where, notes: notes, skipped: skipped, unsup: unsup}, nil
}

func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}

// sourceTable picks the source table's name.
func sourceTable(m *mapping.Mapping, src *schema.Schema, from string) string {
	switch {
	case from != "":
		return from
	case src != nil && src.Selector != "":
		return src.Selector
	case src != nil && src.File != "":
		return stem(src.File)
	case src != nil && src.Name != "":
		return src.Name
	}
	ref := m.Source.Schema
	if i := strings.LastIndex(ref, "#"); i >= 0 {
		return ref[i+1:]
	}
	if ref != "" {
		return stem(ref)
	}
	return ""
}

// rule translates one active rule into its column SQL and its reject
// guard (empty unless a failure rejects the row), following seam's Exec:
// evaluate, cast to the target type, apply the target's null rules, then
// the rule's on_error policy.
func (tr *translator) rule(r *mapping.Rule, dst *schema.Schema) (col, reject, note string, err error) {
	var (
		x  sx
		sp transform.Spelling
	)
	if strings.TrimSpace(r.Expr) == "" {
		if len(r.From) != 1 {
			return "", "", "", unsupported("a rule without expr needs exactly one source field, has %d", len(r.From))
		}
		segs := fromSegs(tr.src, r.From[0])
		if x, err = tr.refPath(segs); err != nil {
			return "", "", "", err
		}
		if tr.src != nil && len(segs) == 1 && !tr.planPath(segs) {
			if f := tr.src.Lookup(r.From[0]); f != nil {
				var spelled bool
				sp, spelled = transform.ParseSpelling(f.Format)
				if spelled && f.Type != schema.String && strings.Contains(f.Format, ":") {
					// seam casts the cell's text straight to the target type,
					// in the field's spelling; an empty cell of a typed field
					// is null
					x = sx{sql: "NULLIF(" + tr.col(f.Path) + ", '')", t: tText}
				}
			}
		}
	} else {
		tree, perr := parser.Parse(r.Expr)
		if perr != nil {
			return "", "", "", unsupported("expression does not parse: %v", oneLine(perr.Error()))
		}
		if x, err = tr.expr(tree.Node); err != nil {
			return "", "", "", err
		}

	}
	var f *schema.Field
	if dst != nil {
		f = dst.Lookup(r.Target)
	}
	if f != nil {
		if x, err = tr.castTo(x, f, sp); err != nil {
			return "", "", "", err
		}
		x = tr.constrain(x, f)
	}
	// a sampled target's required and nullable are observations
	requiredNonNull := f != nil && f.Required && !f.Nullable && !f.Sampled
	if x.guard != "" || requiredNonNull {
		// used by the column and the WHERE clause: compute it once
		x = tr.bindSx(x)
	}
	// ok: the value was computed and fits the target's null rules.
	ok := x.guard
	if requiredNonNull {
		ok = and(ok, "("+x.sql+" IS NOT NULL)")
	}
	mode, arg, perr := mapping.ParseOnError(r.OnError)
	if perr != nil {
		return "", "", "", unsupported("%v", perr)
	}
	switch mode {
	case mapping.OnErrorReject:
		return x.sql, ok, note, nil
	case mapping.OnErrorNull:
		if requiredNonNull {
			// null cannot go into a required, non-nullable target: seam rejects
			return x.sql, ok, note, nil
		}
		return guarded(ok, x.sql), "", note, nil
	case mapping.OnErrorKeep:
		if ok == "" {
			return x.sql, "", note, nil
		}
		if len(r.From) == 0 {
			return guarded(ok, x.sql), "", note, nil
		}
		if tr.planPath(fromSegs(tr.src, r.From[0])) {
			return "", "", "", unsupported("on_error keep of an element's or a join's field")
		}
		raw := tr.ref(r.From[0])
		if raw.t != x.t && !(x.t == tText && raw.t == tAny) {
			return "", "", "", unsupported("on_error keep writes the %s source value, which SQL cannot put into a %s column", raw.t, x.t)
		}
		return "CASE WHEN " + ok + " THEN " + x.sql + " ELSE " + raw.sql + " END", "", note, nil
	case mapping.OnErrorDefault:
		if f != nil {
			// a default the target refuses is a compile error in seam: the
			// SQL refuses the rule the same way, never writes it
			if kind, reason := engine.CheckDefault(arg, f); kind != "" {
				if !r.Pos.IsZero() {
					reason = r.Pos.String() + ": " + reason
				}
				return "", "", "", fmt.Errorf("%s (%s)", reason, kind)
			}
		}
		def := sx{sql: tr.d.str(arg), t: tText}
		if lit, ok := tr.constFor(arg, f); ok {
			def = sx{sql: lit}
		} else if f != nil {
			nullable := *f
			nullable.Nullable = true
			dv, err := tr.castTo(def, &nullable, transform.Spelling{})
			if err != nil {
				return "", "", "", err
			}
			def = dv
		}
		if ok == "" {
			return x.sql, "", note, nil
		}
		return "CASE WHEN " + ok + " THEN " + x.sql + " ELSE " + def.sql + " END", "", note, nil
	}
	return "", "", "", unsupported("on_error %q", r.OnError)
}

// castTo converts x to the target field's type the way seam's checked
// cast does: absent and null pass; the empty string becomes null when the
// target is nullable and is an error otherwise (except for text targets).
// Text is read in the spelling sp (the source field's Format) names.
func (tr *translator) castTo(x sx, f *schema.Field, sp transform.Spelling) (sx, error) {
	if x.t == tJSON {
		if f.Type == schema.Array || f.Type == schema.Object {
			return x, nil
		}
		return sx{}, unsupported("a JSON value the expression builds written into %s", f.TypeString())
	}
	if x.t == tOpaque {
		if x.st == f.Type {
			if x.st == schema.TimestampTZ || x.st == schema.Timestamp {
				// seam checks the text of a timestamp it passes on
				x.guard = and(x.guard, "("+x.sql+" IS NULL OR "+tr.timestampShape(x.sql)+")")
			}
			return x, nil
		}
		return sx{}, unsupported("cast of a %s source value to %s", x.st, f.TypeString())
	}
	switch f.Type {
	case schema.String, schema.Enum:
		if x.t == tDec || x.t == tFloat {
			return sx{}, unsupported("a %s written into text: seam prints the shortest exact form, SQL keeps the scale", x.t)
		}
		return tr.text(x), nil
	default:
	}
	if x.t != tText && x.t != tAny {
		return tr.castTyped(x, f)
	}
	var (
		y   sx
		err error
	)
	switch f.Type {
	case schema.Integer:
		y, err = tr.toIntNF(x, sp.Number)
	case schema.Decimal:
		y, err = tr.toDecNF(x, sp.Number)
	case schema.Float:
		y, err = tr.toFloatNF(x, sp.Number)
	case schema.Boolean:
		y, err = tr.textToBool(x, sp.Bool)
	case schema.Date:
		y, err = tr.parseDateAny(x, layoutOr(sp.Layout, "ISO"), false)
	case schema.Timestamp:
		if sp.Layout == "" {
			return sx{}, unsupported("cast of text to %s without a layout (the source field has no datetime: format)", f.TypeString())
		}
		y, err = tr.parseDateAny(x, sp.Layout, true)
	default:
		return sx{}, unsupported("cast of text to %s", f.TypeString())
	}
	if err != nil {
		return sx{}, err
	}
	// The empty string: null for a nullable target, else a failure.
	empty := "(" + x.sql + " = '')"
	if f.Nullable || f.Sampled {
		y.sql = "CASE WHEN " + empty + " THEN NULL ELSE " + y.sql + " END"
		y.guard = "(" + empty + " OR " + orTrue(y.guard) + ")"
	} else if y.guard == "" {
		y.guard = "(" + x.sql + " IS NULL OR NOT " + empty + ")"
	}
	return y, nil
}

func orTrue(g string) string {
	if g == "" {
		return "TRUE"
	}
	return g
}

// castTyped converts a non-text value to the target type.
func (tr *translator) castTyped(x sx, f *schema.Field) (sx, error) {
	switch f.Type {
	case schema.Integer:
		return tr.toInt(x)
	case schema.Decimal:
		return tr.toDec(x)
	case schema.Float:
		return tr.toFloat(x)
	case schema.Boolean:
		return tr.toBool(x)
	case schema.Date:
		if x.t == tDate || x.t == tNull {
			return x, nil
		}
		if x.t == tTimestamp {
			return sx{sql: tr.d.dateOf(x.sql), t: tDate, guard: x.guard}, nil
		}
	case schema.Timestamp:
		if x.t == tTimestamp || x.t == tNull {
			return x, nil
		}
	default:
	}
	return sx{}, unsupported("cast of %s to %s", x.t, f.TypeString())
}

func layoutOr(l, def string) string {
	if l == "" {
		return def
	}
	return l
}

// constFor renders on_error default(VALUE) as a literal of the target type
// when VALUE is plainly one (what seam's cast of it gives); ok is false
// when the general cast must run instead.
func (tr *translator) constFor(v string, f *schema.Field) (string, bool) {
	if f == nil {
		return "", false
	}
	switch f.Type {
	case schema.String, schema.Enum:
		return tr.d.str(v), true
	default:
	}
	if v == "" {
		return "NULL", true
	}
	switch f.Type {
	case schema.Integer:
		if n, st := transform.ParseInt(v, transform.NumberFormat{}); st == transform.NumOK {
			return strconv.FormatInt(n, 10), true
		}
	case schema.Decimal:
		if d, st := transform.ParseDecimal(v, transform.NumberFormat{}); st == transform.NumOK {
			return "CAST(" + d.String() + " AS " + tr.d.bigDec + ")", true
		}
	case schema.Boolean:
		if b, ok := transform.ParseBool(v, transform.BoolFormat{}); ok {
			return strings.ToUpper(strconv.FormatBool(b)), true
		}
	case schema.Date:
		if t, err := time.Parse("2006-01-02", v); err == nil {
			if tr.d.name == "sqlite" {
				return tr.d.str(t.Format("2006-01-02")), true
			}
			return "DATE " + tr.d.str(t.Format("2006-01-02")), true
		}
	default:
	}
	return "", false
}
