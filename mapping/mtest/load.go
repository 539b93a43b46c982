package mtest

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/internal/guard"
)

// Load returns a mapping's tests: those of its `tests:` section, then
// those of its sidecar file (NAME.seam.test.yaml) when there is one. A
// test name used in both is an error.
func Load(m *mapping.Mapping) ([]*Case, error) {
	var cases []*Case
	if m.Tests != "" {
		cs, err := Parse(m.Path, m.TestsLine, []byte(m.Tests))
		if err != nil {
			return nil, err
		}
		cases = cs
	}
	side := m.TestSidecar()
	if side == "" {
		return cases, nil
	}
	b, p, err := m.ReadRef("tests file", filepath.Base(side), guard.MaxDocBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return cases, nil
	}
	if err != nil {
		return nil, err
	}
	cs, err := Parse(p, 1, b)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, c := range cases {
		names[c.Name] = true
	}
	for _, c := range cs {
		if names[c.Name] {
			return nil, fmt.Errorf("%s: test %q is also in the tests of the mapping file", c.Pos, c.Name)
		}
	}
	return append(cases, cs...), nil
}
