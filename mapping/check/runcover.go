package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
)

// RunCoverage is how much of a mapping the rows of a run exercised
// (`seam check --coverage`, `seam test --coverage`): per rule the rows it
// wrote a value for and the edge classes that reached it, per lookup table
// the entries hit and never hit, per conditional of an expression (?:, ??,
// coalesce, default) the branches taken.
type RunCoverage struct {
	Rules    []RuleCoverage
	Lookups  []LookupCoverage
	Branches []BranchCoverage
	// EdgeClasses are the synthetic edge classes of the run's rows (none
	// for real data or hand-written tests), each with the rules it
	// reached.
	EdgeClasses []EdgeClassCoverage
	// Labelled is set when the rows carried edge-class labels.
	Labelled bool
}

// RuleCoverage is one rule: Rows wrote a value (neither absent nor null),
// Nulls wrote none, Errors failed; EdgeClasses reached it (a row whose
// edge case is on a field the rule reads).
type RuleCoverage struct {
	Table, Rule, Target string
	Rows, Nulls, Errors int64
	EdgeClasses         []string
}

// LookupCoverage is one lookup table: rows per entry (sorted by key), the
// misses, and Measured false when no instrumented rule calls it.
type LookupCoverage struct {
	Table    string
	Entries  []LookupEntryCoverage
	Misses   int64
	Measured bool
}

// LookupEntryCoverage is one entry of a lookup table and the rows that hit it.
type LookupEntryCoverage struct {
	Key  string
	Rows int64
}

// BranchCoverage is one conditional and the rows that took each arm;
// Measured is false for an expression the expr VM runs (not instrumented).
type BranchCoverage struct {
	Table, Rule, Kind, Expr string
	Arms                    []ArmCoverage
	Measured                bool
}

// ArmCoverage is one branch of a conditional.
type ArmCoverage struct {
	Arm  string
	Rows int64
}

// EdgeClassCoverage is one edge class of the rows: how many rows carried
// it and the rules it reached.
type EdgeClassCoverage struct {
	Class string
	Rows  int64
	Rules []string
}

// Ratio is covered of total.
type Ratio struct{ Covered, Total int }

// Percent is Covered/Total in percent (100 when Total is 0).
func (r Ratio) Percent() float64 {
	if r.Total == 0 {
		return 100
	}
	return 100 * float64(r.Covered) / float64(r.Total)
}

func (r Ratio) String() string { return fmt.Sprintf("%d/%d", r.Covered, r.Total) }

// RulesCovered counts the rules that wrote a value on at least one row.
func (c *RunCoverage) RulesCovered() Ratio {
	r := Ratio{Total: len(c.Rules)}
	for _, x := range c.Rules {
		if x.Rows > 0 {
			r.Covered++
		}
	}
	return r
}

// EntriesCovered counts the entries of the measured lookup tables that
// at least one row hit.
func (c *RunCoverage) EntriesCovered() Ratio {
	var r Ratio
	for _, t := range c.Lookups {
		if !t.Measured {
			continue
		}
		for _, e := range t.Entries {
			r.Total++
			if e.Rows > 0 {
				r.Covered++
			}
		}
	}
	return r
}

// BranchesCovered counts the arms of the measured conditionals that at
// least one row took; unmeasured counts the conditionals not instrumented.
func (c *RunCoverage) BranchesCovered() (r Ratio, unmeasured int) {
	for _, b := range c.Branches {
		if !b.Measured {
			unmeasured++
			continue
		}
		for _, a := range b.Arms {
			r.Total++
			if a.Rows > 0 {
				r.Covered++
			}
		}
	}
	return r, unmeasured
}

// EdgeClassesReached counts the edge classes of the rows that reached at
// least one rule.
func (c *RunCoverage) EdgeClassesReached() Ratio {
	r := Ratio{Total: len(c.EdgeClasses)}
	for _, e := range c.EdgeClasses {
		if len(e.Rules) > 0 {
			r.Covered++
		}
	}
	return r
}

// Summary is the one line `go test -cover` style: "coverage: rules 12/14,
// lookup entries 30/41, branches 9/12, edge classes 17/20".
func (c *RunCoverage) Summary() string {
	b, un := c.BranchesCovered()
	s := fmt.Sprintf("coverage: rules %s (%.1f%%), lookup entries %s, branches %s", c.RulesCovered(), c.RulesCovered().Percent(), c.EntriesCovered(), b)
	if un > 0 {
		s += fmt.Sprintf(" (+%d not measured: on the expr VM)", un)
	}
	if c.Labelled {
		s += ", edge classes " + c.EdgeClassesReached().String()
	}
	return s
}

