package main

import (
	"fmt"
	"strings"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/spf13/cobra"
)

// coverFlags are --coverage and --min-coverage, shared by seam check and
// seam test.
type coverFlags struct {
	show bool
	min  float64
	// minSet: --min-coverage was given (0 is a valid gate).
	minSet bool
}

func (c *coverFlags) bind(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&c.show, "coverage", false, "count what the rows exercised: rules, lookup entries, branches, edge classes")
	fl.Float64Var(&c.min, "min-coverage", 0, "exit 1 when fewer than `N` percent of the rules wrote a value on some row (implies --coverage)")
	prev := cmd.PreRunE
	cmd.PreRunE = func(cmd *cobra.Command, args []string) error {
		c.minSet = cmd.Flags().Changed("min-coverage")
		if prev != nil {
			return prev(cmd, args)
		}
		return nil
	}
}

// on reports whether coverage is counted.
func (c *coverFlags) on() bool { return c.show || c.minSet }

// validate checks the flags; rows says whether the command runs rows (a
// seam check without --input or --synth has nothing to count).
func (c *coverFlags) validate(rows bool) error {
	if c.minSet && (c.min < 0 || c.min > 100) {
		return usagef("--min-coverage: want a percent between 0 and 100, got %g", c.min)
	}
	if c.on() && !rows {
		return usagef("--coverage and --min-coverage count the rows of a run: give --input or --synth")
	}
	return nil
}

// gate is the --min-coverage verdict: an exit-1 error naming the covered
// share, the bound and the rules no row exercised.
func (c *coverFlags) gate(rc *check.RunCoverage) error {
	if !c.minSet || rc == nil {
		return nil
	}
	r := rc.RulesCovered()
	if r.Percent() >= c.min {
		return nil
	}
	var missed []string
	for _, x := range rc.Rules {
		if x.Rows == 0 {
			name := x.Rule
			if x.Table != "" {
				name = x.Table + "." + x.Rule
			}
			missed = append(missed, name)
		}
	}
	msg := fmt.Sprintf("coverage: rules %s (%.1f%%) is below --min-coverage %g%%; no row wrote a value for: %s",
		r, r.Percent(), c.min, strings.Join(missed, ", "))
	return &exitError{code: 1, err: fmt.Errorf("%s", msg)}
}

// testCoverage is the run coverage of a mapping's tests: every target of
// the plan, named when there are several.
func testCoverage(c *engine.Coverage, plan *engine.Plan) *check.RunCoverage {
	ts := plan.Targets()
	names := make([]string, len(ts))
	if len(ts) > 1 {
		for i, t := range ts {
			names[i] = t.Name
		}
	}
	return check.NewRunCoverage(c.OfPlan(plan), names, nil)
}
