package mtest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/textsafe"
)

// Suite is the results of one mapping's tests.
type Suite struct {
	// Mapping is the mapping file as the user named it.
	Mapping string
	Results []*Result
	// Coverage is what the tests' rows exercised (seam test --coverage);
	// nil when not asked for.
	Coverage *check.RunCoverage
}

// Failed counts the tests that failed.
func (s *Suite) Failed() int {
	n := 0
	for _, r := range s.Results {
		if !r.Pass() {
			n++
		}
	}
	return n
}

// WriteText writes results the way `go test -v` does: a line per test,
// a table of differences (row, column, expected, actual) under a failed
// one, and a summary line per mapping.
func WriteText(w io.Writer, suites []*Suite) error {
	for _, s := range suites {
		for _, r := range s.Results {
			status := "PASS"
			if !r.Pass() {
				status = "FAIL"
			}
			fmt.Fprintf(w, "--- %s: %s (%.2fs)\n", status, textsafe.Terminal(r.Case.Name), r.Duration.Seconds())
			if r.Pass() {
				continue
			}
			fmt.Fprintf(w, "    %s\n", r.Case.Pos)
			if r.Err != nil {
				fmt.Fprintf(w, "    error: %s\n", textsafe.Terminal(r.Err.Error()))
			}
			tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
			header, targets := false, len(r.Targets) > 1
			for _, f := range r.Failures {
				if f.Message != "" {
					continue
				}
				if !header {
					if targets {
						fmt.Fprintf(tw, "    target\t")
					} else {
						fmt.Fprintf(tw, "    ")
					}
					fmt.Fprintf(tw, "row\tcolumn\texpected\tactual\n")
					header = true
				}
				if targets {
					fmt.Fprintf(tw, "    %s\t", textsafe.Terminal(dash(f.Target)))
				} else {
					fmt.Fprintf(tw, "    ")
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", f.Row, textsafe.Terminal(f.Column), textsafe.Terminal(f.Want), textsafe.Terminal(f.Got))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			for _, f := range r.Failures {
				if f.Message != "" {
					where := ""
					if f.Target != "" {
						where = f.Target + ": "
					}
					fmt.Fprintf(w, "    %s%s\n", textsafe.Terminal(where), textsafe.Terminal(f.Message))
				}
			}
		}
		if n := s.Failed(); n > 0 {
			fmt.Fprintf(w, "FAIL %s: %d of %d tests failed\n", textsafe.Terminal(s.Mapping), n, len(s.Results))
		} else {
			fmt.Fprintf(w, "ok   %s: %d tests passed\n", textsafe.Terminal(s.Mapping), len(s.Results))
		}
		for _, l := range s.Coverage.Lines() {
			fmt.Fprintf(w, "     %s\n", textsafe.Terminal(l))
		}
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type jsonFailure struct {
	Target   string `json:"target,omitempty"`
	Row      int    `json:"row,omitempty"`
	Column   string `json:"column,omitempty"`
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	Message  string `json:"message,omitempty"`
}

type jsonTest struct {
	Name       string        `json:"name"`
	File       string        `json:"file"`
	Line       int           `json:"line"`
	Pass       bool          `json:"pass"`
	DurationMS float64       `json:"duration_ms"`
	Error      string        `json:"error,omitempty"`
	Failures   []jsonFailure `json:"failures,omitempty"`
}

type jsonSuite struct {
	Mapping string     `json:"mapping"`
	Passed  int        `json:"passed"`
	Failed  int        `json:"failed"`
	Tests   []jsonTest `json:"tests"`
	// Coverage: the run part of seam check's coverage object.
	Coverage *check.RunCoverage `json:"coverage,omitempty"`
}

// WriteJSON writes one JSON document: {"seam": 1, "suites": [{"mapping",
// "passed", "failed", "tests": [{"name", "file", "line", "pass",
// "duration_ms", "error", "failures": [{"target", "row", "column",
// "expected", "actual", "message"}]}]}]}.
func WriteJSON(w io.Writer, suites []*Suite) error {
	doc := struct {
		Seam   int         `json:"seam"`
		Suites []jsonSuite `json:"suites"`
	}{Seam: 1, Suites: []jsonSuite{}}
	for _, s := range suites {
		js := jsonSuite{Mapping: s.Mapping, Failed: s.Failed(), Tests: []jsonTest{}, Coverage: s.Coverage}
		js.Passed = len(s.Results) - js.Failed
		for _, r := range s.Results {
			jt := jsonTest{Name: r.Case.Name, File: r.Case.Pos.File, Line: r.Case.Pos.Line, Pass: r.Pass(), DurationMS: float64(r.Duration.Microseconds()) / 1000}
			if r.Err != nil {
				jt.Error = r.Err.Error()
			}
			for _, f := range r.Failures {
				jt.Failures = append(jt.Failures, jsonFailure{Target: f.Target, Row: f.Row, Column: f.Column, Expected: f.Want, Actual: f.Got, Message: f.Message})
			}
			js.Tests = append(js.Tests, jt)
		}
		doc.Suites = append(doc.Suites, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// WriteJUnit writes JUnit XML: a testsuite per mapping, a testcase per
// test, a failure with the differences as text.
func WriteJUnit(w io.Writer, suites []*Suite) error {
	type failure struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		Time      string   `xml:"time,attr"`
		Failure   *failure `xml:"failure,omitempty"`
	}
	type testsuite struct {
		Name       string                 `xml:"name,attr"`
		Tests      int                    `xml:"tests,attr"`
		Failures   int                    `xml:"failures,attr"`
		Properties *check.JUnitProperties `xml:"properties,omitempty"`
		Cases      []testcase             `xml:"testcase"`
	}
	type testsuites struct {
		XMLName xml.Name    `xml:"testsuites"`
		Suites  []testsuite `xml:"testsuite"`
	}
	doc := testsuites{}
	for _, s := range suites {
		ts := testsuite{Name: s.Mapping, Tests: len(s.Results), Failures: s.Failed(), Properties: s.Coverage.Properties()}
		for _, r := range s.Results {
			tc := testcase{Name: r.Case.Name, Classname: s.Mapping, Time: fmt.Sprintf("%.3f", r.Duration.Seconds())}
			if !r.Pass() {
				var b strings.Builder
				if err := WriteText(&b, []*Suite{{Mapping: s.Mapping, Results: []*Result{r}}}); err != nil {
					return err
				}
				msg := fmt.Sprintf("%d differences", len(r.Failures))
				if r.Err != nil {
					msg = r.Err.Error()
				}
				tc.Failure = &failure{Message: msg, Text: b.String()}
			}
			ts.Cases = append(ts.Cases, tc)
		}
		doc.Suites = append(doc.Suites, ts)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
