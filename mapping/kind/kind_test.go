package kind

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// notKinds are string literals that spell a kind's name but mean something
// else: a function of the library, a TUI screen, a CLI flag, a suggestion
// signal. Keyed by file (from the module root) and literal.
var notKinds = map[string]bool{
	"mapping/transform/spec_strings.go split": true, // the split function
	"mapping/transform/strings.go split":      true,
	"mapping/transform/check.go split":        true,
	"mapping/suggest/multi.go split":          true, // a suggestion signal
	"tui/model.go drift":                      true, // the drift screen
	"tui/palette.go drift":                    true,
	"tui/keys/keys.go drift":                  true,
	"cmd/seam/synth.go drift":                 true, // synth --drift
	"mapping/transform/facts.go split":        true,
	"mapping/export/sql_strings.go split":     true, // the function split in join(split(...))
}

// TestNoKindLiterals: outside this package no non-test source spells a
// kind as a string literal; they use the constants.
func TestNoKindLiterals(t *testing.T) {
	root := filepath.Join("..", "..")
	names := map[string]bool{}
	for _, in := range All() {
		names[string(in.Kind)] = true
	}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || n == "vendor" || (strings.HasPrefix(n, ".") && path != root) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "mapping/kind/") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !names[s] || notKinds[rel+" "+s] {
				return true
			}
			t.Errorf("%s: kind %q spelled as a string: use kind.%s", fset.Position(lit.Pos()), s, constName(s))
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func constName(s string) string {
	var b strings.Builder
	for _, w := range strings.Split(s, "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

func TestTable(t *testing.T) {
	seen := map[Kind]bool{}
	for _, in := range All() {
		if seen[in.Kind] {
			t.Errorf("%s listed twice", in.Kind)
		}
		seen[in.Kind] = true
		if !in.Kind.Known() || in.Kind.Doc() == "" || in.Doc != in.Kind.Doc() {
			t.Errorf("%s: doc %q", in.Kind, in.Kind.Doc())
		}
		if !in.Static && !in.Data {
			t.Errorf("%s: raised by no detector", in.Kind)
		}
	}
	if Kind("nope").Known() || Kind("nope").Doc() != "" || Narrowing.Detector() != "D15" {
		t.Error("unknown kind or detector wrong")
	}
}
