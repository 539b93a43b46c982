// Package demo embeds the pair of schemas and the half-done mapping that
// `seam` opens when it is started without arguments: a web shop's orders
// (JSON Schema) mapped onto an ERP table (PostgreSQL DDL), with the traps
// real integrations hit: amounts in cents, order_total vs subtotal, active
// vs is_deleted, a 300-character name into VARCHAR(100), a nullable email
// into a NOT NULL column, a zoned timestamp into a zoneless one and a zip
// code cast to a number.
package demo

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
)

// File names of the embedded demo.
const (
	SourceFile  = "orders.schema.json"
	TargetFile  = "erp.sql"
	TargetRef   = "erp.sql#erp_customer_order"
	MappingFile = "demo.seam.yaml"
	// NextSourceFile is the shop's next schema version, for the drift screen:
	// customer_name renamed, subtotal_cents retyped, a status added, a field
	// added.
	NextSourceFile = "orders.v2.schema.json"
)

//go:embed orders.schema.json
var sourceSchema []byte

//go:embed erp.sql
var targetSchema []byte

//go:embed demo.seam.yaml
var mappingYAML []byte

//go:embed orders.v2.schema.json
var nextSourceSchema []byte

// Files returns the demo files by name.
func Files() map[string][]byte {
	return map[string][]byte{
		SourceFile:     sourceSchema,
		TargetFile:     targetSchema,
		MappingFile:    mappingYAML,
		NextSourceFile: nextSourceSchema,
	}
}

// WriteSchemas writes the two demo schema files into dir unless a file of
// that name is already there, so a saved demo mapping finds its schemas.
// It returns the names it wrote.
func WriteSchemas(dir string) ([]string, error) {
	var wrote []string
	for _, name := range []string{SourceFile, TargetFile} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			continue
		}
		if err := os.WriteFile(p, Files()[name], 0o644); err != nil {
			return wrote, fmt.Errorf("demo: writing %s: %w", p, err)
		}
		wrote = append(wrote, name)
	}
	return wrote, nil
}

// Extract writes all three demo files into dir and returns the mapping path.
func Extract(dir string) (string, error) {
	for name, data := range Files() {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", fmt.Errorf("demo: writing %s: %w", name, err)
		}
	}
	return filepath.Join(dir, MappingFile), nil
}

// Load opens the demo through the real loaders: the files go to a
// temporary folder that is removed as soon as they are read, and every
// position names the demo file instead of that folder.
func Load() (*mapping.Mapping, *schema.Schema, *schema.Schema, error) {
	dir, err := os.MkdirTemp("", "seam-demo-")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(dir)
	path, err := Extract(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	m, err := mapping.Load(path)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("demo mapping: %w", err)
	}
	src, dst, err := m.LoadSchemas(schema.Options{})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("demo schemas: %w", err)
	}
	m.Path = ""
	for _, r := range m.Rules {
		r.Pos.File, r.ExprPos.File = MappingFile, MappingFile
	}
	for _, sc := range []*schema.Schema{src, dst} {
		// Build the path index now: commands read it from several
		// goroutines, and a lazy first Lookup would write it.
		sc.Reindex()
		sc.File = filepath.Base(sc.File)
		sc.Walk(func(f *schema.Field) {
			if f.Origin.File != "" {
				f.Origin.File = filepath.Base(f.Origin.File)
			}
		})
	}
	return m, src, dst, nil
}
