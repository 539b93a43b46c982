package mapping

import (
	"path/filepath"
	"testing"
)

// TestRefFromAndRebase: one rule for references written into a mapping
// file: relative to its folder, selectors kept, and a move keeps them
// pointing at the same files (the TUI, seam suggest and Save share it).
func TestRefFromAndRebase(t *testing.T) {
	t.Chdir(t.TempDir())
	if got := RefFrom("out/m.seam.yaml", "schemas/erp.sql#orders"); got != "../schemas/erp.sql#orders" {
		t.Errorf("RefFrom = %q", got)
	}
	if got := RefFrom("m.seam.yaml", "a#b/c.csv"); got != "a#b/c.csv" {
		t.Errorf("a # in a folder name is not a selector: %q", got)
	}
	abs, _ := filepath.Abs("s/x.csv")
	if got := RefFrom("m.seam.yaml", abs); got != "s/x.csv" {
		t.Errorf("absolute ref = %q, want relative", got)
	}

	m := &Mapping{Path: "a/m.seam.yaml", Source: SchemaRef{Schema: "src.csv"}, Target: SchemaRef{Schema: "../db/t.sql#orders"},
		Lookups: []*Lookup{{Name: "c", File: "c.csv"}}}
	m.Rebase("b/deep/m.seam.yaml")
	if m.Source.Schema != "../../a/src.csv" || m.Target.Schema != "../../db/t.sql#orders" || m.Lookups[0].File != "../../a/c.csv" {
		t.Errorf("rebased: %q %q %q", m.Source.Schema, m.Target.Schema, m.Lookups[0].File)
	}
	// a new mapping (no path): references are relative to the working directory
	n := &Mapping{Source: SchemaRef{Schema: "s/x.csv"}}
	n.Rebase("s/m.seam.yaml")
	if n.Source.Schema != "x.csv" {
		t.Errorf("pathless rebase: %q", n.Source.Schema)
	}
	c := m.Clone()
	c.Lookups[0].File, c.Rules = "z", append(c.Rules, &Rule{Target: "t"})
	if m.Lookups[0].File == "z" || len(m.Rules) != 0 {
		t.Error("Clone shares data")
	}
}
