package check

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// refKey is one target and one join whose misses it counts.
type refKey struct {
	target int
	join   string
}

// refMisses are the rows of one target that found no row in one join:
// the first examples and the rows per edge class.
type refMisses struct {
	n        int64
	nullKeys int64 // misses of a null or absent key with on_miss: null
	examples []Example
	classes  map[string]int64
}

// refCollector gathers, over the whole plan's run, the examples of every
// join miss (what engine.PlanStats only counts).
type refCollector struct {
	m        *mapping.Mapping
	joins    map[string]*mapping.Join
	roots    map[string][]string // per join, the source fields its key starts from
	labels   LabelledReader      // nil when the rows carry no labels
	max      int
	misses   map[refKey]*refMisses
	labelled bool
	// dataset: a miss of a null or absent key with on_miss: null is not
	// counted (a null foreign key references nothing).
	dataset bool
}

func newRefCollector(m *mapping.Mapping, r value.RecordReader, dataset bool) *refCollector {
	c := &refCollector{m: m, dataset: dataset, joins: map[string]*mapping.Join{}, roots: map[string][]string{}, max: 5, misses: map[refKey]*refMisses{}}
	c.labels, c.labelled = r.(LabelledReader)
	for _, j := range m.Joins {
		c.joins[j.Name] = j
	}
	for _, j := range m.Joins {
		c.roots[j.Name] = c.rootKeys(j, 0)
	}
	return c
}

// rootKeys are the source fields join j's key is read from, following a
// key on an earlier join's field (order.customer_id) to that join's own.
func (c *refCollector) rootKeys(j *mapping.Join, depth int) []string {
	var out []string
	for _, k := range j.On {
		head, _, chained := strings.Cut(k.Left, ".")
		if e := c.joins[head]; chained && e != nil && e != j && depth < len(c.joins) {
			out = append(out, c.rootKeys(e, depth+1)...)
			continue
		}
		out = append(out, k.Left)
	}
	return out
}

// viaJoin returns the earlier join whose field join j keys on ("" when
// j keys on source fields only).
func (c *refCollector) viaJoin(j *mapping.Join) string {
	for _, k := range j.On {
		if head, _, ok := strings.Cut(k.Left, "."); ok && c.joins[head] != nil && head != j.Name {
			return head
		}
	}
	return ""
}

// observe takes one record's rows (engine.RunOptions.OnRecord).
func (c *refCollector) observe(row int64, in *value.Record, rows []engine.PlanRow) {
	var labels map[string]string
	if c.labelled {
		labels = c.labels.Labels(row) // once per record, in order
	}
	for _, r := range rows {
		for _, e := range r.Result.Errors {
			if e.Join == "" || e.Kind != kind.LookupMiss || c.follows(e.Join, r.Result.Errors) {
				continue
			}
			k := refKey{r.Target, e.Join}
			rm := c.misses[k]
			if rm == nil {
				rm = &refMisses{classes: map[string]int64{}}
				c.misses[k] = rm
			}
			rm.n++
			if c.dataset && nullKey(e.Value) && e.Action != mapping.OnErrorReject {
				rm.nullKeys++
				continue
			}
			class := c.classOf(e.Join, labels)
			if class != "" {
				rm.classes[class]++
			}
			if len(rm.examples) < c.max {
				ex := Example{Row: row, EdgeCase: class, Reason: e.Reason}
				for _, p := range c.roots[e.Join] {
					ex.Source = append(ex.Source, NamedValue{p, in.Path(p)})
				}
				if j := c.joins[e.Join]; c.viaJoin(j) != "" {
					var lefts []string
					for _, k := range j.On {
						lefts = append(lefts, k.Left)
					}
					ex.Source = append(ex.Source, NamedValue{strings.Join(lefts, ", "), e.Value})
				}
				rm.examples = append(rm.examples, ex)
			}
		}
	}
}

