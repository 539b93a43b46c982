package check

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/textsafe"
	"github.com/seamhq/seam/mapping/value"
)

// Formats lists the report formats Write accepts.
var Formats = []string{"text", "json", "markdown", "junit", "xlsx"}

// Write renders a report: "text" (80 columns, no colour codes), "json"
// (SPEC.md's shape), "markdown" (a PR comment), "junit" (XML for CI) or
// "xlsx" (a workbook; every cell a string cell, never a formula).
func Write(w io.Writer, r *Report, format string) error {
	switch strings.ToLower(format) {
	case "", "text":
		return writeText(w, r)
	case "json":
		b, err := marshalIndent(r)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case "markdown", "md":
		return writeMarkdown(w, r)
	case "junit", "xml":
		return writeJUnit(w, r)
	case "xlsx":
		return writeXLSX(w, r)
	}
	return fmt.Errorf("unknown report format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// sevOrder is the grouping order of reports.
var sevOrder = []diag.Severity{diag.Error, diag.Warn, diag.Info}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

// summary is the one-line count of findings.
func summary(r *Report) string {
	e, w, i, a := r.Counts()
	s := fmt.Sprintf("%s, %s, %d info", plural(int64(e), "error", "errors"), plural(int64(w), "warning", "warnings"), i)
	if a > 0 {
		s += fmt.Sprintf(" (%d acknowledged)", a)
	}
	return s
}

// groups splits findings by severity, then kind, keeping report order.
// Acknowledged findings form their own group at the end.
type group struct {
	title string
	kinds []kindGroup
	n     int
}

type kindGroup struct {
	kind     kind.Kind
	findings []Finding
}

func groupFindings(r *Report) []group {
	var out []group
	add := func(title string, keep func(Finding) bool) {
		g := group{title: title}
		idx := map[kind.Kind]int{}
		for _, f := range r.Findings {
			if !keep(f) {
				continue
			}
			i, ok := idx[f.Kind]
			if !ok {
				i = len(g.kinds)
				idx[f.Kind] = i
				g.kinds = append(g.kinds, kindGroup{kind: f.Kind})
			}
			g.kinds[i].findings = append(g.kinds[i].findings, f)
			g.n++
		}
		if g.n > 0 {
			out = append(out, g)
		}
	}
	for _, s := range sevOrder {
		s := s
		add(strings.ToUpper(s.String()), func(f Finding) bool { return f.Acknowledged == nil && f.Severity == s })
	}
	add("ACKNOWLEDGED", func(f Finding) bool { return f.Acknowledged != nil })
	return out
}

// clean makes text safe for a terminal or a table: control, bidi and
// invisible characters are shown as ‹U+XXXX› (textsafe.Terminal), never
// sent raw.
func clean(s string) string { return textsafe.Terminal(s) }

// showValue renders an example value for text and markdown.
func showValue(f NamedValue) string {
	v := Render(f.Value)
	if f.Value.K == value.String && f.Value.S != "" {
		v = strconv.Quote(f.Value.S)
	}
	return clean(f.Name) + "=" + clean(v)
}

func exampleLine(e Example) string {
	var parts []string
	for _, nv := range e.Source {
		if nv.Value.IsAbsent() {
			parts = append(parts, clean(nv.Name)+"=(absent)")
			continue
		}
		parts = append(parts, showValue(nv))
	}
	s := "row " + strconv.FormatInt(e.Row, 10) + ": " + strings.Join(parts, ", ")
	if !e.Target.IsAbsent() {
		t := Render(e.Target)
		if e.Target.K == value.String && e.Target.S != "" {
			t = strconv.Quote(e.Target.S)
		}
		s += " -> " + clean(t)
	}
	if e.EdgeCase != "" {
		s += " [" + clean(e.EdgeCase) + "]"
	}
	if e.Reason != "" {
		s += " (" + clean(e.Reason) + ")"
	}
	return s
}

// wrap breaks text into lines of at most width runes after indent,
// breaking at spaces; a longer word gets a line of its own.
func wrap(text string, indent, width int) []string {
	pad := strings.Repeat(" ", indent)
	max := width - indent
	if max < 20 {
		max = 20
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		for len([]rune(w)) > max {
			if line != "" {
				lines = append(lines, pad+line)
				line = ""
			}
			rs := []rune(w)
			lines = append(lines, pad+string(rs[:max]))
			w = string(rs[max:])
		}
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= max:
			line += " " + w
		default:
			lines = append(lines, pad+line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, pad+line)
	}
	return lines
}

func writeText(w io.Writer, r *Report) error {
	var b strings.Builder
	p := func(indent int, s string) {
		for _, l := range wrap(s, indent, 80) {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	// hang wraps with a hanging indent: continuation lines sit under the text.
	hang := func(first, rest int, s string) {
		for i, l := range wrap(s, max(first, rest), 80) {
			l = strings.TrimLeft(l, " ")
			if i == 0 {
				l = strings.Repeat(" ", first) + l
			} else {
				l = strings.Repeat(" ", rest) + l
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	p(0, "seam check "+clean(r.Mapping))
	p(0, fmt.Sprintf("rows: read %d, written %d, rejected %d", r.Rows.Read, r.Rows.Written, r.Rows.Rejected))
	cov := fmt.Sprintf("coverage: %d of %d target fields mapped", r.Coverage.Mapped, r.Coverage.TargetFields)
	if n := len(r.Coverage.Ignored); n > 0 {
		cov += fmt.Sprintf(", %d unmapped on purpose (%s)", n, clean(strings.Join(r.Coverage.Ignored, ", ")))
	}
	if len(r.Coverage.RequiredUnmapped) > 0 {
		cov += "; required unmapped: " + clean(strings.Join(r.Coverage.RequiredUnmapped, ", "))
	}
	p(0, cov)
	for _, l := range coverageLines(r.RunCoverage) {
		if rest, ok := strings.CutPrefix(l, "  "); ok {
			hang(2, 4, clean(rest))
		} else {
			hang(0, 4, clean(l))
		}
	}
	if len(r.Inactive) > 0 {
		p(0, inactiveLine(r, clean))
	}
	p(0, "findings: "+summary(r))
	for _, g := range groupFindings(r) {
		b.WriteByte('\n')
		p(0, fmt.Sprintf("%s (%d)", g.title, g.n))
		for _, k := range g.kinds {
			hang(2, 4, fmt.Sprintf("%s (%d): %s", k.kind, len(k.findings), k.kind.Doc()))
			for _, f := range k.findings {
				var head string
				switch {
				case f.Target == "":
					head = "- " + clean(shortList(f.Source, 4))
				case len(f.Source) > 0:
					head = "- " + clean(f.Target) + " <- " + clean(shortList(f.Source, 4))
				default:
					head = "- " + clean(f.Target)
				}
				if f.Detector != "" {
					head += " [" + f.Detector + "]"
				}
				if f.Count > 0 {
					head += " " + plural(f.Count, "row", "rows")
				}
				hang(4, 6, head)
				p(6, clean(f.Message))
				for _, y := range f.Why {
					hang(6, 8, "why: "+clean(y))
				}
				for _, e := range f.Examples {
					hang(6, 8, exampleLine(e))
				}
				if f.Acknowledged != nil {
					a := "acknowledged"
					if f.Acknowledged.By != "" {
						a += " by " + f.Acknowledged.By
					}
					if f.Acknowledged.Why != "" {
						a += ": " + f.Acknowledged.Why
					}
					p(6, clean(a))
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// inactiveLine says how many rules are suggested and not run.
func inactiveLine(r *Report, esc func(string) string) string {
	return fmt.Sprintf("inactive rules: %s suggested, not yet accepted (seam accept): %s",
		plural(int64(len(r.Inactive)), "rule", "rules"), esc(shortList(r.Inactive, 8)))
}

// shortList joins at most n names, then says how many more there are.
func shortList(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(" (+%d more)", len(xs)-n)
}

// mdCell makes data literal text in Markdown, also in a table cell
// (textsafe.Markdown): no link, image or markup can start in it.
func mdCell(s string) string { return textsafe.Markdown(s) }

func writeMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	e, _, _, _ := r.Counts()
	status := "passed"
	if e > 0 {
		status = "failed"
	}
	fmt.Fprintf(&b, "### seam check: %s %s\n\n", mdCell(r.Mapping), status)
	fmt.Fprintf(&b, "**%s** · rows read %d, written %d, rejected %d · %d of %d target fields mapped\n\n",
		summary(r), r.Rows.Read, r.Rows.Written, r.Rows.Rejected, r.Coverage.Mapped, r.Coverage.TargetFields)
	if len(r.Coverage.RequiredUnmapped) > 0 {
		fmt.Fprintf(&b, "Required target fields with no rule: %s\n\n", mdCell(strings.Join(r.Coverage.RequiredUnmapped, ", ")))
	}
	if len(r.Coverage.Ignored) > 0 {
		fmt.Fprintf(&b, "Target fields unmapped on purpose (ignore_target): %s\n\n", mdCell(strings.Join(r.Coverage.Ignored, ", ")))
	}
	coverageMarkdown(&b, r.RunCoverage)
	if len(r.Inactive) > 0 {
		b.WriteString(strings.Replace(inactiveLine(r, mdCell), "inactive rules:", "Inactive rules:", 1) + "\n\n")
	}
	if len(r.Findings) == 0 {
		b.WriteString("No findings.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("| Severity | Kind | Target | Source | Rows | Message |\n")
	b.WriteString("|---|---|---|---|--:|---|\n")
	for _, g := range groupFindings(r) {
		for _, k := range g.kinds {
			for _, f := range k.findings {
				sev := f.Severity.String()
				if f.Acknowledged != nil {
					sev += " (ack)"
				}
				msg := f.Message
				if len(f.Why) > 0 {
					msg += " (" + strings.Join(f.Why, "; ") + ")"
				}
				rows := ""
				if f.Count > 0 {
					rows = strconv.FormatInt(f.Count, 10)
				}
				fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s | %s |\n", sev, f.Kind, mdCell(f.Target), mdCell(strings.Join(f.Source, ", ")), rows, mdCell(msg))
			}
		}
	}
	var ex strings.Builder
	for _, f := range r.Findings {
		for _, e := range f.Examples {
			fmt.Fprintf(&ex, "- `%s` %s: %s\n", f.Kind, mdCell(f.Target), mdCell(exampleLine(e)))
		}
	}
	if ex.Len() > 0 {
		b.WriteString("\n<details><summary>Example rows</summary>\n\n")
		b.WriteString(ex.String())
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
