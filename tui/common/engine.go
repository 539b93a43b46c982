package common

import (
	"context"
	"fmt"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/mtest"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// Engine is what the screens need from seam's engine packages (mapping,
// check, suggest, synth, transform, value codecs). The tui package wires
// the real packages in; every method may be called from a tea.Cmd
// goroutine and must not touch the UI.
type Engine interface {
	// Compile type-checks the whole mapping against both schemas.
	Compile(m *mapping.Mapping, src, dst *schema.Schema) diag.List
	// Preview compiles one rule as it is being edited and applies it to
	// sample rows.
	Preview(ctx context.Context, m *mapping.Mapping, src, dst *schema.Schema, r *mapping.Rule, rows []*value.Record) Preview
	// Static runs the static detectors.
	Static(m *mapping.Mapping, src, dst *schema.Schema) []check.Finding
	// Suggest proposes rules for unmapped targets.
	Suggest(ctx context.Context, m *mapping.Mapping, src, dst *schema.Schema) ([]*mapping.Rule, error)
	// Run runs the mapping over the dataset, with the data detectors.
	Run(ctx context.Context, m *mapping.Mapping, src, dst *schema.Schema, data *Dataset, progress func(done int64)) (*RunResult, error)
	// RunTargets runs a mapping with several targets, an iteration or
	// joins (dsts in Mapping.Targets order, joins by name; join data is
	// read from the mapping's data:), with every target's data detectors.
	RunTargets(ctx context.Context, m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema, data *Dataset, progress func(done int64)) (*RunResult, error)
	// RunTests runs the mapping's example tests (mapping/mtest: its
	// tests: section and sidecar file) over the target schemas (dsts in
	// Mapping.Targets order, joins by name), as seam test does; no tests,
	// no results.
	RunTests(ctx context.Context, m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema) ([]*mtest.Result, error)
	// Generate makes a synthetic dataset for the source schema.
	Generate(ctx context.Context, src *schema.Schema, plan GenPlan, progress func(done int64)) (*Dataset, error)
	// Tables returns every table of src's schema file when it has
	// several (a DDL), with their relationships; nil when it has one.
	Tables(src *schema.Schema) (*TableSet, error)
	// GenerateTables generates every table of ts into plan.Dir (parents
	// first, every foreign key resolving), reporting each table's rows.
	GenerateTables(ctx context.Context, ts *TableSet, plan TablesPlan, progress func(table string, done int64)) (*TablesResult, error)
	// LoadDataset reads the source table of a multi-table dataset in dir
	// (seam synth -o DIR: DIR/<table>.csv and labels.csv) for m, and
	// where m's joins' tables are, as seam run --dataset DIR does.
	LoadDataset(ctx context.Context, dir string, m *mapping.Mapping) (*Dataset, error)
	// LoadData reads a data file (csv, tsv, jsonl, json, xlsx).
	LoadData(ctx context.Context, path string) (*Dataset, error)
	// WriteData writes a dataset; the format follows the extension.
	WriteData(d *Dataset, path string) error
	// Save writes the mapping file atomically, keeping the previous version.
	Save(m *mapping.Mapping, path string) error
	// Diff compares two versions of a schema and names what the change breaks.
	Diff(old, new *schema.Schema, m *mapping.Mapping) (check.DiffReport, []check.Finding, error)
	// Funcs lists the transform functions for completion.
	Funcs() []FuncInfo
}

// CompileError is a run's error when the mapping does not compile: every
// problem, each with its place and rule (Diagnostic.Subject).
type CompileError struct{ Diags diag.List }

// Error names the first error and how many problems there are, on one line.
func (e *CompileError) Error() string {
	first, n := "", 0
	for _, d := range e.Diags {
		if d.Severity == diag.Error {
			if n == 0 {
				first = d.Error()
			}
			n++
		}
	}
	switch n {
	case 0:
		return "the mapping does not compile"
	case 1:
		return "the mapping does not compile: " + first
	}
	return fmt.Sprintf("the mapping does not compile: %s (and %d more)", first, n-1)
}

// FuncInfo documents one transform function.
type FuncInfo struct {
	Name, Signature, Doc string
}

// GenPlan are the generate screen's inputs.
type GenPlan struct {
	Rows     int
	Seed     int64
	EdgeRate float64
	Profile  string
	// Targets maps a source field to the target field it feeds, so edge
	// cases follow the target's limits too (VARCHAR(100): 100 and 101
	// characters). See mapping.Mapping.Feeds.
	Targets map[string]*schema.Field
	// Keys maps a source field read through a lookup to the table's keys,
	// drawn by the generator (synth.Plan.Keys; check.LookupKeys).
	Keys map[string][]string
}

// DefaultPlan is the Generate screen's starting form, and the dataset a
// run generates when there is none yet.
func DefaultPlan() GenPlan {
	return GenPlan{Rows: 1000, Seed: 42, EdgeRate: 0.2, Profile: "edge"}
}

// PreviewRow is one sample row through the rule under edit.
type PreviewRow struct {
	// In holds the rule's source values.
	In  []check.NamedValue
	Out value.Value
	// Err is the reason when the row failed; Kind its findings kind.
	Err, Kind string
}

// Preview is the result of compiling one rule and running it on samples.
type Preview struct {
	// Diags are compile problems; Pos.Col points into the expression when
	// Pos.Line is 0 or 1 and Pos.File is empty.
	Diags diag.List
	// Type is the expression's result type when known.
	Type string
	Rows []PreviewRow
}
