package main

import (
	"context"
	"strings"

	"github.com/seamhq/seam/tui"
	"github.com/spf13/cobra"
)

// tuiOptions are the flags of seam tui (and of plain seam: the demo).
type tuiOptions struct {
	*env
	source, target, mapping string
	demo                    bool
}

func newTUICmd(e *env) *cobra.Command {
	o := &tuiOptions{env: e}
	cmd := &cobra.Command{
		Use:   "tui [--source S] [--target T] [--mapping M]",
		Short: "Open the terminal UI on your own schemas and mapping",
		Long: `Open the terminal UI. With --mapping, the mapping's own schemas are loaded
(and --source/--target override them); with only --source and --target, a new
mapping is started. With nothing, the embedded demo opens (like plain seam).
Press ? inside for the keys.`,
		Example: `  seam tui
  seam tui --source orders.schema.json --target 'erp.sql#orders'
  seam tui --mapping m.seam.yaml`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error { return runTUI(c.Context(), o) },
	}
	cmd.Flags().StringVarP(&o.source, "source", "s", "", "source schema FILE[#SELECTOR]")
	cmd.Flags().StringVarP(&o.target, "target", "t", "", "target schema FILE[#SELECTOR]")
	cmd.Flags().StringVarP(&o.mapping, "mapping", "m", "", "mapping file (*.seam.yaml)")
	_ = cmd.RegisterFlagCompletionFunc("source", completeSchemaRef)
	_ = cmd.RegisterFlagCompletionFunc("target", completeSchemaRef)
	allowPathFlag(cmd, e)
	return cmd
}

// runTUI opens the terminal UI; with no schema or mapping named, on the
// embedded demo.
func runTUI(ctx context.Context, o *tuiOptions) error {
	demo := o.demo || o.source == "" && o.target == "" && o.mapping == ""
	err := tui.Run(ctx, tui.Options{Source: o.source, Target: o.target, Mapping: o.mapping, Demo: demo, AllowPaths: o.allowPaths})
	if err != nil && strings.Contains(err.Error(), "TTY") {
		return usagef("the terminal UI needs a terminal (%v); in scripts and CI use a command such as seam check (seam --help lists them)", err)
	}
	return usageErr(err)
}
