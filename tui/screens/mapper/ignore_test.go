package mapper

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// unmappedFindings are the targets of the unmapped_required errors the
// engine reports for the session (what Run shows).
func unmappedFindings(s *common.Session) []string {
	var out []string
	for _, f := range s.Eng.Static(s.Mapping, s.Src, s.Dst) {
		if f.Kind == kind.UnmappedRequired && f.Severity == diag.Error {
			out = append(out, f.Target)
		}
	}
	sort.Strings(out)
	return out
}

// The Mapper's ! markers and required bar are the unmapped_required
// findings of a run; `-` on a required target leaves it unmapped on
// purpose (ignore_target, one undo step): its finding goes, its marker
// becomes -, and the bar reaches 100% when every one is mapped or left
// out (#14.9).
func TestIgnoreTargetReachesFullCoverage(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	c := m.Coverage()
	want := unmappedFindings(s)
	got := append([]string(nil), c.Unmapped...)
	sort.Strings(got)
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("Mapper's unmapped %v, the run's unmapped_required %v", got, want)
	}
	for _, p := range c.Unmapped {
		if !m.selectField(paneTarget, p) {
			t.Fatalf("no target %s", p)
		}
		m.setFocus(paneTarget)
		testkit.Drive(t, up, "-")
	}
	if !reflect.DeepEqual(s.Mapping.IgnoreTarget, c.Unmapped) || !s.Dirty {
		t.Fatalf("ignore_target %v", s.Mapping.IgnoreTarget)
	}
	c2 := m.Coverage()
	if c2.RequiredMapped != c2.Required || len(c2.Unmapped) != 0 || len(unmappedFindings(s)) != 0 {
		t.Fatalf("after leaving them out: coverage %+v, findings %v", c2, unmappedFindings(s))
	}
	v := m.View()
	testkit.Golden(t, "ignore_target_80x24", v)
	if !strings.Contains(v, fmt.Sprintf("] %d/%d", c2.Required, c2.Required)) || !strings.Contains(v, " - "+c.Unmapped[0]) {
		t.Fatalf("no full bar or - marker:\n%s", v)
	}
	out, err := s.Mapping.Marshal()
	if err != nil || !strings.Contains(string(out), "ignore_target: [") {
		t.Fatalf("saved mapping: %v\n%s", err, out)
	}
	// - again takes the field back; undo restores the step before.
	testkit.Drive(t, up, "-")
	if len(s.Mapping.IgnoreTarget) != len(c.Unmapped)-1 {
		t.Fatalf("- again: %v", s.Mapping.IgnoreTarget)
	}
	s.Undo()
	if len(s.Mapping.IgnoreTarget) != len(c.Unmapped) {
		t.Fatalf("undo: %v", s.Mapping.IgnoreTarget)
	}
	// A target a rule writes is not left out.
	m.selectField(paneTarget, "order_no")
	testkit.Drive(t, up, "-")
	for _, p := range s.Mapping.IgnoreTarget {
		if p == "order_no" {
			t.Fatal("a mapped target was left out")
		}
	}
}

// With several targets `-` leaves a field out in the active target only:
// its own ignore_target in the mapping's targets: entry.
func TestIgnoreTargetPerTarget(t *testing.T) {
	m, s, up := newMultiMapper(t, 80, 21)
	testkit.Drive(t, up, "t")
	if s.ActiveTarget() != 1 || !slices.Contains(m.Coverage().Unmapped, "unit_price") {
		t.Fatalf("order_details unmapped: %v", m.Coverage().Unmapped)
	}
	if !m.selectField(paneTarget, "unit_price") {
		t.Fatal("no unit_price")
	}
	m.setFocus(paneTarget)
	testkit.Drive(t, up, "-")
	if got := s.Mapping.Extra[0].IgnoreTarget; !reflect.DeepEqual(got, []string{"unit_price"}) || len(s.Mapping.IgnoreTarget) != 0 || len(s.Mapping.OwnIgnoreTarget) != 0 {
		t.Fatalf("ignore_target: mapping %v, orders %v, order_details %v", s.Mapping.IgnoreTarget, s.Mapping.OwnIgnoreTarget, got)
	}
	if slices.Contains(m.Coverage().Unmapped, "unit_price") {
		t.Errorf("unit_price still unmapped: %v", m.Coverage().Unmapped)
	}
	out, err := s.Mapping.Marshal()
	if err != nil || !strings.Contains(string(out), "    parent: orders\n    ignore_target: [unit_price]\n") || strings.Contains(string(out), "\nignore_target:") {
		t.Fatalf("saved mapping: %v\n%s", err, out)
	}
	testkit.Drive(t, up, "-")
	if len(s.Mapping.Extra[0].IgnoreTarget) != 0 {
		t.Fatalf("- again: %v", s.Mapping.Extra[0].IgnoreTarget)
	}
}
