package engine

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"

	"github.com/seamhq/seam/mapping/value"
)

// Coverage collects how much of one or more programs the rows of a run
// exercised: per rule the rows it wrote a value for, per lookup table the
// entries hit, per conditional of an expression (?:, ??, coalesce,
// default) the branches taken. It is opt-in: an Exec records only after
// Cover; the normal path tests one nil pointer per rule. Each Exec counts
// into its own counters (no atomics, no locks on the row path); Of sums
// them, once the run that used them has returned.
type Coverage struct {
	mu    sync.Mutex
	execs map[*Program][]*execCov
}

// NewCoverage returns an empty collector.
func NewCoverage() *Coverage { return &Coverage{execs: map[*Program][]*execCov{}} }

// execCov is one Exec's counters.
type execCov struct {
	rows, nulls, errs []int64   // per rule of p.rules
	arms              [][]int64 // per branch point of p.branches
	hits              [][]int64 // per lookup table of p.lookups, per entry
	miss              []int64   // per lookup table
}

// BranchPoint is one conditional of a rule's expression, found by walking
// the checked expression at compile time.
type BranchPoint struct {
	// Rule names the rule (its id or target).
	Rule string
	// Kind is "?:", "??", "coalesce" or "default".
	Kind string
	// Expr is the conditional as the expression spells it (shortened).
	Expr string
	// Arms names the branches: then/else, value/fallback, arg1..argN/none.
	Arms []string
	// Measured is false when the rule runs on the expr VM, whose
	// evaluation is not instrumented: its branches are listed, not counted.
	Measured bool
}

// RuleCoverage is one rule's count over the rows.
type RuleCoverage struct {
	Rule, Target string
	// Rows wrote a value (neither absent nor null); Nulls wrote none;
	// Errors failed (their on_error then decided).
	Rows, Nulls, Errors int64
}

// BranchCoverage is a branch point with the rows that took each arm.
type BranchCoverage struct {
	BranchPoint
	Taken []int64
}

// LookupCoverage is one lookup table: its entries (sorted by key), the
// rows that hit each, and the lookups that missed (null keys excepted).
type LookupCoverage struct {
	Table   string
	Entries []string
	Hits    []int64
	Misses  int64
	// Measured is false when every call of the table is in an expression
	// the VM runs (not counted) or no rule calls it.
	Measured bool
}

// ProgramCoverage is the coverage of one program (one target).
type ProgramCoverage struct {
	Rules    []RuleCoverage
	Branches []BranchCoverage
	Lookups  []LookupCoverage
}

// Cover makes x record into c from now on (the first call builds the
// instrumented form of the program's expressions).
func (x *Exec) Cover(c *Coverage) {
	p := x.p
	p.covOnce.Do(p.buildCover)
	ec := &execCov{rows: make([]int64, len(p.rules)), nulls: make([]int64, len(p.rules)), errs: make([]int64, len(p.rules)),
		arms: make([][]int64, len(p.branches)), hits: make([][]int64, len(p.lookups)), miss: make([]int64, len(p.lookups))}
	for i, b := range p.branches {
		ec.arms[i] = make([]int64, len(b.Arms))
	}
	for i, t := range p.lookups {
		ec.hits[i] = make([]int64, len(t.keys))
	}
	c.mu.Lock()
	c.execs[p] = append(c.execs[p], ec)
	c.mu.Unlock()
	x.cov = ec
	if x.env != nil {
		x.env[covEnvKey] = ec // the VM's counting functions find it here
	}
}

// Cover makes every target's Exec of x record into c.
func (x *PlanExec) Cover(c *Coverage) {
	for _, e := range x.xs {
		e.Cover(c)
	}
}

// Of sums what every Exec of p recorded into c. Call it after the runs
// that used c returned.
func (c *Coverage) Of(p *Program) ProgramCoverage {
	var pc ProgramCoverage
	c.mu.Lock()
	ecs := c.execs[p]
	c.mu.Unlock()
	for i, rp := range p.rules {
		rc := RuleCoverage{Rule: rp.rule.Name(), Target: rp.target}
		for _, ec := range ecs {
			rc.Rows += ec.rows[i]
			rc.Nulls += ec.nulls[i]
			rc.Errors += ec.errs[i]
		}
		pc.Rules = append(pc.Rules, rc)
	}
	for i, b := range p.branches {
		bc := BranchCoverage{BranchPoint: b, Taken: make([]int64, len(b.Arms))}
		for _, ec := range ecs {
			for a, n := range ec.arms[i] {
				bc.Taken[a] += n
			}
		}
		pc.Branches = append(pc.Branches, bc)
	}
	for i, t := range p.lookups {
		lc := LookupCoverage{Table: t.name, Entries: t.keys, Hits: make([]int64, len(t.keys)), Measured: t.measured}
		for _, ec := range ecs {
			for e, n := range ec.hits[i] {
				lc.Hits[e] += n
			}
			lc.Misses += ec.miss[i]
		}
		pc.Lookups = append(pc.Lookups, lc)
	}
	return pc
}

