package transform

import (
	"bytes"
	"strings"
	"testing"
)

// TestSpecExamples runs every documented example through expr with
// ExprOptions and compares the rendered result, so docs cannot drift.
func TestSpecExamples(t *testing.T) {
	specs := Specs()
	if len(specs) < 40 {
		t.Fatalf("only %d specs registered", len(specs))
	}
	for _, s := range specs {
		if s.Doc == "" || s.Signature == "" || s.Category == "" || len(s.Examples) == 0 {
			t.Errorf("%s: spec needs a doc, signature, category and at least one example", s.Name)
		}
		if !strings.HasPrefix(s.Signature, s.Name+"(") && s.Name != "operators" {
			t.Errorf("%s: signature %q does not start with the name", s.Name, s.Signature)
		}
		for _, ex := range s.Examples {
			got := RunExample(ex)
			if strings.HasPrefix(ex.Want, "error: ") {
				if !strings.HasPrefix(got, "error: ") || !strings.Contains(got, strings.TrimPrefix(ex.Want, "error: ")) {
					t.Errorf("%s: %s\n got  %s\n want %s", s.Name, ex.Expr, got, ex.Want)
				}
				continue
			}
			if got != ex.Want {
				t.Errorf("%s: %s\n got  %s\n want %s", s.Name, ex.Expr, got, ex.Want)
			}
		}
	}
}

func TestSpecsSorted(t *testing.T) {
	specs := Specs()
	for i := 1; i < len(specs); i++ {
		a, b := specs[i-1], specs[i]
		if a.Category > b.Category || a.Category == b.Category && a.Name >= b.Name {
			t.Fatalf("not sorted: %s/%s before %s/%s", a.Category, a.Name, b.Category, b.Name)
		}
	}
	for _, s := range specs {
		if strings.HasPrefix(s.Name, "_") {
			t.Errorf("hidden helper %s is documented", s.Name)
		}
	}
}

func TestWriteDocs(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDocs(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range Specs() {
		if !strings.Contains(out, s.Signature) {
			t.Errorf("docs lack %s", s.Signature)
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 80 && !strings.HasPrefix(line, "      =>  ") && !strings.HasPrefix(line, "    with ") && !isExample(line) {
			t.Errorf("line %d is %d columns: %q", i+1, n, line)
		}
	}
	if !strings.Contains(out, `trim("--x--", "-")  =>  "x"`) {
		t.Errorf("docs lack a rendered example:\n%s", out[:min(len(out), 2000)])
	}
}

// isExample reports a line holding an example expression (expressions are
// printed whole, however long).
func isExample(line string) bool {
	for _, s := range Specs() {
		for _, ex := range s.Examples {
			if strings.TrimSpace(line) == ex.Expr {
				return true
			}
		}
	}
	return false
}
