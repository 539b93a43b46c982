package schema

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenJSON pins the `seam schema show --json` form of one fixture
// per loader (testdata/golden/*.json; go test -update rewrites them).
func TestGoldenJSON(t *testing.T) {
	for _, ref := range []string{
		"customers.csv", "orders.schema.json", "shop_mysql.sql", "shop_sqlserver.sql", "user.avsc",
		"customer.schema.yaml", "crm.openapi.yaml#Contact", "events.jsonl", "workbook.xlsx#Dictionary",
	} {
		t.Run(ref, func(t *testing.T) {
			rel := filepath.ToSlash(filepath.Join("..", "..", "testdata", "schemas", ref))
			s, err := Load(rel, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.JSON()
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.NewReplacer("#", "_", "/", "_").Replace(ref)+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run go test -update and review the diff\n%s", ref, golden, got)
			}
		})
	}
}
