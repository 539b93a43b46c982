package tui

import (
	"path/filepath"
	"testing"

	"github.com/seamhq/seam/tui/internal/testkit"
)

// seam tui --mapping on a mapping with two targets loads every target's
// schema; saving keeps both targets.
func TestOpenMultiTarget(t *testing.T) {
	testkit.Pin()
	tm, err := New(Options{Mapping: filepath.Join(testkit.MultiDir(), "shop.seam.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	m := tm.(*model)
	s := m.s
	if s.TargetCount() != 2 || len(s.Targets) != 2 || s.Targets[1] == nil || s.Targets[1].Name != "order_details" || s.Dst != s.Targets[0] {
		t.Fatalf("targets %v, dst %v", s.Targets, s.Dst)
	}
	s.SetActive(1)
	if s.Dst != s.Targets[1] || s.Each() != "lineItems" {
		t.Fatalf("active target 2: dst %s, each %q", s.Dst.Name, s.Each())
	}
	if s.ViewSource().Lookup("lineItems.sku") == nil {
		t.Fatal("the active target's source lacks lineItems.sku")
	}
}
