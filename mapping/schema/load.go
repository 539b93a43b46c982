package schema

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/internal/guard"
)

// Options tunes loading.
type Options struct {
	// SampleRows bounds how many data rows inference reads (CSV, JSONL,
	// XLSX data sheets). Zero means the default, 10,000.
	SampleRows int
	// Format forces a loader ("csv", "jsonschema", ...) instead of
	// detection by extension and content. See Formats.
	Format string
	// ReadFile reads files that a schema refers to ($ref to a relative
	// file). Nil means reading them from disk, confined to the roots (see
	// AllowPaths). Parse callers that must not touch the disk (fuzzing,
	// embedded files) pass a function that refuses.
	ReadFile func(name string) ([]byte, error)
	// AllowPaths are folders, besides the working directory and the
	// schema's own folder, that files referred to from inside the schema
	// ($ref to another file) may be read from. A referred path must be
	// relative, and must stay inside one of these roots (symlinks
	// included); see package guard's rule.
	AllowPaths []string
	// Referenced says the schema file was itself named inside another file
	// (a mapping's source or target): it is confined to AllowPaths and the
	// working directory like a $ref, and its own folder is not a root.
	Referenced bool
}

// DefaultSampleRows is the inference sample when Options.SampleRows is 0.
const DefaultSampleRows = 10000

// maxDocBytes bounds whole-document formats (everything except CSV/TSV
// and JSONL samples, which stream).
const maxDocBytes = guard.MaxDocBytes

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Formats lists the loader names accepted by Options.Format.
var Formats = []string{"jsonschema", "openapi", "json", "jsonl", "csv", "tsv", "xlsx", "sql", "avro", "seam", "dbt"}

func (o Options) sampleRows() int {
	if o.SampleRows <= 0 {
		return DefaultSampleRows
	}
	return o.SampleRows
}

// roots are the folders a schema loaded from file may refer into.
func (o Options) roots(file string) *guard.Roots {
	dirs := append([]string(nil), o.AllowPaths...)
	if !o.Referenced && file != "" {
		dirs = append(dirs, filepath.Dir(file))
	}
	return guard.NewRoots(dirs...)
}

func (s *source) readFile(name string) ([]byte, error) {
	if s.opts.ReadFile != nil {
		data, err := s.opts.ReadFile(name)
		if err != nil {
			return nil, guard.PathError(name, err)
		}
		return data, nil
	}
	if s.roots == nil {
		s.roots = s.opts.roots(s.name)
	}
	return s.roots.ReadFile(name, maxDocBytes)
}

// SplitRef splits "FILE#SELECTOR" at the last '#'. A ref naming an existing
// file whose name holds '#' is kept whole.
func SplitRef(ref string) (file, selector string) {
	i := strings.LastIndexByte(ref, '#')
	if i < 0 {
		return ref, ""
	}
	if _, err := os.Stat(ref); err == nil {
		return ref, ""
	}
	return ref[:i], ref[i+1:]
}

// Load reads a schema from ref, "FILE" or "FILE#SELECTOR". The loader is
// chosen by Options.Format, else by extension, else by content. Errors
// name the file and line:col where known and say what was expected.
func Load(ref string, opts Options) (*Schema, error) {
	file, sel := SplitRef(ref)
	if file == "" {
		return nil, fmt.Errorf("schema: empty file name in %q", ref)
	}
	if st, err := os.Stat(file); err == nil && st.IsDir() {
		return nil, diag.Errorf(diag.Pos{File: file}, "is a directory; expected a schema file")
	}
	roots := opts.roots(file)
	var f *os.File
	var err error
	if opts.Referenced {
		f, err = roots.Open(file)
	} else {
		f, err = guard.OpenUser(file)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileError(file, err)
	}
	br, err := textReaderOf(file, bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		return nil, err
	}
	head, _ := br.Peek(8 << 10)
	format, err := pickFormat(file, head, opts.Format)
	if err != nil {
		return nil, err
	}
	src := &source{name: file, dir: filepath.Dir(file), opts: opts, selector: sel, format: format, roots: roots}
	switch format {
	case "csv", "tsv":
		return loadCSV(src, br, st.Size())
	case "jsonl":
		return loadJSONL(src, br)
	case "xlsx":
		return loadXLSX(src, br, st.Size())
	}
	if st.Size() > maxDocBytes {
		return nil, diag.Errorf(diag.Pos{File: file}, "file is %s; a %s schema may be at most %s", guard.Bytes(st.Size()), formatTitle(format), guard.Bytes(maxDocBytes))
	}
	data, err := guard.ReadAll(br, file, maxDocBytes)
	if err != nil {
		return nil, err
	}
	return parseAs(src, data)
}

