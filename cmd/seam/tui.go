package main

import (
	"strings"

	"github.com/seamhq/seam/tui"
	"github.com/spf13/cobra"
)

type tuiFlags struct {
	source, target, mapping string
	demo                    bool
}

func newTUICmd(e *env) *cobra.Command {
	var f tuiFlags
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
		RunE: func(c *cobra.Command, args []string) error {
			f.demo = f.source == "" && f.target == "" && f.mapping == ""
			return runTUI(e, f)
		},
	}
	cmd.Flags().StringVarP(&f.source, "source", "s", "", "source schema FILE[#SELECTOR]")
	cmd.Flags().StringVarP(&f.target, "target", "t", "", "target schema FILE[#SELECTOR]")
	cmd.Flags().StringVarP(&f.mapping, "mapping", "m", "", "mapping file (*.seam.yaml)")
	_ = cmd.RegisterFlagCompletionFunc("source", completeSchemaRef)
	_ = cmd.RegisterFlagCompletionFunc("target", completeSchemaRef)
	allowPathFlag(cmd, e)
	return cmd
}

func runTUI(e *env, f tuiFlags) error {
	err := tui.Run(e.ctx, tui.Options{Source: f.source, Target: f.target, Mapping: f.mapping, Demo: f.demo, AllowPaths: e.allowPaths})
	if err != nil && strings.Contains(err.Error(), "TTY") {
		return usagef("the terminal UI needs a terminal (%v); in scripts and CI use a command such as seam check (seam --help lists them)", err)
	}
	return usageErr(err)
}
