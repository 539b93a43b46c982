package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/spf13/cobra"
)

// schemaShowOptions are the flags and argument of seam schema show.
type schemaShowOptions struct {
	*env
	ref        string // FILE[#SELECTOR]
	asJSON     bool
	sampleRows int
	format     string
}

func newSchemaCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Inspect schemas",
		Example: `  seam schema show 'shop.sql#customers'
  seam schema show --json orders.schema.json`,
	}
	o := &schemaShowOptions{env: e}
	show := &cobra.Command{
		Use:   "show FILE[#SELECTOR]",
		Short: "Print the loaded field tree: path, type, constraints, origin",
		Long: `Load a schema with the loader its extension or content calls for and print
its fields, parents before children: path, type, required, constraints and the
file:line each came from. --json prints {"schema": NAME, "fields": [...]}.

Formats: JSON Schema, OpenAPI 3 (#Component), JSON/JSONL samples, CSV/TSV
samples, XLSX (#Sheet; data or data-dictionary sheets), SQL DDL (#table),
Avro .avsc, and seam's own YAML schema. FILE - reads standard input (the
format is told from the content, or --format; -- -#SELECTOR selects).`,
		Example: `  seam schema show 'shop.sql#customers'
  seam schema show --json orders.schema.json
  seam schema show 'book.xlsx#Customers' --sample-rows 500
  curl -s https://example.com/openapi.yaml | seam schema show -- '-#Customer'`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeSchemaRef,
		RunE: func(c *cobra.Command, args []string) error {
			o.ref = args[0]
			return runSchemaShow(o)
		},
	}
	show.Flags().BoolVar(&o.asJSON, "json", false, "print stable JSON instead of a table")
	show.Flags().IntVar(&o.sampleRows, "sample-rows", 0, "rows read to infer types from data files (default 10000)")
	show.Flags().StringVar(&o.format, "format", "", "force a loader: jsonschema, openapi, json, jsonl, csv, tsv, xlsx, sql, avro, seam")
	completeFixed(show, "format", "jsonschema", "openapi", "json", "jsonl", "csv", "tsv", "xlsx", "sql", "avro", "seam")
	allowPathFlag(show, e)
	cmd.AddCommand(show)
	return cmd
}

// runSchemaShow loads a schema and prints its field tree.
func runSchemaShow(o *schemaShowOptions) error {
	s, err := loadSchema(o.env, o.ref, schema.Options{SampleRows: o.sampleRows, Format: o.format})
	if err != nil {
		return usageErr(err)
	}
	if !o.asJSON {
		return writeSchemaTable(o.env, s)
	}
	b, err := s.JSON()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.stdout, "%s\n", b)
	return err
}

func writeSchemaTable(e *env, s *schema.Schema) error {
	// Names, constraints (enum values, patterns) and origins come from the
	// file: textsafe.Terminal keeps their control characters off the
	// terminal (--json stays exact).
	fmt.Fprintf(e.stdout, "%s (%s, %d fields)\n", textsafe.Terminal(s.Name), s.Format, len(s.Flatten()))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tTYPE\tREQ\tCONSTRAINTS\tORIGIN")
	s.Walk(func(f *schema.Field) {
		req := ""
		if f.Required {
			req = "yes"
		}
		cons := f.Constraints()
		// Required is its own column here.
		cons = strings.TrimPrefix(strings.TrimPrefix(cons, "required, "), "required")
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", textsafe.Terminal(f.Path), textsafe.Terminal(f.TypeString()), req,
			textsafe.Terminal(cons), textsafe.Terminal(f.Origin.String()))
	})
	return tw.Flush()
}
