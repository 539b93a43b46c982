package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/internal/testenv"
)

// repoRoot walks up from the package folder to go.mod.
func repoRoot(t testing.TB) string { return testenv.RepoRoot(t) }

// sharedRealworld returns ../shared/realworld beside the repo or skips.
func sharedRealworld(t testing.TB) string { return testenv.Realworld(t) }

// fixtures returns testdata/schemas of the repo.
func fixtures(t testing.TB) string {
	return filepath.Join(repoRoot(t), "testdata", "schemas")
}

// noDisk is a ReadFile that refuses, for in-memory tests and fuzzing.
func noDisk(name string) ([]byte, error) {
	return nil, &os.PathError{Op: "open", Path: name, Err: os.ErrNotExist}
}

// memFS serves files from a map.
func memFS(files map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if s, ok := files[filepath.ToSlash(name)]; ok {
			return []byte(s), nil
		}
		return noDisk(name)
	}
}

func mustParse(t *testing.T, name, data string, opts Options) *Schema {
	t.Helper()
	if opts.ReadFile == nil {
		opts.ReadFile = noDisk
	}
	s, err := Parse(name, []byte(data), opts)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	checkInvariants(t, s)
	return s
}

// checkInvariants: valid types, paths built from names, origins present.
func checkInvariants(t testing.TB, s *Schema) {
	t.Helper()
	var walk func(prefix string, fs []*Field)
	walk = func(prefix string, fs []*Field) {
		for _, f := range fs {
			if !f.Type.Valid() {
				t.Errorf("%s: invalid type %q", f.Path, f.Type)
			}
			want := f.Name
			if prefix != "" {
				if f.Name == "[]" {
					want = prefix + "[]"
				} else {
					want = prefix + "." + f.Name
				}
			}
			if f.Path != want {
				t.Errorf("path %q, want %q", f.Path, want)
			}
			if f.Origin.File == "" || f.Origin.Line <= 0 || f.Origin.Col != 0 {
				t.Errorf("%s: origin %v, want file:line", f.Path, f.Origin)
			}
			if f.Type == Array && len(f.Children) > 1 {
				t.Errorf("%s: array with %d children", f.Path, len(f.Children))
			}
			if sampled := s.Format == "csv" || s.Format == "tsv" || s.Format == "json" || s.Format == "jsonl"; sampled && !f.Sampled {
				t.Errorf("%s: a field of a %s sample is not marked Sampled", f.Path, s.Format)
			}
			if f.Sampled && (f.MaxLength != nil || f.Precision != nil || f.Scale != nil || f.Min != nil || f.Max != nil || f.Bits != 0 || len(f.EnumValues) > 0 || f.MinLength != nil) {
				t.Errorf("%s: a sample's observations became constraints: %s %s", f.Path, f.TypeString(), f.Constraints())
			}
			walk(f.Path, f.Children)
		}
	}
	walk("", s.Fields)
}

// want describes expected facts about one field; zero values are not checked
// except for the booleans listed in flags.
type want struct {
	path     string
	typ      Type
	bits     int
	maxLen   int // -1: must be nil
	observed int // ObservedMaxLength
	prec     int
	scale    int
	req, nul *bool
	format   string
	enum     int
	pk, gen  bool
	union    []Type
	refs     string
	line     int
}

var yes, no = func() *bool { b := true; return &b }(), func() *bool { b := false; return &b }()

func checkField(t *testing.T, s *Schema, w want) {
	t.Helper()
	f := s.Lookup(w.path)
	if f == nil {
		t.Errorf("%s: no field %q; have %v", s.Ref(), w.path, firstPaths(s, 30))
		return
	}
	if w.typ != "" && f.Type != w.typ {
		t.Errorf("%s: type %s, want %s", w.path, f.Type, w.typ)
	}
	if w.bits != 0 && f.Bits != w.bits {
		t.Errorf("%s: bits %d, want %d", w.path, f.Bits, w.bits)
	}
	if w.maxLen > 0 && (f.MaxLength == nil || *f.MaxLength != w.maxLen) {
		t.Errorf("%s: max length %v, want %d", w.path, deref(f.MaxLength), w.maxLen)
	}
	if w.maxLen < 0 && f.MaxLength != nil {
		t.Errorf("%s: max length %d, want none", w.path, *f.MaxLength)
	}
	if w.observed != 0 && (f.ObservedMaxLength == nil || *f.ObservedMaxLength != w.observed) {
		t.Errorf("%s: observed max length %v, want %d", w.path, deref(f.ObservedMaxLength), w.observed)
	}
	prec, scale := f.Precision, f.Scale
	if f.Sampled {
		// a sample's digits are observations, never a declared size
		prec, scale = f.ObservedPrecision, f.ObservedScale
	}
	if w.prec != 0 && (prec == nil || *prec != w.prec) {
		t.Errorf("%s: precision %v, want %d", w.path, deref(prec), w.prec)
	}
	if w.scale != 0 && (scale == nil || *scale != w.scale) {
		t.Errorf("%s: scale %v, want %d", w.path, deref(scale), w.scale)
	}
	if w.req != nil && f.Required != *w.req {
		t.Errorf("%s: required %v, want %v", w.path, f.Required, *w.req)
	}
	if w.nul != nil && f.Nullable != *w.nul {
		t.Errorf("%s: nullable %v, want %v", w.path, f.Nullable, *w.nul)
	}
	if w.format != "" && f.Format != w.format {
		t.Errorf("%s: format %q, want %q", w.path, f.Format, w.format)
	}
	if w.enum != 0 && len(f.EnumValues) != w.enum {
		t.Errorf("%s: %d enum values %v, want %d", w.path, len(f.EnumValues), f.EnumValues, w.enum)
	}
	if w.pk && !f.PrimaryKey {
		t.Errorf("%s: not a primary key", w.path)
	}
	if w.gen && !f.Generated {
		t.Errorf("%s: not generated", w.path)
	}
	if w.union != nil && strings.Join(typeNames(f.Union), ",") != strings.Join(typeNames(w.union), ",") {
		t.Errorf("%s: union %v, want %v", w.path, f.Union, w.union)
	}
	if w.refs != "" && f.References != w.refs {
		t.Errorf("%s: references %q, want %q", w.path, f.References, w.refs)
	}
	if w.line != 0 && f.Origin.Line != w.line {
		t.Errorf("%s: origin %v, want line %d", w.path, f.Origin, w.line)
	}
}

func typeNames(ts []Type) []string {
	var out []string
	for _, t := range ts {
		out = append(out, string(t))
	}
	return out
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func firstPaths(s *Schema, n int) []string {
	var out []string
	for _, f := range s.Flatten() {
		if len(out) < n {
			out = append(out, f.Path)
		}
	}
	return out
}

// wantErr checks that err is non-nil and mentions every part.
func wantErr(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one mentioning %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

// noDiskOr reads a real fixture file (tests only).
func noDiskOr(path string) ([]byte, error) { return os.ReadFile(path) }
