package schema

import (
	"strings"
	"testing"
)

// TestHostileBounds: inputs that used to take gigabytes or crash end with a
// clear error naming the file and what was expected (#20.5, #20.8). The
// memory each takes under a 2 GB address space is checked with the built
// binary in mapping/internal/hostile.
func TestHostileBounds(t *testing.T) {
	deepBlock := func(key string, d int) string {
		var b strings.Builder
		for i := 0; i < d; i++ {
			b.WriteString(strings.Repeat(" ", i) + key + ":\n")
		}
		return b.String()
	}
	bigField := strings.Repeat("x", maxRecordBytes+8<<10) // past the parser's read-ahead
	cases := []struct {
		name, file, format, data string
		want                     []string
	}{
		{"seam YAML flow depth", "s.yaml", "seam", "fields: " + strings.Repeat("[", 100000), []string{"s.yaml:1:", "nested deeper than 512 levels"}},
		{"seam YAML block depth", "s.yaml", "seam", "fields:\n" + deepBlock(" a", 600), []string{"s.yaml:", "nested deeper than 512 levels"}},
		{"OpenAPI nested properties", "api.yaml", "openapi", "openapi: 3.0.0\ncomponents:\n  schemas:\n    A: " + strings.Repeat("{properties: {a: ", 20000), []string{"api.yaml:4:", "nested deeper"}},
		{"OpenAPI block properties", "api.yaml", "openapi", "components:\n  schemas:\n" + deepBlock("   properties", 600), []string{"api.yaml:", "nested deeper"}},
		{"dbt depth", "m.yml", "dbt", "models: " + strings.Repeat("[", 5000), []string{"m.yml:1:", "nested deeper"}},
		{"JSON Schema in YAML", "s.yaml", "jsonschema", "properties: " + strings.Repeat("{a: ", 5000), []string{"s.yaml:1:", "nested deeper"}},
		{"JSON Schema depth", "s.json", "jsonschema", strings.Repeat(`{"properties":`, 20000), []string{"s.json:", "nested deeper than 512"}},
		{"Avro depth", "a.avsc", "avro", strings.Repeat(`{"type":`, 20000), []string{"a.avsc:", "nested deeper than 512"}},
		{"JSON sample depth", "d.json", "json", strings.Repeat("[", 100000), []string{"d.json:", "nested deeper than 512"}},
		{"JSON values", "d.json", "json", "[" + strings.Repeat("1,", maxJSONNodes) + "1]", []string{"d.json:", "more than 1000000 values"}},
		{"YAML tokens", "s.yaml", "seam", "fields:\n" + strings.Repeat("- 1\n", 1000001), []string{"s.yaml:", "more than 2000000 tokens"}},
		{"YAML aliases", "s.yaml", "seam", "a: &a [1]\nfields: [" + strings.Repeat("*a, ", 10001) + "]", []string{"s.yaml:2:", "more than 10000 aliases"}},
		{"CSV huge field", "d.csv", "csv", "a,b\n1,\"" + bigField + "\"\n", []string{"d.csv:2:", "a record longer than 16 MiB"}},
		{"CSV huge header", "d.csv", "csv", "a,\"" + bigField + "\"\n1,2\n", []string{"d.csv:1:", "header line is longer than 16 MiB"}},
		{"JSONL huge line", "d.jsonl", "jsonl", `{"a":"` + bigField + `"}` + "\n", []string{"d.jsonl:1:", "line longer than 16 MiB"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(c.file, []byte(c.data), Options{Format: c.format, ReadFile: noDisk})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// TestCSVSampleByteBound: past maxSampleBytes the sample ends quietly, as
// it does after SampleRows rows.
func TestCSVSampleByteBound(t *testing.T) {
	row := "1," + strings.Repeat("y", 1<<20) + "\n"
	data := "a,b\n" + strings.Repeat(row, maxSampleBytes/len(row)+2) + "oops\"\n"
	s, err := Parse("d.csv", []byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Fields) != 2 {
		t.Fatalf("fields %v", s.Fields)
	}
}
