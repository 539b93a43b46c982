package export

import (
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/schema"
)

// About keys of a mapping with several targets, arrays or joins.
const (
	// aboutTarget: name, rules sheet, schema, fingerprint.
	aboutTarget = "target"
	// aboutTargetRows: name, each, parent.
	aboutTargetRows = "target rows"
	// aboutTargetIgnore: name, a field of that target's own ignore_target
	// (one row per field).
	aboutTargetIgnore = "target ignore_target"
	// aboutJoin: name, schema, data, on (LEFT=RIGHT; ...).
	aboutJoin = "join"
	// aboutJoinOptions: name, on_miss, on_duplicate.
	aboutJoinOptions = "join options"
	// TargetSheetPrefix starts the rules sheet of every target after the
	// first ("Mapping order_details").
	TargetSheetPrefix = "Mapping "
)

// targetSheetNames names the rules sheet of every target: Mapping for
// the first, "Mapping NAME" (cut to Excel's 31 characters, numbered when
// that repeats a name) for the others.
func targetSheetNames(m *mapping.Mapping) []string {
	views := m.Targets()
	out := []string{SheetMapping}
	used := map[string]bool{strings.ToLower(SheetMapping): true}
	for _, l := range lookupSheetNames(m.Lookups) {
		used[strings.ToLower(l)] = true
	}
	for _, v := range views[1:] {
		base := truncRunes(TargetSheetPrefix+v.OutName(), 31)
		name := base
		for i := 2; used[strings.ToLower(name)]; i++ {
			suf := " " + strconv.Itoa(i)
			name = truncRunes(base, 31-len(suf)) + suf
		}
		used[strings.ToLower(name)] = true
		out = append(out, name)
	}
	return out
}

// targetAboutRows lists the targets and joins of a mapping written with
// targets: (none for a mapping of one plain target).
func targetAboutRows(m *mapping.Mapping, sheets []string) [][5]string {
	if !m.MultiTarget() {
		return nil
	}
	var rows [][5]string
	for i, v := range m.Targets() {
		rows = append(rows, [5]string{aboutTarget, v.TargetName, sheets[i], v.Target.Schema, v.Target.Fingerprint})
		if v.Each != "" || v.Parent != "" {
			rows = append(rows, [5]string{aboutTargetRows, v.TargetName, v.Each, v.Parent})
		}
		for _, f := range v.OwnIgnoreTarget {
			rows = append(rows, [5]string{aboutTargetIgnore, v.TargetName, f})
		}
	}
	for _, j := range m.Joins {
		var on []string
		for _, k := range j.On {
			on = append(on, k.Left+"="+k.Right)
		}
		rows = append(rows, [5]string{aboutJoin, j.Name, j.Schema, j.Data, strings.Join(on, "; ")})
		if j.OnMiss != "" || j.OnDuplicate != "" {
			rows = append(rows, [5]string{aboutJoinOptions, j.Name, j.OnMiss, j.OnDuplicate})
		}
	}
	return rows
}

// targetSources gives the source schema each target's rules read (its
// element fields and joins in place, as seam compiles it), else src.
func targetSources(m *mapping.Mapping, src *schema.Schema, joins map[string]*schema.Schema) []*schema.Schema {
	n := len(m.Targets())
	out := make([]*schema.Schema, n)
	for i := range out {
		out[i] = src
	}
	if !m.MultiTarget() || src == nil {
		return out
	}
	views, err := targetViews(m, src, joins)
	if err != nil || len(views) != n {
		return out
	}
	for i, v := range views {
		out[i] = v.Source
	}
	return out
}

// targetRef is a target listed on the About sheet.
type targetRef struct {
	name, sheet, schema, fp, each, parent string
	ignore                                []string
	row                                   int
}

