package mapping

import (
	_ "embed"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/seamhq/seam/mapping/internal/guard"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// On-error modes of a rule.
const (
	OnErrorReject  = "reject"
	OnErrorNull    = "null"
	OnErrorDefault = "default"
	OnErrorKeep    = "keep"
)

// ParseOnError splits a rule's on_error text into its mode (reject, null,
// default, keep) and, for default(VALUE), the value's text. "" means
// reject. VALUE may be quoted ("..." or '...') to keep spaces or commas.
func ParseOnError(s string) (mode, arg string, err error) {
	t := strings.TrimSpace(s)
	switch t {
	case "", OnErrorReject:
		return OnErrorReject, "", nil
	case OnErrorNull, OnErrorKeep:
		return t, "", nil
	}
	if strings.HasPrefix(t, "default(") && strings.HasSuffix(t, ")") {
		arg = strings.TrimSpace(t[len("default(") : len(t)-1])
		if len(arg) >= 2 && (arg[0] == '"' && arg[len(arg)-1] == '"' || arg[0] == '\'' && arg[len(arg)-1] == '\'') {
			arg = arg[1 : len(arg)-1]
		}
		return OnErrorDefault, arg, nil
	}
	return "", "", fmt.Errorf("on_error %q: want reject, null, keep or default(VALUE)", s)
}

// LoadLookupFiles reads the lookup tables kept in CSV files (`{file: ...}`),
// resolved relative to the mapping file. A lookup file is CSV with a header
// row; the first column is the key and the second the value (other columns
// are ignored). Load calls it; call it after Parse when the files exist.
// Like every file a mapping names, a lookup file must be a regular file
// inside the mapping's folder, the working directory or AllowPaths.
func (m *Mapping) LoadLookupFiles() error { return m.loadLookupFiles() }

func (m *Mapping) loadLookupFiles() error {
	var roots *guard.Roots
	for _, l := range m.Lookups {
		if l.File == "" {
			continue
		}
		if roots == nil {
			roots = m.roots()
		}
		entries, err := m.readLookupFile(roots, l.File)
		if err != nil {
			return fmt.Errorf("%s: lookup %s: %w", l.Pos, l.Name, err)
		}
		l.Entries = entries
	}
	return nil
}

// roots are the folders the mapping's files may be read from.
func (m *Mapping) roots() *guard.Roots {
	return guard.NewRoots(m.rootDirs()...)
}

func (m *Mapping) rootDirs() []string {
	dirs := append([]string(nil), m.AllowPaths...)
	if m.Path != "" {
		dirs = append(dirs, filepath.Dir(m.Path))
	}
	return dirs
}

func (m *Mapping) readLookupFile(roots *guard.Roots, ref string) ([]LookupEntry, error) {
	path, err := guard.Resolve(m.Path, ref)
	if err != nil {
		return nil, err
	}
	f, err := roots.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLookupCSV(f, path)
}

// readLookupCSV reads key,value rows. Its errors name the file, row and
// column, never a cell's text: the file may not be the author's own.
func readLookupCSV(f io.Reader, path string) ([]LookupEntry, error) {
	format := value.FormatFromPath(path)
	if format == "" || format == value.FormatJSON || format == value.FormatJSONL {
		format = value.FormatCSV
	}
	r, err := value.NewReader(f, path, format)
	if err != nil {
		return nil, err
	}
	var out []LookupEntry
	seen := map[string]int64{}
	for rec, err := range value.Records(r) {
		if err != nil {
			return nil, err
		}
		if len(rec.Vals) < 2 {
			return nil, fmt.Errorf("%s: want two columns (key, value), found %d", path, len(rec.Vals))
		}
		k, v := rec.Vals[0].Text(), rec.Vals[1].Text()
		if prev, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s: row %d, column 1: the key is already given in row %d; expected each key once", path, r.Row(), prev)
		}
		seen[k] = r.Row()
		out = append(out, LookupEntry{Key: k, Value: v})
	}
	return out, nil
}

