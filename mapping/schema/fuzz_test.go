package schema

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fuzzLoader checks that a loader never panics, that every error names
// the file, and that every schema it returns is well formed. Seed corpora
// live in testdata/fuzz/<Name>/ and run with plain `go test`.
func fuzzLoader(f *testing.F, name, format string) {
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(name, data, Options{Format: format, ReadFile: noDisk, SampleRows: 200})
		if err != nil {
			if !strings.Contains(err.Error(), strings.SplitN(name, "#", 2)[0]) {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		checkInvariants(t, s)
		if _, err := s.JSON(); err != nil {
			t.Errorf("JSON: %v", err)
		}
		_ = s.Fingerprint()
	})
}

// addFixture seeds from a file under testdata/schemas when present.
func addFixture(f *testing.F, rel string) {
	data, err := readFixture(f, rel)
	if err == nil {
		f.Add(data)
	}
}

func readFixture(f testing.TB, rel string) ([]byte, error) {
	return noDiskOr(filepath.Join(fixtures(f), filepath.FromSlash(rel)))
}

func FuzzLoadJSONSchema(f *testing.F) {
	addFixture(f, "orders.schema.json")
	f.Add([]byte(`{"type":"object","properties":{"a":{"type":["null","string"]},"b":{"$ref":"#/definitions/b"}},"definitions":{"b":{"allOf":[{"type":"integer"}]}}}`))
	fuzzLoader(f, "s.json", "jsonschema")
}

func FuzzLoadOpenAPI(f *testing.F) {
	addFixture(f, "crm.openapi.yaml")
	addFixture(f, "realworld/supaglue-common-crm/contact.yaml")
	fuzzLoader(f, "api.yaml", "openapi")
}

func FuzzLoadCSV(f *testing.F) {
	addFixture(f, "customers.csv")
	f.Add([]byte("a;b\n\"x\n\";2\n"))
	fuzzLoader(f, "d.csv", "csv")
}

func FuzzLoadJSONL(f *testing.F) {
	addFixture(f, "events.jsonl")
	f.Add([]byte("{\"a\":[{\"b\":null}]}\n"))
	fuzzLoader(f, "d.jsonl", "jsonl")
}

func FuzzLoadDDL(f *testing.F) {
	addFixture(f, "shop_mysql.sql")
	addFixture(f, "shop_sqlite.sql")
	addFixture(f, "shop_sqlserver.sql")
	f.Add([]byte("CREATE TYPE e AS ENUM ('a');\nCREATE TABLE t (a e NOT NULL, b numeric(3,1) CHECK (b > 0), PRIMARY KEY (a));"))
	fuzzLoader(f, "t.sql", "sql")
}

func FuzzLoadAvro(f *testing.F) {
	addFixture(f, "user.avsc")
	addFixture(f, "realworld/kafka-datagen-avro/orders_schema.avro")
	fuzzLoader(f, "r.avsc", "avro")
}

func FuzzLoadYAML(f *testing.F) {
	addFixture(f, "customer.schema.yaml")
	fuzzLoader(f, "s.yaml", "seam")
}

func FuzzLoadXLSX(f *testing.F) {
	f.Add(xlsxBytes(f, map[string][][]any{"S": {{"Name", "Type", "Length"}, {"a", "varchar(3)", 3}}}))
	f.Add(xlsxBytes(f, map[string][][]any{"S": {{"a", "b"}, {1, "x"}}}))
	fuzzLoader(f, "b.xlsx", "xlsx")
}

// FuzzJSONParsers checks the fast JSON parser against the encoding/json
// based one: same acceptance, same values, same positions.
func FuzzJSONParsers(f *testing.F) {
	for _, s := range []string{`{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00", true, null], "b": {}}`, "[\n {\"k\":\n \"v\"}]", `"\ud800"`, `{"a":1}x`, "\"\xff\"", `01`, `{"a" 1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := parseFastJSON(data)
		std, err := parseJSONNodeStd("f.json", data)
		if ok != (err == nil) {
			t.Fatalf("fast ok=%v, std err=%v", ok, err)
		}
		if ok {
			sameNode(t, "", fast, std)
		}
	})
}

func sameNode(t *testing.T, at string, a, b *node) {
	t.Helper()
	if a.kind != b.kind || a.s != b.s || a.line != b.line || a.col != b.col || len(a.vals) != len(b.vals) || len(a.keys) != len(b.keys) {
		t.Fatalf("%s: fast %v %q %d:%d (%d) vs std %v %q %d:%d (%d)", at, a.kind, a.s, a.line, a.col, len(a.vals), b.kind, b.s, b.line, b.col, len(b.vals))
	}
	for i := range a.keys {
		if a.keys[i] != b.keys[i] || a.kline[i] != b.kline[i] {
			t.Fatalf("%s: key %q line %d vs %q line %d", at, a.keys[i], a.kline[i], b.keys[i], b.kline[i])
		}
	}
	for i := range a.vals {
		sameNode(t, at+"/"+strconv.Itoa(i), a.vals[i], b.vals[i])
	}
}

// TestFastJSONMatchesStd runs both JSON parsers over the real-world JSON
// fixtures.
func TestFastJSONMatchesStd(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fixtures(t), "realworld", "*", "*"))
	n := 0
	for _, f := range files {
		if ext := filepath.Ext(f); ext != ".json" && ext != ".avro" {
			continue
		}
		data, err := noDiskOr(f)
		if err != nil {
			t.Fatal(err)
		}
		fast, ok := parseFastJSON(data)
		std, err := parseJSONNodeStd(f, data)
		if !ok || err != nil {
			t.Fatalf("%s: fast ok=%v std err=%v", f, ok, err)
		}
		sameNode(t, filepath.Base(f), fast, std)
		n++
	}
	if n < 6 {
		t.Errorf("only %d JSON fixtures", n)
	}
}
