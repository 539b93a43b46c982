package main

import (
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/spf13/cobra"
)

func newDiffCmd(e *env) *cobra.Command {
	var mpath, format, failOn, out string
	cmd := &cobra.Command{
		Use:   "diff OLD NEW [--mapping M]",
		Short: "Schema drift: what changed, its compatibility, and which rules it breaks",
		Long: `Compare two versions of a schema (any format seam loads, FILE[#SELECTOR]):
added, removed, suspected renamed and retyped fields and changed constraints,
with the compatibility class of Confluent Schema Registry (BACKWARD, FORWARD,
FULL, NONE). With --mapping, also which rules the change breaks and why.

Exit 0 when no rule of --mapping breaks at or above --fail-on (default error),
1 when one does, 2 when a file cannot be read. Formats: text, json, markdown.`,
		Args: cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			switch format {
			case "text", "json", "markdown":
			default:
				return usagef("unknown --format %q (want text, json or markdown)", format)
			}
			if _, ok := check.ParseSeverity(failOn); !ok {
				return usagef("unknown --fail-on %q (want error, warn or info)", failOn)
			}
			old, err := schema.Load(args[0], schema.Options{})
			if err != nil {
				return usageErr(err)
			}
			nw, err := schema.Load(args[1], schema.Options{})
			if err != nil {
				return usageErr(err)
			}
			d := check.Diff(old, nw)
			var findings []check.Finding
			if mpath != "" {
				m, err := mapping.Load(mpath)
				if err != nil {
					return usageErr(err)
				}
				findings = check.DiffMapping(d, m)
			}
			w, closeOut, err := createOutput(e, out)
			if err != nil {
				return usageErr(err)
			}
			werr := check.WriteDiff(w, d, findings, format)
			if cerr := closeOut(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				return werr
			}
			rep := &check.Report{Findings: findings}
			if code := rep.ExitCode(failOn); code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&mpath, "mapping", "m", "", "mapping whose rules the change may break")
	cmd.Flags().StringVar(&format, "format", "text", "text | json | markdown")
	cmd.Flags().StringVar(&failOn, "fail-on", "error", "exit 1 when a broken rule is at or above: error | warn | info")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file (default stdout)")
	return cmd
}
