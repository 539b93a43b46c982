package check

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// PlanOptions tune RunPlan.
type PlanOptions struct {
	// Name is the mapping as the user named it, for the report.
	Name string
	// Open returns a fresh reader of the same data each time it is called
	// (once per target, once for the whole plan) and what closes it; nil
	// runs the static checks only.
	Open func() (value.RecordReader, io.Closer, error)
	// Workers for the engine and the detectors (0 chooses).
	Workers int
	// OnRecord, when set, is called for every record of the whole plan's
	// run in input order with every row it made for every target
	// (engine.RunOptions.OnRecord): the TUI keeps them.
	OnRecord func(row int64, in *value.Record, rows []engine.PlanRow)
	// Coverage counts what each target's rows exercised (RunOptions.Coverage).
	Coverage bool
	// Dataset, when set, says the data is a multi-table dataset (seam
	// check --dataset): see Dataset for the findings it adds.
	Dataset *Dataset
}

// PlanReport is the check of a plan: one report per target (in
// Plan.Targets order, every finding naming its target in TargetTable)
// and the number of source records read.
type PlanReport struct {
	Name    string
	Targets []engine.PlanTarget
	Reports []*Report
	Records int64
}

// RunPlan is the one check of a plan (several targets, each:, joins,
// group_by) that seam check and the TUI both call. Per target it runs Run
// over the records as that target sees them (Plan.TargetReader, edge-case
// labels kept), so the static and data detectors are those of a single
// target; then it runs the whole plan once (engine.RunPlan) for the
// counts and what only the plan knows:
//
//   - counts per target: read = written + rejected, a target with each
//     counting one row per element (engine.PlanStats);
//   - parent_rejected (error): the rows of a target rejected because
//     their parent's row was;
//   - lookup_miss, one finding per target and join it reads: error when
//     the join's on_miss is reject, warn when null (the join is null);
//   - dropped_source once, in the first target, and only for a source
//     field that no target and no join key reads.
//
// Acknowledgements apply to every finding. When ctx is cancelled the
// reports cover what was checked and the error is ctx.Err().
func RunPlan(ctx context.Context, p *engine.Plan, o PlanOptions) (*PlanReport, error) {
	m := p.Mapping()
	targets := p.Targets()
	pr := &PlanReport{Name: o.Name, Targets: targets, Reports: make([]*Report, len(targets))}
	for ti := range targets {
		rep, err := pr.runTarget(ctx, p, ti, o)
		if err != nil && ctx.Err() == nil {
			return nil, err
		}
		pr.Reports[ti] = rep
	}
	if o.Open != nil && ctx.Err() == nil {
		if err := pr.runWhole(ctx, p, o); err != nil {
			return pr, err
		}
	}
	sharedDropped(pr.Reports, joinKeys(m))
	for _, r := range pr.Reports {
		SortFindings(r.Findings)
		ApplyAcks(r, m.Acknowledged)
	}
	return pr, ctx.Err()
}

// runTarget checks target ti alone over the records as it sees them.
func (pr *PlanReport) runTarget(ctx context.Context, p *engine.Plan, ti int, o PlanOptions) (*Report, error) {
	t := pr.Targets[ti]
	var rd value.RecordReader
	if o.Open != nil {
		r, c, err := o.Open()
		if err != nil {
			return nil, err
		}
		defer c.Close()
		rd = p.TargetReader(ti, r)
	}
	rep, _, err := Run(ctx, t.Program, rd, RunOptions{Name: o.Name, Workers: o.Workers, Coverage: o.Coverage})
	for i := range rep.Findings {
		rep.Findings[i].TargetTable = t.Name
	}
	return rep, err
}

// runWhole runs the whole plan once: the counts per target, parent_rejected
// and the joins' misses.
func (pr *PlanReport) runWhole(ctx context.Context, p *engine.Plan, o PlanOptions) error {
	m := p.Mapping()
	r, c, err := o.Open()
	if err != nil {
		return err
	}
	defer c.Close()
	outs := make([]engine.PlanOutput, len(pr.Targets))
	for i := range outs {
		outs[i].W = discard{}
	}
	ref := newRefCollector(m, r, o.Dataset != nil)
	onRecord := o.OnRecord
	if len(m.Joins) > 0 {
		// the joins' misses get examples; keeping every row costs about a
		// tenth more CPU, so a plan without joins is run without the hook
		onRecord = func(row int64, in *value.Record, rows []engine.PlanRow) {
			ref.observe(row, in, rows)
			if o.OnRecord != nil {
				o.OnRecord(row, in, rows)
			}
		}
	}
	st, err := engine.RunPlan(ctx, p, r, outs, engine.RunOptions{Workers: o.Workers, OnRecord: onRecord})
	if err != nil && ctx.Err() == nil {
		return err
	}
	pr.Records = st.Records
	for ti, t := range pr.Targets {
		ts, rep := st.Targets[ti], pr.Reports[ti]
		rep.Rows = Rows{Read: ts.Read, Written: ts.Written, Rejected: ts.Rejected}
		if n := st.Kinds[ti][kind.ParentRejected]; n > 0 {
			rep.Findings = append(rep.Findings, Finding{Kind: kind.ParentRejected, Severity: diag.Error,
				Count: n, TargetTable: t.Name, Target: t.Name,
				Message: fmt.Sprintf("%s of %s rejected because their row of parent target %s was rejected", plural(n, "row", "rows"), t.Name, t.Parent)})
		}
		rep.Findings = append(rep.Findings, ref.joinFindings(p, st, ti, o)...)
		rep.Findings = append(rep.Findings, duplicateFindings(p, ti, o)...)
		rep.Findings = append(rep.Findings, danglingFindings(p, ti, o)...)
	}
	return nil
}

