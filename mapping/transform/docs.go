package transform

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
)

// ExampleEnv is the Env the documented examples run with: two small lookup
// tables, status (P, S, C) and country ("49" -> DE, "33" -> FR).
var ExampleEnv = &Env{
	Lookups: map[string]map[string]string{
		"status":  {"P": "pending", "S": "shipped", "C": "cancelled"},
		"country": {"49": "DE", "33": "FR"},
	},
}

// RunExample compiles and runs one example with ExprOptions(ExampleEnv) and
// returns the rendered result, or "error: " and the error message.
func RunExample(ex Example) string {
	env := ex.Env
	if env == nil {
		env = map[string]any{}
	}
	opts := append(ExprOptions(ExampleEnv), expr.Env(env), expr.AllowUndefinedVariables())
	prog, err := expr.Compile(ex.Expr, opts...)
	if err != nil {
		return "error: " + errorMessage(err)
	}
	out, err := expr.Run(prog, env)
	if err != nil {
		return "error: " + errorMessage(err)
	}
	return Render(out)
}

// errorMessage is err's message without expr's position and source snippet.
func errorMessage(err error) string {
	var fe *file.Error
	if errors.As(err, &fe) {
		return fe.Message
	}
	return err.Error()
}

var categoryTitles = map[string]string{
	"string": "Strings", "convert": "Conversion", "number": "Numbers", "date": "Dates and times",
	"null": "Null, absent and empty", "lookup": "Lookups", "name": "Personal names", "hash": "Hashes and ids",
	"logic": "Logic",
}

var categoryOrder = []string{"string", "convert", "number", "date", "null", "lookup", "name", "hash", "logic"}

// WriteDocs prints the library for `seam funcs`: per category, each
// function's signature, its description wrapped to 80 columns and up to
// two examples with their results (computed, not copied, so they are
// current). Example results that are errors print as "error: ...".
func WriteDocs(w io.Writer) error {
	byCat := map[string][]Spec{}
	for _, s := range Specs() {
		byCat[s.Category] = append(byCat[s.Category], s)
	}
	cats := append([]string(nil), categoryOrder...)
	for c := range byCat {
		if _, known := categoryTitles[c]; !known {
			cats = append(cats, c)
		}
	}
	sort.SliceStable(cats[len(categoryOrder):], func(i, j int) bool {
		return cats[len(categoryOrder)+i] < cats[len(categoryOrder)+j]
	})
	var b strings.Builder
	b.WriteString("seam transform functions. Null in gives null out unless noted; an error\n")
	b.WriteString("rejects the row (coercion_failure, or lookup_miss for lookup; value_too_large\n")
	b.WriteString("for a value built past 16 MiB).\n")
	b.WriteString("Pipes pass the left side as the first argument: email | trim() | lower()\n")
	for _, c := range cats {
		specs := byCat[c]
		if len(specs) == 0 {
			continue
		}
		title := categoryTitles[c]
		if title == "" {
			title = c
		}
		fmt.Fprintf(&b, "\n%s\n%s\n", title, strings.Repeat("=", len(title)))
		for _, s := range specs {
			fmt.Fprintf(&b, "\n%s\n", s.Signature)
			for _, line := range wrap(s.Doc, 76) {
				fmt.Fprintf(&b, "    %s\n", line)
			}
			for i, ex := range s.Examples {
				if i == 2 {
					break
				}
				res := RunExample(ex)
				if len(ex.Env) > 0 {
					b.WriteString("    " + envText(ex.Env) + "\n")
				}
				if line := "    " + ex.Expr + "  =>  " + res; len([]rune(line)) <= 80 {
					b.WriteString(line + "\n")
				} else {
					b.WriteString("    " + ex.Expr + "\n      =>  " + res + "\n")
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func envText(env map[string]any) string {
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + Render(env[k])
	}
	return "with " + strings.Join(parts, ", ") + ":"
}

// wrap breaks text into lines of at most width bytes at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
