package mapper

import (
	"fmt"
	"github.com/seamhq/seam/mapping/textsafe"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/tui/keys"
	"github.com/seamhq/seam/tui/theme"
	"github.com/seamhq/seam/tui/widgets"
)

// listTop is the screen line of the first list row (coverage line, border).
const listTop = 2

func (m *Model) detailHeight() int {
	d := m.h/3 + 1
	if d < 7 {
		d = 7
	}
	return d
}

func (m *Model) paneHeight() int { return m.h - 1 - m.detailHeight() }

// listHeight is the number of rows each column shows.
func (m *Model) listHeight() int {
	h := m.paneHeight() - 2
	if h < 1 {
		h = 1
	}
	return h
}

func (m *Model) widths() (int, int, int) {
	sw := m.w * 3 / 10
	tw := m.w * 3 / 10
	return sw, m.w - sw - tw, tw
}

func (m *Model) paneAt(x int) int {
	sw, rw, _ := m.widths()
	switch {
	case x < sw:
		return paneSource
	case x < sw+rw:
		return paneRules
	}
	return paneTarget
}

// View implements common.Screen.
func (m *Model) View() string {
	if m.w < 30 || m.h < 10 {
		return "window too small"
	}
	top := m.coverageLine()
	if m.lookup != nil {
		return top + "\n" + widgets.Pane("Lookup tables", m.lookupView(m.w-2, m.h-3), m.w, m.h-1, true)
	}
	sw, rw, tw := m.widths()
	ph := m.paneHeight()
	src := widgets.Pane(fitTitle(m.columnTitle(m.scopeTitle(), &m.src), sw), m.sourceView(), sw, ph, m.focus == paneSource)
	rulesTitle := fmt.Sprintf("Rules %d · A≥%.2f", len(m.rules()), m.Threshold)
	switch {
	case m.ruleList.Filtering():
		rulesTitle = m.ruleList.FilterView()
	case m.ruleList.FilterText() != "":
		rulesTitle = fmt.Sprintf("Rules /%s %d/%d", m.ruleList.FilterText(), m.ruleList.Len(), len(m.rules()))
	}
	rules := widgets.Pane(fitTitle(rulesTitle, rw), m.rulesView(rw-2), rw, ph, m.focus == paneRules)
	dstTitle := "Target"
	if m.s.Multi() {
		dstTitle = fmt.Sprintf("Targets %d/%d", m.s.ActiveTarget()+1, m.s.TargetCount())
	}
	dst := widgets.Pane(fitTitle(m.columnTitle(dstTitle, &m.dst), tw), m.targetView(tw-2), tw, ph, m.focus == paneTarget)
	cols := lipgloss.JoinHorizontal(lipgloss.Top, src, rules, dst)
	title, body := m.detailView(m.w - 2)
	if m.edit == nil {
		body = ansi.Wrap(body, m.w-2, " ")
	}
	det := widgets.Pane(title, body, m.w, m.detailHeight(), m.edit != nil)
	return top + "\n" + cols + "\n" + det
}

// fitTitle cuts a pane title to fit a pane width cells wide (a title
// that does not fit is not drawn at all).
func fitTitle(t string, width int) string {
	if w := width - 5; lipgloss.Width(t) > w && w > 0 {
		return widgets.Cell(t, w)
	}
	return t
}

func (m *Model) columnTitle(name string, l *widgets.List[*schema.Field]) string {
	all := len(l.Items())
	switch {
	case l.Filtering():
		return l.FilterView()
	case l.FilterText() != "":
		return fmt.Sprintf("%s /%s %d/%d", name, l.FilterText(), l.Len(), all)
	}
	return fmt.Sprintf("%s %d", name, all)
}

func (m *Model) coverageLine() string {
	c := m.Coverage()
	half := m.w / 2
	st := theme.OK
	if c.RequiredMapped < c.Required {
		st = theme.Error
	}
	left := widgets.Bar("required", c.RequiredMapped, c.Required, half-1, st)
	right := widgets.Bar("accepted", c.Accepted, c.Rules, m.w-half, theme.OK)
	return widgets.Cell(left+" "+right, m.w)
}

