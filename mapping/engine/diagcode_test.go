package engine

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
)

// TestDiagnosticCodeAndRange: a compile diagnostic carries its machine code
// in Code, never in the human text, and an expression error spans the
// name or token expr points at (start inclusive, end exclusive).
func TestDiagnosticCodeAndRange(t *testing.T) {
	src, dst := testSchemas()
	tests := []struct {
		name, rules string
		code        string
		start, end  string // "line:col"; end "" when no range is known
	}{
		{"unknown name", "  - target: name\n    expr: trim(nmae)\n", string(kind.UnknownField), "8:16", "8:20"}, //nolint:misspell // a typo on purpose
		{"unknown function", "  - target: name\n    expr: name | frobnicate()\n", diag.CodeType, "8:18", ""},
		{"multi-line name", "  - target: name\n    expr: |\n      trim(name) +\n        nope\n", string(kind.UnknownField), "10:9", "10:13"},
		{"syntax", "  - target: name\n    expr: trim(name\n", diag.CodeSyntax, "8:", ""},
		{"wrong arity", "  - target: name\n    expr: lower(name, email)\n", diag.CodeType, "8:11", ""},
		{"lookup table", "  - target: name\n    expr: lookup(\"nolookup\", name)\n", diag.CodeType, "8:18", ""},
		{"result type", "  - target: name\n    expr: '{\"a\": name}'\n", string(kind.TypeIncompatible), "8:12", ""},
		{"unknown target", "  - target: nope\n    from: [id]\n", string(kind.UnknownField), "7:5", ""},
		{"cast", "  - target: id\n    from: [addr]\n", string(kind.TypeIncompatible), "7:5", ""},
		{"bad default", "  - target: id\n    from: [id]\n    on_error: default(abc)\n", string(kind.TypeIncompatible), "7:5", ""},
	}
	codes := map[string]bool{}
	for _, in := range kind.All() {
		codes[string(in.Kind)] = true
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Compile(mustParse(t, head+tt.rules), src, dst)
			if len(ds) == 0 {
				t.Fatal("no diagnostic")
			}
			d := ds[0]
			if d.Code != tt.code {
				t.Errorf("code %q, want %q (%v)", d.Code, tt.code, d)
			}
			at := func(p diag.Pos) string { return strings.TrimPrefix(p.String(), "m.seam.yaml:") }
			if !strings.HasPrefix(at(d.Pos), tt.start) {
				t.Errorf("start %s, want %s", at(d.Pos), tt.start)
			}
			if tt.end != "" && at(d.End) != tt.end {
				t.Errorf("end %s, want %s", at(d.End), tt.end)
			}
			if d.End.Line > 0 && (d.End.Line < d.Pos.Line || d.End.Line == d.Pos.Line && d.End.Col <= d.Pos.Col) {
				t.Errorf("end %v not after start %v", d.End, d.Pos)
			}
			for _, w := range strings.FieldsFunc(d.Summary+" "+d.Detail, func(r rune) bool { return r == ' ' || r == ':' || r == '(' || r == ')' }) {
				if codes[w] || w == diag.CodeSyntax || w == diag.CodeType || w == diag.CodeInvalid {
					t.Errorf("machine code %q in the human text %q", w, d.Error())
				}
			}
		})
	}
}
