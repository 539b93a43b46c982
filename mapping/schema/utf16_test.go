package schema

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"
)

func encodeUTF16(s string, bigEndian bool) []byte {
	u := utf16.Encode([]rune("\uFEFF" + s))
	out := make([]byte, 0, 2*len(u))
	for _, x := range u {
		if bigEndian {
			out = append(out, byte(x>>8), byte(x))
		} else {
			out = append(out, byte(x), byte(x>>8))
		}
	}
	return out
}

// TestUTF16Everywhere: every loader reads UTF-16 with a byte-order mark
// as it reads the same text in UTF-8, through Parse and Load (#20.16).
func TestUTF16Everywhere(t *testing.T) {
	docs := map[string]string{
		"s.json":    `{"type": "object", "properties": {"größe": {"type": "string", "maxLength": 5}}, "required": ["größe"]}`,
		"api.yaml":  "openapi: 3.0.0\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        größe: {type: string, maxLength: 5}\n",
		"api.json":  `{"openapi": "3.0.0", "components": {"schemas": {"A": {"type": "object", "properties": {"größe": {"type": "string", "maxLength": 5}}}}}}`,
		"d.json":    `[{"größe": "abc"}, {"größe": "de"}]`,
		"d.jsonl":   "{\"größe\": \"abc\"}\n{\"größe\": \"de\"}\n",
		"t.sql":     "CREATE TABLE t (\n  größe varchar(5) NOT NULL\n);\n",
		"r.avsc":    `{"type": "record", "name": "r", "fields": [{"name": "groesse", "type": "string"}]}`,
		"s.yaml":    "fields:\n  - name: größe\n    type: string(5)\n",
		"d.csv":     "größe;n\nabc;1\n",
		"d.tsv":     "größe\tn\nabc\t1\n",
		"dbt.yml":   "sources:\n  - name: s\n    tables:\n      - name: t\n        columns:\n          - name: größe\n            data_type: varchar(5)\n",
		"e.csv":     "a,b\n1,2\n",
		"big.jsonl": "{\"a\": 1}\n",
	}
	dir := t.TempDir()
	for name, text := range docs {
		want, err := Parse(name, []byte(text), Options{ReadFile: noDisk})
		if err != nil {
			t.Fatalf("%s as UTF-8: %v", name, err)
		}
		for _, be := range []bool{false, true} {
			data := encodeUTF16(text, be)
			got, err := Parse(name, data, Options{ReadFile: noDisk})
			if err != nil {
				t.Errorf("%s as UTF-16 (big endian %v): %v", name, be, err)
				continue
			}
			if got.Fingerprint() != want.Fingerprint() || got.Format != want.Format {
				t.Errorf("%s as UTF-16 (big endian %v): %s %v, want %s %v", name, be, got.Format, got.SortedPaths(), want.Format, want.SortedPaths())
			}
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err = Load(path, Options{ReadFile: noDisk})
			if err != nil {
				t.Errorf("Load %s as UTF-16: %v", name, err)
			} else if got.Fingerprint() != want.Fingerprint() {
				t.Errorf("Load %s as UTF-16: %v, want %v", name, got.SortedPaths(), want.SortedPaths())
			}
		}
	}
	// Positions in errors are those of the text.
	for _, bad := range []string{"{\n  \"a\": [1,\n}", "CREATE TABLE t (\n  a int\n  b text);"} {
		name := "bad.json"
		if bad[0] == 'C' {
			name = "bad.sql"
		}
		_, err8 := Parse(name, []byte(bad), Options{ReadFile: noDisk})
		_, err16 := Parse(name, encodeUTF16(bad, false), Options{ReadFile: noDisk})
		if err8 == nil || err16 == nil || err8.Error() != err16.Error() {
			t.Errorf("%s: UTF-8 error %v, UTF-16 error %v", name, err8, err16)
		}
	}
	// Without a byte-order mark: said plainly, in every loader.
	for _, name := range []string{"s.json", "t.sql", "s.yaml", "d.jsonl", "d.csv"} {
		data := encodeUTF16(docs[name], false)[2:]
		_, err := Parse(name, data, Options{ReadFile: noDisk})
		wantErr(t, err, name, "UTF-16 text without a byte-order mark")
	}
}
