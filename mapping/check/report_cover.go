package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The run coverage in each report format (--coverage): the JSON
// "coverage" object gains rules, lookup_entries, branches and
// edge_classes; text and Markdown print the summary line and what no row
// exercised; JUnit carries the ratios as suite properties; XLSX gets a
// Coverage sheet.

type ratioJSON struct {
	Covered int     `json:"covered"`
	Total   int     `json:"total"`
	Percent float64 `json:"percent"`
}

func ratioOf(r Ratio) *ratioJSON {
	return &ratioJSON{Covered: r.Covered, Total: r.Total, Percent: float64(int(r.Percent()*10+0.5)) / 10}
}

type ruleCovJSON struct {
	Table       string   `json:"table,omitempty"`
	Rule        string   `json:"rule"`
	Target      string   `json:"target"`
	Rows        int64    `json:"rows"`
	Nulls       int64    `json:"nulls"`
	Errors      int64    `json:"errors"`
	EdgeClasses []string `json:"edge_classes"`
}

type rulesJSON struct {
	ratioJSON
	ByRule []ruleCovJSON `json:"by_rule"`
}

type entryJSON struct {
	Key  string `json:"key"`
	Rows int64  `json:"rows"`
}

type tableJSON struct {
	Table    string      `json:"table"`
	Measured bool        `json:"measured"`
	Misses   int64       `json:"misses"`
	Entries  []entryJSON `json:"entries"`
	NeverHit []string    `json:"never_hit"`
}

type lookupsJSON struct {
	ratioJSON
	Tables []tableJSON `json:"tables"`
}

type armJSON struct {
	Arm  string `json:"arm"`
	Rows int64  `json:"rows"`
}

type branchJSON struct {
	Table    string    `json:"table,omitempty"`
	Rule     string    `json:"rule"`
	Kind     string    `json:"kind"`
	Expr     string    `json:"expr"`
	Measured bool      `json:"measured"`
	Arms     []armJSON `json:"arms"`
}

type branchesJSON struct {
	ratioJSON
	NotMeasured int          `json:"not_measured"`
	Points      []branchJSON `json:"points"`
}

type edgeJSON struct {
	Class string   `json:"class"`
	Rows  int64    `json:"rows"`
	Rules []string `json:"rules"`
}

type edgesJSON struct {
	ratioJSON
	Classes []edgeJSON `json:"classes"`
}

// runCoverageJSON fills the run part of the JSON coverage object.
func (j *coverageJSON) addRun(c *RunCoverage) {
	if c == nil {
		return
	}
	j.Summary = c.Summary()
	rs := &rulesJSON{ratioJSON: *ratioOf(c.RulesCovered()), ByRule: []ruleCovJSON{}}
	for _, r := range c.Rules {
		ec := r.EdgeClasses
		if ec == nil {
			ec = []string{}
		}
		rs.ByRule = append(rs.ByRule, ruleCovJSON{r.Table, r.Rule, r.Target, r.Rows, r.Nulls, r.Errors, ec})
	}
	j.Rules = rs
	ls := &lookupsJSON{ratioJSON: *ratioOf(c.EntriesCovered()), Tables: []tableJSON{}}
	for _, t := range c.Lookups {
		tj := tableJSON{Table: t.Table, Measured: t.Measured, Misses: t.Misses, Entries: []entryJSON{}, NeverHit: []string{}}
		for _, e := range t.Entries {
			tj.Entries = append(tj.Entries, entryJSON{e.Key, e.Rows})
			if e.Rows == 0 {
				tj.NeverHit = append(tj.NeverHit, e.Key)
			}
		}
		ls.Tables = append(ls.Tables, tj)
	}
	j.LookupEntries = ls
	br, un := c.BranchesCovered()
	bs := &branchesJSON{ratioJSON: *ratioOf(br), NotMeasured: un, Points: []branchJSON{}}
	for _, b := range c.Branches {
		bj := branchJSON{Table: b.Table, Rule: b.Rule, Kind: b.Kind, Expr: b.Expr, Measured: b.Measured}
		for _, a := range b.Arms {
			bj.Arms = append(bj.Arms, armJSON{a.Arm, a.Rows})
		}
		bs.Points = append(bs.Points, bj)
	}
	j.Branches = bs
	if c.Labelled {
		es := &edgesJSON{ratioJSON: *ratioOf(c.EdgeClassesReached()), Classes: []edgeJSON{}}
		for _, e := range c.EdgeClasses {
			rules := e.Rules
			if rules == nil {
				rules = []string{}
			}
			es.Classes = append(es.Classes, edgeJSON{e.Class, e.Rows, rules})
		}
		j.EdgeClasses = es
	}
}

// coverageLines are the text report's lines about the run coverage.
func coverageLines(c *RunCoverage) []string {
	if c == nil {
		return nil
	}
	lines := []string{c.Summary()}
	for _, u := range c.Uncovered() {
		lines = append(lines, "  not covered: "+u)
	}
	return lines
}