// Parse loads a schema from bytes; name is the file name used for format
// detection, for relative $refs and in origins and errors. A "#SELECTOR"
// suffix on name selects a table, sheet, component or definition.
func Parse(name string, data []byte, opts Options) (*Schema, error) {
	file, sel := name, ""
	if i := strings.LastIndexByte(name, '#'); i >= 0 {
		file, sel = name[:i], name[i+1:]
	}
	data, err := textOf(file, data)
	if err != nil {
		return nil, err
	}
	head := data
	if len(head) > 8<<10 {
		head = head[:8<<10]
	}
	format, err := pickFormat(file, head, opts.Format)
	if err != nil {
		return nil, err
	}
	src := &source{name: file, dir: filepath.Dir(file), opts: opts, selector: sel, format: format}
	switch format {
	case "csv", "tsv":
		return loadCSV(src, bufio.NewReader(bytes.NewReader(data)), int64(len(data)))
	case "jsonl":
		return loadJSONL(src, bufio.NewReader(bytes.NewReader(data)))
	case "xlsx":
		return loadXLSX(src, bytes.NewReader(data), int64(len(data)))
	}
	return parseAs(src, data)
}

// source is what a loader knows about its input.
type source struct {
	name     string // file as given
	dir      string
	opts     Options
	selector string
	format   string
	roots    *guard.Roots // where $refs to other files may lead; nil until needed
}

func (s *source) pos(line, col int) diag.Pos { return diag.Pos{File: s.name, Line: line, Col: col} }

func (s *source) errorf(line, col int, format string, args ...any) error {
	return diag.Errorf(s.pos(line, col), format, args...)
}

// newSchema starts a schema named after the selector or the file stem.
func (s *source) newSchema(name string) *Schema {
	if name == "" {
		name = stem(s.name)
	}
	return &Schema{Name: name, File: s.name, Selector: s.selector, Format: s.format}
}

func stem(file string) string {
	b := filepath.Base(file)
	for {
		ext := filepath.Ext(b)
		if ext == "" || ext == b {
			return b
		}
		b = strings.TrimSuffix(b, ext)
		if ext != ".gz" {
			return b
		}
	}
}

func parseAs(src *source, data []byte) (*Schema, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return nil, src.errorf(1, 1, "empty file: expected a %s schema", formatTitle(src.format))
	}
	if src.format != "xlsx" && !(src.format == "avro" && bytes.HasPrefix(data, avroMagic)) && looksBinary(data) {
		return nil, src.errorf(0, 0, "binary data: expected a %s schema as text", formatTitle(src.format))
	}
	var s *Schema
	var err error
	switch src.format {
	case "jsonschema":
		s, err = loadJSONSchema(src, data)
	case "openapi":
		s, err = loadOpenAPI(src, data)
	case "json":
		s, err = loadJSONSample(src, data)
	case "sql":
		s, err = loadDDL(src, data)
	case "avro":
		s, err = loadAvro(src, data)
	case "seam":
		s, err = loadSeamYAML(src, data)
	case "dbt":
		s, err = loadDBT(src, data)
	default:
		return nil, fmt.Errorf("%s: unknown schema format %q; expected one of %s", src.name, src.format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return nil, err
	}
	s.Reindex()
	return s, nil
}

func formatTitle(f string) string {
	switch f {
	case "jsonschema":
		return "JSON Schema"
	case "openapi":
		return "OpenAPI"
	case "json":
		return "JSON sample"
	case "jsonl":
		return "JSONL sample"
	case "csv", "tsv":
		return strings.ToUpper(f)
	case "xlsx":
		return "XLSX"
	case "sql":
		return "SQL DDL"
	case "avro":
		return "Avro"
	case "seam":
		return "seam YAML"
	case "dbt":
		return "dbt sources YAML"
	}
	return f
}

func fileError(file string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return diag.Errorf(diag.Pos{File: file}, "no such file")
	}
	return diag.Errorf(diag.Pos{File: file}, "cannot read: %v", err)
}

// looksBinary reports NUL bytes or invalid text in the first 8 KiB.
func looksBinary(data []byte) bool {
	if len(data) > 8<<10 {
		data = data[:8<<10]
	}
	return bytes.IndexByte(data, 0) >= 0
}

// pickFormat decides the loader: forced, by extension, then by content.
func pickFormat(file string, head []byte, forced string) (string, error) {
	if forced != "" {
		f := strings.ToLower(forced)
		switch f {
		case "json-schema", "jsonschema":
			return "jsonschema", nil
		case "avsc":
			return "avro", nil
		case "ddl", "postgres", "mysql", "sqlite":
			return "sql", nil
		case "yaml":
			return "seam", nil
		case "ndjson":
			return "jsonl", nil
		}
		for _, x := range Formats {
			if x == f {
				return f, nil
			}
		}
		return "", fmt.Errorf("%s: unknown format %q; expected one of %s", file, forced, strings.Join(Formats, ", "))
	}
	ext := strings.ToLower(filepath.Ext(file))
	switch ext {
	case ".csv":
		return "csv", nil
	case ".tsv", ".tab":
		return "tsv", nil
	case ".jsonl", ".ndjson":
		return "jsonl", nil
	case ".xlsx", ".xlsm":
		return "xlsx", nil
	case ".sql", ".ddl":
		return "sql", nil
	case ".avsc", ".avro":
		return "avro", nil
	case ".json":
		return sniffJSON(head), nil
	case ".yaml", ".yml":
		return sniffYAML(head), nil
	}
	return sniffContent(head), nil
}

