package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/export"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/spf13/cobra"
)

// exportOptions are the flags of seam export.
type exportOptions struct {
	*env
	mapping, to, dialect, fromTable, view, out string
	withChecks, allowPartial                   bool
}

func newExportCmd(e *env) *cobra.Command {
	o := &exportOptions{env: e}
	cmd := &cobra.Command{
		Use:   "export --mapping M --to yaml|xlsx|csv|sql|markdown|html [--dialect D] [-o F]",
		Short: "Hand the mapping on: YAML, an Excel mapping sheet, SQL, Markdown or HTML",
		Long: `Write the mapping in the form the next person uses:
  yaml      the mapping normalised (stable key order; useful after hand edits)
  xlsx      the source-to-target mapping sheet (Mapping, Source, Target, a sheet
            per lookup, Findings with --checks); seam import reads it back.
            Several targets: a "Mapping NAME" sheet per further target, the
            targets and joins on the About sheet
  csv       the Mapping sheet as CSV (formula injection neutralised)
  sql       a SELECT implementing the mapping over the source table, for
            --dialect postgres | sqlite | mysql | spark; --view NAME wraps it in
            CREATE VIEW. A mapping with several targets gives one statement per
            target, parents first (views NAME_TARGET): arrays (each:) expanded
            the dialect's way, joins as LEFT JOINs of the joins' tables. Rules a dialect cannot express are listed on stderr and
            as comments, never dropped silently: the export then exits 1
            unless --allow-partial accepts the missing columns.
  markdown  the data contract for reviewers: lineage per target field, rules,
  html      lookups, acknowledged findings; a section per target (its each:,
            parent: and the joins it reads) when the mapping has several
The SQL reads the table named by the source schema's selector or file stem
unless --from-table names another. --mapping - reads the mapping from standard
input.`,
		Example: `  seam export --mapping m.seam.yaml --to xlsx -o mapping.xlsx
  seam export --mapping m.seam.yaml --to sql --dialect postgres --view erp_orders
  seam export --mapping m.seam.yaml --to markdown --checks > CONTRACT.md`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error { return runExport(o) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.mapping, "mapping", "m", "", "mapping file (*.seam.yaml)")
	fl.StringVar(&o.to, "to", "", "yaml | xlsx | csv | sql | markdown | html")
	fl.StringVar(&o.dialect, "dialect", "", "SQL dialect: postgres | sqlite | mysql | spark")
	fl.StringVar(&o.fromTable, "from-table", "", "source table for SQL (default: the source schema's selector or file stem)")
	fl.StringVar(&o.view, "view", "", "wrap the SQL in CREATE VIEW with this name")
	fl.BoolVar(&o.allowPartial, "allow-partial", false, "SQL: exit 0 even when rules the dialect cannot express are left out")
	fl.BoolVar(&o.withChecks, "checks", false, "attach the static check findings (xlsx Findings sheet, docs)")
	fl.StringVarP(&o.out, "output", "o", "", "output file (default stdout)")
	completeFixed(cmd, "to", "yaml", "xlsx", "csv", "sql", "markdown", "html")
	completeFixed(cmd, "dialect", export.Dialects()...)
	allowPathFlag(cmd, e)
	return cmd
}

// runExport writes the mapping in the form --to names.
func runExport(o *exportOptions) error {
	if o.mapping == "" || o.to == "" {
		return usagef("export needs --mapping and --to")
	}
	to := strings.ToLower(o.to)
	switch to {
	case "yaml", "xlsx", "csv", "sql", "markdown", "md", "html":
	default:
		return usagef("unknown --to %q (want yaml, xlsx, csv, sql, markdown or html)", to)
	}
	if to == "xlsx" && (o.out == "" || o.out == "-") {
		return usagef("--to xlsx needs -o FILE.xlsx")
	}
	outs := []flagPath{{"-o", o.out}}
	if err := distinctFiles([]flagPath{{"--mapping", o.mapping}}, outs); err != nil {
		return err
	}
	if to == "yaml" {
		m, err := loadMapping(o.env, o.mapping)
		if err != nil {
			return err
		}
		if err := distinctFiles(mappingFiles(m, nil, nil), outs); err != nil {
			return err
		}
		return writeOut(o.env, o.out, func(w io.Writer) error { return export.YAML(w, m) })
	}
	m, src, dst, err := loadMappingSchemas(o.env, o.mapping, outs)
	if err != nil {
		return err
	}
	if m.MultiTarget() {
		return exportPlan(o, m, to, outs)
	}
	var rows []export.FindingRow
	if o.withChecks {
		rep := check.NewReport(o.mapping, m, src, dst, check.Static(m, src, dst))
		check.ApplyAcks(rep, m.Acknowledged)
		rows = findingRows(rep.Findings)
	}
	var write func(w io.Writer) error
	switch to {
	case "xlsx":
		// paths in the workbook are relative to its folder (seam import reads them so)
		write = func(w io.Writer) error { return export.WriteXLSX(w, export.RelativeTo(m, o.out), src, dst, rows) }
	case "csv":
		write = func(w io.Writer) error { return export.WriteCSV(w, m, src, dst) }
	case "markdown", "md":
		write = func(w io.Writer) error { return export.Markdown(w, m, src, dst, rows) }
	case "html":
		write = func(w io.Writer) error { return export.HTML(w, m, src, dst, rows) }
	default:
		return exportSQL(o, m, src, dst)
	}
	return writeOut(o.env, o.out, write)
}

// exportSQL writes the SELECT (or view) implementing m; rules the dialect
// cannot express are listed on stderr and fail the export unless
// --allow-partial.
func exportSQL(o *exportOptions, m *mapping.Mapping, src, dst *schema.Schema) error {
	if o.dialect == "" {
		return usagef("--to sql needs --dialect (%s)", strings.Join(export.Dialects(), ", "))
	}
	sql, unsupported, err := export.SQL(m, src, dst, export.SQLOptions{Dialect: o.dialect, FromTable: o.fromTable, View: o.view})
	if err != nil {
		return usageErr(err)
	}
	for _, u := range unsupported {
		fmt.Fprintf(o.stderr, "seam: rule %s cannot be expressed in %s: %s\n", textsafe.Terminal(u.Rule), o.dialect, textsafe.Terminal(u.Reason))
	}
	if err := writeOut(o.env, o.out, func(w io.Writer) error { _, err := io.WriteString(w, sql); return err }); err != nil {
		return err
	}
	if len(unsupported) > 0 && !o.allowPartial {
		return &exitError{code: exitFindings, err: fmt.Errorf("%d of the mapping's rules cannot be expressed in %s: their columns are left out of the SQL (--allow-partial accepts that)", len(unsupported), o.dialect)}
	}
	return nil
}

func findingRows(fs []check.Finding) []export.FindingRow {
	rows := make([]export.FindingRow, 0, len(fs))
	for _, f := range fs {
		r := export.FindingRow{
			Kind: string(f.Kind), Severity: f.Severity.String(), Detector: f.Detector, Rule: f.Rule,
			Target: f.Target, Source: f.Source, Count: f.Count, Message: f.Message,
			Acknowledged: f.Acknowledged != nil,
		}
		rows = append(rows, r)
	}
	return rows
}

// importOptions are the flags and argument of seam import.
type importOptions struct {
	*env
	sheet, out string
}

func newImportCmd(e *env) *cobra.Command {
	o := &importOptions{env: e}
	cmd := &cobra.Command{
		Use:   "import SHEET.xlsx|SHEET.csv [-o M]",
		Short: "Read a mapping spreadsheet back into a mapping file",
		Long: `Read a mapping sheet written by seam export --to xlsx (or its Mapping sheet as
CSV), with the edits made in a spreadsheet, and write the mapping file (stdout
by default). Errors name the sheet, the cell and what is wrong. - reads the
sheet from standard input (XLSX or CSV, told from the content).`,
		Example: `  seam import mapping.xlsx -o m.seam.yaml
  seam import mapping.csv > m.seam.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o.sheet = args[0]
			return runImport(o)
		},
	}
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "mapping file to write (default stdout)")
	return cmd
}

// runImport reads a mapping sheet (XLSX, or its Mapping sheet as CSV)
// and writes the mapping file.
func runImport(o *importOptions) error {
	if err := distinctFiles([]flagPath{{"SHEET", o.sheet}}, []flagPath{{"-o", o.out}}); err != nil {
		return err
	}
	var m *mapping.Mapping
	var err error
	switch {
	case o.sheet == "-":
		data, rerr := readStdinDoc(o.env)
		if rerr != nil {
			return usageErr(rerr)
		}
		if sniffFormat(data) == "xlsx" {
			m, err = export.ImportXLSX(bytes.NewReader(data), stdinName)
		} else {
			m, err = export.ImportCSV(bytes.NewReader(data), stdinName)
		}
	case strings.HasSuffix(strings.ToLower(o.sheet), ".csv"):
		f, oerr := openInput(o.env, o.sheet)
		if oerr != nil {
			return usageErr(oerr)
		}
		m, err = export.ImportCSV(f, o.sheet)
		f.Close()
	default:
		var notes []string
		m, notes, err = export.ImportXLSXFileNotes(o.sheet)
		for _, n := range notes {
			fmt.Fprintf(o.stderr, "seam: %s\n", textsafe.Terminal(n))
		}
	}
	if err != nil {
		return usageErr(err)
	}
	if err := distinctFiles(mappingFiles(m, nil, nil), []flagPath{{"-o", o.out}}); err != nil {
		return err
	}
	return writeMapping(o.env, m, o.out)
}
