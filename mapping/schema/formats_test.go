package schema

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestAvro(t *testing.T) {
	s, err := Load(filepath.Join(fixtures(t), "user.avsc"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, s)
	for _, w := range []want{
		{path: "id", typ: UUID, req: yes, line: 7},
		{path: "age", typ: Integer, bits: 32, req: no, nul: yes},
		{path: "balance", typ: Decimal, prec: 10, scale: 2},
		{path: "born", typ: Date, nul: yes},
		{path: "created", typ: TimestampTZ, format: "timestamp-millis"},
		{path: "seen", typ: TimestampTZ, format: "timestamp-micros"},
		{path: "status", typ: Enum, enum: 2},
		{path: "emails", typ: Array}, {path: "emails[]", typ: String},
		{path: "attrs", typ: Object, format: "map"},
		{path: "home", typ: Object, nul: yes}, {path: "home.zip", typ: String},
		{path: "work.street", typ: String},
		{path: "score", typ: Integer, union: []Type{Integer, String}, nul: yes},
	} {
		checkField(t, s, w)
	}
	// Recursion through a named type stops.
	rec := mustParse(t, "n.avsc", `{"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]},{"name":"v","type":"long"}]}`, Options{})
	checkField(t, rec, want{path: "next", typ: Object, nul: yes})
	nul := mustParse(t, "z.avsc", `{"type":"record","name":"Z","fields":[{"name":"gone","type":"null"}]}`, Options{})
	checkField(t, nul, want{path: "gone", typ: String, nul: yes})
	// Several named types need a selector.
	multi := `[{"type":"record","name":"A","fields":[{"name":"a","type":"int"}]},{"type":"record","name":"B","fields":[{"name":"b","type":"string"}]}]`
	_, err = Parse("m.avsc", []byte(multi), Options{})
	wantErr(t, err, "2 records", "A, B")
	checkField(t, mustParse(t, "m.avsc#B", multi, Options{}), want{path: "b", typ: String})
	// An object container file: the schema in its header.
	var ocf bytes.Buffer
	schema := []byte(`{"type":"record","name":"R","fields":[{"name":"x","type":"double"}]}`)
	ocf.WriteString("Obj\x01")
	ocf.WriteByte(2) // one entry (zigzag 1)
	writeAvroBytes(&ocf, []byte("avro.schema"))
	writeAvroBytes(&ocf, schema)
	ocf.WriteByte(0)
	ocf.Write(make([]byte, 16))
	checkField(t, mustParse(t, "data.avro", ocf.String(), Options{}), want{path: "x", typ: Float})
}

func writeAvroBytes(b *bytes.Buffer, p []byte) {
	n := uint64(len(p)) << 1
	for n >= 0x80 {
		b.WriteByte(byte(n) | 0x80)
		n >>= 7
	}
	b.WriteByte(byte(n))
	b.Write(p)
}

func TestAvroErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		parts     []string
	}{
		{"unknown type", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n{\"name\":\"a\",\"type\":\"strng\"}]}", []string{"a.avsc:2:", "invalid Avro schema", "strng"}},
		{"broken JSON", "{\"type\":\"record\",", []string{"a.avsc:1:", "invalid JSON"}},
		{"missing fields", `{"type":"record","name":"R"}`, []string{"a.avsc", "invalid Avro schema"}},
		{"truncated container", "Obj\x01\x02\x16avro", []string{"a.avsc", "container file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("a.avsc", []byte(c.doc), Options{})
			wantErr(t, err, c.parts...)
		})
	}
}