func sniffJSON(head []byte) string {
	h := string(bytes.TrimPrefix(head, utf8BOM))
	switch {
	case strings.Contains(h, `"openapi"`) || strings.Contains(h, `"swagger"`):
		return "openapi"
	case strings.Contains(h, `"$schema"`) || strings.Contains(h, `"properties"`) || strings.Contains(h, `"$defs"`) || strings.Contains(h, `"definitions"`):
		return "jsonschema"
	case strings.Contains(h, `"record"`) && strings.Contains(h, `"fields"`):
		return "avro"
	case strings.Contains(h, `"$ref"`) || strings.Contains(h, `"$id"`) || jsonSchemaType.MatchString(h):
		return "jsonschema"
	}
	return "json"
}

// jsonSchemaType matches "type": "object" (or another JSON Schema type
// name, or a type list) near the top of a document.
var jsonSchemaType = regexp.MustCompile(`^\s*\{[^{]{0,400}"type"\s*:\s*("(object|array|string|integer|number|boolean|null)"|\[\s*")`)

func sniffYAML(head []byte) string {
	for _, line := range strings.Split(string(bytes.TrimPrefix(head, utf8BOM)), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "openapi:") || strings.HasPrefix(line, "swagger:") || strings.HasPrefix(line, "components:"):
			return "openapi"
		case strings.HasPrefix(line, "sources:") || strings.HasPrefix(line, "models:"):
			return "dbt"
		case strings.HasPrefix(line, "fields:") || strings.HasPrefix(line, "seam_schema:"):
			return "seam"
		case strings.HasPrefix(line, "properties:") || strings.HasPrefix(line, "type:") || strings.HasPrefix(line, "allOf:"):
			return "openapi"
		case strings.HasPrefix(line, "$schema:"):
			return "jsonschema"
		}
	}
	return "seam"
}

func sniffContent(head []byte) string {
	t := bytes.TrimSpace(bytes.TrimPrefix(head, utf8BOM))
	switch {
	case bytes.HasPrefix(t, []byte("PK\x03\x04")):
		return "xlsx"
	case bytes.HasPrefix(t, []byte("{")):
		// Several objects on separate lines: JSONL.
		if i := bytes.IndexByte(t, '\n'); i > 0 && bytes.HasSuffix(bytes.TrimSpace(t[:i]), []byte("}")) && bytes.HasPrefix(bytes.TrimSpace(t[i:]), []byte("{")) {
			return "jsonl"
		}
		return sniffJSON(head)
	case bytes.HasPrefix(t, []byte("[")):
		return "json"
	}
	up := strings.ToUpper(string(t))
	if strings.Contains(up, "CREATE TABLE") {
		return "sql"
	}
	for _, l := range strings.SplitN(string(t), "\n", 3)[:1] {
		if strings.Contains(l, ":") && !strings.Contains(l, ",") && !strings.Contains(l, "\t") {
			return sniffYAML(head)
		}
	}
	return "csv"
}

// SelectorError is returned when a file holds several tables, sheets,
// components, definitions or records and the ref names none of them (or
// one that is not there). Candidates lets a UI offer a choice.
type SelectorError struct {
	File string
	// What is "table", "sheet", "component", "definition" or "record".
	What string
	// Selector as given; "" when missing.
	Selector   string
	Candidates []string
}

// Error lists the candidates: "f.sql: 3 tables; choose one with f.sql#NAME: a, b, c".
func (e *SelectorError) Error() string {
	list := strings.Join(e.Candidates, ", ")
	if len(e.Candidates) > 40 {
		list = strings.Join(e.Candidates[:40], ", ") + fmt.Sprintf(", ... (%d in all)", len(e.Candidates))
	}
	if e.Selector == "" {
		return fmt.Sprintf("%s: %d %ss; choose one with %s#NAME: %s", e.File, len(e.Candidates), e.What, e.File, list)
	}
	return fmt.Sprintf("%s: no %s %q; expected one of: %s", e.File, e.What, e.Selector, list)
}

// selectErr reports a missing or ambiguous selector with the candidates.
func selectErr(src *source, what string, names []string) error {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	return &SelectorError{File: src.name, What: what, Selector: src.selector, Candidates: sorted}
}
