package export

import (
	"regexp"
	"strconv"
	"strings"
)

// binder hoists computed values into steps (common table expressions):
// a value and its guard are computed once in a step and referred to by
// name afterwards, instead of being repeated in every expression, check
// and WHERE condition that uses them. A value that refers to names of step
// k lands in step k+1.
type binder struct {
	d      *dialect
	prefix string
	names  map[string]string // SQL text -> name
	depth  map[string]int    // name -> step that computes it (1-based)
	steps  [][]binding
	re     *regexp.Regexp
	n      int
}

type binding struct{ name, sql string }

// newBinder picks a name prefix no source column starts with.
func newBinder(d *dialect, sourceCols []string) *binder {
	prefix := "seam_"
	for i := 1; ; i++ {
		clash := false
		for _, c := range sourceCols {
			if strings.HasPrefix(strings.ToLower(c), prefix) {
				clash = true
				break
			}
		}
		if !clash {
			break
		}
		prefix = "seam" + strconv.Itoa(i) + "_"
	}
	return &binder{d: d, prefix: prefix, names: map[string]string{}, depth: map[string]int{},
		re: regexp.MustCompile(regexp.QuoteMeta(prefix) + `[vg][0-9]+`)}
}

// depthOf is the step after which sql can be computed (0: from the source
// table alone).
func (b *binder) depthOf(sql string) int {
	d := 0
	for _, n := range b.re.FindAllString(sql, -1) {
		if k := b.depth[n]; k > d {
			d = k
		}
	}
	return d
}

// bind names sql (kind 'v' value, 'g' guard) and returns the quoted name.
func (b *binder) bind(sql string, kind byte) string {
	if name, ok := b.names[sql]; ok {
		return b.d.ident(name)
	}
	d := b.depthOf(sql)
	b.n++
	name := b.prefix + string(kind) + strconv.Itoa(b.n)
	for len(b.steps) <= d {
		b.steps = append(b.steps, nil)
	}
	b.steps[d] = append(b.steps[d], binding{name: name, sql: sql})
	b.names[sql] = name
	b.depth[name] = d + 1
	return b.d.ident(name)
}

// simple reports SQL cheap enough to repeat: a column, a literal.
func simple(sql string) bool {
	if len(sql) <= 2 {
		return true
	}
	switch sql[0] {
	case '"', '`':
		return strings.IndexByte(sql[1:], sql[0]) == len(sql)-2
	case '\'':
		return !strings.Contains(sql[1:len(sql)-1], "'")
	}
	_, err := strconv.ParseFloat(sql, 64)
	return err == nil || sql == "NULL" || sql == "TRUE" || sql == "FALSE"
}

// bindSx hoists a computed value and its guard into a step.
func (tr *translator) bindSx(x sx) sx {
	if tr.b == nil {
		return x
	}
	if !simple(x.sql) {
		x.sql = tr.b.bind(x.sql, 'v')
	}
	if x.guard != "" && !simple(x.guard) {
		x.guard = tr.b.bind(x.guard, 'g')
	}
	return x
}

// bindRaw hoists an internal expression (a trimmed text) into a step.
func (tr *translator) bindRaw(sql string) string {
	if tr.b == nil || simple(sql) {
		return sql
	}
	return tr.b.bind(sql, 'v')
}

// with renders the steps as a WITH clause (continuing one already
// opened when open is set) and returns the name of the last step (""
// when there are none: read table directly).
func (b *binder) with(table string, w *strings.Builder, open bool) string {
	prev := table
	last := ""
	for i, step := range b.steps {
		if len(step) == 0 {
			continue
		}
		name := b.d.ident(b.prefix + "step" + strconv.Itoa(i+1))
		switch {
		case last == "" && !open:
			w.WriteString("WITH ")
		case last == "":
			w.WriteString(",\n")
		default:
			w.WriteString(",\n")
		}
		w.WriteString(name + " AS (\n  SELECT t.*")
		for _, bd := range step {
			w.WriteString(",\n    " + bd.sql + " AS " + b.d.ident(bd.name))
		}
		w.WriteString("\n  FROM " + prev + " AS t\n)")
		prev, last = name, name
	}
	if last != "" {
		w.WriteString("\n")
	}
	return last
}

// bindGuard hoists an internal check into a step.
func (tr *translator) bindGuard(sql string) string {
	if tr.b == nil || simple(sql) {
		return sql
	}
	return tr.b.bind(sql, 'g')
}