// Uncovered lists what no row exercised: rules, lookup entries (per
// table, at most 8 keys each), branch arms.
func (c *RunCoverage) Uncovered() []string {
	var out []string
	for _, r := range c.Rules {
		if r.Rows == 0 {
			out = append(out, fmt.Sprintf("rule %s: no row wrote a value (%d null, %d failed)", qualified(r.Table, r.Rule), r.Nulls, r.Errors))
		}
	}
	for _, t := range c.Lookups {
		if !t.Measured {
			continue
		}
		var never []string
		for _, e := range t.Entries {
			if e.Rows == 0 {
				never = append(never, e.Key)
			}
		}
		if len(never) > 0 {
			out = append(out, fmt.Sprintf("lookup %s: %d never hit: %s", t.Table, len(never), shortList(never, 8)))
		}
	}
	for _, b := range c.Branches {
		if !b.Measured {
			continue
		}
		for _, a := range b.Arms {
			if a.Rows == 0 && !(b.Kind == "coalesce" && a.Arm == "none") {
				out = append(out, fmt.Sprintf("branch %s of %s in rule %s: never taken", a.Arm, b.Expr, qualified(b.Table, b.Rule)))
			}
		}
	}
	return out
}

func qualified(table, name string) string {
	if table == "" {
		return name
	}
	return table + "." + name
}

// NewRunCoverage turns the engine's counts of each program (tables names
// the target of each, "" for a mapping's only target) into the report's
// coverage; edges, when not nil, adds the edge classes of the rows.
func NewRunCoverage(pcs []engine.ProgramCoverage, tables []string, edges *EdgeTracker) *RunCoverage {
	c := &RunCoverage{}
	seenTable := map[string]bool{}
	var reached map[string]map[string]bool
	if edges != nil {
		c.Labelled = edges.labelled
		reached = edges.reached
	}
	for i, pc := range pcs {
		table := ""
		if i < len(tables) {
			table = tables[i]
		}
		for _, r := range pc.Rules {
			rc := RuleCoverage{Table: table, Rule: r.Rule, Target: r.Target, Rows: r.Rows, Nulls: r.Nulls, Errors: r.Errors}
			for cl := range reached[qualified(table, r.Rule)] {
				rc.EdgeClasses = append(rc.EdgeClasses, cl)
			}
			sort.Strings(rc.EdgeClasses)
			c.Rules = append(c.Rules, rc)
		}
		for _, b := range pc.Branches {
			bc := BranchCoverage{Table: table, Rule: b.Rule, Kind: b.Kind, Expr: b.Expr, Measured: b.Measured}
			for a, name := range b.Arms {
				bc.Arms = append(bc.Arms, ArmCoverage{Arm: name, Rows: b.Taken[a]})
			}
			c.Branches = append(c.Branches, bc)
		}
		// The lookup tables are the mapping's: the same in every target,
		// summed over the targets.
		for _, l := range pc.Lookups {
			if !seenTable[l.Table] {
				seenTable[l.Table] = true
				lc := LookupCoverage{Table: l.Table}
				for _, k := range l.Entries {
					lc.Entries = append(lc.Entries, LookupEntryCoverage{Key: k})
				}
				c.Lookups = append(c.Lookups, lc)
			}
			for j := range c.Lookups {
				lc := &c.Lookups[j]
				if lc.Table != l.Table {
					continue
				}
				lc.Measured = lc.Measured || l.Measured
				lc.Misses += l.Misses
				for e := range lc.Entries {
					lc.Entries[e].Rows += l.Hits[e]
				}
			}
		}
	}
	if edges != nil {
		classes := make([]string, 0, len(edges.rows))
		for cl := range edges.rows {
			classes = append(classes, cl)
		}
		sort.Strings(classes)
		for _, cl := range classes {
			ec := EdgeClassCoverage{Class: cl, Rows: edges.rows[cl]}
			for _, r := range c.Rules {
				for _, x := range r.EdgeClasses {
					if x == cl {
						ec.Rules = append(ec.Rules, qualified(r.Table, r.Rule))
					}
				}
			}
			c.EdgeClasses = append(c.EdgeClasses, ec)
		}
	}
	return c
}

// EdgeTracker counts the edge classes of labelled rows and which rules
// each reached: a class on a field reaches the rules that read the field
// (a dotted parent or child path counts), a row-level class every rule.
// Feed it from one goroutine, in row order (Run's OnRow).
type EdgeTracker struct {
	reads    []ruleReads
	rows     map[string]int64
	reached  map[string]map[string]bool
	labelled bool
	// byField caches the rules (indexes of reads) a labelled field reaches.
	byField map[string][]int
}

