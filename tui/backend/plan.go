package backend

import (
	"context"
	"fmt"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/common"
)

// maxJoinRows bounds a joined dataset the TUI reads (seam run's default).
const maxJoinRows = 1_000_000

// RunTargets compiles a mapping with several targets (engine.CompilePlan),
// reads its joins' data, keeps what every record made for every target,
// and runs each target's detectors over the records as that target sees
// them (check.Run over Plan.TargetReader), the way seam check does; the
// findings carry the target's name, and parent_rejected and lookup_miss
// counts are findings of their own.
func (Engine) RunTargets(ctx context.Context, m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema, data *common.Dataset, progress func(int64)) (*common.RunResult, error) {
	p, ds := engine.CompilePlan(m, src, dsts, joins)
	if p == nil {
		return nil, &common.CompileError{Diags: ds}
	}
	for _, j := range m.Joins {
		if err := loadJoin(m, p, j); err != nil {
			return nil, err
		}
	}
	targets := p.Targets()
	res := &common.RunResult{Rows: make([]common.RunRow, len(data.Rows)), Targets: make([]common.TargetRun, len(targets))}
	for i, t := range targets {
		res.Targets[i] = common.TargetRun{Name: t.Name, Each: t.Each, Parent: t.Parent}
	}
	x := p.NewExec(false)
	for i, in := range data.Rows {
		if i%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(int64(i))
			}
		}
		rr := &res.Rows[i]
		rr.In = in
		x.Apply(in, func(pr engine.PlanRow) {
			tr := &res.Targets[pr.Target]
			tr.Read++
			c := common.ChildRow{Target: pr.Target, Elements: append([]int(nil), pr.Elements...),
				Out: pr.Result.Out, Errors: pr.Result.Errors, Rejected: pr.Result.Rejected}
			if c.Rejected {
				tr.Rejected++
				rr.Rejected = true
			} else {
				tr.Written++
			}
			for _, e := range c.Errors {
				if e.Kind == kind.ParentRejected {
					tr.ParentRejected++
				} else if e.Kind == kind.LookupMiss {
					tr.JoinMisses++
				}
			}
			rr.Errors = append(rr.Errors, c.Errors...)
			rr.Children = append(rr.Children, c)
		})
		if rr.Rejected || len(rr.Errors) > 0 {
			res.Failing = append(res.Failing, int32(i))
		}
	}
	res.Read = int64(len(data.Rows))
	for _, t := range res.Targets {
		res.Written += t.Written
		res.Rejected += t.Rejected
	}
	for ti, t := range targets {
		rep, _, err := check.Run(ctx, t.Program, p.TargetReader(ti, data.Reader()), check.RunOptions{Workers: 1})
		if err != nil {
			return nil, err
		}
		for _, f := range rep.Findings {
			f.TargetTable = t.Name
			res.Findings = append(res.Findings, f)
		}
		tr := res.Targets[ti]
		if tr.ParentRejected > 0 {
			res.Findings = append(res.Findings, check.Finding{Kind: kind.ParentRejected, Severity: diag.Error,
				Count: tr.ParentRejected, TargetTable: t.Name, Target: t.Name,
				Message: fmt.Sprintf("%s of %s rejected because their row of parent target %s was rejected", rows(tr.ParentRejected), t.Name, t.Parent)})
		}
		if tr.JoinMisses > 0 {
			res.Findings = append(res.Findings, check.Finding{Kind: kind.LookupMiss, Severity: diag.Error,
				Count: tr.JoinMisses, TargetTable: t.Name, Target: t.Name,
				Message: fmt.Sprintf("%s of %s found no row in a join", rows(tr.JoinMisses), t.Name)})
		}
	}
	check.SortFindings(res.Findings)
	if progress != nil {
		progress(res.Read)
	}
	return res, nil
}

func rows(n int64) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// loadJoin reads one join's data file (the mapping's data:, confined like
// every file a mapping names) into the plan.
func loadJoin(m *mapping.Mapping, p *engine.Plan, j *mapping.Join) error {
	rc, path, err := m.OpenJoinData(j)
	if err != nil {
		return err
	}
	defer rc.Close()
	return p.ReadJoin(j.Name, rc, path, maxJoinRows)
}
