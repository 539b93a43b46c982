package main

import "github.com/spf13/cobra"

// addCommands registers the commands built on the engine packages.
func addCommands(root *cobra.Command, e *env) {
	root.AddCommand(newRunCmd(e))
}

type tuiFlags struct {
	source, target, mapping string
	demo                    bool
}

func runTUI(e *env, f tuiFlags) error {
	return usagef("the terminal UI is not built yet")
}