type ruleReads struct {
	name  string
	paths []string
}

// NewEdgeTracker prepares the fields each active rule of m reads (its
// from paths and the source fields its expression names); table prefixes
// the rule names (a plan's target, "" for a mapping's only target).
func NewEdgeTracker(m *mapping.Mapping, rules []*mapping.Rule, table string) *EdgeTracker {
	t := &EdgeTracker{rows: map[string]int64{}, reached: map[string]map[string]bool{}}
	t.Add(m, rules, table)
	return t
}

// Add adds the rules of one more target.
func (t *EdgeTracker) Add(m *mapping.Mapping, rules []*mapping.Rule, table string) {
	t.byField = nil
	for _, r := range rules {
		if !r.Active() {
			continue
		}
		rr := ruleReads{name: qualified(table, r.Name()), paths: append([]string(nil), r.From...)}
		if rd := analyzeExpr(r).read; rd != nil {
			rr.paths = append(rr.paths, rd.Paths...)
		}
		t.reads = append(t.reads, rr)
	}
}

// Observe counts one row's labels (field path -> edge class; "" for the
// row as a whole).
func (t *EdgeTracker) Observe(labels map[string]string) {
	if len(labels) == 0 {
		return
	}
	t.labelled = true
	for field, class := range labels {
		t.rows[class]++
		for _, i := range t.rulesOf(field) {
			name := t.reads[i].name
			s := t.reached[name]
			if s == nil {
				s = map[string]bool{}
				t.reached[name] = s
			}
			if !s[class] {
				s[class] = true
			}
		}
	}
}

// rulesOf is the rules a label on field reaches ("" every rule), cached.
func (t *EdgeTracker) rulesOf(field string) []int {
	if rs, ok := t.byField[field]; ok {
		return rs
	}
	var rs []int
	for i, r := range t.reads {
		if field == "" || readsField(r.paths, field) {
			rs = append(rs, i)
		}
	}
	if t.byField == nil {
		t.byField = map[string][]int{}
	}
	t.byField[field] = rs
	return rs
}

func readsField(paths []string, field string) bool {
	for _, p := range paths {
		p = strings.ReplaceAll(p, "[]", "")
		f := strings.ReplaceAll(field, "[]", "")
		if p == f || strings.HasPrefix(p, f+".") || strings.HasPrefix(f, p+".") {
			return true
		}
	}
	return false
}

// MergeRunCoverage joins the coverage of a plan's targets (checked one
// by one) into one: rules and branches named by their target table,
// lookup tables summed, edge classes merged. Nil entries are skipped; the
// result is nil when all are.
func MergeRunCoverage(covs []*RunCoverage, tables []string) *RunCoverage {
	var out *RunCoverage
	edge := map[string]int{}
	for i, c := range covs {
		if c == nil {
			continue
		}
		if out == nil {
			out = &RunCoverage{}
		}
		out.Labelled = out.Labelled || c.Labelled
		for _, r := range c.Rules {
			r.Table = tables[i]
			out.Rules = append(out.Rules, r)
		}
		for _, b := range c.Branches {
			b.Table = tables[i]
			out.Branches = append(out.Branches, b)
		}
		for _, l := range c.Lookups {
			j := -1
			for k := range out.Lookups {
				if out.Lookups[k].Table == l.Table {
					j = k
				}
			}
			if j < 0 {
				l.Entries = append([]LookupEntryCoverage(nil), l.Entries...)
				out.Lookups = append(out.Lookups, l)
				continue
			}
			o := &out.Lookups[j]
			o.Measured = o.Measured || l.Measured
			o.Misses += l.Misses
			for e := range o.Entries {
				o.Entries[e].Rows += l.Entries[e].Rows
			}
		}
		for _, e := range c.EdgeClasses {
			var rules []string
			for _, r := range e.Rules {
				rules = append(rules, qualified(tables[i], r))
			}
			if k, ok := edge[e.Class]; ok {
				out.EdgeClasses[k].Rules = append(out.EdgeClasses[k].Rules, rules...)
				continue
			}
			edge[e.Class] = len(out.EdgeClasses)
			out.EdgeClasses = append(out.EdgeClasses, EdgeClassCoverage{Class: e.Class, Rows: e.Rows, Rules: rules})
		}
	}
	return out
}

// Reaching returns the edge classes of one row's labels that reach at
// least one rule (sorted), without counting them.
func (t *EdgeTracker) Reaching(labels map[string]string) []string {
	var out []string
	for field, class := range labels {
		if len(t.rulesOf(field)) > 0 {
			out = append(out, class)
		}
	}
	sort.Strings(out)
	return out
}
