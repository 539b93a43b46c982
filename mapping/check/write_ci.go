package check

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/xuri/excelize/v2"
)

// JUnit XML: one <testsuite> for the mapping, one <testcase> per rule (and
// one named "(mapping)" for findings that belong to no rule), one
// <failure> per unacknowledged error or warning. Info and acknowledged
// findings are listed in the test case's <system-out>: they do not fail.

// JUnitSuites is the document root; exported so tests and tools can parse
// the output back with encoding/xml.
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is one mapping.
type JUnitSuite struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Errors   int    `xml:"errors,attr"`
	Skipped  int    `xml:"skipped,attr"`
	// Properties carry the run coverage (--coverage).
	Properties *JUnitProperties `xml:"properties,omitempty"`
	Cases      []JUnitCase      `xml:"testcase"`
}

// JUnitCase is one rule.
type JUnitCase struct {
	Name      string         `xml:"name,attr"`
	ClassName string         `xml:"classname,attr"`
	Failures  []JUnitFailure `xml:"failure"`
	Skipped   *JUnitSkipped  `xml:"skipped,omitempty"`
	SystemOut string         `xml:"system-out,omitempty"`
}

// JUnitSkipped marks a rule that did not run: suggested, not accepted.
type JUnitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnitFailure is one finding.
type JUnitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// xmlText drops characters XML 1.0 cannot carry at all.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF) {
			return r
		}
		return '\uFFFD'
	}, s)
}

func findingDetail(f Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s [%s]", f.Severity, f.Kind, f.Detector)
	if f.Target != "" {
		b.WriteString(" target " + f.Target)
	}
	if len(f.Source) > 0 {
		b.WriteString(" <- " + strings.Join(f.Source, ", "))
	}
	if f.Count > 0 {
		b.WriteString(" (" + plural(f.Count, "row", "rows") + ")")
	}
	b.WriteString("\n" + f.Message + "\n")
	for _, y := range f.Why {
		b.WriteString("why: " + y + "\n")
	}
	for _, e := range f.Examples {
		b.WriteString(exampleLine(e) + "\n")
	}
	return xmlText(b.String())
}

// JUnit builds the JUnit document of a report.
func JUnit(r *Report) JUnitSuites {
	suite := JUnitSuite{Name: "seam check " + r.Mapping}
	idx := map[string]int{}
	caseFor := func(name string) *JUnitCase {
		i, ok := idx[name]
		if !ok {
			i = len(suite.Cases)
			idx[name] = i
			suite.Cases = append(suite.Cases, JUnitCase{Name: xmlText(name), ClassName: xmlText("seam." + r.Mapping)})
		}
		return &suite.Cases[i]
	}
	for _, name := range r.Rules {
		caseFor(name)
	}
	for _, f := range r.Findings {
		name := f.Rule
		if name == "" {
			name = "(mapping)"
		}
		c := caseFor(name)
		if f.Acknowledged != nil || f.Severity == diag.Info {
			tag := "info"
			if f.Acknowledged != nil {
				tag = "acknowledged"
			}
			c.SystemOut += "[" + tag + "] " + findingDetail(f)
			continue
		}
		c.Failures = append(c.Failures, JUnitFailure{Message: xmlText(string(f.Kind) + ": " + f.Message), Type: f.Severity.String() + "/" + string(f.Kind), Text: findingDetail(f)})
		suite.Failures++
	}
	for _, t := range r.Inactive {
		suite.Cases = append(suite.Cases, JUnitCase{Name: xmlText(t + " (suggested)"), ClassName: xmlText("seam." + r.Mapping),
			Skipped: &JUnitSkipped{Message: "suggested rule not yet accepted: it does not run (seam accept)"}})
		suite.Skipped++
	}
	suite.Tests = len(suite.Cases)
	suite.Properties = coverageProperties(r.RunCoverage)
	return JUnitSuites{Name: "seam", Tests: suite.Tests, Failures: suite.Failures, Suites: []JUnitSuite{suite}}
}