// coverageMarkdown is the Markdown report's coverage section.
func coverageMarkdown(b *strings.Builder, c *RunCoverage) {
	if c == nil {
		return
	}
	fmt.Fprintf(b, "**%s**\n\n", mdCell(strings.TrimPrefix(c.Summary(), "coverage: ")))
	b.WriteString("| Rule | Rows with a value | Null | Failed | Edge classes |\n|---|--:|--:|--:|---|\n")
	for _, r := range c.Rules {
		fmt.Fprintf(b, "| %s | %d | %d | %d | %s |\n", mdCell(qualified(r.Table, r.Rule)), r.Rows, r.Nulls, r.Errors, mdCell(shortList(r.EdgeClasses, 6)))
	}
	b.WriteString("\n")
	if u := c.Uncovered(); len(u) > 0 {
		b.WriteString("Not covered:\n\n")
		for _, s := range u {
			b.WriteString("- " + mdCell(s) + "\n")
		}
		b.WriteString("\n")
	}
}

// JUnitProperty is a name/value pair of a suite (the coverage ratios).
type JUnitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// JUnitProperties is a suite's <properties> element.
type JUnitProperties struct {
	Property []JUnitProperty `xml:"property"`
}

// coverageProperties are the suite properties of the run coverage (nil
// without coverage: no element).
func coverageProperties(c *RunCoverage) *JUnitProperties {
	if c == nil {
		return nil
	}
	br, un := c.BranchesCovered()
	ps := []JUnitProperty{{"coverage", c.Summary()},
		{"coverage.rules", c.RulesCovered().String()},
		{"coverage.rules.percent", strconv.FormatFloat(ratioOf(c.RulesCovered()).Percent, 'f', 1, 64)},
		{"coverage.lookup_entries", c.EntriesCovered().String()},
		{"coverage.branches", br.String()},
		{"coverage.branches.not_measured", strconv.Itoa(un)}}
	if c.Labelled {
		ps = append(ps, JUnitProperty{"coverage.edge_classes", c.EdgeClassesReached().String()})
	}
	return &JUnitProperties{Property: ps}
}

// coverageSheet writes the XLSX Coverage sheet: the summary, then one row
// per rule, lookup entry, branch arm and edge class.
func coverageSheet(f *excelize.File, c *RunCoverage, set func(sheet string, col, row int, s string), num func(sheet string, col, row int, n int64)) error {
	if c == nil {
		return nil
	}
	const sh = "Coverage"
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	row := 1
	set(sh, 1, row, c.Summary())
	row += 2
	for i, h := range []string{"What", "Name", "Detail", "Rows", "Null", "Failed", "Edge classes"} {
		set(sh, i+1, row, h)
	}
	row++
	for _, r := range c.Rules {
		set(sh, 1, row, "rule")
		set(sh, 2, row, qualified(r.Table, r.Rule))
		set(sh, 3, row, r.Target)
		num(sh, 4, row, r.Rows)
		num(sh, 5, row, r.Nulls)
		num(sh, 6, row, r.Errors)
		set(sh, 7, row, strings.Join(r.EdgeClasses, ", "))
		row++
	}
	for _, t := range c.Lookups {
		for _, e := range t.Entries {
			set(sh, 1, row, "lookup entry")
			set(sh, 2, row, t.Table)
			set(sh, 3, row, e.Key)
			num(sh, 4, row, e.Rows)
			row++
		}
		set(sh, 1, row, "lookup miss")
		set(sh, 2, row, t.Table)
		num(sh, 4, row, t.Misses)
		row++
	}
	for _, b := range c.Branches {
		for _, a := range b.Arms {
			set(sh, 1, row, "branch "+b.Kind)
			set(sh, 2, row, qualified(b.Table, b.Rule))
			d := b.Expr + " -> " + a.Arm
			if !b.Measured {
				d += " (not measured: expr VM)"
			}
			set(sh, 3, row, d)
			num(sh, 4, row, a.Rows)
			row++
		}
	}
	for _, e := range c.EdgeClasses {
		set(sh, 1, row, "edge class")
		set(sh, 2, row, e.Class)
		set(sh, 3, row, strings.Join(e.Rules, ", "))
		num(sh, 4, row, e.Rows)
		row++
	}
	return nil
}

// runCoverageDoc is the run coverage alone as JSON (seam test's suites).
type runCoverageDoc struct {
	Summary       string        `json:"summary"`
	Rules         *rulesJSON    `json:"rules"`
	LookupEntries *lookupsJSON  `json:"lookup_entries"`
	Branches      *branchesJSON `json:"branches"`
	EdgeClasses   *edgesJSON    `json:"edge_classes,omitempty"`
}

// MarshalJSON renders the coverage as the run part of the report's
// "coverage" object: summary, rules, lookup_entries, branches and, for
// labelled rows, edge_classes.
func (c *RunCoverage) MarshalJSON() ([]byte, error) {
	var j coverageJSON
	j.addRun(c)
	return marshal(runCoverageDoc{j.Summary, j.Rules, j.LookupEntries, j.Branches, j.EdgeClasses})
}

// Lines are the text lines of the coverage: the summary, then what no
// row exercised.
func (c *RunCoverage) Lines() []string { return coverageLines(c) }

// Properties are the coverage as JUnit suite properties.
func (c *RunCoverage) Properties() *JUnitProperties { return coverageProperties(c) }