// follows reports a miss of join name that only follows from the miss
// of the earlier join it keys on (counted for that join alone).
func (c *refCollector) follows(name string, errs []engine.RowError) bool {
	via := c.viaJoin(c.joins[name])
	if via == "" {
		return false
	}
	for _, e := range errs {
		if e.Join == via {
			return true
		}
	}
	return false
}

// classOf is the edge case of a row's miss of join name: the label of the
// first source field its key starts from that has one, else any
// relational label of the row.
func (c *refCollector) classOf(name string, labels map[string]string) string {
	if len(labels) == 0 {
		return ""
	}
	for _, p := range c.roots[name] {
		if l := labels[p]; l != "" {
			return l
		}
	}
	for _, p := range c.roots[name] {
		for f, l := range labels {
			if strings.HasPrefix(l, "rel.") && (f == p || strings.HasPrefix(f, p+".")) {
				return l
			}
		}
	}
	return ""
}

// joinFindings are target ti's findings about the joins it reads: per
// join, the rows that found no row (lookup_miss, or parent_rejected for
// a join keyed on an earlier join's field when the data is a dataset),
// with examples and edge classes.
func (c *refCollector) joinFindings(p *engine.Plan, st engine.PlanStats, ti int, o PlanOptions) []Finding {
	var out []Finding
	t := p.Targets()[ti]
	for _, j := range c.m.Joins {
		n := st.JoinMisses[ti][j.Name]
		rm := c.misses[refKey{ti, j.Name}]
		if rm == nil {
			rm = &refMisses{}
		}
		if o.Dataset != nil {
			// a null foreign key references nothing: with on_miss: null
			// it is no referential problem of the dataset
			n = rm.n - rm.nullKeys
		}
		if n == 0 {
			continue
		}
		sev, then := diag.Error, "rejected (on_miss: reject)"
		if j.OnMiss == mapping.JoinMissNull {
			sev, then = diag.Warn, "written with the join null (on_miss: null)"
		}
		var keys, on []string
		for _, k := range j.On {
			keys = append(keys, k.Left)
			on = append(on, k.Left+" -> "+k.Right)
		}
		where := strings.Join(on, ", ")
		if path := p.JoinPath(j.Name); path != "" {
			where = path + ", " + where
		}
		f := Finding{Kind: kind.LookupMiss, Severity: sev, Count: n, TargetTable: t.Name, Target: t.Name,
			Source: keys, Join: j.Name, Examples: rm.examples,
			Message: fmt.Sprintf("%s of %s found no row in join %s (%s): %s", plural(n, "row", "rows"), t.Name, j.Name, where, then)}
		if via := c.viaJoin(j); via != "" && o.Dataset != nil {
			f.Kind = kind.ParentRejected
			have, these := "have", "these rows have"
			if n == 1 {
				have, these = "has", "this row has"
			}
			f.Message = fmt.Sprintf("%s of %s %s a parent row in join %s that names no row of join %s (%s): a database refuses that parent row, so %s none; %s",
				plural(n, "row", "rows"), t.Name, have, via, j.Name, where, these, then)
		}
		if c.labelled {
			f.EdgeCases = edgeCounts(rm.classes, n)
		}
		out = append(out, f)
	}
	return out
}

