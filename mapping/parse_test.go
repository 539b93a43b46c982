package mapping

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seamhq/seam/mapping/diag"
)

const specExample = "../testdata/mappings/spec-example.seam.yaml"

func TestLoadSpecExample(t *testing.T) {
	m, err := Load(specExample)
	if err != nil {
		t.Fatal(err)
	}
	if m.Seam != 1 || m.Name != "shop-orders-to-erp" || m.Source.Schema != "../schemas/orders.csv" || m.Target.Fingerprint != "sha256:..." {
		t.Fatalf("header: %+v", m)
	}
	if len(m.Lookups) != 2 || m.Lookups[0].Entries[1] != (LookupEntry{"S", "shipped"}) {
		t.Fatalf("lookups: %+v", m.Lookups)
	}
	if c := m.LookupNamed("country"); c == nil || c.File != "countries.csv" || *c.Default != "unknown" || len(c.Entries) != 2 || c.Entries[1].Value != "France" {
		t.Fatalf("country lookup: %+v", c)
	}
	if len(m.Rules) != 5 {
		t.Fatalf("%d rules", len(m.Rules))
	}
	total := m.Rules[1]
	if total.Expr != "to_decimal(amount_cents) / 100" || total.Status != StatusSuggested || total.Confidence != 0.82 || len(total.Why) != 2 {
		t.Fatalf("total: %+v", total)
	}
	if total.ExprPos.Line != 14 || total.ExprPos.Col != 11 || total.Pos.Line != 12 {
		t.Errorf("total positions: %v %v", total.Pos, total.ExprPos)
	}
	if m.Rules[3].OnError != `default("")` {
		t.Errorf("on_error: %q", m.Rules[3].OnError)
	}
	if n := m.Rules[4]; n.ID != "note-multi" || n.Expr != "concat(\n  notes, \" \", status_code)\n" || n.ExprPos.Line != 30 || n.ExprPos.Col != 7 {
		t.Errorf("multi-line: %+v at %v", n.Expr, n.ExprPos)
	}
	if len(m.Acknowledged) != 1 || m.Acknowledged[0].Why != "ids stay below 2^31" {
		t.Errorf("acks: %+v", m.Acknowledged)
	}
}

// clearPos drops positions and comments so two parses compare equal.
func clearPos(m *Mapping) *Mapping {
	c := *m
	c.Pos, c.Path, c.comments = diag.Pos{}, "", nil
	c.Source.Pos, c.Target.Pos = diag.Pos{}, diag.Pos{}
	c.Rules = nil
	for _, r := range m.Rules {
		rc := *r
		rc.Pos, rc.ExprPos = diag.Pos{}, diag.Pos{}
		c.Rules = append(c.Rules, &rc)
	}
	c.Lookups = nil
	for _, l := range m.Lookups {
		lc := *l
		lc.Pos = diag.Pos{}
		c.Lookups = append(c.Lookups, &lc)
	}
	c.Acknowledged = nil
	for _, a := range m.Acknowledged {
		ac := *a
		ac.Pos = diag.Pos{}
		c.Acknowledged = append(c.Acknowledged, &ac)
	}
	return &c
}

func TestRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../testdata/mappings/*.seam.yaml")
	bench, _ := filepath.Glob("../testdata/bench/*.seam.yaml")
	files = append(files, bench...)
	if len(files) == 0 {
		t.Fatal("no mappings in testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			out, err := m.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			m2, err := Parse(f, out)
			if err != nil {
				t.Fatalf("reparse: %v\n%s", err, out)
			}
			if err := m2.LoadLookupFiles(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(clearPos(m), clearPos(m2)) {
				t.Fatalf("round trip changed the mapping:\n%s", out)
			}
			out2, _ := m2.Marshal()
			if !bytes.Equal(out, out2) {
				t.Fatalf("print is not stable:\n%s\n---\n%s", out, out2)
			}
			// Every comment of the original survives.
			orig, _ := os.ReadFile(f)
			for _, line := range strings.Split(string(orig), "\n") {
				if i := strings.Index(line, "# "); i >= 0 && (i == 0 || line[i-1] == ' ') && !strings.Contains(line, `"`) {
					if c := strings.TrimSpace(line[i:]); !bytes.Contains(out, []byte(c)) {
						t.Errorf("comment %q lost:\n%s", c, out)
					}
				}
			}
		})
	}
}

func TestMarshalFromScratch(t *testing.T) {
	d := "x"
	m := &Mapping{
		Name:    "t",
		Source:  SchemaRef{Schema: "a.csv"},
		Target:  SchemaRef{Schema: "b.sql#t", Fingerprint: "sha256:ab"},
		Lookups: []*Lookup{{Name: "s", Entries: []LookupEntry{{"01", "true"}, {"a b", "x: y"}}, Default: &d}},
		Rules: []*Rule{
			{Target: "a", From: []string{"a"}},
			{Target: "b", Expr: "-x", OnError: "default(0)", Why: []string{"a, b", "[c]"}},
			{Target: "c", Expr: "trim(x) # not a comment"},
		},
		IgnoreSource: []string{"yes", "k"},
	}
	out, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `seam: 1
name: t
source: {schema: a.csv}
target: {schema: b.sql#t, fingerprint: "sha256:ab"}
lookups:
  s: {entries: {"01": true, a b: "x: y"}, default: x}
rules:
  - target: a
    from: [a]
  - target: b
    expr: "-x"
    why: ["a, b", "[c]"]
    on_error: default(0)
  - target: c
    expr: "trim(x) # not a comment"
ignore_source: ["yes", k]
`
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	m2, err := Parse("x.seam.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	m.Seam = 1
	if !reflect.DeepEqual(clearPos(m), clearPos(m2)) {
		t.Fatalf("reparse differs: %+v", m2)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"syntax", "seam: 1\nrules: [\n", "m.seam.yaml:"},
		{"version", "seam: 2\n", "m.seam.yaml:1:7: seam: format version \"2\" is not supported"},
		{"unknown top", "seam: 1\nsourc: x\n", "m.seam.yaml:2:1: unknown key \"sourc\""},
		{"rule key", "seam: 1\nrules:\n  - target: a\n    form: [b]\n", "m.seam.yaml:4:5: rule: unknown key \"form\""},
		{"no from", "seam: 1\nrules:\n  - target: a\n", "give from (a checked cast) or expr"},
		{"on_error", "seam: 1\nrules:\n  - target: a\n    from: [b]\n    on_error: skip\n", "m.seam.yaml:5:15: on_error \"skip\""},
		{"status", "seam: 1\nrules:\n  - {target: a, from: [b], status: maybe}\n", "status \"maybe\""},
		{"dup lookup key", "seam: 1\nlookups:\n  s: {A: a, A: b}\n", "already defined"},
		{"rules not list", "seam: 1\nrules: {a: b}\n", "rules: want a list"},
		{"missing seam", "name: x\n", "missing `seam: 1`"},
		{"empty", "", "empty mapping file"},
		{"confidence", "seam: 1\nrules:\n  - {target: a, from: [b], confidence: 2}\n", "confidence \"2\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("m.seam.yaml", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestSaveKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.seam.yaml")
	src := "# keep me\nseam: 1\nsource: {schema: a.csv}\ntarget: {schema: b.csv}\nrules:\n  - target: a  # the id\n    from: [a]\n"
	os.WriteFile(p, []byte(src), 0o644)
	m, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	m.Rules = append(m.Rules, &Rule{Target: "b", Expr: "upper(b)"})
	if err := m.Save(p); err != nil {
		t.Fatal(err)
	}
	prev, _ := os.ReadFile(p + "~")
	if string(prev) != src {
		t.Fatalf("previous version not kept: %q", prev)
	}
	now, _ := os.ReadFile(p)
	for _, want := range []string{"# keep me\nseam: 1", "  - target: a  # the id", "  - target: b\n    expr: upper(b)"} {
		if !strings.Contains(string(now), want) {
			t.Errorf("saved file lacks %q:\n%s", want, now)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// TestSaveMode: a new mapping file gets 0644 (less the umask, like any
// file the user creates), not the temporary file's 0600; a replaced file
// keeps its mode.
func TestSaveMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are not Unix modes on Windows")
	}
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	if err := os.WriteFile(ref, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(ref)
	want := st.Mode().Perm() // 0644 less the umask
	m := &Mapping{Seam: 1, Source: SchemaRef{Schema: "a.csv"}, Target: SchemaRef{Schema: "b.csv"}}
	for _, c := range []struct {
		name string
		prev os.FileMode // 0: no previous file
		want os.FileMode
	}{
		{"new file", 0, want},
		{"replace 0640", 0o640, 0o640},
		{"replace 0600", 0o600, 0o600},
		{"replace 0664", 0o664, 0o664},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".seam.yaml")
			if c.prev != 0 {
				if err := os.WriteFile(p, []byte("seam: 1\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(p, c.prev); err != nil {
					t.Fatal(err)
				}
			}
			if err := m.Save(p); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != c.want {
				t.Errorf("mode %v, want %v", got, c.want)
			}
		})
	}
}

// TestMappingsMatchJSONSchema validates every mapping in testdata against
// the shipped JSON Schema.
func TestMappingsMatchJSONSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("seam.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("seam.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/mappings/*.seam.yaml")
	bench, _ := filepath.Glob("../testdata/bench/*.seam.yaml")
	pairs, _ := filepath.Glob("../testdata/mappings/realworld/*/*.seam.yaml")
	files = append(files, pairs...)
	for _, f := range append(files, bench...) {
		data, _ := os.ReadFile(f)
		var v any
		if err := yaml.UnmarshalWithOptions(data, &v, yaml.UseOrderedMap()); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var plain any
		if err := yaml.Unmarshal(data, &plain); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(jsonable(plain)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	// And the schema rejects what Parse rejects.
	var bad any
	yaml.Unmarshal([]byte("seam: 1\nsource: a\ntarget: b\nrules:\n  - target: a\n    form: [b]\n"), &bad)
	if err := sch.Validate(jsonable(bad)); err == nil {
		t.Error("schema accepts an unknown rule key")
	}
}

// jsonable turns YAML-decoded values into the JSON model the validator
// expects (map[string]any, []any, float64/int, string, bool).
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		out := map[string]any{}
		for k, e := range x {
			out[toString(k)] = jsonable(e)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
		return x
	case uint64:
		return int(x)
	case int64:
		return int(x)
	}
	return v
}

func toString(k any) string {
	if s, ok := k.(string); ok {
		return s
	}
	b, _ := yaml.Marshal(k)
	return strings.TrimSpace(string(b))
}

func TestSaveElsewhereKeepsReferences(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a", "schemas"), 0o755)
	os.MkdirAll(filepath.Join(dir, "b"), 0o755)
	p := filepath.Join(dir, "a", "m.seam.yaml")
	os.WriteFile(p, []byte("seam: 1\nsource: {schema: schemas/s.csv}\ntarget: {schema: \"schemas/t.sql#orders\"}\n"), 0o644)
	m, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	q := filepath.Join(dir, "b", "m.seam.yaml")
	if err := m.Save(q); err != nil {
		t.Fatal(err)
	}
	if m.Source.Schema != "../a/schemas/s.csv" || m.Target.Schema != "../a/schemas/t.sql#orders" {
		t.Fatalf("%q %q", m.Source.Schema, m.Target.Schema)
	}
	if got := m.Resolve(m.Source.Schema); got != filepath.Join(dir, "a", "schemas", "s.csv") {
		t.Fatalf("resolves to %s", got)
	}
}