// LoadSchemas loads the source and target schemas named by the mapping,
// relative to the mapping file and confined like lookup files (to the
// mapping's folder, the working directory, m.AllowPaths and
// opts.AllowPaths).
func (m *Mapping) LoadSchemas(opts schema.Options) (src, dst *schema.Schema, err error) {
	if m.Source.Schema == "" || m.Target.Schema == "" {
		return nil, nil, fmt.Errorf("%s: the mapping names no source or target schema", m.Path)
	}
	load := func(ref string) (*schema.Schema, error) { return m.LoadSchemaRef(ref, opts) }
	src, err = load(m.Source.Schema)
	if err != nil {
		return nil, nil, fmt.Errorf("source schema (%s): %w", m.Source.Pos, err)
	}
	dst, err = load(m.Target.Schema)
	if err != nil {
		return nil, nil, fmt.Errorf("target schema (%s): %w", m.Target.Pos, err)
	}
	return src, dst, nil
}

// LoadSchemaRef loads a schema named in the mapping (ref as written,
// relative to the mapping file, optionally with #SELECTOR), confined to
// the mapping's folder, the working directory, m.AllowPaths and
// opts.AllowPaths: an absolute path, a path or symlink leading out of them
// and a file that is not a regular file are errors.
func (m *Mapping) LoadSchemaRef(ref string, opts schema.Options) (*schema.Schema, error) {
	p, err := guard.Resolve(m.Path, ref)
	if err != nil {
		return nil, err
	}
	opts.AllowPaths = append(m.rootDirs(), opts.AllowPaths...)
	opts.Referenced = true
	return schema.Load(p, opts)
}

// SetFingerprints records the schemas' current fingerprints in the mapping
// (what `seam` does when a mapping is saved against loaded schemas).
func (m *Mapping) SetFingerprints(src, dst *schema.Schema) {
	if src != nil {
		m.Source.Fingerprint = src.Fingerprint()
	}
	if dst != nil {
		m.Target.Fingerprint = dst.Fingerprint()
	}
}

// LookupTables returns the lookups as the transform library wants them.
func (m *Mapping) LookupTables() (map[string]map[string]string, map[string]string) {
	tables := make(map[string]map[string]string, len(m.Lookups))
	defaults := map[string]string{}
	for _, l := range m.Lookups {
		t := make(map[string]string, len(l.Entries))
		for _, e := range l.Entries {
			t[e.Key] = e.Value
		}
		tables[l.Name] = t
		if l.Default != nil {
			defaults[l.Name] = *l.Default
		}
	}
	return tables, defaults
}

// JSONSchema is the JSON Schema (2020-12) of the mapping file format.
//
//go:embed seam.schema.json
var JSONSchema []byte

// Schemas of a mapping with several targets or joins, as LoadAll returns
// them.
type Schemas struct {
	Source *schema.Schema
	// Targets in the order of Mapping.Targets.
	Targets []*schema.Schema
	// Joins by join name.
	Joins map[string]*schema.Schema
}

// LoadAll loads the source schema, every target's schema and every join's
// schema, confined like LoadSchemas.
func (m *Mapping) LoadAll(opts schema.Options) (*Schemas, error) {
	src, dst, err := m.LoadSchemas(opts)
	if err != nil {
		return nil, err
	}
	out := &Schemas{Source: src, Targets: []*schema.Schema{dst}, Joins: map[string]*schema.Schema{}}
	for _, t := range m.Extra {
		s, err := m.LoadSchemaRef(t.Schema.Schema, opts)
		if err != nil {
			return nil, fmt.Errorf("target %s schema (%s): %w", t.Name, t.Schema.Pos, err)
		}
		out.Targets = append(out.Targets, s)
	}
	for _, j := range m.Joins {
		s, err := m.LoadSchemaRef(j.Schema, opts)
		if err != nil {
			return nil, fmt.Errorf("join %s schema (%s): %w", j.Name, j.Pos, err)
		}
		out.Joins[j.Name] = s
	}
	return out, nil
}

// OpenJoinData opens a join's data file (its data:, relative to the
// mapping), confined like every file a mapping names; path is the
// resolved name for the reader and messages.
func (m *Mapping) OpenJoinData(j *Join) (rc io.ReadCloser, path string, err error) {
	if j.Data == "" {
		return nil, "", fmt.Errorf("%s: join %s names no data file; give it as data: or --join %s=FILE", j.Pos, j.Name, j.Name)
	}
	p, err := guard.Resolve(m.Path, j.Data)
	if err != nil {
		return nil, "", fmt.Errorf("%s: join %s: %w", j.Pos, j.Name, err)
	}
	f, err := m.roots().Open(p)
	if err != nil {
		return nil, "", fmt.Errorf("%s: join %s: %w", j.Pos, j.Name, err)
	}
	return f, p, nil
}
