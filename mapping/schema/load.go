package schema

import "errors"

// Options tunes loading.
type Options struct {
	// SampleRows bounds how many data rows inference reads (CSV, JSONL,
	// XLSX data sheets). Zero means the default, 10,000.
	SampleRows int
	// Format forces a loader ("csv", "jsonschema", ...) instead of
	// detection by extension and content.
	Format string
}

// Load reads a schema from ref, "FILE" or "FILE#SELECTOR".
func Load(ref string, opts Options) (*Schema, error) {
	return nil, errors.New("schema.Load: not built yet")
}