func TestOpenAPI(t *testing.T) {
	path := filepath.Join(fixtures(t), "crm.openapi.yaml")
	_, err := Load(path, Options{})
	wantErr(t, err, "2 components", "Company, Contact")
	if _, err := Load(path+"#/components/schemas/Company", Options{}); err != nil {
		t.Errorf("pointer selector: %v", err)
	}
	s, err := Load(path+"#Contact", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, s)
	for _, w := range []want{
		{path: "id", typ: UUID, req: yes, line: 10},
		{path: "email", typ: String, maxLen: 254, format: "email", req: yes},
		{path: "first_name", nul: yes, req: no},
		{path: "company", typ: Object, nul: yes},
		{path: "company.employees", typ: Integer, bits: 64, line: 23},
		{path: "lifecycle", typ: Enum, enum: 3},
		{path: "score", typ: Integer, bits: 32},
	} {
		checkField(t, s, w)
	}
	if !s.Lookup("id").ReadOnly {
		t.Error("id: readOnly lost")
	}
	// Relative file refs between bare component files.
	files := map[string]string{"api/b.yaml": "type: object\nproperties:\n  n:\n    type: integer\n"}
	s = mustParse(t, "api/a.yaml", "type: object\nproperties:\n  b:\n    $ref: ./b.yaml\n", Options{ReadFile: memFS(files)})
	checkField(t, s, want{path: "b.n", typ: Integer, line: 3})
	_, err = Parse("api/a.yaml", []byte("type: object\nproperties:\n  b:\n    $ref: ./missing.yaml\n"), Options{ReadFile: noDisk})
	wantErr(t, err, "api/a.yaml:4:", "missing.yaml")
	_, err = Parse("api/a.yaml", []byte("type: object\nproperties:\n  b: [\n"), Options{ReadFile: noDisk})
	wantErr(t, err, "api/a.yaml", "invalid YAML")
}

// A $ref to a component missing from the same file is an error, unless the
// document marks itself as a partial extract (x-extract... key).
func TestOpenAPIMissingRef(t *testing.T) {
	const doc = "openapi: 3.0.0\n%scomponents:\n  schemas:\n    A: {type: object, properties: {x: {$ref: \"#/components/schemas/B\"}}}\n"
	for _, c := range []struct {
		name, head string
		lenient    bool
	}{
		{"plain document", "", false},
		{"info without marker", "info: {title: t, version: \"1\"}\n", false},
		{"extract note in info", "info: {title: t, version: \"1\", x-extract-note: subset}\n", true},
		{"extract key at top", "x-extract: true\n", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := fmt.Sprintf(doc, c.head)
			line := 4 + strings.Count(c.head, "\n")
			s, err := Parse("api.yaml#A", []byte(src), Options{ReadFile: noDisk})
			if !c.lenient {
				wantErr(t, err, fmt.Sprintf("api.yaml:%d:", line), `"#/components/schemas/B"`)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			f := s.Lookup("x")
			if f == nil || f.Type != Object || !strings.Contains(f.Description, "#/components/schemas/B") {
				t.Errorf("x = %+v, want an object naming the unresolved $ref", f)
			}
		})
	}
}

