package check

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/xuri/excelize/v2"
)

// sampleReport: static findings of a small broken mapping plus data
// findings, one with a hostile value (terminal escape, formula, pipe).
func sampleReport(t *testing.T) *Report {
	t.Helper()
	src := S("crm", F("id", schema.Integer), F("city", schema.String), F("zip", schema.String), F("active", schema.Boolean), F("note", schema.String))
	dst := S("erp", F("id", schema.Integer, pk, gen), F("city", schema.String, maxlen(15)), F("zip", schema.Integer), F("is_deleted", schema.Boolean),
		F("name", schema.String, req), F("note", schema.String, null, maxlen(10)))
	m := M(R("id", "", "id"), R("city", "", "city"), R("zip", "", "zip"), R("is_deleted", "", "active"), R("note", "", "note"))
	fs := Static(m, src, dst)
	d := NewDataFor(m, src, dst, DataOptions{})
	d.ObserveOut(1, rec("city", "São José dos Campos", "note", "=HYPERLINK(\"http://x\")|\x1b[31mred"),
		rec("city", "São José dos Campos", "note", "=HYPERLINK(\"http://x\")|\x1b[31mred"), nil, map[string]string{"city": "string.over_max_length"})
	d.ObserveOut(2, rec("city", "Oslo", "note", ""), rec("city", "Oslo", "note", ""), nil, nil)
	fs = append(fs, d.Findings()...)
	r := NewReport("m.seam.yaml", m, src, dst, fs)
	r.Rows = Rows{Read: 2, Written: 2}
	return r
}

func TestReportJSONShape(t *testing.T) {
	r := sampleReport(t)
	var buf bytes.Buffer
	if err := Write(&buf, r, "json"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Seam     int    `json:"seam"`
		Mapping  string `json:"mapping"`
		Rows     map[string]int64
		Coverage struct {
			TargetFields     *int     `json:"target_fields"`
			Mapped           *int     `json:"mapped"`
			RequiredUnmapped []string `json:"required_unmapped"`
		}
		Findings []map[string]json.RawMessage
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Seam != 1 || doc.Mapping != "m.seam.yaml" || doc.Rows["read"] != 2 || doc.Coverage.TargetFields == nil || *doc.Coverage.TargetFields != 6 {
		t.Errorf("header = %+v", doc)
	}
	if len(doc.Coverage.RequiredUnmapped) != 1 || doc.Coverage.RequiredUnmapped[0] != "name" {
		t.Errorf("required_unmapped = %v", doc.Coverage.RequiredUnmapped)
	}
	sawExample := false
	for _, f := range doc.Findings {
		for _, k := range []string{"kind", "severity", "target", "source", "count", "message", "examples"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
		var k kind.Kind
		json.Unmarshal(f["kind"], &k)
		var target string
		json.Unmarshal(f["target"], &target)
		if k == kind.Truncation && target == "city" {
			var ex []map[string]any
			json.Unmarshal(f["examples"], &ex)
			if len(ex) != 1 || ex[0]["row"] != float64(1) || ex[0]["edge_case"] != "string.over_max_length" ||
				ex[0]["target"] != "São José dos Campos" || ex[0]["source"].(map[string]any)["city"] != "São José dos Campos" {
				t.Errorf("truncation example = %v", ex)
			}
			sawExample = true
		}
	}
	if !sawExample {
		t.Error("no truncation finding in JSON")
	}
}

func TestTextReport(t *testing.T) {
	r := sampleReport(t)
	var buf bytes.Buffer
	if err := Write(&buf, r, "text"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsRune(out, '\x1b') {
		t.Error("text report contains a raw escape character")
	}
	for i, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line %d is %d columns: %q", i+1, n, l)
		}
	}
	for _, want := range []string{"ERROR (", "WARN (", "truncation (2)", "identity_misuse (1)", `\x1b[31m`, "[string.over_max_length]", "rows: read 2, written 2, rejected 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q\n%s", want, out)
		}
	}
}

func TestMarkdownReport(t *testing.T) {
	r := sampleReport(t)
	var buf bytes.Buffer
	if err := Write(&buf, r, "markdown"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	rows := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| Severity") {
			rows++
			// Every row has exactly 6 cells: unescaped pipes would add some.
			cells := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|") - 1
			if cells != 6 {
				t.Errorf("row has %d cells: %s", cells, l)
			}
		}
	}
	if rows != len(r.Findings) {
		t.Errorf("%d table rows for %d findings", rows, len(r.Findings))
	}
	if !strings.Contains(out, "|---|---|") || !strings.Contains(out, "failed") {
		t.Errorf("markdown:\n%s", out)
	}
}

func TestJUnitReport(t *testing.T) {
	r := sampleReport(t)
	ApplyAcks(r, []*mapping.Ack{{Kind: string(kind.PrecisionLoss), Target: "zip"}, {Kind: string(kind.CodeAsNumber), Target: "zip", By: "ana", Why: "zip is numeric in this market"}})
	var buf bytes.Buffer
	if err := Write(&buf, r, "junit"); err != nil {
		t.Fatal(err)
	}
	var doc JUnitSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("junit does not parse: %v\n%s", err, buf.String())
	}
	wantFail := 0
	for _, f := range r.Findings {
		if f.Acknowledged == nil && f.Severity != diag.Info {
			wantFail++
		}
	}
	gotFail, cases := 0, 0
	for _, s := range doc.Suites {
		cases += len(s.Cases)
		n := 0
		for _, c := range s.Cases {
			n += len(c.Failures)
		}
		if n != s.Failures || len(s.Cases) != s.Tests {
			t.Errorf("suite counts: failures attr %d, elements %d; tests attr %d, cases %d", s.Failures, n, s.Tests, len(s.Cases))
		}
		gotFail += n
	}
	if gotFail != wantFail || doc.Failures != wantFail || doc.Tests != cases {
		t.Errorf("failures = %d (attr %d), want %d; tests attr %d, cases %d", gotFail, doc.Failures, wantFail, doc.Tests, cases)
	}
	// One test case per rule, plus one for mapping-level findings.
	if cases != len(r.Rules)+1 {
		t.Errorf("cases = %d, rules = %d", cases, len(r.Rules))
	}
}

