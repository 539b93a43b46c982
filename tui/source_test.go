package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/seamhq/seam/tui/keys"
)

// tuiFiles parses every non-test Go file of the TUI by folder (package).
func tuiFiles(t *testing.T) map[string][]*ast.File {
	t.Helper()
	out := map[string][]*ast.File{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		out[filepath.Dir(path)] = append(out[filepath.Dir(path)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// allBindings returns every binding of package keys.
func allBindings() []key.Binding {
	var out []key.Binding
	var add func(v reflect.Value)
	add = func(v reflect.Value) {
		if b, ok := v.Interface().(key.Binding); ok {
			out = append(out, b)
			return
		}
		if v.Kind() == reflect.Struct {
			for i := 0; i < v.NumField(); i++ {
				add(v.Field(i))
			}
		}
	}
	for _, v := range []any{keys.Global, keys.Nav, keys.Input, keys.FilterDone, keys.Schema, keys.Mapper,
		keys.TableEdit, keys.Synth, keys.CancelJob, keys.Inspect, keys.Diff, keys.Yes, keys.No,
		keys.QuitDialog, keys.HelpPages, keys.TestDraft, keys.Tests, keys.SynthRows} {
		add(reflect.ValueOf(v))
	}
	return out
}

// TestNoKeyNamesInText: view and status text name keys through the
// bindings (keys.Name, keys.Hint), never spelled in a string, so that
// rebinding a key changes every hint. A string that reads "press r",
// "(r)" or a binding's own hint ("r generate") is a key spelled by hand.
func TestNoKeyNamesInText(t *testing.T) {
	var pats []*regexp.Regexp
	for _, b := range allBindings() {
		h := b.Help()
		k := regexp.QuoteMeta(h.Key)
		pats = append(pats,
			regexp.MustCompile(`press `+k+`\b`),
			regexp.MustCompile(`\(`+k+`\)`),
			regexp.MustCompile(`(^|[\s(·])`+k+` `+regexp.QuoteMeta(h.Desc)+`\b`))
	}
	for dir, files := range tuiFiles(t) {
		if dir == "keys" {
			continue
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				for _, p := range pats {
					if p.MatchString(lit.Value) {
						t.Errorf("%s: %s spells a key (%s): use keys.Name or keys.Hint", filepath.Join(dir, f.Name.Name), lit.Value, p)
						break
					}
				}
				return true
			})
		}
	}
}

// TestNoPackageLevelMutableState: no function of the TUI assigns a
// package-level variable; state lives in models (two programs, or two
// tests, never share it).
func TestNoPackageLevelMutableState(t *testing.T) {
	for dir, files := range tuiFiles(t) {
		specs := map[*ast.ValueSpec]bool{}
		names := map[string]bool{}
		for _, f := range files {
			for _, d := range f.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
					for _, s := range g.Specs {
						vs := s.(*ast.ValueSpec)
						specs[vs] = true
						for _, n := range vs.Names {
							names[n.Name] = true
						}
					}
				}
			}
		}
		isPkgVar := func(e ast.Expr) (string, bool) {
			for {
				switch x := e.(type) {
				case *ast.SelectorExpr:
					e = x.X
					continue
				case *ast.IndexExpr:
					e = x.X
					continue
				case *ast.StarExpr:
					e = x.X
					continue
				case *ast.Ident:
					if x.Name == "_" || !names[x.Name] {
						return "", false
					}
					if x.Obj == nil {
						return x.Name, true // declared in another file of the package
					}
					vs, ok := x.Obj.Decl.(*ast.ValueSpec)
					return x.Name, ok && specs[vs]
				}
				return "", false
			}
		}
		for _, f := range files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil || (fd.Recv == nil && fd.Name.Name == "init") {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					var lhs []ast.Expr
					switch s := n.(type) {
					case *ast.AssignStmt:
						if s.Tok != token.DEFINE {
							lhs = s.Lhs
						}
					case *ast.IncDecStmt:
						lhs = []ast.Expr{s.X}
					}
					for _, e := range lhs {
						if name, ok := isPkgVar(e); ok {
							t.Errorf("%s: %s assigns the package-level variable %s", filepath.Join(dir, f.Name.Name), fd.Name.Name, name)
						}
					}
					return true
				})
			}
		}
	}
}