func TestJSONSamples(t *testing.T) {
	s, err := Load(filepath.Join(fixtures(t), "events.jsonl"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, s)
	for _, w := range []want{
		{path: "event_id", typ: String, req: yes},
		{path: "ts", typ: TimestampTZ},
		{path: "user.id", typ: Integer, req: yes},
		{path: "user.country", typ: String, req: no, nul: yes},
		{path: "props", typ: Object, req: no},
		{path: "props.x", typ: Decimal},
		{path: "tags", typ: Array, req: no, line: 2},
		{path: "tags[]", typ: String},
	} {
		checkField(t, s, w)
	}
	arr := mustParse(t, "rows.json", `[{"a": 1, "b": "x"}, {"a": 2.5, "b": 3}, {"a": null}]`, Options{})
	checkField(t, arr, want{path: "a", typ: Decimal, nul: yes, req: yes})
	checkField(t, arr, want{path: "b", typ: String, union: []Type{String, Integer}, req: no})
	scal := mustParse(t, "list.json", `["a", "bb"]`, Options{})
	checkField(t, scal, want{path: "value", typ: String, maxLen: -1, observed: 2})
	_, err = Parse("e.jsonl", []byte("{\"a\":1}\n{\"a\":\n"), Options{})
	wantErr(t, err, "e.jsonl:2:", "invalid JSON")
	_, err = Parse("e.jsonl", []byte("{\"a\":1}\n[1]\n"), Options{})
	wantErr(t, err, "e.jsonl:2:", "expected a JSON object")
	_, err = Parse("e.jsonl", []byte("\n\n"), Options{})
	wantErr(t, err, "e.jsonl:1:1", "empty file")
	_, err = Parse("e.json", []byte(`[{"a":1}, 2]`), Options{})
	wantErr(t, err, "e.json:1:", "object")
	lim := mustParse(t, "l.jsonl", "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n", Options{SampleRows: 2})
	if lim.Lookup("c") != nil {
		t.Error("read past the sample")
	}
}

func TestSeamYAML(t *testing.T) {
	s, err := Load(filepath.Join(fixtures(t), "customer.schema.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, s)
	if s.Name != "customer" || s.Format != "seam" {
		t.Errorf("name %q format %q", s.Name, s.Format)
	}
	for _, w := range []want{
		{path: "id", typ: Integer, bits: 64, pk: true, gen: true, req: yes, line: 6},
		{path: "first_name", typ: String, maxLen: 40},
		{path: "phone", req: no, nul: yes, format: "phone"},
		{path: "status", typ: Enum, enum: 3},
		{path: "balance", typ: Decimal, prec: 12, scale: 2},
		{path: "address.postal_code", typ: String, maxLen: 10},
		{path: "tags[]", typ: String, maxLen: 20},
	} {
		checkField(t, s, w)
	}
	cases := []struct {
		name, doc string
		parts     []string
	}{
		{"unknown type", "fields:\n  - name: a\n    type: text\n", []string{"s.yaml:3:11", `unknown type "text"`, "expected one of string"}},
		{"unknown key", "fields:\n  - name: a\n    type: string\n    maxlen: 3\n", []string{"s.yaml:4:", `unknown key "maxlen"`}},
		{"bad bits", "fields:\n  - name: a\n    type: integer\n    bits: 8\n", []string{"s.yaml:4:", "16, 32 or 64"}},
		{"enum without values", "fields:\n  - name: a\n    type: enum\n", []string{"s.yaml:3:", "enum"}},
		{"duplicate", "fields:\n  - name: a\n    type: string\n  - name: a\n    type: string\n", []string{"s.yaml:4:", "duplicate field"}},
		{"no fields", "name: x\n", []string{"s.yaml", "missing fields"}},
		{"bad yaml", "fields:\n  - name: [\n", []string{"s.yaml", "invalid YAML"}},
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nfields: *g\n", []string{"s.yaml", "aliases"}},
		{"fields on a string", "fields:\n  - name: a\n    type: string\n    fields: []\n", []string{"s.yaml:4:", "only for type object"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(c.doc), Options{Format: "seam"})
			wantErr(t, err, c.parts...)
		})
	}
}

func xlsxBytes(t testing.TB, sheets map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	first := true
	for name, rows := range sheets {
		if first {
			f.SetSheetName("Sheet1", name)
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestXLSX(t *testing.T) {
	data := xlsxBytes(t, map[string][][]any{
		"Customers": {{"id", "name", "zip", "joined", "score"}, {1, "Ann", "02119", "2024-01-31", 1.5}, {2, "Bob", "10001", "2024-02-01", nil}},
	})
	s := mustParse(t, "book.xlsx", string(data), Options{})
	for _, w := range []want{
		{path: "id", typ: Integer, line: 1},
		{path: "name", typ: String},
		{path: "zip", typ: String, format: "code"},
		{path: "joined", typ: Date},
		{path: "score", typ: Decimal, nul: yes},
	} {
		checkField(t, s, w)
	}
	dict := xlsxBytes(t, map[string][][]any{
		"Dictionary": {
			{"Field Name", "Data Type", "Length", "Required", "Description", "Allowed Values"},
			{"customer_id", "integer", nil, "Y", "key", nil},
			{"email", "varchar(254)", nil, "Y", "primary email", nil},
			{"status", "Picklist", nil, "N", nil, "active, closed"},
			{"amount", "Currency", 12, "N", nil, nil},
			{"address", "object", nil, "N", nil, nil},
			{"address.city", "Text", 40, "Y", nil, nil},
		},
		"Notes": {{"anything"}},
	})
	_, err := Parse("dict.xlsx", dict, Options{})
	wantErr(t, err, "2 sheets", "Dictionary, Notes")
	s = mustParse(t, "dict.xlsx#Dictionary", string(dict), Options{})
	for _, w := range []want{
		{path: "customer_id", typ: Integer, req: yes, nul: no, line: 2},
		{path: "email", typ: String, maxLen: 254},
		{path: "status", typ: Enum, enum: 2, req: no, nul: yes},
		{path: "amount", typ: Decimal, prec: 12, format: "money"},
		{path: "address.city", typ: String, maxLen: 40, line: 7},
	} {
		checkField(t, s, w)
	}
	if d := s.Lookup("email").Description; d != "primary email" {
		t.Errorf("description %q", d)
	}
	bad := xlsxBytes(t, map[string][][]any{"D": {{"Name", "Type"}, {"a", "wibble"}}})
	_, err = Parse("bad.xlsx", bad, Options{})
	wantErr(t, err, "bad.xlsx:2:2", `unknown type "wibble"`)
	_, err = Parse("trunc.xlsx", dict[:len(dict)/2], Options{})
	wantErr(t, err, "trunc.xlsx", "invalid XLSX")
	_, err = Parse("empty.xlsx", xlsxBytes(t, map[string][][]any{"S": {}}), Options{})
	wantErr(t, err, "empty.xlsx", "empty")
}

func TestXLSXTypedCells(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	at := func(d int) time.Time { return time.Date(2024, 1, d, 10, 30, 0, 0, time.UTC) }
	data := xlsxBytes(t, map[string][][]any{"S": {
		{"d", "ts", "n", "b"},
		{day(31), at(30), 1234567.891, true},
		{day(1), at(2), 2.5, false},
	}})
	s := mustParse(t, "d.xlsx", string(data), Options{})
	checkField(t, s, want{path: "d", typ: Date, format: "date:2006-01-02"})
	checkField(t, s, want{path: "ts", typ: Timestamp})
	checkField(t, s, want{path: "n", typ: Decimal, scale: 3})
	checkField(t, s, want{path: "b", typ: Boolean})
}

func TestXLSXWorkbookFixture(t *testing.T) {
	path := filepath.Join(fixtures(t), "workbook.xlsx")
	_, err := Load(path, Options{})
	wantErr(t, err, "workbook.xlsx", "Dictionary, Orders")
	d, err := Load(path+"#Dictionary", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, d)
	for _, w := range []want{
		{path: "customer_no", typ: String, maxLen: 10, req: yes},
		{path: "status", typ: Enum, enum: 3},
		{path: "net_amount", typ: Decimal, prec: 12, scale: 2},
		{path: "ship_to", typ: Object, req: no},
		{path: "ship_to.postal_code", typ: String, maxLen: 10, req: no, line: 10},
	} {
		checkField(t, d, w)
	}
	o, err := Load(path+"#orders", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []want{
		{path: "order_id", typ: Integer},
		{path: "zip", typ: String, format: "code"},
		{path: "placed", typ: Date},
		{path: "total", typ: Decimal, nul: yes},
		{path: "paid", typ: Boolean},
	} {
		checkField(t, o, w)
	}
}

func TestDetection(t *testing.T) {
	cases := []struct{ name, head, forced, want string }{
		{"a.csv", "", "", "csv"}, {"a.TSV", "", "", "tsv"}, {"a.jsonl", "", "", "jsonl"}, {"a.ndjson", "", "", "jsonl"},
		{"a.xlsx", "", "", "xlsx"}, {"a.sql", "", "", "sql"}, {"a.avsc", "", "", "avro"}, {"a.avro", "", "", "avro"},
		{"a.json", `{"$schema": "x"}`, "", "jsonschema"}, {"a.json", `{"openapi": "3.0.0"}`, "", "openapi"},
		{"a.json", `{"type":"record","fields":[]}`, "", "avro"}, {"a.json", `[{"a":1}]`, "", "json"},
		{"a.json", `{"type": "string", "maxLength": 3}`, "", "jsonschema"}, {"a.json", `{"type":["null","object"]}`, "", "jsonschema"},
		{"a.json", `{"event": {"type": "click"}}`, "", "json"},
		{"a.yaml", "openapi: 3.0.0\n", "", "openapi"}, {"a.yaml", "type: object\n", "", "openapi"},
		{"a.yaml", "# c\nfields:\n", "", "seam"}, {"a.yml", "version: 2\nsources:\n", "", "dbt"},
		{"noext", "CREATE TABLE t (a int);", "", "sql"}, {"noext", "{\"a\":1}\n{\"a\":2}\n", "", "jsonl"},
		{"noext", "a,b\n1,2\n", "", "csv"}, {"noext", "PK\x03\x04", "", "xlsx"},
		{"a.txt", "", "postgres", "sql"}, {"a.txt", "", "JSON-Schema", "jsonschema"},
	}
	for _, c := range cases {
		got, err := pickFormat(c.name, []byte(c.head), c.forced)
		if err != nil || got != c.want {
			t.Errorf("%s %q %q: %q %v, want %q", c.name, c.head, c.forced, got, err, c.want)
		}
	}
	if _, err := pickFormat("a.csv", nil, "parquet"); err == nil {
		t.Error("unknown forced format accepted")
	}
	_, err := Load(filepath.Join(t.TempDir(), "nope.csv"), Options{})
	wantErr(t, err, "nope.csv", "no such file")
	_, err = Load(t.TempDir(), Options{})
	wantErr(t, err, "directory")
}

func TestFingerprintStableAcrossFormatting(t *testing.T) {
	a := mustParse(t, "a.json", `{"properties":{"x":{"type":"string","maxLength":3}}}`, Options{})
	b := mustParse(t, "b.json", "{\n  \"properties\": {\n    \"x\": {\"maxLength\": 3, \"type\": \"string\", \"description\": \"doc\"}\n  }\n}", Options{})
	if a.Fingerprint() != b.Fingerprint() {
		t.Error("reformatting changed the fingerprint")
	}
}

// TestEmptyAndBinaryEveryFormat: every loader refuses empty and binary
// input with an error naming the file.
func TestEmptyAndBinaryEveryFormat(t *testing.T) {
	binary := []byte("\x00\x01\x02\xff\xfe\x00garbage\x00\x10")
	for _, name := range []string{"e.json", "e.jsonl", "e.csv", "e.tsv", "e.sql", "e.avsc", "e.yaml", "e.xlsx", "e.schema.json", "e.openapi.yaml"} {
		for _, format := range []string{"", "jsonschema", "openapi", "seam", "dbt"} {
			if format != "" && name != "e.json" && name != "e.yaml" {
				continue
			}
			_, err := Parse(name, nil, Options{Format: format, ReadFile: noDisk})
			wantErr(t, err, name)
			if name != "e.xlsx" && err != nil && !bytes.Contains([]byte(err.Error()), []byte("empty")) {
				t.Errorf("%s (%s): empty input: %v", name, format, err)
			}
			_, err = Parse(name, binary, Options{Format: format, ReadFile: noDisk})
			wantErr(t, err, name)
		}
	}
}
