package main

import (
	"io"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/spf13/cobra"
)

// diffOptions are the flags of seam diff.
type diffOptions struct {
	*env
	mapping, format, failOn, out string
	oldRef, newRef               string // the OLD and NEW arguments
}

func newDiffCmd(e *env) *cobra.Command {
	o := &diffOptions{env: e}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW [--mapping M]",
		Short: "Schema drift: what changed, its compatibility, and which rules it breaks",
		Long: `Compare two versions of a schema (any format seam loads, FILE[#SELECTOR]; one
of them may be - for standard input): added, removed, suspected renamed and
retyped fields and changed constraints, with the compatibility class of
Confluent Schema Registry (BACKWARD, FORWARD, FULL, NONE). With --mapping, also
which rules the change breaks and why.

Exit 0 when no rule of --mapping breaks at or above --fail-on (default error),
1 when one does, 2 when a file cannot be read. Formats: text, json, markdown.`,
		Example: `  seam diff orders.v1.schema.json orders.v2.schema.json
  seam diff 'shop.sql#orders' 'shop.v2.sql#orders' --mapping m.seam.yaml --format markdown
  curl -s https://api.example.com/schema.json | seam diff orders.schema.json -`,
		Args: cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			o.oldRef, o.newRef = args[0], args[1]
			return runDiff(o)
		},
	}
	cmd.Flags().StringVarP(&o.mapping, "mapping", "m", "", "mapping whose rules the change may break")
	cmd.Flags().StringVar(&o.format, "format", "text", "text | json | markdown")
	cmd.Flags().StringVar(&o.failOn, "fail-on", "error", "exit 1 when a broken rule is at or above: error | warn | info")
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "write to this file (default stdout)")
	completeFixed(cmd, "format", "text", "json", "markdown")
	completeFixed(cmd, "fail-on", "error", "warn", "info")
	cmd.ValidArgsFunction = completeSchemaRef
	allowPathFlag(cmd, e)
	return cmd
}

// runDiff compares two versions of a schema and, with --mapping, says
// which rules the change breaks.
func runDiff(o *diffOptions) error {
	switch o.format {
	case "text", "json", "markdown":
	default:
		return usagef("unknown --format %q (want text, json or markdown)", o.format)
	}
	if _, ok := check.ParseSeverity(o.failOn); !ok {
		return usagef("unknown --fail-on %q (want error, warn or info)", o.failOn)
	}
	stdinUses := 0
	for _, r := range []string{o.oldRef, o.newRef, o.mapping} {
		if isStdinRef(r) {
			stdinUses++
		}
	}
	if stdinUses > 1 {
		return usagef("only one of OLD, NEW and --mapping can be - (standard input)")
	}
	outs := []flagPath{{"-o", o.out}}
	if err := distinctFiles([]flagPath{{"OLD", fileOf(o.oldRef)}, {"NEW", fileOf(o.newRef)}, {"--mapping", o.mapping}}, outs); err != nil {
		return err
	}
	old, err := loadSchema(o.env, o.oldRef, schema.Options{})
	if err != nil {
		return usageErr(err)
	}
	nw, err := loadSchema(o.env, o.newRef, schema.Options{})
	if err != nil {
		return usageErr(err)
	}
	d := check.Diff(old, nw)
	var findings []check.Finding
	if o.mapping != "" {
		m, err := loadMapping(o.env, o.mapping)
		if err != nil {
			return err
		}
		if err := distinctFiles(mappingFiles(m, nil, nil), outs); err != nil {
			return err
		}
		// With the mapping's schemas, diff judges the change as check does
		// (check.DiffCheck); without them, by the change alone.
		src, dst, serr := m.LoadSchemas(schema.Options{})
		if serr != nil {
			src, dst = nil, nil
		}
		findings = check.DiffCheck(d, m, src, dst)
	}
	if err := writeReport(o.env, o.out, false, func(w io.Writer) error { return check.WriteDiff(w, d, findings, o.format) }); err != nil {
		return err
	}
	rep := &check.Report{Findings: findings}
	if code := rep.ExitCode(o.failOn); code != 0 {
		return &exitError{code: code}
	}
	return nil
}

// isStdinRef reports whether a file argument means standard input.
func isStdinRef(ref string) bool { return ref == "-" || len(ref) > 1 && ref[:2] == "-#" }

// fileOf drops a #SELECTOR from a schema reference.
func fileOf(ref string) string {
	if isStdinRef(ref) {
		return "-"
	}
	f, _ := schema.SplitRef(ref)
	return f
}