// OfPlan sums the coverage of every target of the plan, in target order.
func (c *Coverage) OfPlan(p *Plan) []ProgramCoverage {
	var out []ProgramCoverage
	for _, t := range p.targets {
		out = append(out, c.Of(t.prog))
	}
	return out
}

// Branches lists the conditionals of the program's expressions, in rule
// order (static: no run needed).
func (p *Program) Branches() []BranchPoint { return p.branches }

// lookupTable is one lookup table of the mapping as coverage counts it.
type lookupTable struct {
	name     string
	keys     []string
	index    map[string]int
	measured bool
}

// covRule records a rule's outcome on one row.
func (ec *execCov) covRule(i int, dst *value.Value, failed bool) {
	switch {
	case failed:
		ec.errs[i]++
	case dst.K == value.Absent || dst.K == value.Null:
		ec.nulls[i]++
	default:
		ec.rows[i]++
	}
}

// branchPoints walks a checked expression for its conditionals and lookup
// tables (called once per rule at compile time; the walk is static).
func (p *Program) branchPoints(rp *ruleProg, node ast.Node) {
	rp.branchAt = map[ast.Node]int{}
	rp.branchLoc = map[file.Location]int{}
	add := func(n ast.Node, k string, arms ...string) {
		rp.branchAt[n] = len(p.branches)
		rp.branchLoc[n.Location()] = len(p.branches)
		p.branches = append(p.branches, BranchPoint{Rule: rp.rule.Name(), Kind: k, Expr: shortExpr(n), Arms: arms})
	}
	ast.Walk(&node, visitor(func(n ast.Node) {
		switch x := n.(type) {
		case *ast.ConditionalNode:
			add(n, "?:", "then", "else")
		case *ast.BinaryNode:
			if x.Operator == "??" {
				add(n, "??", "value", "fallback")
			}
		case *ast.CallNode:
			id, ok := x.Callee.(*ast.IdentifierNode)
			if !ok {
				return
			}
			switch id.Value {
			case "coalesce":
				arms := make([]string, 0, len(x.Arguments)+1)
				for i := range x.Arguments {
					arms = append(arms, "arg"+strconv.Itoa(i+1))
				}
				add(n, "coalesce", append(arms, "none")...)
			case "default":
				add(n, "default", "value", "default")
			case "lookup":
				if len(x.Arguments) > 0 {
					if s, ok := x.Arguments[0].(*ast.StringNode); ok {
						rp.lookupCalls = append(rp.lookupCalls, s.Value)
					}
				}
			}
		}
	}))
}

// shortExpr prints a node of an expression, at most 60 characters.
func shortExpr(n ast.Node) string {
	s := strings.Join(strings.Fields(n.String()), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

// buildCover makes the instrumented native form of every rule with branch
// points or lookup calls, and the lookup tables' entry index. A rule that
// runs on the VM keeps its VM program: its branches are not measured.
func (p *Program) buildCover() {
	tables, _ := p.m.LookupTables()
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	at := map[string]int{}
	for _, n := range names {
		t := lookupTable{name: n, index: map[string]int{}}
		for k := range tables[n] {
			t.keys = append(t.keys, k)
		}
		sort.Strings(t.keys)
		for i, k := range t.keys {
			t.index[k] = i
		}
		at[n] = len(p.lookups)
		p.lookups = append(p.lookups, t)
	}
	for _, rp := range p.rules {
		if rp.native == nil && (len(rp.branchAt) > 0 || len(rp.lookupCalls) > 0) {
			p.coverVM(rp, at)
			continue
		}
		if rp.native == nil || rp.node == nil {
			continue
		}
		if len(rp.branchAt) == 0 && len(rp.lookupCalls) == 0 {
			continue
		}
		c := *rp.nc
		c.cov = &covComp{branchAt: rp.branchAt, tables: at, lookups: p.lookups}
		rp.covNative = c.compile(rp.node)
		if rp.covNative == nil {
			continue
		}
		for _, i := range rp.branchAt {
			p.branches[i].Measured = true
		}
		for _, t := range rp.lookupCalls {
			if i, ok := at[t]; ok {
				p.lookups[i].measured = true
			}
		}
	}
}
