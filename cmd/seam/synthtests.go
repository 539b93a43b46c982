package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/mtest"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
)

// forTestsPool is how many rows --for-tests generates to choose from when
// --rows is not given.
const forTestsPool = 2000

// runSynthForTests is seam synth --for-tests N: it generates a pool of
// rows from the mapping's source schema (--rows, default 2000; profile
// edge at edge rate 0.1 unless given), runs each through the mapping with
// coverage, picks at most N rows that together cover every rule, reject,
// branch, lookup entry and edge class the pool reaches (greedy set cover),
// and writes them as a tests file: each picked row a test whose given is
// the row and whose expectations are what the mapping does now (as seam
// test --update writes them), to be reviewed before they are kept.
func runSynthForTests(ctx context.Context, o *synthOptions) error {
	switch {
	case o.mapping == "":
		return usagef("--for-tests needs --mapping: the rows are chosen by what they exercise in it")
	case o.forTests < 1:
		return usagef("--for-tests: want 1 or more rows, got %d", o.forTests)
	case o.schema != "":
		return usagef("--for-tests generates rows of the mapping's source schema: leave out --schema")
	case o.format != "" || o.withLabels || o.labels != "" || o.drift:
		return usagef("--for-tests writes a tests file (YAML): leave out --format, --labels, --labels-file and --drift")
	}
	outs := []flagPath{{"-o", o.out}}
	m, err := loadMapping(o.env, o.mapping)
	if err != nil {
		return err
	}
	plan, err := compilePlan(o.env, m, nil, engine.DefaultMaxJoinRows, outs)
	if err != nil {
		return err
	}
	ss, err := m.LoadAll(schemaOpts(o.env))
	if err != nil {
		return usageErr(err)
	}
	sp := synth.Plan{Rows: o.rows, EdgeRate: o.edgeRate, Profile: synth.Profile(o.profile),
		Targets: m.Feeds(ss.Source, ss.Targets[0]), Keys: check.LookupKeys(m)}
	if !o.rowsSet {
		sp.Rows = forTestsPool
	}
	if !o.profileSet {
		sp.Profile = synth.Profile("edge")
	}
	if !o.edgeRateSet {
		sp.EdgeRate = 0.1
	}
	if err := sp.Validate(); err != nil {
		return usageErr(err)
	}
	g, err := synth.NewGenerator(ss.Source, sp, o.seed)
	if err != nil {
		return usageErr(err)
	}
	rd := synth.NewReader(g)
	targets := plan.Targets()
	names := make([]string, len(targets))
	views := m.Targets()
	edges := check.NewEdgeTracker(m, nil, "")
	for i, t := range targets {
		if len(targets) > 1 {
			names[i] = t.Name
		}
		if i < len(views) {
			edges.Add(m, views[i].Rules, names[i])
		}
	}
	var recs []*value.Record
	var rows []int64
	var sets [][]string
	for ctx.Err() == nil {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		row := rd.Row()
		cov := engine.NewCoverage()
		x := plan.NewExec(false)
		x.Cover(cov)
		x.Apply(rec, func(engine.PlanRow) {})
		items := coverItems(check.NewRunCoverage(cov.OfPlan(plan), names, nil))
		for _, cl := range edges.Reaching(rd.Labels(row)) {
			items = append(items, "edge class "+cl)
		}
		recs, rows, sets = append(recs, rec), append(rows, row), append(sets, items)
	}
	if ctx.Err() != nil {
		return interruptErr(ctx, "no tests written")
	}
	picks := synth.PickCover(sets, int(o.forTests))
	env := mtest.Env{Plan: plan, Mapping: m}
	var cases []*mtest.Case
	all, got := map[string]bool{}, map[string]bool{}
	for _, s := range sets {
		for _, it := range s {
			all[it] = true
		}
	}
	for _, i := range picks {
		for _, it := range sets[i] {
			got[it] = true
		}
		c := mtest.NewCase(caseName(rows[i], sets[i]), recs[i], tableNames(targets))
		res := mtest.Run(ctx, env, c)
		if res.Err != nil {
			return fmt.Errorf("synthetic row %d: %w", rows[i], res.Err)
		}
		cases = append(cases, mtest.Update(res))
	}
	text := fmt.Sprintf("# Tests of %s written by seam synth --for-tests %d --seed %d: %d synthetic\n"+
		"# rows chosen from %d to cover %d of the %d rules, rejects, branches, lookup\n"+
		"# entries and edge classes those rows reach. The expectations are what the\n"+
		"# mapping does NOW: review each one (is it what the mapping should do?)\n"+
		"# before you keep it, and rename the tests after the promise they keep.\n",
		m.Path, o.forTests, o.seed, len(cases), len(recs), len(got), len(all))
	text += mtest.Render(cases)
	if err := writeReport(o.env, o.out, false, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}); err != nil {
		return err
	}
	if !o.quiet {
		var missed []string
		for it := range all {
			if !got[it] {
				missed = append(missed, it)
			}
		}
		sort.Strings(missed)
		msg := fmt.Sprintf("synth: %d rows of %d cover %d of %d items the pool reaches", len(cases), len(recs), len(got), len(all))
		if len(missed) > 0 {
			msg += fmt.Sprintf(" (more rows would add: %s)", shortItems(missed, 5))
		} else {
			msg += " (all of them)"
		}
		fmt.Fprintln(o.stderr, msg)
	}
	return nil
}

// coverItems names what one row exercised: rules that wrote a value,
// rules that failed, branch arms taken, lookup entries hit.
func coverItems(c *check.RunCoverage) []string {
	var out []string
	for _, r := range c.Rules {
		name := qualifiedName(r.Table, r.Rule)
		if r.Rows > 0 {
			out = append(out, "rule "+name)
		}
		if r.Errors > 0 {
			out = append(out, "reject "+name)
		}
	}
	for bi, b := range c.Branches {
		for _, a := range b.Arms {
			if a.Rows > 0 {
				out = append(out, fmt.Sprintf("branch %s #%d %s", qualifiedName(b.Table, b.Rule), bi+1, a.Arm))
			}
		}
	}
	for _, t := range c.Lookups {
		for _, e := range t.Entries {
			if e.Rows > 0 {
				out = append(out, "lookup "+t.Table+"["+e.Key+"]")
			}
		}
	}
	return out
}

func qualifiedName(table, name string) string {
	if table == "" {
		return name
	}
	return table + "." + name
}

func tableNames(ts []engine.PlanTarget) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

// caseName names a picked row after what it covers beyond plain rules
// (rejects, edge classes, branches, entries first), at most 100 characters.
func caseName(row int64, items []string) string {
	var special, plain []string
	for _, it := range items {
		if strings.HasPrefix(it, "rule ") {
			plain = append(plain, it)
		} else {
			special = append(special, it)
		}
	}
	name := fmt.Sprintf("synthetic row %d: %s", row, shortItems(append(special, plain...), 3))
	if r := []rune(name); len(r) > 100 {
		name = string(r[:99]) + "…"
	}
	return name
}

func shortItems(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(" and %d more", len(xs)-n)
}
