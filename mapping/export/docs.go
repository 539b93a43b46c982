package export

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/textsafe"
)

// docModel is what Markdown and HTML render: the data contract of a
// mapping for reviewers.
type docModel struct {
	Name, Source, Target, SourceFP, TargetFP string
	Lineage                                  []lineageRow
	Rules                                    []ruleDoc
	Inactive                                 []ruleDoc
	Lookups                                  []*mapping.Lookup
	Unmapped                                 []fieldDoc
	Ignored                                  []string
	// IgnoredTargets are the target's fields unmapped on purpose
	// (ignore_target: the mapping's and the target's own), as written.
	IgnoredTargets []string
	Acked          []*mapping.Ack
	Findings       []FindingRow
	HasFindings    bool
}

type lineageRow struct {
	Target, Type, Sources, Via, OnError string
	Required                            bool
}

type ruleDoc struct {
	Name, Target, From, Expr, Status, OnError, Confidence, Notes string
	Why                                                          []string
}

type fieldDoc struct {
	Path, Type, Constraints string
	Required                bool
}

func buildDoc(m *mapping.Mapping, src, dst *schema.Schema, findings []FindingRow) *docModel {
	d := &docModel{Name: m.Name, Source: m.Source.Schema, Target: m.Target.Schema, SourceFP: m.Source.Fingerprint, TargetFP: m.Target.Fingerprint,
		Lookups: m.Lookups, Ignored: m.IgnoreSource, IgnoredTargets: m.IgnoredTargets(), Acked: m.Acknowledged, Findings: findings, HasFindings: findings != nil}
	for _, r := range m.Rules {
		rd := ruleDoc{Name: r.Name(), Target: r.Target, From: strings.Join(r.From, ", "), Expr: r.Expr, Status: r.Status,
			OnError: r.OnError, Notes: r.Notes, Why: r.Why}
		if rd.Status == "" {
			rd.Status = "active"
		}
		if rd.OnError == "" {
			rd.OnError = "reject"
		}
		if r.Confidence != 0 {
			rd.Confidence = fmt.Sprintf("%.2f", r.Confidence)
		}
		if !r.Active() {
			d.Inactive = append(d.Inactive, rd)
			continue
		}
		d.Rules = append(d.Rules, rd)
		lr := lineageRow{Target: r.Target, Sources: strings.Join(r.From, ", "), Via: r.Expr, OnError: rd.OnError}

		if dst != nil {
			if f := dst.Lookup(r.Target); f != nil {
				lr.Type, lr.Required = f.TypeString(), f.Required
			}
		}
		d.Lineage = append(d.Lineage, lr)
	}
	if dst != nil {
		for _, f := range dst.Leaves() {
			if m.RuleFor(f.Path) == nil && !within(d.IgnoredTargets, f.Path) {
				d.Unmapped = append(d.Unmapped, fieldDoc{Path: f.Path, Type: f.TypeString(), Constraints: f.Constraints(), Required: f.Required})
			}
		}
	}
	return d
}

// via renders a rule's expression, or "checked cast" when it has none.
func via(expr string, code func(string) string) string {
	if expr == "" {
		return "checked cast"
	}
	return code(expr)
}

// mdCell makes data literal text in a Markdown table cell
// (textsafe.Markdown, seam's one Markdown escaping): no link, image or
// markup can start in it. Line breaks (in notes and descriptions) become
// <br>.
func mdCell(s string) string {
	lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s), "\n")
	for i, l := range lines {
		lines[i] = textsafe.Markdown(l)
	}
	return strings.Join(lines, "<br>")
}

// mdCode renders s as inline code (textsafe.MarkdownCode).
func mdCode(s string) string { return textsafe.MarkdownCode(s) }

