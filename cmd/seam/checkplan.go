package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
)

type nopRecords struct{}

func (nopRecords) Write(*value.Record) error { return nil }
func (nopRecords) Close() error              { return nil }

// runCheckPlan is seam check for a mapping with several targets, an
// iteration or joins: the static and data checks of every target (each
// over the records as that target sees them), then one run of the whole
// plan for what only it knows (parent_rejected, lookup_miss). Findings
// carry the target's name (JSON target_table); text and Markdown reports
// have one section per target.
func runCheckPlan(ctx context.Context, o *checkOptions, m *mapping.Mapping, outs []flagPath) error {
	if o.input == "-" {
		return usagef("a mapping with several targets reads --input once per target: give a file, not -")
	}
	joinFiles, err := parseJoinFlags(o.joins)
	if err != nil {
		return err
	}
	plan, err := compilePlan(o.env, m, joinFiles, o.maxJoinRows, outs)
	if err != nil {
		return err
	}
	var open func() (value.RecordReader, io.Closer, error)
	switch {
	case o.input != "":
		open = func() (value.RecordReader, io.Closer, error) {
			f, format, err := openData(o.env, o.input, o.inFormat, "--input-format")
			if err != nil {
				return nil, nil, err
			}
			rd, err := value.NewReader(bufio.NewReaderSize(f, 1<<20), o.input, format)
			if err != nil {
				f.Close()
				return nil, nil, usageErr(err)
			}
			return rd, f, nil
		}
	case o.synthRows > 0:
		open = func() (value.RecordReader, io.Closer, error) {
			ss, err := m.LoadAll(schemaOpts(o.env))
			if err != nil {
				return nil, nil, usageErr(err)
			}
			sp := synth.Plan{Rows: o.synthRows, EdgeRate: o.edgeRate, Profile: synth.Profile(o.profile), Targets: m.Feeds(ss.Source, ss.Targets[0]), Keys: check.LookupKeys(m)}
			if err := sp.Validate(); err != nil {
				return nil, nil, usageErr(err)
			}
			g, err := synth.NewGenerator(ss.Source, sp, o.seed)
			if err != nil {
				return nil, nil, usageErr(err)
			}
			return synth.NewReader(g), io.NopCloser(nil), nil
		}
	}
	targets := plan.Targets()
	reps := make([]*check.Report, len(targets))
	for ti, t := range targets {
		var rd value.RecordReader
		var c io.Closer
		if open != nil {
			r, cl, err := open()
			if err != nil {
				return err
			}
			rd, c = plan.TargetReader(ti, r), cl
		}
		rep, _, err := check.Run(ctx, t.Program, rd, check.RunOptions{Name: o.mapping, Workers: runtime.GOMAXPROCS(0)})
		if c != nil {
			c.Close()
		}
		if err != nil && ctx.Err() == nil {
			return usageErr(err)
		}
		for i := range rep.Findings {
			rep.Findings[i].TargetTable = t.Name
		}
		reps[ti] = rep
	}
	if open != nil && ctx.Err() == nil {
		r, c, err := open()
		if err != nil {
			return err
		}
		pouts := make([]engine.PlanOutput, len(targets))
		for i := range pouts {
			pouts[i].W = nopRecords{}
		}
		st, err := engine.RunPlan(ctx, plan, r, pouts, engine.RunOptions{})
		c.Close()
		if err != nil && ctx.Err() == nil {
			return usageErr(err)
		}
		for ti, t := range targets {
			ts := st.Targets[ti]
			reps[ti].Rows = check.Rows{Read: ts.Read, Written: ts.Written, Rejected: ts.Rejected}
			if n := st.Kinds[ti][kind.ParentRejected]; n > 0 {
				reps[ti].Findings = append(reps[ti].Findings, check.Finding{Kind: kind.ParentRejected, Severity: diag.Error,
					Count: n, TargetTable: t.Name, Target: t.Name,
					Message: fmt.Sprintf("%s of %s rejected because their row of parent target %s was rejected", rowsWord(n), t.Name, t.Parent)})
			}
			if n := st.Kinds[ti][kind.LookupMiss]; n > 0 {
				sev := diag.Warn
				for _, j := range m.Joins {
					if j.OnMiss != mapping.JoinMissNull {
						sev = diag.Error
					}
				}
				reps[ti].Findings = append(reps[ti].Findings, check.Finding{Kind: kind.LookupMiss, Severity: sev,
					Count: n, TargetTable: t.Name, Target: t.Name,
					Message: fmt.Sprintf("%s of %s found no row in a join (the rejects of seam run name the join and the key)", rowsWord(n), t.Name)})
			}
			check.ApplyAcks(reps[ti], m.Acknowledged)
		}
	}
	keys := map[string]bool{}
	for _, j := range m.Joins {
		for _, k := range j.On {
			keys[k.Left], keys[j.Name+"."+k.Right] = true, true
		}
	}
	sharedDropped(reps, keys)
	merged := &check.Report{Seam: 1, Mapping: o.mapping, Rows: reps[0].Rows}
	for ti, r := range reps {
		merged.Findings = append(merged.Findings, r.Findings...)
		merged.Rules = append(merged.Rules, r.Rules...)
		merged.Inactive = append(merged.Inactive, r.Inactive...)
		merged.Coverage.TargetFields += r.Coverage.TargetFields
		merged.Coverage.Mapped += r.Coverage.Mapped
		for _, f := range r.Coverage.RequiredUnmapped {
			merged.Coverage.RequiredUnmapped = append(merged.Coverage.RequiredUnmapped, targets[ti].Name+"."+f)
		}
	}
	write := func(w io.Writer) error {
		if o.format != "text" && o.format != "markdown" {
			return check.Write(w, merged, o.format)
		}
		for ti, r := range reps {
			head := "== target %s (%d of %d)%s ==\n"
			if o.format == "markdown" {
				head = "## Target `%s` (%d of %d)%s\n\n"
			}
			each := ""
			if targets[ti].Each != "" {
				each = ", one row per element of " + targets[ti].Each
			}
			fmt.Fprintf(w, head, targets[ti].Name, ti+1, len(targets), each)
			if err := check.Write(w, r, o.format); err != nil {
				return err
			}
			fmt.Fprintln(w)
		}
		return nil
	}
	if err := writeReport(o.env, o.out, ctx.Err() != nil, write); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interruptErr(ctx, "the report covers the rows checked before the stop")
	}
	if code := merged.ExitCode(o.failOn); code != 0 {
		return &exitError{code: code}
	}
	return nil
}

func rowsWord(n int64) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// sharedDropped keeps a dropped_source finding only where no other target
// reads the field (every target reports it dropped), and then once, in
// the first target: a field the header table reads is not dropped by
// the lines table. A join's key fields are read by the join.
func sharedDropped(reps []*check.Report, joinKeys map[string]bool) {
	key := func(f *check.Finding) string { return strings.Join(f.Source, "\x00") }
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
