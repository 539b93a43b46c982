package export

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// planDoc is the data contract of a mapping with several targets, arrays
// or joins: the targets with their iteration, parent and the joins their
// rules read, the joins, then a section per target.
type planDoc struct {
	Name, Source string
	Targets      []planTargetDoc
	Joins        []joinDoc
	Shared       *docModel // lookups, ignored sources, acknowledged findings
}

type planTargetDoc struct {
	Name, Schema, Each, Parent, Reads string
	Doc                               *docModel
}

type joinDoc struct {
	Name, Schema, Data, On, OnMiss, OnDuplicate string
}

func buildPlanDoc(m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema) *planDoc {
	pd := &planDoc{Name: m.Name, Source: m.Source.Schema, Shared: buildDoc(m, src, nil, nil)}
	for _, j := range m.Joins {
		var on []string
		for _, k := range j.On {
			on = append(on, k.Left+" = "+j.Name+"."+k.Right)
		}
		jd := joinDoc{Name: j.Name, Schema: j.Schema, Data: j.Data, On: strings.Join(on, " and "), OnMiss: j.OnMiss, OnDuplicate: j.OnDuplicate}
		if jd.OnMiss == "" {
			jd.OnMiss = mapping.JoinMissReject + " (lookup_miss)"
		}
		if jd.OnDuplicate == "" {
			jd.OnDuplicate = "error"
		}
		pd.Joins = append(pd.Joins, jd)
	}
	for i, v := range m.Targets() {
		var dst *schema.Schema
		if i < len(dsts) {
			dst = dsts[i]
		}
		td := planTargetDoc{Name: v.OutName(), Schema: v.Target.Schema, Each: v.Each, Parent: v.Parent, Doc: buildDoc(v, src, dst, nil)}
		if td.Each == "" {
			td.Each = "one row per record"
		} else {
			td.Each = "one row per element of " + td.Each + " ($line: its 1-based number)"
		}
		var reads []string
		for _, j := range m.Joins {
			for _, r := range v.Rules {
				if r.Active() && ruleReads(r, j.Name) {
					reads = append(reads, j.Name)
					break
				}
			}
		}
		td.Reads = strings.Join(reads, ", ")
		pd.Targets = append(pd.Targets, td)
	}
	return pd
}

