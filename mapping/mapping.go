package mapping

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

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
func (m *Mapping) LoadLookupFiles() error { return m.loadLookupFiles() }

func (m *Mapping) loadLookupFiles() error {
	for _, l := range m.Lookups {
		if l.File == "" {
			continue
		}
		entries, err := readLookupCSV(m.Resolve(l.File))
		if err != nil {
			return fmt.Errorf("%s: lookup %s: %w", l.Pos, l.Name, err)
		}
		l.Entries = entries
	}
	return nil
}

func readLookupCSV(path string) ([]LookupEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
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
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(rec.Vals) < 2 {
			return nil, fmt.Errorf("%s: want two columns (key, value), found %d", path, len(rec.Vals))
		}
		k, v := rec.Vals[0].Text(), rec.Vals[1].Text()
		if prev, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s: row %d: key %q already given in row %d", path, r.Row(), k, prev)
		}
		seen[k] = r.Row()
		out = append(out, LookupEntry{Key: k, Value: v})
	}
	return out, nil
}

// LoadSchemas loads the source and target schemas named by the mapping,
// relative to the mapping file.
func (m *Mapping) LoadSchemas(opts schema.Options) (src, dst *schema.Schema, err error) {
	if m.Source.Schema == "" || m.Target.Schema == "" {
		return nil, nil, fmt.Errorf("%s: the mapping names no source or target schema", m.Path)
	}
	src, err = schema.Load(m.Resolve(m.Source.Schema), opts)
	if err != nil {
		return nil, nil, fmt.Errorf("source schema (%s): %w", m.Source.Pos, err)
	}
	dst, err = schema.Load(m.Resolve(m.Target.Schema), opts)
	if err != nil {
		return nil, nil, fmt.Errorf("target schema (%s): %w", m.Target.Pos, err)
	}
	return src, dst, nil
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

// lookupTables returns the lookups as the transform library wants them.
func (m *Mapping) lookupTables() (map[string]map[string]string, map[string]string) {
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
