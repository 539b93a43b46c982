package mapping

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const withTests = `# head
seam: 1
source: {schema: a.json}
target: {schema: b.json}
rules:
  - {target: id, from: [id]}   # kept as written
# tests come next
tests:   # examples
  - name: one
    # a comment inside
    given: [{id: "1"}]
    expect: [{id: 1}]

# about acks
acknowledged:
  - {kind: drift, why: ok}
`

// TestTestsKeptAndSpliced: the tests: section is kept byte for byte by
// Marshal, and SaveTests replaces only that section of the file.
func TestTestsKeptAndSpliced(t *testing.T) {
	m, err := Parse("m.seam.yaml", []byte(withTests))
	if err != nil {
		t.Fatal(err)
	}
	if m.TestsLine != 8 || !strings.HasPrefix(m.Tests, "tests:   # examples\n") || !strings.Contains(m.Tests, "# a comment inside") || strings.Contains(m.Tests, "about acks") {
		t.Fatalf("tests section line %d:\n%s", m.TestsLine, m.Tests)
	}
	out, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(out), "# tests come next\n"+m.Tests) {
		t.Errorf("Marshal does not end with the tests section:\n%s", out)
	}
	back, err := Parse("m.seam.yaml", out)
	if err != nil || back.Tests != m.Tests || len(back.Acknowledged) != 1 {
		t.Fatalf("round trip: %v\n%s", err, out)
	}

	dir := t.TempDir()
	p := filepath.Join(dir, "m.seam.yaml")
	if err := os.WriteFile(p, []byte(withTests), 0o644); err != nil {
		t.Fatal(err)
	}
	m.Path = p
	repl := "tests:\n  - name: two\n    given: []\n    expect: []\n"
	if err := m.SaveTests(repl); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	want := strings.Replace(withTests, "tests:   # examples\n  - name: one\n    # a comment inside\n    given: [{id: \"1\"}]\n    expect: [{id: 1}]\n", repl, 1)
	if string(got) != want {
		t.Errorf("SaveTests wrote:\n%s\nwant:\n%s", got, want)
	}
	// The file changed under it: refused, nothing written.
	if err := os.WriteFile(p, []byte(withTests), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := m.SaveTests(repl); err == nil || !strings.Contains(err.Error(), "changed since it was read") {
		t.Errorf("SaveTests over a changed file: %v", err)
	}
	if m.TestSidecar() != filepath.Join(dir, "m.seam.test.yaml") {
		t.Errorf("sidecar %s", m.TestSidecar())
	}
}

// TestSaveTestsAppendTwice: a mapping without tests gets its section at
// the end; a second SaveTests replaces that section, never adds another.
func TestSaveTestsAppendTwice(t *testing.T) {
	src := "seam: 1\nname: m\nsource: a.json\ntarget: b.sql\nrules: []\n"
	p := filepath.Join(t.TempDir(), "m.seam.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	m := &Mapping{Path: p}
	one := "tests:\n  - name: one\n    given: []\n    expect: []\n"
	two := one + "  - name: two\n    given: []\n    expect: []\n"
	if err := m.SaveTests(one); err != nil {
		t.Fatal(err)
	}
	if m.TestsLine != 6 {
		t.Errorf("TestsLine %d, want 6", m.TestsLine)
	}
	if err := m.SaveTests(two); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != src+two {
		t.Errorf("wrote:\n%s\nwant:\n%s", got, src+two)
	}
}