func TestXLSXReportNeutralisesFormulas(t *testing.T) {
	r := sampleReport(t)
	var buf bytes.Buffer
	if err := Write(&buf, r, "xlsx"); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("Examples")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i, row := range rows {
		for j, c := range row {
			if strings.HasPrefix(c, "=HYPERLINK") {
				found = true
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := x.GetCellFormula("Examples", cell); fm != "" {
					t.Errorf("%s holds a formula %q", cell, fm)
				}
				if ty, _ := x.GetCellType("Examples", cell); ty != excelize.CellTypeSharedString && ty != excelize.CellTypeInlineString {
					t.Errorf("%s type = %v, want a string cell", cell, ty)
				}
			}
		}
	}
	if !found {
		t.Error("the hostile value did not reach the Examples sheet")
	}
	fr, _ := x.GetRows("Findings")
	if len(fr) != len(r.Findings)+1 {
		t.Errorf("Findings sheet has %d rows for %d findings", len(fr), len(r.Findings))
	}
}

func TestAcksAndExitCode(t *testing.T) {
	r := &Report{Findings: []Finding{
		{Kind: kind.Truncation, Severity: diag.Error, Target: "city"},
		{Kind: kind.DroppedSource, Severity: diag.Warn, Source: []string{"x"}},
	}}
	if r.ExitCode("error") != 1 || r.ExitCode(diag.Warn) != 1 {
		t.Fatal("unacknowledged error must fail")
	}
	ApplyAcks(r, []*mapping.Ack{{Kind: string(kind.Truncation), Target: "other"}})
	if r.Findings[0].Acknowledged != nil {
		t.Fatal("ack for another target matched")
	}
	ApplyAcks(r, []*mapping.Ack{{Kind: string(kind.Truncation), Target: "city", By: "qa"}})
	if r.Findings[0].Acknowledged == nil {
		t.Fatal("ack did not match")
	}
	if got := r.ExitCode("error"); got != 0 {
		t.Errorf("acknowledged error: exit %d, want 0", got)
	}
	if got := r.ExitCode("warn"); got != 1 {
		t.Errorf("--fail-on warn with a warning: exit %d, want 1", got)
	}
	if len(r.Findings) != 2 {
		t.Error("acknowledged finding removed")
	}
	b, _ := json.Marshal(r)
	if !strings.Contains(string(b), `"acknowledged":{"by":"qa"}`) {
		t.Errorf("json lacks ack: %s", b)
	}
	var txt bytes.Buffer
	Write(&txt, r, "text")
	if !strings.Contains(txt.String(), "ACKNOWLEDGED (1)") {
		t.Errorf("text:\n%s", txt.String())
	}
}

func TestValuesKeepAbsentNullEmptyApart(t *testing.T) {
	vs := Values{{"a", value.Value{}}, {"b", value.NullV()}, {"c", value.Str("")}, {"d", value.IntV(7)}}
	b, err := json.Marshal(vs)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"b":null,"c":"","d":7}` {
		t.Errorf("got %s", b)
	}
}

// TestFindingJSONRoundTrip: findings read back from JSON keep kind,
// severity, counts, why and examples (values as text/number/null).
func TestFindingJSONRoundTrip(t *testing.T) {
	r := sampleReport(t)
	ApplyAcks(r, []*mapping.Ack{{Kind: string(kind.Truncation), Target: "note", By: "qa"}})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Findings []Finding `json:"findings"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Findings) != len(r.Findings) {
		t.Fatalf("%d findings back, want %d", len(back.Findings), len(r.Findings))
	}
	for i, f := range back.Findings {
		o := r.Findings[i]
		if f.Kind != o.Kind || f.Severity != o.Severity || f.Count != o.Count || f.Target != o.Target ||
			len(f.Why) != len(o.Why) || len(f.Examples) != len(o.Examples) || (f.Acknowledged == nil) != (o.Acknowledged == nil) {
			t.Errorf("finding %d: got %+v, want %+v", i, f, o)
		}
		for j, e := range f.Examples {
			if e.Row != o.Examples[j].Row || Render(e.Target) != Render(o.Examples[j].Target) || e.EdgeCase != o.Examples[j].EdgeCase {
				t.Errorf("example %d/%d: got %+v, want %+v", i, j, e, o.Examples[j])
			}
		}
	}
}

func TestUnusedAcks(t *testing.T) {
	r := &Report{Findings: []Finding{{Kind: kind.Truncation, Severity: diag.Error, Target: "city"}}}
	used := &mapping.Ack{Kind: string(kind.Truncation), Target: "city"}
	stale := &mapping.Ack{Kind: string(kind.Truncation), Target: "zip"}
	typo := &mapping.Ack{Kind: "truncaton", Target: "city"}
	ApplyAcks(r, []*mapping.Ack{used, stale, typo})
	un, unknown := UnusedAcks(r, []*mapping.Ack{used, stale, typo})
	if len(un) != 2 || un[0] != stale || un[1] != typo || unknown[0] || !unknown[1] {
		t.Errorf("unused = %v, unknown kind = %v", un, unknown)
	}
}
