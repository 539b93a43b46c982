package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/export"
	"github.com/seamhq/seam/mapping/textsafe"
)

// exportPlan exports a mapping with several targets, an each: or joins:
// SQL (a statement per target, parents first), Markdown and HTML (a
// section per target), the XLSX workbook (a Mapping sheet per target,
// targets and joins on the About sheet, read back by seam import). The mapping must compile as seam run compiles it.
func exportPlan(o *exportOptions, m *mapping.Mapping, to string, outs []flagPath) error {
	switch {
	case to == "csv":
		// Never a silent part: the CSV is the Mapping sheet, one target.
		return usagef("seam export --to csv: %s has several targets, an each: or joins (targets:), which the Mapping sheet's CSV does not hold (seam import could not read them back); export it --to xlsx, yaml, sql, markdown or html", o.mapping)
	case o.withChecks:
		return usagef("seam export --checks: %s has several targets, an each: or joins; attach findings with seam check --mapping %s --format markdown instead", o.mapping, o.mapping)
	}
	if to == "sql" && o.dialect == "" {
		return usagef("--to sql needs --dialect (%s)", strings.Join(export.Dialects(), ", "))
	}
	ss, err := m.LoadAll(schemaOpts(o.env))
	if err != nil {
		return usageErr(err)
	}
	if err := distinctFiles(mappingFiles(m, ss.Source, ss.Targets[0]), outs); err != nil {
		return err
	}
	if _, diags := engine.CompilePlan(m, ss.Source, ss.Targets, ss.Joins); diags.HasErrors() {
		return usageErr(diags.Err())
	}
	if to != "sql" {
		return writeOut(o.env, o.out, func(w io.Writer) error {
			switch to {
			case "xlsx":
				// paths in the workbook are relative to its folder
				return export.WriteXLSXTargets(w, export.RelativeTo(m, o.out), ss.Source, ss.Targets, ss.Joins, nil)
			case "html":
				return export.PlanHTML(w, m, ss.Source, ss.Targets, ss.Joins)
			default:
			}
			return export.PlanMarkdown(w, m, ss.Source, ss.Targets, ss.Joins)
		})
	}
	ts, unsupported, err := export.PlanSQL(m, ss.Source, ss.Targets, ss.Joins, export.SQLOptions{Dialect: o.dialect, FromTable: o.fromTable, View: o.view})
	if err != nil {
		return usageErr(err)
	}
	for _, u := range unsupported {
		what := "rule " + u.Rule
		if u.Column == "" {
			what = u.Rule
		}
		fmt.Fprintf(o.stderr, "seam: target %s: %s cannot be expressed in %s: %s\n", textsafe.Terminal(u.Target), textsafe.Terminal(what), o.dialect, textsafe.Terminal(u.Reason))
	}
	if err := writeOut(o.env, o.out, func(w io.Writer) error { _, err := io.WriteString(w, export.PlanScript(ts)); return err }); err != nil {
		return err
	}
	if len(unsupported) > 0 && !o.allowPartial {
		return &exitError{code: exitFindings, err: fmt.Errorf("%d parts of the mapping cannot be expressed in %s (listed above and as comments in the SQL); --allow-partial accepts that", len(unsupported), o.dialect)}
	}
	return nil
}
