package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/check"
	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/keys"
)

// verdict says what the change means for schema readers (the
// compatibility class, as seam diff names it) and for this mapping, so
// that "FULL" never stands beside broken rules unqualified.
func (m *Model) verdict() string {
	errs, warns := 0, 0
	for _, f := range m.result.Items() {
		switch f.Severity {
		case diag.Error:
			errs++
		case diag.Warn:
			warns++
		default: // info: nothing to do
		}
	}
	out := "compatibility " + m.report.Compatibility + " · mapping: "
	rules := func(n int) string {
		if n == 1 {
			return "1 rule"
		}
		return fmt.Sprintf("%d rules", n)
	}
	switch {
	case errs > 0 && warns > 0:
		out += rules(errs) + " broken, " + fmt.Sprint(warns) + " to review"
	case errs > 0:
		out += rules(errs) + " broken"
	case warns > 0:
		out += rules(warns) + " to review"
	default:
		out += "unaffected"
	}
	return out
}

// renamedRule is one rule of one target that reads (source side) or
// writes (target side) a field the new version renamed.
type renamedRule struct {
	target, index int
	from, to      string
}

// renames returns the renames of the last comparison, old path -> new.
func (m *Model) renames() map[string]string {
	out := map[string]string{}
	for _, c := range m.report.Changes {
		if c.Kind == check.ChangeRenamed && c.NewPath != "" {
			out[c.Path] = c.NewPath
		}
	}
	return out
}

// renamedRules lists the rules a Repoint would change. A rule with an
// expression is included when the renamed field is a top-level name the
// expression's parse tree names (renameIdent); otherwise its text is the
// analyst's to edit.
func (m *Model) renamedRules() []renamedRule {
	rn := m.renames()
	if len(rn) == 0 || m.s.Mapping == nil || m.next == nil {
		return nil
	}
	var out []renamedRule
	for ti, v := range m.s.Mapping.Targets() {
		if m.side == "target" && ti != m.s.ActiveTarget() {
			continue
		}
		for i, r := range v.Rules {
			if m.side == "target" {
				if to, ok := rn[r.Target]; ok {
					out = append(out, renamedRule{ti, i, r.Target, to})
				}
				continue
			}
			if r.Expr != "" {
				for _, f := range r.From {
					if to, hit := rn[f]; hit {
						if _, ok := renameIdent(r.Expr, f, to); ok {
							out = append(out, renamedRule{ti, i, f, to})
						}
					}
				}
				continue
			}
			for _, f := range r.From {
				if to, ok := rn[f]; ok {
					out = append(out, renamedRule{ti, i, f, to})
				}
			}
		}
	}
	return out
}

// repoint adopts the new version as the session's schema of the side and
// re-points the rules on renamed fields, as one undoable change of the
// mapping.
func (m *Model) repoint() tea.Cmd {
	if m.next == nil {
		return common.Status("open a new version first (%s)", keys.Name(keys.Diff.Open))
	}
	rs := m.renamedRules()
	if len(rs) == 0 {
		return common.Status("no rule reads a renamed field (a rule with an expression is edited in the Mapper)")
	}
	side, ref, nw := m.side, m.newRef, m.next
	m.s.Do(fmt.Sprintf("adopt %s, re-point %d rules", ref, len(rs)), func(mp *mapping.Mapping) {
		sr := mapping.SchemaRef{Schema: mapping.RefFrom(mp.Path, ref), Fingerprint: nw.Fingerprint()}
		if side == "source" {
			mp.Source = sr
		} else if a := m.s.ActiveTarget(); a > 0 && a <= len(mp.Extra) {
			mp.Extra[a-1].Schema = sr
		} else {
			mp.Target = sr
		}
		for _, x := range rs {
			r := (*common.Rules(mp, x.target))[x.index]
			if side == "target" {
				r.Target = x.to
				continue
			}
			for k, f := range r.From {
				if f == x.from {
					r.From[k] = x.to
				}
			}
			if r.Expr != "" {
				if e, ok := renameIdent(r.Expr, x.from, x.to); ok {
					r.Expr = e
				}
			}
		}
	})
	if side == "source" {
		m.s.Src = nw
	} else {
		m.s.SetTarget(nw)
	}
	m.next, m.newRef, m.report = nil, "", check.DiffReport{}
	m.result.SetItems(nil)
	m.layout()
	return tea.Batch(common.Changed, common.Status("adopted %s and re-pointed %d rules (%s undoes the rules)", ref, len(rs), keys.Name(keys.Global.Undo)))
}

// renameIdent renames the top-level name from to to in an expression,
// found in its parse tree (expr-lang's parser, the engine's syntax), not
// by matching text; ok is false when the expression does not parse, from
// or to is not a plain name, or the tree does not name from.
func renameIdent(src, from, to string) (string, bool) {
	if strings.ContainsAny(from, ".[") || strings.ContainsAny(to, ".[") {
		return src, false
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return src, false
	}
	var at []file.Location
	ast.Find(tree.Node, func(n ast.Node) bool {
		if id, ok := n.(*ast.IdentifierNode); ok && id.Value == from {
			at = append(at, id.Location())
		}
		return false
	})
	if len(at) == 0 {
		return src, false
	}
	sort.Slice(at, func(i, j int) bool { return at[i].From < at[j].From })
	rs := []rune(src)
	var b strings.Builder
	prev := 0
	for _, l := range at {
		if l.From < prev || l.To > len(rs) || string(rs[l.From:l.To]) != from {
			return src, false
		}
		b.WriteString(string(rs[prev:l.From]) + to)
		prev = l.To
	}
	b.WriteString(string(rs[prev:]))
	return b.String(), true
}
