package backend

import (
	"context"
	"io"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/tui/common"
)

// maxJoinRows bounds a joined dataset the TUI reads (seam run's default).
const maxJoinRows = 1_000_000

// RunTargets compiles a mapping with several targets (engine.CompilePlan),
// reads its joins' data and checks the dataset with check.RunPlan, the
// check seam check runs: the same findings (each naming its target), the
// same counts per target (read = written + rejected; Read, Written and
// Rejected of the result are their sums, Records the records read). It
// keeps what every record made for every target for the screens.
func (Engine) RunTargets(ctx context.Context, m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema, data *common.Dataset, progress func(int64)) (*common.RunResult, error) {
	p, err := compilePlan(m, src, dsts, joins, data.Tables)
	if err != nil {
		return nil, err
	}
	var cds *check.Dataset
	if dt := data.Tables; dt != nil {
		cds = &check.Dataset{Labels: dt.Labels, JoinTables: dt.JoinTables}
	}
	targets := p.Targets()
	res := &common.RunResult{Data: data, Targets: make([]common.TargetRun, len(targets))}
	b := common.NewRunBuilder(res, "")
	var addErr error
	onRecord := func(row int64, in *value.Record, made []engine.PlanRow) {
		rr := &common.RunRow{In: in}
		for _, pr := range made {
			c := common.ChildRow{Target: pr.Target, Elements: pr.Elements,
				Out: pr.Result.Out, Errors: pr.Result.Errors, Rejected: pr.Result.Rejected}
			rr.Rejected = rr.Rejected || c.Rejected
			rr.Errors = append(rr.Errors, c.Errors...)
			rr.Children = append(rr.Children, c)
		}
		if addErr == nil {
			addErr = b.Add(row, rr)
		}
		if progress != nil && row%progressEvery == 0 {
			progress(row)
		}
	}
	open := func() (value.RecordReader, io.Closer, error) { return data.Reader(), io.NopCloser(nil), nil }
	pr, err := check.RunPlan(ctx, p, check.PlanOptions{Open: open, Workers: Workers(), OnRecord: onRecord, Coverage: true, Dataset: cds})
	if err == nil {
		err = addErr
	}
	if err == nil {
		err = b.Done()
	}
	if err != nil {
		b.Abort()
		return nil, err
	}
	rep := pr.Merged()
	for i, t := range targets {
		tr := &res.Targets[i]
		rows := pr.Reports[i].Rows
		*tr = common.TargetRun{Name: t.Name, Each: t.Each, Parent: t.Parent, Read: rows.Read, Written: rows.Written, Rejected: rows.Rejected}
		for _, f := range pr.Reports[i].Findings {
			// the plan's own findings: parent_rejected, and a join's
			// lookup_miss (no rule; a lookup table's names its rule)
			if f.Kind == kind.ParentRejected {
				tr.ParentRejected += f.Count
			} else if f.Kind == kind.LookupMiss && f.Rule == "" {
				tr.JoinMisses += f.Count
			}
		}
	}
	res.Findings, res.Coverage = rep.Findings, rep.RunCoverage
	res.Records, res.Read, res.Written, res.Rejected = pr.Records, rep.Rows.Read, rep.Rows.Written, rep.Rows.Rejected
	if progress != nil {
		progress(int64(data.Len()))
	}
	return res, nil
}

// compilePlan compiles m as a plan (a *common.CompileError when it does
// not compile) and reads every join's data into it: the mapping's data:,
// or the dataset's tables (dt, nil for none).
func compilePlan(m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema, dt *common.DatasetTables) (*engine.Plan, error) {
	p, ds := engine.CompilePlan(m, src, dsts, joins)
	if p == nil {
		return nil, &common.CompileError{Diags: ds}
	}
	if dt != nil {
		return p, loadDatasetJoins(m, p, dt)
	}
	for _, j := range m.Joins {
		if err := loadJoin(m, p, j); err != nil {
			return nil, err
		}
	}
	return p, nil
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
