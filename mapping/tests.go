package mapping

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/seamhq/seam/mapping/internal/guard"
)

// tests keeps the `tests:` section as written: from its key's line to
// its last line before the next top-level key (comment lines standing
// just above that key belong to it). Package mapping/mtest reads it.
func (p *mparser) tests(mv *ast.MappingValueNode, rest []*ast.MappingValueNode) {
	start := p.keyPos(mv).Line
	if start < 1 || start > len(p.lines) {
		return
	}
	end := len(p.lines) // exclusive, 0-based
	if len(rest) > 0 {
		if l := p.keyPos(rest[0]).Line; l > start {
			end = l - 1
		}
	}
	for end > start {
		t := strings.TrimSpace(p.lines[end-1])
		if t != "" && !(strings.HasPrefix(t, "#") && !strings.HasPrefix(p.lines[end-1], " ")) {
			break
		}
		end--
	}
	if col := p.keyPos(mv).Col; col != 1 {
		p.errf(mv.Key, "tests: must be a top-level key at column 1")
		return
	}
	p.m.Tests = strings.Join(p.lines[start-1:end], "\n") + "\n"
	p.m.TestsLine = start
}

// TestSidecar is the path of the tests file kept beside the mapping
// (orders.seam.yaml -> orders.seam.test.yaml), "" when the mapping has no
// path.
func (m *Mapping) TestSidecar() string {
	if m.Path == "" {
		return ""
	}
	base := m.Path
	for _, ext := range []string{".yaml", ".yml"} {
		if strings.HasSuffix(base, ext) {
			base = strings.TrimSuffix(base, ext)
			return base + ".test" + ext
		}
	}
	return base + ".test.yaml"
}

// ReadRef reads a file the mapping names (a test's given: file, its
// tests sidecar), confined like its schemas and lookups: inside the
// mapping's folder, the working directory or an --allow-path root, a
// regular file, at most limit bytes. It returns the resolved path.
func (m *Mapping) ReadRef(what, ref string, limit int64) ([]byte, string, error) {
	p, err := guard.Resolve(m.Path, ref)
	if err != nil {
		return nil, "", fmt.Errorf("%s %s: %w", what, ref, err)
	}
	b, err := m.roots().ReadFile(p, limit)
	if err != nil {
		return nil, p, fmt.Errorf("%s: %w", what, err)
	}
	return b, p, nil
}

// SaveTests replaces the tests: section of the mapping's file with text
// (which starts with its `tests:` line) and leaves every other byte of
// the file as it is: seam test --update never reformats a mapping. The
// file must still hold the section as it was loaded. A mapping without a
// tests: section gets text at its end. Written like Save (atomic, the
// previous version kept as FILE~).
func (m *Mapping) SaveTests(text string) error {
	if m.Path == "" {
		return fmt.Errorf("the mapping was not read from a file: its tests cannot be written back")
	}
	data, err := guard.ReadUserFile(m.Path, guard.MaxDocBytes)
	if err != nil {
		return err
	}
	lines := strings.SplitAfter(string(data), "\n")
	var out string
	line := m.TestsLine
	if m.TestsLine == 0 {
		out = string(data)
		if out != "" && !strings.HasSuffix(out, "\n") {
			out += "\n"
		}
		line = strings.Count(out, "\n") + 1
		out += text
	} else {
		start, n := m.TestsLine-1, strings.Count(m.Tests, "\n")
		if start+n > len(lines) || strings.TrimRight(strings.Join(lines[start:start+n], ""), "\n") != strings.TrimRight(m.Tests, "\n") {
			return fmt.Errorf("%s: the tests: section changed since it was read; run again", m.Path)
		}
		out = strings.Join(lines[:start], "") + text + strings.Join(lines[start+n:], "")
	}
	if err := writeAtomic(m.Path, []byte(out)); err != nil {
		return err
	}
	// The section now stands at line (appended: after the last line), so
	// that the next SaveTests replaces it instead of adding another.
	m.Tests, m.TestsLine = text, line
	return nil
}
