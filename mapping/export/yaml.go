package export

import (
	"fmt"
	"io"

	"github.com/seamhq/seam/mapping"
)

// YAML writes the mapping in its normalised file form (mapping.Marshal:
// stable key order, comments read from the file kept).
func YAML(w io.Writer, m *mapping.Mapping) error {
	if m == nil {
		return fmt.Errorf("export yaml: no mapping")
	}
	b, err := m.Marshal()
	if err != nil {
		return fmt.Errorf("export yaml: %w", err)
	}
	_, err = w.Write(b)
	return err
}
