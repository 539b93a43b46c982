package main

import (
	"github.com/spf13/cobra"

	"github.com/seamhq/seam/mapping/schema"
)

// allowPathFlag adds --allow-path to a command that loads mappings or
// schemas. Files named inside a mapping or schema (source/target schemas,
// lookup files, $ref to another file) are read only from the mapping's or
// schema's folder, the working directory and these folders.
func allowPathFlag(cmd *cobra.Command, e *env) {
	cmd.Flags().StringArrayVar(&e.allowPaths, "allow-path", nil,
		"`DIR` that files named inside mappings and schemas may also be read from (repeatable)")
}

// schemaOpts are the schema options with the --allow-path roots.
func schemaOpts(e *env) schema.Options {
	return schema.Options{AllowPaths: e.allowPaths}
}