// typeForms returns a field's type from the longest form to the
// shortest: "string(300)", "str(300)", "str".
func typeForms(f *schema.Field) []string {
	full := f.TypeString()
	base, param, _ := strings.Cut(full, "(")
	short := base
	if s, ok := shortTypeNames[base]; ok {
		short = s
	}
	forms := []string{full}
	if param != "" && f.Type != schema.Enum {
		forms = append(forms, short+"("+param)
	}
	return append(forms, short)
}

// shortTypeNames are the abbreviations a narrow column uses.
var shortTypeNames = map[string]string{
	"string": "str", "integer": "int", "decimal": "dec", "boolean": "bool",
	"timestamptz": "tstz", "timestamp": "ts", "datetime": "dt", "number": "num",
	"object": "obj", "array": "arr", "binary": "bin",
}

func (m *Model) sourceView() string {
	links := m.sourceLinks()
	ignored := map[string]bool{}
	for _, p := range m.s.Mapping.IgnoreSource {
		ignored[p] = true
	}
	sw, _, _ := m.widths()
	return m.src.View(func(f *schema.Field) string {
		mark, ok := linkMark(f.Path == m.pendingSrc, links[f.Path], theme.Suggest)
		switch {
		case ok:
		case ignored[f.Path]:
			mark = theme.Dim.Render(" - ")
		}
		return mark + fieldLine(f, sw-2-3)
	})
}

// linkMark is the marker before a field that is the chosen end of a link
// (pending), linked by an active rule, or suggested (in the style given);
// ok is false for none of these, with a blank marker.
func linkMark(pending bool, state int, suggested lipgloss.Style) (mark string, ok bool) {
	switch {
	case pending:
		return theme.Note.Render(" ▶ "), true
	case state == linkActive:
		return theme.OK.Render(" ● "), true
	case state == linkSuggested:
		return suggested.Render(" ○ "), true
	}
	return "   ", false
}

// fieldLine draws a field's name and type in width cells. The name gets
// the width first: the type shortens ("string(300)", "str(300)", "str")
// before the name is cut, and a name is cut only to leave the type its
// shortest form (at most 4 cells). The detail pane shows both in full.
func fieldLine(f *schema.Field, width int) string {
	name := textsafe.Terminal(f.Path)
	if f.Required {
		name += "*"
	}
	nw := lipgloss.Width(name)
	forms := typeForms(f)
	t := forms[len(forms)-1]
	for _, form := range forms {
		if nw+1+lipgloss.Width(form) <= width {
			t = form
			break
		}
	}
	tw := lipgloss.Width(t)
	if nw+1+tw > width {
		tw = min(tw, 4)
		nw = max(width-1-tw, 1)
		tw = max(width-1-nw, 0)
	} else {
		nw = width - 1 - tw
	}
	return widgets.Cell(name, nw) + " " + theme.Dim.Render(widgets.Cell(t, tw))
}

func (m *Model) targetView(width int) string {
	links := m.targetLinks()
	tm := m.marks()
	return m.dst.View(func(f *schema.Field) string {
		if ti, ok := m.header(f); ok {
			return m.headerLine(ti, width)
		}
		suggested := theme.Suggest
		if tm.required[f.Path] {
			suggested = theme.Error
		}
		mark, ok := linkMark(f.Path == m.pendingDst, links[f.Path], suggested)
		switch {
		case ok:
		case tm.ignored[f.Path]:
			mark = theme.Dim.Render(" - ")
		case tm.unmapped[f.Path]:
			mark = theme.Error.Render(" ! ")
		case f.Generated || f.ReadOnly:
			mark = theme.Dim.Render(" = ")
		}
		line := fieldLine(f, width-3)
		switch {
		case tm.unmapped[f.Path]:
			line = theme.Error.Render(line)
		case tm.ignored[f.Path]:
			line = theme.Dim.Render(line)
		}
		return mark + line
	})
}

func statusIcon(r *mapping.Rule) string {
	switch r.Status {
	case mapping.StatusSuggested:
		return theme.Suggest.Render("?")
	case mapping.StatusRejected:
		return theme.Dim.Render("✗")
	}
	return theme.OK.Render("✓")
}