// Markdown writes the mapping's data contract as Markdown: lineage per
// target field (target <- sources via expr), the rules, the lookups,
// unmapped targets, ignored sources, acknowledged findings and, when
// findings is not nil, the findings.
func Markdown(w io.Writer, m *mapping.Mapping, src, dst *schema.Schema, findings []FindingRow) error {
	d := buildDoc(m, src, dst, findings)
	var b strings.Builder
	fmt.Fprintf(&b, "# Mapping %s\n\n", mdCell(d.Name))
	fmt.Fprintf(&b, "- Source: %s", mdCode(d.Source))
	if d.SourceFP != "" {
		fmt.Fprintf(&b, " (%s)", mdCode(d.SourceFP))
	}
	fmt.Fprintf(&b, "\n- Target: %s", mdCode(d.Target))
	if d.TargetFP != "" {
		fmt.Fprintf(&b, " (%s)", mdCode(d.TargetFP))
	}
	fmt.Fprintf(&b, "\n- Rules: %d active, %d not active; unmapped target fields: %d\n\n", len(d.Rules), len(d.Inactive), len(d.Unmapped))

	d.mdRules(&b, "##")
	d.mdLookups(&b)
	d.mdUnmapped(&b, "##")
	d.mdTail(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// mdRules writes the lineage and the rules under headings of level h ("##").
func (d *docModel) mdRules(b *strings.Builder, h string) {
	b.WriteString(h + " Lineage\n\n| target | type | required | ← sources | via | on error |\n|---|---|---|---|---|---|\n")
	for _, l := range d.Lineage {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", mdCode(l.Target), mdCell(l.Type), yesNo(l.Required), mdCell(l.Sources), via(l.Via, mdCode), mdCell(l.OnError))
	}
	b.WriteString("\n" + h + " Rules\n\n")
	writeRules := func(rs []ruleDoc) {
		b.WriteString("| rule | target | from | expr | status | confidence | on error | why | notes |\n|---|---|---|---|---|---|---|---|---|\n")
		for _, r := range rs {
			why := make([]string, len(r.Why))
			for i, w := range r.Why {
				why[i] = mdCell(w)
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", mdCell(r.Name), mdCode(r.Target), mdCell(r.From), mdCode(r.Expr),
				mdCell(r.Status), r.Confidence, mdCell(r.OnError), strings.Join(why, "<br>"), mdCell(r.Notes))
		}
	}
	writeRules(d.Rules)
	if len(d.Inactive) > 0 {
		b.WriteString("\n" + h + "# Not active (suggested or rejected)\n\n")
		writeRules(d.Inactive)
	}
}

// mdLookups writes the lookups.
func (d *docModel) mdLookups(b *strings.Builder) {
	if len(d.Lookups) > 0 {
		b.WriteString("\n## Lookups\n")
		for _, l := range d.Lookups {
			fmt.Fprintf(b, "\n### %s\n\n", mdCell(l.Name))
			if l.File != "" {
				fmt.Fprintf(b, "From file %s.\n\n", mdCode(l.File))
			}
			if l.Default != nil {
				fmt.Fprintf(b, "Default for a missing key: %s\n\n", mdCode(*l.Default))
			}
			b.WriteString("| key | value |\n|---|---|\n")
			for _, e := range l.Entries {
				fmt.Fprintf(b, "| %s | %s |\n", mdCode(e.Key), mdCode(e.Value))
			}
		}
	}
}

// within reports path in one of the paths or under one of them (an
// object's children, an array's elements).
func within(paths []string, path string) bool {
	for _, p := range paths {
		if path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[]") {
			return true
		}
	}
	return false
}

// mdUnmapped writes the target fields no rule writes, then those left
// unmapped on purpose.
func (d *docModel) mdUnmapped(b *strings.Builder, h string) {
	defer func() {
		b.WriteString("\n" + h + " Target fields unmapped on purpose (ignore_target)\n\n")
		if len(d.IgnoredTargets) == 0 {
			b.WriteString("None.\n")
		}
		for _, f := range d.IgnoredTargets {
			fmt.Fprintf(b, "- %s\n", mdCode(f))
		}
	}()
	b.WriteString("\n" + h + " Unmapped target fields\n\n")
	if len(d.Unmapped) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("| field | type | required | constraints |\n|---|---|---|---|\n")
		for _, f := range d.Unmapped {
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mdCode(f.Path), mdCell(f.Type), yesNo(f.Required), mdCell(f.Constraints))
		}
	}
}

// mdTail writes ignored sources, acknowledged findings and the findings.
func (d *docModel) mdTail(b *strings.Builder) {
	b.WriteString("\n## Source fields read by no rule on purpose (ignore_source)\n\n")
	if len(d.Ignored) == 0 {
		b.WriteString("None.\n")
	}
	for _, f := range d.Ignored {
		fmt.Fprintf(b, "- %s\n", mdCode(f))
	}
	b.WriteString("\n## Acknowledged findings\n\n")
	if len(d.Acked) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("| kind | target | by | why |\n|---|---|---|---|\n")
		for _, a := range d.Acked {
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mdCell(a.Kind), mdCode(a.Target), mdCell(a.By), mdCell(a.Why))
		}
	}
	if d.HasFindings {
		b.WriteString("\n## Findings\n\n")
		if len(d.Findings) == 0 {
			b.WriteString("None.\n")
		} else {
			b.WriteString("| severity | kind | rule | target | sources | rows | message | acknowledged |\n|---|---|---|---|---|---|---|---|\n")
			for _, f := range d.Findings {
				fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %d | %s | %s |\n", mdCell(f.Severity), mdCell(f.Kind), mdCell(f.Rule), mdCode(f.Target),
					mdCell(strings.Join(f.Source, ", ")), f.Count, mdCell(f.Message), yesNo(f.Acknowledged))
			}
		}
	}
}