// duplicateFindings are the duplicate_key findings of the joins whose
// data repeated a key (loaded with KeepFirst): one per join, in the first
// target that reads it, each example a repeating row of the join's file.
func duplicateFindings(p *engine.Plan, ti int, o PlanOptions) []Finding {
	var out []Finding
	t := p.Targets()[ti]
	for _, j := range p.Mapping().Joins {
		dups, n := p.JoinDuplicates(j.Name)
		if n == 0 || firstReader(p, j.Name) != ti {
			continue
		}
		var right []string
		for _, k := range j.On {
			right = append(right, k.Right)
		}
		path := p.JoinPath(j.Name)
		f := Finding{Kind: kind.DuplicateKey, Severity: diag.Error, Count: n, TargetTable: t.Name, Target: t.Name,
			Source: right, Join: j.Name,
			Message: fmt.Sprintf("join %s: %s repeats %s (%s): each repeating row is left out and the first row with the key is joined, as a primary key keeps it",
				j.Name, path, plural(n, "key", "keys"), strings.Join(right, ", "))}
		classes := map[string]int64{}
		var table string
		var labels *DatasetLabels
		if o.Dataset != nil {
			table, labels = o.Dataset.JoinTables[j.Name], o.Dataset.Labels
		}
		for _, d := range dups {
			class := ""
			if ls := labels.Row(table, d.Row); ls != nil {
				class = ls[right[0]]
				if class != "" {
					classes[class]++
				}
			}
			if len(f.Examples) < 5 {
				f.Examples = append(f.Examples, Example{Row: d.Row, EdgeCase: class,
					Source: Values{{strings.Join(right, ", "), value.Str(d.Key)}},
					Reason: fmt.Sprintf("%s row %d repeats the key of row %d (the row kept)", path, d.Row, d.First)})
			}
		}
		if labels != nil {
			f.EdgeCases = edgeCounts(classes, n)
		}
		out = append(out, f)
	}
	return out
}

// firstReader is the first target whose rules read join name (0 when
// none does).
func firstReader(p *engine.Plan, name string) int {
	for ti := range p.Targets() {
		if p.TargetReadsJoin(ti, name) {
			return ti
		}
	}
	return 0
}

// nullKey reports a key that references nothing in a dataset: null,
// absent, or the empty text that stands for null in CSV and TSV.
func nullKey(v value.Value) bool {
	return v.IsMissing() || v.K == value.String && v.S == ""
}

// danglingFindings are, for a dataset, the rows of a join's table whose
// key into a later join finds no row (orders.csv rows naming a
// customer_id that customers.csv lacks): what a database refuses as a
// broken foreign key, whether or not a source row reaches them. One
// lookup_miss per such join, in the first target that reads it: error
// with on_miss: reject, warn with null.
func danglingFindings(p *engine.Plan, ti int, o PlanOptions) []Finding {
	if o.Dataset == nil {
		return nil
	}
	var out []Finding
	t := p.Targets()[ti]
	for _, j := range p.Mapping().Joins {
		via, rows, n := p.DanglingRows(j.Name)
		if n == 0 || firstReader(p, j.Name) != ti {
			continue
		}
		var lefts, fields, on []string
		for _, k := range j.On {
			lefts = append(lefts, k.Left)
			_, f, _ := strings.Cut(k.Left, ".")
			fields = append(fields, f)
			on = append(on, k.Left+" -> "+k.Right)
		}
		sev := diag.Error
		if j.OnMiss == mapping.JoinMissNull {
			sev = diag.Warn
		}
		vpath, jpath := p.JoinPath(via), p.JoinPath(j.Name)
		f := Finding{Kind: kind.LookupMiss, Severity: sev, Count: n, TargetTable: t.Name, Target: t.Name,
			Source: lefts, Join: j.Name,
			Message: fmt.Sprintf("%s of %s (join %s) name no row of %s (join %s; %s): a database refuses them as broken foreign keys",
				plural(n, "row", "rows"), vpath, via, jpath, j.Name, strings.Join(on, ", "))}
		table := o.Dataset.JoinTables[via]
		classes := map[string]int64{}
		for _, r := range rows {
			class := ""
			if ls := o.Dataset.Labels.Row(table, r.Row); ls != nil {
				for _, fl := range fields {
					if class = ls[fl]; class != "" {
						break
					}
				}
				if class != "" {
					classes[class]++
				}
			}
			if len(f.Examples) < 5 {
				f.Examples = append(f.Examples, Example{Row: r.Row, EdgeCase: class,
					Source: Values{{strings.Join(lefts, ", "), value.Str(r.Key)}},
					Reason: fmt.Sprintf("%s row %d: no row of %s with %s %q", vpath, r.Row, jpath, strings.Join(fields, ", "), r.Key)})
			}
		}
		if o.Dataset.Labels != nil {
			f.EdgeCases = edgeCounts(classes, n)
		}
		out = append(out, f)
	}
	return out
}
