// Package backend wires seam's packages (mapping, mapping/engine, check,
// suggest, synth, transform and the value codecs) into the screens: it
// implements common.Engine. Every method runs inside a tea.Cmd, never in
// Update. A run goes through check.Run, the same path as seam check.
package backend

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/suggest"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth"
	"github.com/seamhq/seam/tui/common"
)

// Engine is the real engine behind the screens.
type Engine struct{}

var _ common.Engine = Engine{}

// New returns the engine.
func New() common.Engine { return Engine{} }

// Workers is the number of goroutines a run's engine and its detectors
// each use: one fewer than the CPUs (at least one), leaving one to the UI
// goroutine (see tui.UIProcs).
func Workers() int { return max(1, runtime.NumCPU()-1) }

// progressEvery is how many rows pass between progress reports.
const progressEvery = 1024

// Static runs the static checks of m against the two schemas.
func (Engine) Static(m *mapping.Mapping, src, dst *schema.Schema) []check.Finding {
	return check.Static(m, src, dst)
}

// Suggest proposes rules for every target field (status suggested).
func (Engine) Suggest(ctx context.Context, m *mapping.Mapping, src, dst *schema.Schema) ([]*mapping.Rule, error) {
	props := suggest.Suggest(src, dst, suggest.Options{})
	return suggest.ToRules(props), nil
}

// Funcs lists the function library with the first sentence of each doc.
func (Engine) Funcs() []common.FuncInfo {
	specs := transform.Specs()
	out := make([]common.FuncInfo, len(specs))
	for i, s := range specs {
		doc := s.Doc
		if i := strings.IndexAny(doc, ".\n"); i > 0 {
			doc = doc[:i]
		}
		out[i] = common.FuncInfo{Name: s.Name, Signature: s.Signature, Doc: doc}
	}
	return out
}

// Save writes m to path the way every mapping is saved (FILE~ kept).
func (Engine) Save(m *mapping.Mapping, path string) error {
	return m.Save(path)
}

// Generate makes plan.Rows synthetic rows for src with their edge-case
// labels, reporting progress; it stops when ctx is cancelled. The rows go
// to a temporary file as they are made (common.DatasetBuilder): memory
// does not grow with the number of rows.
func (Engine) Generate(ctx context.Context, src *schema.Schema, plan common.GenPlan, progress func(int64)) (*common.Dataset, error) {
	sp := synth.Plan{Rows: int64(plan.Rows), EdgeRate: plan.EdgeRate, Profile: synth.Profile(plan.Profile), Targets: plan.Targets, Keys: plan.Keys}
	if err := sp.Validate(); err != nil {
		return nil, err
	}
	g, err := synth.NewGenerator(src, sp, plan.Seed)
	if err != nil {
		return nil, err
	}
	p := plan
	b := common.NewDatasetBuilder(&common.Dataset{
		Name: fmt.Sprintf("synth seed %d", plan.Seed), Keys: g.Keys(), Seed: plan.Seed, Plan: &p,
	}, "")
	var r synth.Row
	var ls []common.FieldLabel
	n := int64(0)
	for g.Fill(&r) {
		ls = ls[:0]
		for _, l := range r.Labels {
			ls = append(ls, common.FieldLabel{Field: l.Field, Case: l.Case})
		}
		if err := b.Add(r.Rec, ls); err != nil {
			b.Abort()
			return nil, err
		}
		if n++; n%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				b.Abort()
				return nil, err
			}
			if progress != nil {
				progress(n)
			}
		}
	}
	d, err := b.Done()
	if err != nil {
		return nil, err
	}
	if progress != nil {
		progress(n)
	}
	return d, nil
}

// LoadData reads a data file (format from its extension) into a dataset;
// it stops when ctx is cancelled.
func (e Engine) LoadData(ctx context.Context, path string) (*common.Dataset, error) {
	return e.loadData(ctx, path, nil)
}

// loadData reads path into a dataset kept on disk, labels giving each
// row's edge cases (nil: none).
func (Engine) loadData(ctx context.Context, path string, labels func(row int64) []common.FieldLabel) (*common.Dataset, error) {
	format := value.FormatFromPath(path)
	if format == "" {
		return nil, fmt.Errorf("%s: unknown data format (want .csv, .tsv, .jsonl, .json or .xlsx)", path)
	}
	f, err := value.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd, err := value.NewReader(f, path, format)
	if err != nil {
		return nil, err
	}
	d := &common.Dataset{Name: filepath.Base(path)}
	b := common.NewDatasetBuilder(d, "")
	n := int64(0)
	for rec, err := range value.Records(rd) {
		if err != nil {
			b.Abort()
			return nil, err
		}
		if d.Keys == nil {
			d.Keys = rec.Keys
		}
		n++
		var ls []common.FieldLabel
		if labels != nil {
			ls = labels(n)
		}
		if err := b.Add(rec, ls); err != nil {
			b.Abort()
			return nil, err
		}
		if n%progressEvery == 0 && ctx.Err() != nil {
			b.Abort()
			return nil, ctx.Err()
		}
	}
	return b.Done()
}