var htmlTmpl = template.Must(template.New("doc").Funcs(template.FuncMap{"yesno": yesNo, "join": strings.Join}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mapping {{.Name}}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#305496;color:#fff}
code{background:#f3f3f3;padding:0 3px;white-space:pre-wrap}.req{font-weight:bold}</style></head><body>
<h1>Mapping {{.Name}}</h1>
<ul><li>Source: <code>{{.Source}}</code>{{if .SourceFP}} (<code>{{.SourceFP}}</code>){{end}}</li>
<li>Target: <code>{{.Target}}</code>{{if .TargetFP}} (<code>{{.TargetFP}}</code>){{end}}</li>
<li>Rules: {{len .Rules}} active, {{len .Inactive}} not active; unmapped target fields: {{len .Unmapped}}</li></ul>
<h2>Lineage</h2>
<table><tr><th>target</th><th>type</th><th>required</th><th>&larr; sources</th><th>via</th><th>on error</th></tr>
{{range .Lineage}}<tr><td><code>{{.Target}}</code></td><td>{{.Type}}</td><td>{{yesno .Required}}</td><td>{{.Sources}}</td><td>{{if .Via}}<code>{{.Via}}</code>{{else}}checked cast{{end}}</td><td>{{.OnError}}</td></tr>
{{end}}</table>
{{define "rules"}}<table><tr><th>rule</th><th>target</th><th>from</th><th>expr</th><th>status</th><th>confidence</th><th>on error</th><th>why</th><th>notes</th></tr>
{{range .}}<tr><td>{{.Name}}</td><td><code>{{.Target}}</code></td><td>{{.From}}</td><td><code>{{.Expr}}</code></td><td>{{.Status}}</td><td>{{.Confidence}}</td><td>{{.OnError}}</td><td>{{range .Why}}{{.}}<br>{{end}}</td><td>{{.Notes}}</td></tr>
{{end}}</table>{{end}}
<h2>Rules</h2>
{{template "rules" .Rules}}
{{if .Inactive}}<h3>Not active (suggested or rejected)</h3>
{{template "rules" .Inactive}}{{end}}
{{if .Lookups}}<h2>Lookups</h2>
{{range .Lookups}}<h3>{{.Name}}</h3>{{if .File}}<p>From file <code>{{.File}}</code>.</p>{{end}}{{if .Default}}<p>Default for a missing key: <code>{{.Default}}</code></p>{{end}}
<table><tr><th>key</th><th>value</th></tr>{{range .Entries}}<tr><td><code>{{.Key}}</code></td><td><code>{{.Value}}</code></td></tr>{{end}}</table>
{{end}}{{end}}
<h2>Unmapped target fields</h2>
{{if .Unmapped}}<table><tr><th>field</th><th>type</th><th>required</th><th>constraints</th></tr>
{{range .Unmapped}}<tr><td><code>{{.Path}}</code></td><td>{{.Type}}</td><td{{if .Required}} class="req"{{end}}>{{yesno .Required}}</td><td>{{.Constraints}}</td></tr>
{{end}}</table>{{else}}<p>None.</p>{{end}}
<h2>Target fields unmapped on purpose (ignore_target)</h2>
{{if .IgnoredTargets}}<ul>{{range .IgnoredTargets}}<li><code>{{.}}</code></li>{{end}}</ul>{{else}}<p>None.</p>{{end}}
<h2>Source fields read by no rule on purpose (ignore_source)</h2>
{{if .Ignored}}<ul>{{range .Ignored}}<li><code>{{.}}</code></li>{{end}}</ul>{{else}}<p>None.</p>{{end}}
<h2>Acknowledged findings</h2>
{{if .Acked}}<table><tr><th>kind</th><th>target</th><th>by</th><th>why</th></tr>
{{range .Acked}}<tr><td>{{.Kind}}</td><td><code>{{.Target}}</code></td><td>{{.By}}</td><td>{{.Why}}</td></tr>
{{end}}</table>{{else}}<p>None.</p>{{end}}
{{if .HasFindings}}<h2>Findings</h2>
{{if .Findings}}<table><tr><th>severity</th><th>kind</th><th>rule</th><th>target</th><th>sources</th><th>rows</th><th>message</th><th>acknowledged</th></tr>
{{range .Findings}}<tr><td>{{.Severity}}</td><td>{{.Kind}}</td><td>{{.Rule}}</td><td><code>{{.Target}}</code></td><td>{{join .Source ", "}}</td><td>{{.Count}}</td><td>{{.Message}}</td><td>{{yesno .Acknowledged}}</td></tr>
{{end}}</table>{{else}}<p>None.</p>{{end}}{{end}}
</body></html>
`))

// HTML writes the same data contract as Markdown as one self-contained,
// escaped HTML page (html/template).
func HTML(w io.Writer, m *mapping.Mapping, src, dst *schema.Schema, findings []FindingRow) error {
	return htmlTmpl.Execute(w, buildDoc(m, src, dst, findings))
}
