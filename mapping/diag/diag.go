// Package diag carries positions and diagnostics: every problem seam reports
// names the file, the line and column where known, and what was expected.
package diag

import (
	"fmt"
	"strings"
)

// Severity ranks a diagnostic.
type Severity int

// Severities, most serious first.
const (
	Error Severity = iota
	Warn
	Info
)

// String returns "error", "warn" or "info".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warn:
		return "warn"
	default:
		return "info"
	}
}

// Pos is a place in a file. Line and Col are 1-based; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String renders "file:line:col", leaving out what is unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	return b.String()
}

// IsZero reports whether nothing is known of the position.
func (p Pos) IsZero() bool { return p.File == "" && p.Line == 0 && p.Col == 0 }

// Diagnostic is one problem with its place.
type Diagnostic struct {
	Severity Severity
	// Pos is where the problem starts.
	Pos Pos
	// End, when known (Line > 0), is where it ends: the position just
	// after its last character, so Pos..End is inclusive-exclusive. An
	// expression error spans the token or name expr points at.
	End Pos
	// Code is the machine-readable name of the problem: a findings kind
	// ("unknown_field", "type_incompatible") or a compile code
	// ("expr_syntax"); "" when none. It never appears in Summary or Detail,
	// which are for people.
	Code string
	// Field or rule the problem concerns, when there is one.
	Subject string
	Summary string
	Detail  string
}

// Compile codes of diagnostics that are not findings kinds.
const (
	// CodeSyntax: an expression does not parse.
	CodeSyntax = "expr_syntax"
	// CodeType: an expression does not type-check (an unknown function,
	// wrong arguments, an operator on the wrong types).
	CodeType = "expr_type"
	// CodeInvalid: a rule's settings are invalid (on_error, from and expr).
	CodeInvalid = "invalid_rule"
)

// Error renders "file:line:col: summary (subject): detail".
func (d Diagnostic) Error() string {
	var b strings.Builder
	if !d.Pos.IsZero() {
		b.WriteString(d.Pos.String())
		b.WriteString(": ")
	}
	if d.Severity != Error {
		b.WriteString(d.Severity.String())
		b.WriteString(": ")
	}
	if d.Subject != "" {
		b.WriteString(d.Subject)
		b.WriteString(": ")
	}
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(": ")
		b.WriteString(d.Detail)
	}
	return b.String()
}

// List is a set of diagnostics; it is an error when it holds an error.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Severity: Error, Pos: pos, Summary: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// Error joins the diagnostics one per line.
func (l List) Error() string {
	parts := make([]string, len(l))
	for i, d := range l {
		parts[i] = d.Error()
	}
	return strings.Join(parts, "\n")
}

// Errorf returns a single-diagnostic error at pos.
func Errorf(pos Pos, format string, args ...any) error {
	return Diagnostic{Severity: Error, Pos: pos, Summary: fmt.Sprintf(format, args...)}
}
