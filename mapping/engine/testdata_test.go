package engine

import (
	"path/filepath"
	"testing"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// TestTestdataMappingsCompile compiles every shared example mapping
// against its schemas (skipping those whose schemas do not load here).
func TestTestdataMappingsCompile(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/mappings/*.seam.yaml")
	if len(files) == 0 {
		t.Fatal("no mappings in ../../testdata/mappings")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m, err := mapping.Load(f)
			if err != nil {
				t.Fatal(err)
			}
			src, dst, err := m.LoadSchemas(schema.Options{})
			if err != nil {
				t.Skipf("schemas do not load: %v", err)
			}
			if _, ds := Compile(m, src, dst); ds.HasErrors() {
				t.Fatalf("%v", ds)
			}
		})
	}
}