func (m *Model) rulesView(width int) string {
	return m.ruleList.View(func(r *mapping.Rule) string {
		tail := ""
		if r.Status == mapping.StatusSuggested {
			tail = " " + fmtConf(r.Confidence)
		}
		switch m.worst(r) {
		case diag.Error:
			tail += " " + theme.Error.Render("!")
		case diag.Warn:
			tail += " " + theme.Warning.Render("~")
		default: // info, or nothing: no mark
		}
		if r.Expr != "" {
			tail = " ƒ" + tail
		}
		if mk := m.ruleMarks(r); mk != "" {
			tail = " " + theme.Note.Render(mk) + tail
		}
		if mk := m.coverageMark(r); mk != "" {
			tail = " " + theme.Warning.Render(mk) + tail
		}
		body := textsafe.Terminal(r.Target + " ← " + joinFrom(r))
		bw := width - 3 - lipgloss.Width(tail)
		text := widgets.Cell(body, bw)
		if r.Status == mapping.StatusSuggested {
			text = theme.Suggest.Render(text)
		} else if r.Status == mapping.StatusRejected {
			text = theme.Dim.Render(text)
		}
		return " " + statusIcon(r) + " " + text + tail
	})
}

// detailView shows the selected rule or field, or the expression editor.
func (m *Model) detailView(width int) (string, string) {
	if m.edit != nil {
		return "Edit " + m.edit.rule, m.editView(width)
	}
	switch m.focus {
	case paneSource:
		if f, ok := m.src.Selected(); ok {
			return "Source field", fieldDetail(f, m.fieldFindings(f.Path, true))
		}
	case paneTarget:
		if f, ok := m.dst.Selected(); ok {
			d := fieldDetail(f, m.fieldFindings(f.Path, false))
			if m.marks().ignored[f.Path] {
				d += "\n" + theme.Dim.Render("unmapped on purpose (ignore_target): "+keys.Hint(keys.Mapper.Ignore))
			}
			return "Target field", d
		}
	}
	r := m.SelectedRule()
	if r == nil {
		return "Rule", theme.Dim.Render(keys.Name(keys.Mapper.Link) + " on a source field, then on a target field, to link them")
	}
	return "Rule " + r.Name(), m.ruleDetail(r)
}

