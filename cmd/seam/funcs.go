package main

import (
	"io"
	"strings"

	"github.com/seamhq/seam/mapping/transform"
	"github.com/spf13/cobra"
)

func newFuncsCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "funcs",
		Short: "List the transform function library, with examples",
		Long: `List every function a rule's expression may call, grouped by category,
with its signature, what it does and examples with their results. Expressions
use expr-lang syntax with pipes: email | trim() | lower().`,
		Example: `  seam funcs
  seam funcs | grep -A3 to_decimal`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error { return runFuncs(e) },
	}
}

// runFuncs prints the function library's documentation.
func runFuncs(e *env) error {
	var b strings.Builder
	if err := transform.WriteDocs(&b); err != nil {
		return err
	}
	_, err := io.WriteString(e.stdout, safeLines(b.String()))
	return err
}
