package main

import (
	"bytes"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryCommandHasExamples: every command a user can run shows an
// Examples section in --help (#19.12).
func TestEveryCommandHasExamples(t *testing.T) {
	var out bytes.Buffer
	root := newRoot(&env{stdout: &out, stderr: &out})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" || c.Parent() != nil && c.Parent().Name() == "completion" {
			return
		}
		if c.Example == "" {
			t.Errorf("%s has no Example", c.CommandPath())
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}