func (m *Model) fieldFindings(path string, source bool) []check.Finding {
	var out []check.Finding
	for _, f := range m.findings {
		if (!source && f.Target == path) || (source && contains(f.Source, path)) {
			out = append(out, f)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func fieldDetail(f *schema.Field, fs []check.Finding) string {
	var b strings.Builder
	b.WriteString(theme.Bold.Render(textsafe.Terminal(f.Path)) + "  " + theme.Note.Render(f.TypeString()))
	if c := f.Constraints(); c != "" {
		b.WriteString("  " + theme.Dim.Render(textsafe.Terminal(c)))
	}
	if f.Description != "" {
		b.WriteString("\n" + textsafe.Terminal(f.Description))
	}
	if !f.Origin.IsZero() {
		b.WriteString("\n" + theme.Dim.Render(textsafe.Terminal(f.Origin.String())))
	}
	for _, fd := range fs {
		b.WriteString("\n" + findingLine(fd))
	}
	return b.String()
}

func findingLine(f check.Finding) string {
	return theme.Severity(f.Severity.String()).Render(f.Severity.String()+" "+string(f.Kind)) + ": " + textsafe.Terminal(f.Message)
}

func (m *Model) ruleDetail(r *mapping.Rule) string {
	var b strings.Builder
	status := r.Status
	if status == "" {
		status = "active"
	}
	b.WriteString(theme.Bold.Render(textsafe.Terminal(r.Target+" ← "+joinFrom(r))) + " · " + status)
	if r.Confidence > 0 {
		b.WriteString(" " + fmtConf(r.Confidence))
	}
	if r.Expr != "" {
		b.WriteString("\nexpr: " + theme.Note.Render(textsafe.Terminal(r.Expr)))
	} else {
		b.WriteString("\nexpr: " + theme.Dim.Render("(none: checked cast)"))
	}
	if r.OnError != "" {
		b.WriteString("  on_error: " + r.OnError)
	}
	if sc := m.ruleScope(r); sc != "" {
		b.WriteString("\n" + theme.Note.Render(sc))
	}
	if len(r.Why) > 0 {
		b.WriteString("\nwhy: " + theme.Dim.Render(textsafe.Terminal(strings.Join(r.Why, "; "))))
	}
	if cl := m.ruleCoverageLine(r); cl != "" {
		b.WriteString("\n" + cl)
	}
	ds, fs := m.diagsFor(r)
	for _, d := range ds {
		b.WriteString("\n" + theme.Severity(d.Severity.String()).Render(d.Severity.String()) + ": " + d.Summary)
		if d.Detail != "" {
			b.WriteString(": " + d.Detail)
		}
	}
	for _, f := range fs {
		b.WriteString("\n" + findingLine(f))
	}
	if len(ds) == 0 && len(fs) == 0 && m.analysisVer == m.s.Version {
		b.WriteString("\n" + theme.OK.Render("no problems found"))
	}
	if r.Status == mapping.StatusSuggested {
		b.WriteString("\n" + theme.Dim.Render(keys.Hints(keys.Mapper.Accept, keys.Mapper.Reject, keys.Mapper.Edit)))
	}
	return b.String()
}

// underline marks a diagnostic's range in the expression: ^ under its
// first character and ~ under the rest, when it ends on the same line.
func underline(d diag.Diagnostic) string {
	if n := d.End.Col - d.Pos.Col; d.End.Line == d.Pos.Line && n > 1 {
		return "^" + strings.Repeat("~", n-1)
	}
	return "^"
}

func (m *Model) editView(width int) string {
	e := m.edit
	var b strings.Builder
	b.WriteString(e.input.View())
	// Diagnostics with a caret under the column they point at.
	caretDone := false
	for _, d := range e.preview.Diags {
		col := d.Pos.Col
		// The input scrolls sideways once the expression is wider than it;
		// a caret would then point at the wrong character, so the column is
		// named instead.
		scrolled := e.input.Width > 0 && len([]rune(e.input.Value())) >= e.input.Width
		if d.Pos.File == "" && d.Pos.Line <= 1 && col > 0 && !caretDone && !scrolled {
			pad := lipgloss.Width(e.input.Prompt) + col - 1
			if pad < width {
				b.WriteString("\n" + strings.Repeat(" ", pad) + theme.Error.Render(underline(d)+" "+d.Summary))
				caretDone = true
				continue
			}
		}
		where := ""
		if col > 0 && d.Pos.Line <= 1 {
			where = fmt.Sprintf(" at column %d", col)
		}
		b.WriteString("\n" + theme.Severity(d.Severity.String()).Render(d.Severity.String()+where+": "+d.Summary))
	}
	if len(e.matches) > 0 {
		b.WriteString("\n" + theme.Dim.Render("complete: "+strings.Join(e.matches, " ")))
	} else if f := m.funcAtCursor(); f != nil {
		b.WriteString("\n" + theme.Dim.Render(f.Signature+" — "+f.Doc))
	}
	p := e.preview
	switch {
	case e.shown == 0:
		b.WriteString("\n" + theme.Dim.Render("compiling …"))
	case p.Diags.HasErrors():
	case len(p.Rows) == 0:
		b.WriteString("\n" + theme.Dim.Render("compiles"+typeSuffix(p.Type)+"; generate data ("+keys.Name(keys.Global.Screen3)+") to preview rows"))
	default:
		b.WriteString("\n" + theme.Dim.Render("preview"+typeSuffix(p.Type)+":"))
		for i, r := range p.Rows {
			var in []string
			for _, nv := range r.In {
				in = append(in, nv.Name+"="+textsafe.Terminal(check.Render(nv.Value)))
			}
			out := textsafe.Terminal(check.Render(r.Out))
			if r.Err != "" {
				out = theme.Error.Render("✗ " + textsafe.Terminal(r.Err) + describeKind(r.Kind))
			}
			if i < len(e.labels) && e.labels[i] != "" {
				out += " " + theme.Suggest.Render("⚑ "+e.labels[i])
			}
			b.WriteString("\n " + widgets.Cell(strings.Join(in, " "), width/2-2) + " → " + out)
		}
	}
	return b.String()
}

func typeSuffix(t string) string {
	if t == "" {
		return ""
	}
	return " (" + t + ")"
}
