package check

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/engine"
	"github.com/xuri/excelize/v2"
)

// testRunCoverage: two rules (one never wrote a value), a lookup table of
// three entries (one hit), a ?: with one arm taken, a ?? on the VM (not
// measured), two edge classes of which one reached a rule.
func testRunCoverage() *RunCoverage {
	pc := engine.ProgramCoverage{
		Rules: []engine.RuleCoverage{{Rule: "id", Target: "id", Rows: 5}, {Rule: "nick", Target: "nick", Nulls: 5}},
		Branches: []engine.BranchCoverage{
			{BranchPoint: engine.BranchPoint{Rule: "id", Kind: "?:", Expr: `a ? 1 : 2`, Arms: []string{"then", "else"}, Measured: true}, Taken: []int64{5, 0}},
			{BranchPoint: engine.BranchPoint{Rule: "nick", Kind: "??", Expr: `b ?? c`, Arms: []string{"value", "fallback"}}, Taken: []int64{0, 0}},
		},
		Lookups: []engine.LookupCoverage{{Table: "st", Entries: []string{"A", "B", "C"}, Hits: []int64{4, 0, 0}, Misses: 1, Measured: true}},
	}
	edges := &EdgeTracker{rows: map[string]int64{"string.emoji": 2, "int.max": 1},
		reached: map[string]map[string]bool{"id": {"int.max": true}}, labelled: true}
	return NewRunCoverage([]engine.ProgramCoverage{pc}, nil, edges)
}

func TestRunCoverageSummary(t *testing.T) {
	c := testRunCoverage()
	want := "coverage: rules 1/2 (50.0%), lookup entries 1/3, branches 1/2 (+1 not measured: on the expr VM), edge classes 1/2"
	if got := c.Summary(); got != want {
		t.Errorf("summary:\n got %s\nwant %s", got, want)
	}
	un := strings.Join(c.Uncovered(), "\n")
	for _, s := range []string{"rule nick: no row wrote a value (5 null, 0 failed)", "lookup st: 2 never hit: B, C", "branch else of a ? 1 : 2 in rule id: never taken"} {
		if !strings.Contains(un, s) {
			t.Errorf("uncovered lacks %q:\n%s", s, un)
		}
	}
}

func TestRunCoverageReports(t *testing.T) {
	rep := &Report{Seam: 1, Mapping: "m.seam.yaml", RunCoverage: testRunCoverage()}
	var js bytes.Buffer
	if err := Write(&js, rep, "json"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Coverage struct {
			Rules struct {
				Covered, Total int
			}
			LookupEntries struct {
				Tables []struct {
					NeverHit []string `json:"never_hit"`
				}
			} `json:"lookup_entries"`
			Branches struct {
				NotMeasured int `json:"not_measured"`
			}
			EdgeClasses struct {
				Covered int
				Classes []struct {
					Class string
					Rules []string
				}
			} `json:"edge_classes"`
		}
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	cv := doc.Coverage
	if cv.Rules.Covered != 1 || cv.Rules.Total != 2 || strings.Join(cv.LookupEntries.Tables[0].NeverHit, ",") != "B,C" ||
		cv.Branches.NotMeasured != 1 || cv.EdgeClasses.Covered != 1 || len(cv.EdgeClasses.Classes) != 2 {
		t.Errorf("JSON coverage: %+v\n%s", cv, js.String())
	}
	var x bytes.Buffer
	if err := Write(&x, rep, "xlsx"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	a1, err := f.GetCellValue("Coverage", "A1")
	if err != nil || !strings.HasPrefix(a1, "coverage: rules 1/2") {
		t.Errorf("Coverage sheet A1 = %q, %v", a1, err)
	}
	rows, _ := f.GetRows("Coverage")
	if len(rows) < 10 {
		t.Errorf("Coverage sheet has %d rows: %v", len(rows), rows)
	}
	var ju bytes.Buffer
	if err := Write(&ju, rep, "junit"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ju.String(), `<property name="coverage.rules" value="1/2"></property>`) {
		t.Errorf("junit lacks the coverage property:\n%s", ju.String())
	}
	// Without coverage, none of it.
	var plain bytes.Buffer
	if err := Write(&plain, &Report{Seam: 1, Mapping: "m"}, "json"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), `"rules"`) || strings.Contains(plain.String(), `"summary"`) {
		t.Errorf("coverage keys without coverage:\n%s", plain.String())
	}
}

func TestMergeRunCoverage(t *testing.T) {
	a, b := testRunCoverage(), testRunCoverage()
	m := MergeRunCoverage([]*RunCoverage{a, nil, b}, []string{"orders", "x", "lines"})
	if got := m.RulesCovered(); got != (Ratio{2, 4}) {
		t.Errorf("rules %v", got)
	}
	if m.Rules[2].Table != "lines" || len(m.Lookups) != 1 || m.Lookups[0].Entries[0].Rows != 8 || m.Lookups[0].Misses != 2 {
		t.Errorf("merged: %+v", m)
	}
	if MergeRunCoverage([]*RunCoverage{nil}, []string{"a"}) != nil {
		t.Error("all nil gives a coverage")
	}
}