// joinKeys are the fields the joins read: their left keys (source fields,
// or an earlier join's as JOIN.field) and their right keys as JOIN.field.
func joinKeys(m *mapping.Mapping) map[string]bool {
	keys := map[string]bool{}
	for _, j := range m.Joins {
		for _, k := range j.On {
			keys[k.Left], keys[j.Name+"."+k.Right] = true, true
		}
	}
	return keys
}

// sharedDropped keeps a dropped_source finding only where no other target
// reads the field (every target reports it dropped), and then once, in
// the first target: a field the header table reads is not dropped by
// the lines table. A join's key fields are read by the join.
func sharedDropped(reps []*Report, joinKeys map[string]bool) {
	key := func(f *Finding) string { return strings.Join(f.Source, "\x00") }
	count := map[string]int{}
	for _, r := range reps {
		seen := map[string]bool{}
		for i := range r.Findings {
			if f := &r.Findings[i]; f.Kind == kind.DroppedSource && !seen[key(f)] {
				seen[key(f)] = true
				count[key(f)]++
			}
		}
	}
	for ri, r := range reps {
		kept := r.Findings[:0]
		for _, f := range r.Findings {
			if f.Kind == kind.DroppedSource && (count[key(&f)] < len(reps) || ri > 0 || len(f.Source) == 1 && joinKeys[f.Source[0]]) {
				continue
			}
			kept = append(kept, f)
		}
		r.Findings = kept
	}
}

// Merged is the plan's check as one report: every target's findings
// (sorted as SortFindings does), rows summed over the targets (so read =
// written + rejected), the records read, the counts per target, the
// coverage summed (required fields named TARGET.field) and the rules.
func (pr *PlanReport) Merged() *Report {
	out := &Report{Seam: 1, Mapping: pr.Name, Records: pr.Records}
	for ti, r := range pr.Reports {
		name := pr.Targets[ti].Name
		out.Rows.Read += r.Rows.Read
		out.Rows.Written += r.Rows.Written
		out.Rows.Rejected += r.Rows.Rejected
		out.Targets = append(out.Targets, TargetRows{Name: name, Rows: r.Rows})
		out.Findings = append(out.Findings, r.Findings...)
		out.Rules = append(out.Rules, r.Rules...)
		out.Inactive = append(out.Inactive, r.Inactive...)
		out.Coverage.TargetFields += r.Coverage.TargetFields
		out.Coverage.Mapped += r.Coverage.Mapped
		for _, f := range r.Coverage.RequiredUnmapped {
			out.Coverage.RequiredUnmapped = append(out.Coverage.RequiredUnmapped, name+"."+f)
		}
	}
	covs := make([]*RunCoverage, len(pr.Reports))
	names := make([]string, len(pr.Reports))
	for ti, r := range pr.Reports {
		covs[ti], names[ti] = r.RunCoverage, pr.Targets[ti].Name
	}
	out.RunCoverage = MergeRunCoverage(covs, names)
	SortFindings(out.Findings)
	return out
}

// WritePlan writes the plan's check in format: text and Markdown have one
// section per target ("== target NAME (i of n) ==", a target with each
// saying so); the other formats write Merged.
func WritePlan(w io.Writer, pr *PlanReport, format string) error {
	md := strings.EqualFold(format, "markdown") || strings.EqualFold(format, "md")
	if !md && format != "" && !strings.EqualFold(format, "text") {
		return Write(w, pr.Merged(), format)
	}
	head := "== target %s (%d of %d)%s ==\n"
	if md {
		head = "## Target `%s` (%d of %d)%s\n\n"
	}
	for ti, r := range pr.Reports {
		t := pr.Targets[ti]
		each := ""
		if t.Each != "" {
			each = ", one row per element of " + t.Each
		}
		if _, err := fmt.Fprintf(w, head, t.Name, ti+1, len(pr.Targets), each); err != nil {
			return err
		}
		if err := Write(w, r, format); err != nil {
			return err
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}
