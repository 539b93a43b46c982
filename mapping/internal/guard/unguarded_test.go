package guard

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fileCalls are the calls that open, read or stat a file by name. Each
// one outside this package must go through guard (roots, regular files,
// bounded reads) or be listed in allowed with the reason it is safe.
var fileCalls = map[string]bool{
	"os.Open": true, "os.OpenFile": true, "os.ReadFile": true, "os.Stat": true,
	"os.Lstat": true, "os.ReadDir": true, "os.DirFS": true, "os.OpenRoot": true,
	"os.OpenInRoot": true, "ioutil.ReadFile": true, "ioutil.ReadDir": true,
	"excelize.OpenFile": true, "filepath.Walk": true, "filepath.WalkDir": true,
}

// allowed lists every file call outside guard by "path:function:call",
// with the reason it needs no guard. A new unguarded call fails the test
// until it goes through guard or is added here with its reason; a stale
// entry fails too, so the list stays the truth.
var allowed = map[string]string{
	"mapping/schema/load.go:SplitRef:os.Stat":                    "only whether the whole name exists, to split FILE#SELECTOR; the open goes through guard",
	"mapping/schema/load.go:Load:os.Stat":                        "only whether the name is a folder, for a clearer message; the open goes through guard",
	"mapping/marshal.go:writeAtomic:os.Stat":                     "the output being saved (mode kept); not content",
	"mapping/marshal.go:writeAtomic:os.ReadFile":                 "the previous version of the file the user saves, kept as FILE~; an output path the user named",
	"mapping/marshal.go:createTemp:os.OpenFile":                  "creates the temporary file beside the output (O_EXCL)",
	"tui/termbg/query_unix.go:query:os.OpenFile":                 "the controlling terminal, to ask its background colour",
	"tui/demo/demo.go:WriteSchemas:os.Stat":                      "whether a demo schema is already there before writing it; not read",
	"tui/widgets/pathinput.go:CompletePath:os.ReadDir":           "completes the path the user types: names only, no content",
	"cmd/seam/samefile.go:distinctFiles:os.Stat":                 "compares outputs with inputs by identity (os.SameFile); not read",
	"cmd/seam/output.go:openOutput:os.Stat":                      "the output file: regular or special, to choose how to write it",
	"cmd/seam/output.go:openOutput:os.OpenFile":                  "opens a special output (/dev/null, a pipe) for writing",
	"cmd/seam/output.go:commit:os.Stat":                          "the output being replaced (mode kept); not read",
	"cmd/seam/output.go:keepBackup:os.Lstat":                     "whether FILE~ exists before keeping the previous output",
	"cmd/seam/suggest.go:existingOut:os.Stat":                    "whether -o names an existing mapping; it is then loaded with mapping.LoadWith (guarded)",
	"cmd/seam/runplan.go:ensureDir:os.Stat":                      "whether the --out-dir output folder exists; not read",
	"tui/recover.go:readRecovery:os.Stat":                        "the TUI's own recovery file: checked to be a regular file under 64 MiB before it is read",
	"tui/recover.go:readRecovery:os.ReadFile":                    "the TUI's own recovery file, after the regular-file and size check above",
	"cmd/seam/tempfiles.go:removeAll:os.ReadDir":                 "seam's own temporary folder, removed at exit",
	"cmd/seam/test.go:testMappings:os.Stat":                      "whether an argument of seam test is a folder to search; the mappings found are loaded with mapping.LoadWith (guarded)",
	"cmd/seam/test.go:testMappings:filepath.WalkDir":             "lists *.seam.yaml names under a folder the user named; names only, each loaded through guard",
	"mapping/internal/testenv/testenv.go:RepoRoot:os.Stat":       "test helper: finds go.mod",
	"mapping/internal/testenv/testenv.go:Realworld:os.Stat":      "test helper: finds ../shared",
	"mapping/internal/testenv/testenv.go:RunLimited:os.Stat":     "test helper: finds /usr/bin/time",
	"mapping/internal/testenv/testenv.go:RunLimited:os.ReadFile": "test helper: reads its own RSS file",
	"tui/internal/testkit/testkit.go:Golden:os.ReadFile":         "test helper: golden files of the repository",
	"cmd/seam/dataset.go:resolveDataset:os.Stat":                 "whether --dataset names a folder or a workbook, and whether DIR/labels.csv is a regular file; the files are opened with value.Open",
	"cmd/seam/dataset.go:tableFile:os.Stat":                      "which of DIR/<table>.<ext> exist (names only); the one found is opened with value.Open",
	"cmd/seam/run.go:openInput:os.Stat":                          "whether FILE.xlsx#SHEET names a file itself before it is read as the workbook's sheet; the open is value.Open",
	"tui/backend/dataset.go:LoadDataset:os.Stat":                 "whether the folder the user loads is a folder (a dataset); its files are opened with value.Open",
	"tui/backend/dataset.go:tableFile:os.Stat":                   "which of DIR/<table>.<ext> exist (names only); the one found is opened with value.Open",
	"tui/backend/dataset.go:fileExists:os.Stat":                  "whether DIR/labels.csv is a regular file; it is opened with value.Open",
	"tui/screens/inspect/update.go:loadData:os.Stat":             "whether the path the user loads is a folder (a dataset) or a file; both are opened with value.Open",
}

// TestNoUnguardedFileOpens scans the non-test sources of mapping, synth,
// tui and cmd for calls that open, read or stat a file by name (#20.1).
func TestNoUnguardedFileOpens(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	var unlisted []string
	for _, top := range []string{"mapping", "synth", "tui", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if d.Name() == "testdata" || rel == "mapping/internal/guard" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			for _, c := range fileCallsIn(t, path) {
				key := rel + ":" + c.fn + ":" + c.call
				found[key] = true
				if _, ok := allowed[key]; !ok {
					unlisted = append(unlisted, fmt.Sprintf("%s:%d: %s in %s", rel, c.line, c.call, c.fn))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(unlisted)
	for _, u := range unlisted {
		t.Errorf("%s opens a file by name outside mapping/internal/guard: use guard (Roots.Open, OpenUser, OpenData, ReadUserFile) or list it in allowed with the reason", u)
	}
	for key := range allowed {
		if !found[key] {
			t.Errorf("allowed lists %s, which is no longer called: remove the entry", key)
		}
	}
}

type fileCall struct {
	fn, call string
	line     int
}

func fileCallsIn(t *testing.T, path string) []fileCall {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []fileCall
	for _, decl := range f.Decls {
		fn := "(package)"
		if fd, ok := decl.(*ast.FuncDecl); ok {
			fn = fd.Name.Name
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			// Calls and values alike (os.ReadFile passed as a function).
			if name := id.Name + "." + sel.Sel.Name; fileCalls[name] {
				out = append(out, fileCall{fn, name, fset.Position(sel.Pos()).Line})
			}
			return true
		})
	}
	return out
}
