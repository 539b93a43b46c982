package check

import (
	"fmt"
	"io"
	"strings"
)

// DiffDocument is what `seam diff --format json` prints: the schema diff
// and, when a mapping was given, the rules it breaks.
type DiffDocument struct {
	Diff     DiffReport `json:"diff"`
	Findings []Finding  `json:"findings"`
}

var compatDoc = map[string]string{
	Full:     "FULL: readers on either version read data written with the other",
	Backward: "BACKWARD: consumers using NEW can read data written with OLD (upgrade consumers first)",
	Forward:  "FORWARD: consumers using OLD can read data written with NEW (upgrade producers first)",
	None:     "NONE: readers and writers must change together",
}

// WriteDiff renders a diff (and the findings DiffMapping made of it, which
// may be nil) as "text", "json" or "markdown".
func WriteDiff(w io.Writer, d DiffReport, findings []Finding, format string) error {
	switch strings.ToLower(format) {
	case "", "text":
		return writeDiffText(w, d, findings)
	case "json":
		if findings == nil {
			findings = []Finding{}
		}
		b, err := marshalIndent(DiffDocument{Diff: d, Findings: findings})
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case "markdown", "md":
		return writeDiffMarkdown(w, d, findings)
	}
	return fmt.Errorf("unknown diff format %q: want text, json or markdown", format)
}

func changeLine(c Change) string {
	s := c.Kind + " " + c.Path
	switch c.Kind {
	case ChangeRenamed:
		s += " -> " + c.NewPath
	case ChangeRetyped:
		s += ": " + c.Old + " -> " + c.New
	case ChangeAdded:
		s += " (" + c.New + ")"
	case ChangeRemoved:
		s += " (" + c.Old + ")"
	}
	if c.Detail != "" {
		s += "; " + c.Detail
	}
	if len(c.Breaks) > 0 {
		s += " [breaks " + strings.Join(c.Breaks, ", ") + "]"
	}
	return clean(s)
}

func writeDiffText(w io.Writer, d DiffReport, findings []Finding) error {
	var b strings.Builder
	p := func(indent int, s string) {
		for _, l := range wrap(s, indent, 80) {
			b.WriteString(l + "\n")
		}
	}
	p(0, "seam diff "+clean(d.Old)+" -> "+clean(d.New))
	p(0, "compatibility: "+compatDoc[d.Compatibility])
	if len(d.Changes) == 0 {
		p(0, "no changes")
	}
	for _, kind := range []string{ChangeRemoved, ChangeRenamed, ChangeRetyped, ChangeConstraint, ChangeAdded} {
		var cs []Change
		for _, c := range d.Changes {
			if c.Kind == kind {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			continue
		}
		b.WriteByte('\n')
		p(0, fmt.Sprintf("%s (%d)", strings.ToUpper(kind), len(cs)))
		for _, c := range cs {
			p(2, "- "+changeLine(c))
		}
	}
	if len(findings) > 0 {
		b.WriteByte('\n')
		p(0, fmt.Sprintf("RULES AFFECTED (%d)", len(findings)))
		for _, f := range findings {
			p(2, "- "+f.Severity.String()+" "+clean(f.Rule)+": "+clean(f.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeDiffMarkdown(w io.Writer, d DiffReport, findings []Finding) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### seam diff: %s → %s\n\n**Compatibility: %s**. %s\n\n", mdCell(d.Old), mdCell(d.New), d.Compatibility, mdCell(compatDoc[d.Compatibility]))
	if len(d.Changes) == 0 {
		b.WriteString("No changes.\n")
	} else {
		b.WriteString("| Change | Field | Old | New | Breaks | Detail |\n|---|---|---|---|---|---|\n")
		for _, c := range d.Changes {
			field := c.Path
			if c.NewPath != "" {
				field += " → " + c.NewPath
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", c.Kind, mdCell(field), mdCell(c.Old), mdCell(c.New), strings.Join(c.Breaks, ", "), mdCell(c.Detail))
		}
	}
	if len(findings) > 0 {
		b.WriteString("\n| Severity | Rule | Message |\n|---|---|---|\n")
		for _, f := range findings {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", f.Severity, mdCell(f.Rule), mdCell(f.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
