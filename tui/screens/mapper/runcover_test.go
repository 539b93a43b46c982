package mapper

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// After a run the Mapper shows what it exercised of each rule: the
// selected rule's rows that wrote a value, wrote null and failed (the
// failures counted by hand from the run's rows) and the edge classes
// that reached it (#17.4).
func TestRuleCoverageAfterRun(t *testing.T) {
	m, s, up := newMapper(t, 80, 21)
	d, err := s.Eng.Generate(context.Background(), s.Src, common.DefaultPlan(), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Eng.Run(context.Background(), s.Mapping, s.Src, s.Dst, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Version, res.Data = s.Version, d
	s.Run = res
	if res.Coverage == nil {
		t.Fatal("the run has no coverage")
	}
	i := m.ruleIndex("status", "status")
	m.setFocus(paneRules)
	m.ruleList.Select(i)
	var rc *check.RuleCoverage
	for j := range res.Coverage.Rules {
		if res.Coverage.Rules[j].Target == "status" {
			rc = &res.Coverage.Rules[j]
		}
	}
	failed := int64(0)
	for i := range res.Len() {
		for _, e := range res.Row(i).Errors {
			if e.Target == "status" {
				failed++
				break
			}
		}
	}
	if rc == nil || rc.Errors != failed || failed == 0 || rc.Rows == 0 {
		t.Fatalf("status coverage %+v, %d rows failed on status", rc, failed)
	}
	v := m.View()
	testkit.Golden(t, "rule_coverage_80x24", v)
	if want := fmt.Sprintf("%d rows wrote a value · %d null · %d failed", rc.Rows, rc.Nulls, rc.Errors); !strings.Contains(v, want) {
		t.Fatalf("no %q in:\n%s", want, v)
	}
	// A change since the run is said.
	testkit.Drive(t, up, "o")
	if v := m.View(); !strings.Contains(v, "changed since the run") {
		t.Fatalf("stale coverage not marked:\n%s", v)
	}
}

// After a run of a mapping with several targets the Mapper shows the
// coverage of the active target's rules: a rule of order_details is
// matched with order_details' counts, not with a rule of orders of the
// same name.
func TestRuleCoverageAfterMultiRun(t *testing.T) {
	m, s, up := newMultiMapper(t, 80, 21)
	d, err := s.Eng.Generate(context.Background(), s.Src, common.DefaultPlan(), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Eng.RunTargets(context.Background(), s.Mapping, s.Src, s.TargetSchemas(), s.Joins, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Version, res.Data = s.Version, d
	s.Run = res
	if res.Coverage == nil {
		t.Fatal("the run of several targets has no coverage")
	}
	testkit.Drive(t, up, "t") // order_details
	name := s.Mapping.Targets()[s.ActiveTarget()].OutName()
	m.setFocus(paneRules)
	checked := 0
	for i, r := range m.rules() {
		if !r.Active() {
			continue // a suggested rule does not run
		}
		m.ruleList.Select(i)
		var rc *check.RuleCoverage
		for j := range res.Coverage.Rules {
			if c := &res.Coverage.Rules[j]; c.Table == name && (c.Rule == r.Name() || c.Rule == "" && c.Target == r.Target) {
				rc = c
			}
		}
		if rc == nil {
			t.Fatalf("no coverage of %s.%s in the run", name, r.Name())
		}
		want := fmt.Sprintf("%d rows wrote a value · %d null · %d failed", rc.Rows, rc.Nulls, rc.Errors)
		if v := m.View(); !strings.Contains(v, want) {
			t.Fatalf("%s.%s: no %q in:\n%s", name, r.Name(), want, v)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("order_details has no rules")
	}
}