// PlanMarkdown writes the data contract of a mapping with several
// targets, arrays (each:) or joins as Markdown: the targets (iteration,
// parent, joins read), the joins (on, on_miss, on_duplicate), then per
// target its lineage, rules and unmapped fields, then the lookups,
// ignored sources and acknowledged findings. dsts are the targets'
// schemas in m.Targets order.
func PlanMarkdown(w io.Writer, m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, _ map[string]*schema.Schema) error {
	pd := buildPlanDoc(m, src, dsts)
	var b strings.Builder
	fmt.Fprintf(&b, "# Mapping %s\n\n- Source: %s\n- Targets: %d, written in this order (parents first)\n\n", mdCell(pd.Name), mdCode(pd.Source), len(pd.Targets))
	b.WriteString("## Targets\n\n| target | schema | rows | parent | joins read |\n|---|---|---|---|---|\n")
	for _, t := range pd.Targets {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdCode(t.Name), mdCode(t.Schema), mdCell(t.Each), mdCell(t.Parent), mdCell(t.Reads))
	}
	if len(pd.Joins) > 0 {
		b.WriteString("\n## Joins\n\n| join | schema | data | on | on miss | on duplicate key |\n|---|---|---|---|---|---|\n")
		for _, j := range pd.Joins {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mdCode(j.Name), mdCode(j.Schema), mdCode(j.Data), mdCode(j.On), mdCell(j.OnMiss), mdCell(j.OnDuplicate))
		}
	}
	for _, t := range pd.Targets {
		fmt.Fprintf(&b, "\n## Target %s\n\n- Schema: %s\n- Rows: %s\n", mdCell(t.Name), mdCode(t.Schema), mdCell(t.Each))
		if t.Parent != "" {
			fmt.Fprintf(&b, "- Parent: %s (a row whose parent row is rejected is rejected: parent_rejected)\n", mdCode(t.Parent))
		}
		if t.Reads != "" {
			fmt.Fprintf(&b, "- Joins read: %s\n", mdCell(t.Reads))
		}
		b.WriteString("\n")
		t.Doc.mdRules(&b, "###")
		t.Doc.mdUnmapped(&b, "###")
	}
	pd.Shared.mdLookups(&b)
	pd.Shared.mdTail(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

var planHTMLTmpl = template.Must(template.Must(htmlTmpl.Clone()).New("plan").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mapping {{.Name}}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#305496;color:#fff}
code{background:#f3f3f3;padding:0 3px;white-space:pre-wrap}.req{font-weight:bold}</style></head><body>
<h1>Mapping {{.Name}}</h1>
<ul><li>Source: <code>{{.Source}}</code></li><li>Targets: {{len .Targets}}, written in this order (parents first)</li></ul>
<h2>Targets</h2>
<table><tr><th>target</th><th>schema</th><th>rows</th><th>parent</th><th>joins read</th></tr>
{{range .Targets}}<tr><td><code>{{.Name}}</code></td><td><code>{{.Schema}}</code></td><td>{{.Each}}</td><td>{{.Parent}}</td><td>{{.Reads}}</td></tr>
{{end}}</table>
{{if .Joins}}<h2>Joins</h2>
<table><tr><th>join</th><th>schema</th><th>data</th><th>on</th><th>on miss</th><th>on duplicate key</th></tr>
{{range .Joins}}<tr><td><code>{{.Name}}</code></td><td><code>{{.Schema}}</code></td><td><code>{{.Data}}</code></td><td><code>{{.On}}</code></td><td>{{.OnMiss}}</td><td>{{.OnDuplicate}}</td></tr>
{{end}}</table>{{end}}
{{range .Targets}}<h2>Target {{.Name}}</h2>
<ul><li>Schema: <code>{{.Schema}}</code></li><li>Rows: {{.Each}}</li>{{if .Parent}}<li>Parent: <code>{{.Parent}}</code> (a row whose parent row is rejected is rejected: parent_rejected)</li>{{end}}{{if .Reads}}<li>Joins read: {{.Reads}}</li>{{end}}</ul>
<h3>Lineage</h3>
<table><tr><th>target</th><th>type</th><th>required</th><th>&larr; sources</th><th>via</th><th>on error</th></tr>
{{range .Doc.Lineage}}<tr><td><code>{{.Target}}</code></td><td>{{.Type}}</td><td>{{yesno .Required}}</td><td>{{.Sources}}</td><td>{{if .Via}}<code>{{.Via}}</code>{{else}}checked cast{{end}}</td><td>{{.OnError}}</td></tr>
{{end}}</table>
<h3>Rules</h3>
{{template "rules" .Doc.Rules}}
{{if .Doc.Inactive}}<h4>Not active (suggested or rejected)</h4>
{{template "rules" .Doc.Inactive}}{{end}}
<h3>Unmapped target fields</h3>
{{if .Doc.Unmapped}}<table><tr><th>field</th><th>type</th><th>required</th><th>constraints</th></tr>
{{range .Doc.Unmapped}}<tr><td><code>{{.Path}}</code></td><td>{{.Type}}</td><td{{if .Required}} class="req"{{end}}>{{yesno .Required}}</td><td>{{.Constraints}}</td></tr>
{{end}}</table>{{else}}<p>None.</p>{{end}}
<h3>Target fields unmapped on purpose (ignore_target)</h3>
{{if .Doc.IgnoredTargets}}<ul>{{range .Doc.IgnoredTargets}}<li><code>{{.}}</code></li>{{end}}</ul>{{else}}<p>None.</p>{{end}}
{{end}}
{{with .Shared}}{{if .Lookups}}<h2>Lookups</h2>
{{range .Lookups}}<h3>{{.Name}}</h3>{{if .File}}<p>From file <code>{{.File}}</code>.</p>{{end}}{{if .Default}}<p>Default for a missing key: <code>{{.Default}}</code></p>{{end}}
<table><tr><th>key</th><th>value</th></tr>{{range .Entries}}<tr><td><code>{{.Key}}</code></td><td><code>{{.Value}}</code></td></tr>{{end}}</table>
{{end}}{{end}}
<h2>Source fields read by no rule on purpose (ignore_source)</h2>
{{if .Ignored}}<ul>{{range .Ignored}}<li><code>{{.}}</code></li>{{end}}</ul>{{else}}<p>None.</p>{{end}}
<h2>Acknowledged findings</h2>
{{if .Acked}}<table><tr><th>kind</th><th>target</th><th>by</th><th>why</th></tr>
{{range .Acked}}<tr><td>{{.Kind}}</td><td><code>{{.Target}}</code></td><td>{{.By}}</td><td>{{.Why}}</td></tr>
{{end}}</table>{{else}}<p>None.</p>{{end}}{{end}}
</body></html>
`))

// PlanHTML writes the same contract as PlanMarkdown as one escaped HTML
// page.
func PlanHTML(w io.Writer, m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, _ map[string]*schema.Schema) error {
	return planHTMLTmpl.ExecuteTemplate(w, "plan", buildPlanDoc(m, src, dsts))
}