// WriteData writes d to path (format from its extension) through a
// temporary file renamed into place.
func (Engine) WriteData(d *common.Dataset, path string) (err error) {
	format := value.FormatFromPath(path)
	if format == "" || format == value.FormatJSON {
		return fmt.Errorf("%s: choose .csv, .tsv, .jsonl or .xlsx", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w, err := value.NewWriter(tmp, format, d.Keys)
	if err != nil {
		return err
	}
	rd := d.Reader()
	for r, err := range value.Records(rd) {
		if err != nil {
			return err
		}
		if err := w.Write(r); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Diff compares two versions of a schema and the rules of m it breaks.
func (Engine) Diff(old, nw *schema.Schema, m *mapping.Mapping) (check.DiffReport, []check.Finding, error) {
	d := check.Diff(old, nw)
	return d, check.DiffMapping(d, m), nil
}

// Compile compiles m and returns its diagnostics.
func (Engine) Compile(m *mapping.Mapping, src, dst *schema.Schema) diag.List {
	_, ds := engine.Compile(m, src, dst)
	return ds
}

// previewSamples is how many synthetic rows a preview makes when the
// session has no data yet.
const previewSamples = 5

// Preview compiles the rule on its own, with positions relative to the
// expression text (line 1, column 1 = its first character), and evaluates
// it on the rows (or on a few synthetic rows when there are none).
func (Engine) Preview(ctx context.Context, m *mapping.Mapping, src, dst *schema.Schema, r *mapping.Rule, rows []*value.Record) common.Preview {
	mc := *m
	mc.Path = ""
	rc := *r
	rc.Pos, rc.ExprPos = diag.Pos{}, diag.Pos{}
	rp, ds := engine.CompileRule(&mc, &rc, src, dst)
	pv := common.Preview{Diags: ds}
	if rp == nil {
		return pv
	}
	if f := dst.Lookup(r.Target); f != nil {
		pv.Type = f.TypeString()
	}
	if len(rows) == 0 {
		rows = samples(src)
	}
	for _, in := range rows {
		if ctx.Err() != nil {
			break
		}
		v, e := rp.Eval(in)
		row := common.PreviewRow{Out: v}
		for _, f := range r.From {
			row.In = append(row.In, check.NamedValue{Name: f, Value: in.Path(f)})
		}
		if e != nil {
			row.Err, row.Kind = e.Reason, string(e.Kind)
		}
		pv.Rows = append(pv.Rows, row)
	}
	return pv
}

// samples makes a few synthetic rows (fixed seed, half of them edge cases).
func samples(src *schema.Schema) []*value.Record {
	g, err := synth.NewGenerator(src, synth.Plan{Rows: previewSamples, EdgeRate: 0.5, Profile: synth.Edge}, 1)
	if err != nil {
		return nil
	}
	var out []*value.Record
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		out = append(out, r.Rec)
	}
	return out
}

// Run compiles the mapping and runs the dataset through check.Run, the
// same engine, detectors, report and acknowledgements as seam check; it
// keeps what the mapping made of every row for the screens, in a
// temporary file (common.RunBuilder).
func (Engine) Run(ctx context.Context, m *mapping.Mapping, src, dst *schema.Schema, data *common.Dataset, progress func(int64)) (*common.RunResult, error) {
	p, ds := engine.Compile(m, src, dst)
	if p == nil {
		return nil, &common.CompileError{Diags: ds}
	}
	res := &common.RunResult{Data: data}
	b := common.NewRunBuilder(res, "")
	var addErr error
	opts := check.RunOptions{
		OnRow: func(row int64, in *value.Record, r engine.Result) {
			if addErr == nil {
				addErr = b.Add(row, &common.RunRow{In: in, Out: r.Out, Rejected: r.Rejected, Errors: r.Errors})
			}
		},
	}
	if progress != nil {
		opts.Progress = func(st engine.Stats) { progress(st.Read) }
	}
	// The Mapper shows what the run exercised of each rule.
	opts.Coverage = true
	opts.Workers, opts.Shards = Workers(), Workers()
	rep, st, err := check.Run(ctx, p, data.Reader(), opts)
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
	res.Findings, res.Coverage = rep.Findings, rep.RunCoverage
	res.Read, res.Written, res.Rejected = st.Read, st.Written, st.Rejected
	if progress != nil {
		progress(res.Read)
	}
	return res, nil
}
