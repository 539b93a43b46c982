package main

import "github.com/spf13/cobra"

// addCommands registers the commands built on the engine packages.
func addCommands(root *cobra.Command, e *env) {
	root.AddCommand(newRunCmd(e), newTUICmd(e), newSynthCmd(e), newFuncsCmd(e),
		newCheckCmd(e), newDiffCmd(e), newSuggestCmd(e), newExportCmd(e), newImportCmd(e), newAcceptCmd(e), newTestCmd(e))
}
