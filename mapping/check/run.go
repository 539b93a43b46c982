package check

import (
	"context"
	"runtime"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/value"
)

// RunOptions tune Run.
type RunOptions struct {
	// Name is the mapping as the user named it (its path), for the report.
	Name string
	// Data bounds the data detectors; its Source and Target are taken
	// from the Program.
	Data DataOptions
	// Workers for the engine (engine.RunOptions.Workers; 0 chooses).
	Workers int
	// Shards is the number of detector goroutines beside the engine; 0
	// means half the CPUs (the engine's workers use the rest), at least 1.
	Shards int
	// OnRow, when set, is called for every row in input order after the
	// detectors were handed it (engine.RunOptions.OnRow): the TUI keeps
	// the rows it shows from here.
	OnRow func(row int64, in *value.Record, res engine.Result)
	// Progress, when set, is called after each batch of rows.
	Progress func(engine.Stats)
	// Mapping, when set, is what the static detectors and the report read
	// instead of the program's: the whole mapping when CompileEach left
	// rules that do not compile out of the program.
	Mapping *mapping.Mapping
	// Findings are added to the report (CompileEach's compile_error
	// findings).
	Findings []Finding
	// Coverage counts what the rows exercised (engine.Coverage) and the
	// edge classes that reached each rule into Report.RunCoverage.
	Coverage bool
}

// LabelledReader is a record reader that also knows the synthetic edge
// case behind each field of a row (synth.Reader, the TUI's datasets).
// Labels is called once per row, in row order, after the row was read.
type LabelledReader interface {
	value.RecordReader
	Labels(row int64) map[string]string
}

// Run is the one check both front ends call. It runs the static detectors
// over the program's mapping and schemas and, when rd is not nil, streams
// every row of rd through the engine (all cores) into the data detectors
// (NewFeed), with each row's edge-case labels when rd is a LabelledReader.
// It returns the report (coverage, row counts, acknowledgements applied)
// and the engine's counts. When ctx is cancelled the report covers the
// rows checked before the stop and the error is ctx.Err(); on a read error
// it is that error, with the report of the rows before it.
func Run(ctx context.Context, p *engine.Program, rd value.RecordReader, o RunOptions) (*Report, engine.Stats, error) {
	m := p.Mapping()
	if o.Mapping != nil {
		m = o.Mapping
	}
	src, dst := p.Schemas()
	findings := append(Static(m, src, dst), o.Findings...)
	var stats engine.Stats
	var err error
	var runCov *RunCoverage
	if rd != nil {
		dopts := o.Data
		dopts.Source, dopts.Target = src, dst
		data := NewData(p, dopts)
		shards := o.Shards
		if shards <= 0 {
			shards = max(1, runtime.GOMAXPROCS(0)/2)
		}
		feed := NewFeed(data, shards)
		lr, _ := rd.(LabelledReader)
		var cov *engine.Coverage
		var edges *EdgeTracker
		if o.Coverage {
			cov = engine.NewCoverage()
			if lr != nil {
				edges = NewEdgeTracker(m, m.Rules, "")
			}
		}
		stats, err = engine.Run(ctx, p, rd, discard{}, nil, engine.RunOptions{
			Workers:  o.Workers,
			Coverage: cov,
			OnRow: func(row int64, in *value.Record, res engine.Result) {
				var labels map[string]string
				if lr != nil {
					labels = lr.Labels(row)
				}
				if edges != nil {
					edges.Observe(labels)
				}
				feed.Observe(row, in, res, labels)
				if o.OnRow != nil {
					o.OnRow(row, in, res)
				}
			},
			Progress: o.Progress,
		})
		feed.Close()
		if cov != nil {
			runCov = NewRunCoverage([]engine.ProgramCoverage{cov.Of(p)}, nil, edges)
		}
		findings = MergeEvidence(findings, data.Findings())
		if err == nil {
			err = ctx.Err()
		}
	}
	rep := NewReport(o.Name, m, src, dst, findings)
	rep.RunCoverage = runCov
	if rd != nil {
		rep.Rows = Rows{Read: stats.Read, Written: stats.Written, Rejected: stats.Rejected}
	}
	ApplyAcks(rep, m.Acknowledged)
	return rep, stats, err
}

// discard drops records: check only observes them.
type discard struct{}

func (discard) Write(*value.Record) error { return nil }
func (discard) Close() error              { return nil }

// explainedBy: a data finding of the key's kind on a rule is the same
// problem as a static finding of one of these kinds on that rule: the
// non-numeric codes a to_int of a code cannot parse (coercion_failure) are
// code_as_number's evidence, names cut to letters (truncation) are
// code_system's.
var explainedBy = map[kind.Kind][]kind.Kind{
	kind.CoercionFailure: {kind.CodeAsNumber},
	kind.Truncation:      {kind.CodeSystem},
}

// MergeEvidence adds data findings to static ones so that a problem is
// reported once with all its evidence: a data finding of the same kind,
// rule and target as a static one joins it (its row count, examples and
// reasons), at the worse of the two severities; so does a data finding
// that a static one explains (explainedBy). Others are appended.
func MergeEvidence(static, data []Finding) []Finding {
	type key struct {
		k            kind.Kind
		rule, target string
	}
	at := map[key]int{}
	for i, f := range static {
		at[key{f.Kind, f.Rule, f.Target}] = i
	}
	out := static
	for _, f := range data {
		i, ok := at[key{f.Kind, f.Rule, f.Target}]
		for _, k := range explainedBy[f.Kind] {
			if !ok {
				i, ok = at[key{k, f.Rule, f.Target}]
			}
		}
		if !ok {
			out = append(out, f)
			continue
		}
		s := &out[i]
		s.Count += f.Count
		s.Examples = append(s.Examples, f.Examples...)
		s.Why = append(s.Why, "data: "+f.Message)
		s.Why = append(s.Why, f.Why...)
		if f.Severity < s.Severity {
			s.Severity = f.Severity
		}
	}
	return out
}