func writeJUnit(w io.Writer, r *Report) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(JUnit(r)); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// xlsx: a Summary sheet, a Findings sheet (one row per finding) and an
// Examples sheet (one row per example). Every cell is written as a string
// cell (SetCellStr), so text starting with = + - @ is shown as text and
// never evaluated as a formula.
func writeXLSX(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer f.Close()
	var err error
	set := func(sheet string, col, row int, s string) {
		if err != nil || s == "" {
			return
		}
		cell, e := excelize.CoordinatesToCellName(col, row)
		if e != nil {
			err = e
			return
		}
		if len(s) > 32000 {
			s = s[:32000]
		}
		err = f.SetCellStr(sheet, cell, xmlText(s))
	}
	num := func(sheet string, col, row int, n int64) {
		if err != nil {
			return
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		err = f.SetCellInt(sheet, cell, n)
	}
	if e := f.SetSheetName("Sheet1", "Summary"); e != nil {
		return e
	}
	sum := [][2]string{{"Mapping", r.Mapping}, {"Findings", summary(r)},
		{"Rows read", strconv.FormatInt(r.Rows.Read, 10)}, {"Rows written", strconv.FormatInt(r.Rows.Written, 10)},
		{"Rows rejected", strconv.FormatInt(r.Rows.Rejected, 10)},
		{"Target fields", strconv.Itoa(r.Coverage.TargetFields)}, {"Mapped", strconv.Itoa(r.Coverage.Mapped)},
		{"Required unmapped", strings.Join(r.Coverage.RequiredUnmapped, ", ")},
		{"Unmapped on purpose", strings.Join(r.Coverage.Ignored, ", ")},
		{"Inactive rules (suggested)", strconv.Itoa(len(r.Inactive))}, {"Inactive targets", strings.Join(r.Inactive, ", ")}}
	for i, kv := range sum {
		set("Summary", 1, i+1, kv[0])
		set("Summary", 2, i+1, kv[1])
	}
	for _, s := range []string{"Findings", "Examples"} {
		if _, e := f.NewSheet(s); e != nil {
			return e
		}
	}
	heads := []string{"Severity", "Kind", "Detector", "Rule", "Target", "Source", "Rows", "Message", "Why", "Acknowledged"}
	for i, h := range heads {
		set("Findings", i+1, 1, h)
	}
	exHeads := []string{"Kind", "Target", "Row", "Source values", "Target value", "Edge case", "Reason"}
	for i, h := range exHeads {
		set("Examples", i+1, 1, h)
	}
	exRow := 2
	for i, fd := range r.Findings {
		row := i + 2
		ack := ""
		if fd.Acknowledged != nil {
			ack = strings.TrimSpace("yes " + fd.Acknowledged.By + " " + fd.Acknowledged.Why)
		}
		for j, s := range []string{fd.Severity.String(), string(fd.Kind), fd.Detector, fd.Rule, fd.Target, strings.Join(fd.Source, ", ")} {
			set("Findings", j+1, row, s)
		}
		num("Findings", 7, row, fd.Count)
		set("Findings", 8, row, fd.Message)
		set("Findings", 9, row, strings.Join(fd.Why, "; "))
		set("Findings", 10, row, ack)
		for _, e := range fd.Examples {
			var src []string
			for _, nv := range e.Source {
				src = append(src, nv.Name+"="+Render(nv.Value))
			}
			set("Examples", 1, exRow, string(fd.Kind))
			set("Examples", 2, exRow, fd.Target)
			num("Examples", 3, exRow, e.Row)
			set("Examples", 4, exRow, strings.Join(src, "; "))
			set("Examples", 5, exRow, Render(e.Target))
			set("Examples", 6, exRow, e.EdgeCase)
			set("Examples", 7, exRow, e.Reason)
			exRow++
		}
	}
	if e := coverageSheet(f, r.RunCoverage, set, num); e != nil {
		return e
	}
	if err != nil {
		return err
	}
	return f.Write(w)
}