// aboutTargets reads one About row of the target and join keys; ok is
// false for another key.
func (im *xlsxImporter) aboutTargets(m *mapping.Mapping, sheet, key string, get func(int) string, rn int) bool {
	name := strings.TrimSpace(get(1))
	switch key {
	case aboutTarget:
		if im.targetsSeen[name] {
			im.errAt(sheet, 2, rn, "target %q is listed twice", name)
			return true
		}
		im.targetsSeen[name] = true
		im.targets = append(im.targets, &targetRef{name: name, sheet: strings.TrimSpace(get(2)), schema: strings.TrimSpace(get(3)), fp: strings.TrimSpace(get(4)), row: rn})
	case aboutTargetRows, aboutTargetIgnore:
		var t *targetRef
		for _, r := range im.targets {
			if r.name == name {
				t = r
			}
		}
		if t == nil {
			im.errAt(sheet, 2, rn, "%s for %q, which no earlier target row lists", key, name)
			return true
		}
		if key == aboutTargetRows {
			t.each, t.parent = strings.TrimSpace(get(2)), strings.TrimSpace(get(3))
		} else if f := strings.TrimSpace(get(2)); f != "" {
			t.ignore = append(t.ignore, f)
		} else {
			im.errAt(sheet, 3, rn, "target ignore_target row for %q names no target field", name)
		}
	case aboutJoin:
		j := &mapping.Join{Name: name, Schema: strings.TrimSpace(get(2)), Data: strings.TrimSpace(get(3)), Pos: diag.Pos{File: im.name, Line: rn}}
		if name == "" {
			im.errAt(sheet, 2, rn, "join row has no join name")
			return true
		}
		for _, p := range strings.Split(get(4), ";") {
			if strings.TrimSpace(p) == "" {
				continue
			}
			l, r, ok := strings.Cut(p, "=")
			if !ok || strings.TrimSpace(l) == "" || strings.TrimSpace(r) == "" {
				im.errAt(sheet, 5, rn, "join %s: on %q: want LEFT=RIGHT pairs separated by ;", name, p)
				continue
			}
			j.On = append(j.On, mapping.JoinKey{Left: strings.TrimSpace(l), Right: strings.TrimSpace(r)})
		}
		if m.JoinNamed(name) != nil {
			im.errAt(sheet, 2, rn, "join %q is listed twice", name)
			return true
		}
		m.Joins = append(m.Joins, j)
	case aboutJoinOptions:
		j := m.JoinNamed(name)
		if j == nil {
			im.errAt(sheet, 2, rn, "join options for %q, which no earlier join row lists", name)
			return true
		}
		j.OnMiss, j.OnDuplicate = strings.TrimSpace(get(2)), strings.TrimSpace(get(3))
		if j.OnMiss != "" && j.OnMiss != mapping.JoinMissReject && j.OnMiss != mapping.JoinMissNull {
			im.errAt(sheet, 3, rn, "join %s: on_miss %q: want reject or null", name, j.OnMiss)
		}
		if j.OnDuplicate != "" && j.OnDuplicate != mapping.JoinDupFirst {
			im.errAt(sheet, 4, rn, "join %s: on_duplicate %q: want first or nothing", name, j.OnDuplicate)
		}
	default:
		return false
	}
	return true
}

// readTargets turns the About sheet's target rows into the mapping's
// targets: the first is the Mapping sheet's, each further one reads its
// rules from its sheet.
func (im *xlsxImporter) readTargets(m *mapping.Mapping) {
	about := im.sheet(SheetAbout)
	for i, t := range im.targets {
		if i == 0 {
			if !strings.EqualFold(t.sheet, SheetMapping) {
				im.errAt(about, 3, t.row, "the first target's rules are on sheet %q, not %q", SheetMapping, t.sheet)
			}
			m.TargetName, m.Each, m.Parent, m.OwnIgnoreTarget = t.name, t.each, t.parent, t.ignore
			if t.schema != "" {
				m.Target.Schema, m.Target.Fingerprint = t.schema, t.fp
			}
			continue
		}
		sheet := im.sheet(t.sheet)
		if sheet == "" {
			im.errAt(about, 3, t.row, "target %q names sheet %q, which the workbook lacks", t.name, t.sheet)
			continue
		}
		tg := &mapping.Target{Name: t.name, Schema: mapping.SchemaRef{Schema: t.schema, Fingerprint: t.fp}, Each: t.each, Parent: t.parent, IgnoreTarget: t.ignore,
			Rules: im.sheetRules(sheet), Pos: diag.Pos{File: im.name, Line: t.row}}
		if tg.Name == "" {
			im.errAt(about, 2, t.row, "a target after the first needs a name")
		}
		m.Extra = append(m.Extra, tg)
	}
}
