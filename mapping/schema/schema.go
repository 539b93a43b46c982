package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
)

// Type is a field type name of SPEC.md.
type Type string

// The type names. Nothing else is a valid Type.
const (
	String      Type = "string"
	Integer     Type = "integer"
	Decimal     Type = "decimal"
	Float       Type = "float"
	Boolean     Type = "boolean"
	Date        Type = "date"
	Time        Type = "time"
	Timestamp   Type = "timestamp"   // no zone
	TimestampTZ Type = "timestamptz" // zoned
	UUID        Type = "uuid"
	Enum        Type = "enum"
	Object      Type = "object"
	Array       Type = "array"
	Binary      Type = "binary"
)

// Types lists every valid type name.
var Types = []Type{String, Integer, Decimal, Float, Boolean, Date, Time, Timestamp, TimestampTZ, UUID, Enum, Object, Array, Binary}

// Valid reports whether t is one of the type names.
func (t Type) Valid() bool {
	for _, x := range Types {
		if x == t {
			return true
		}
	}
	return false
}

// Field is one node of a schema tree.
type Field struct {
	// Path is the full dotted path; array elements add "[]": "items[].sku".
	Path string
	// Name is the last segment ("sku").
	Name string
	Type Type
	// Bits is 16, 32 or 64 for integers when the source says; 0 otherwise.
	Bits int
	// Precision and Scale for decimals; nil when unknown.
	Precision *int
	Scale     *int
	// Required: the field must be present. Nullable: it may hold null.
	Required bool
	Nullable bool
	// MaxLength in characters (code points) for strings; nil when unbounded.
	MaxLength *int
	// ObservedMaxLength is the longest value a sample held (CSV, JSON,
	// XLSX data inference): evidence about the data, never a limit on
	// what may be written. nil when the schema was declared.
	ObservedMaxLength *int
	// ObservedPrecision and ObservedScale are the digits of the widest
	// decimal a sample held (in all, after the point): evidence like
	// ObservedMaxLength, never a limit (a sample decimal has no Precision
	// or Scale). nil when the schema was declared.
	ObservedPrecision *int
	ObservedScale     *int
	// Sampled marks a field inferred from a data sample (CSV, TSV, JSON,
	// JSONL, XLSX data sheet). Its Required, Nullable and Pattern then say
	// what the sample showed (every row had a value, no value was null,
	// every value was digits): evidence for the checks, never constraints.
	// The engine and the SQL export write null and absent into a sampled
	// target as into an optional, nullable field.
	Sampled   bool
	MinLength *int
	Min       *float64
	Max       *float64
	Pattern   string
	// Format: email, uri, phone, date-time, unix-time, ... as the source says.
	Format      string
	EnumValues  []string
	Description string
	Examples    []string
	// Default is the declared default as text; nil when none.
	Default *string
	// Key facts from DDL and APIs.
	PrimaryKey bool
	Unique     bool
	ReadOnly   bool // system or generated: must not be written
	Generated  bool // identity, serial, auto-increment
	References string
	// Union holds the member types of oneOf/anyOf/Avro unions beyond null.
	Union []Type
	// Charset is the storage charset when narrower than Unicode (latin1, ascii).
	Charset string
	// Children of an object; for an array, its element is Children[0]
	// with Name "[]" and Path "items[]".
	Children []*Field
	Origin   diag.Pos
	// Hints: how realistic values look (Avro arg.properties), for
	// generators only; nil when the source gives none.
	Hints *Hints
}

// Elem returns the element field of an array, or nil.
func (f *Field) Elem() *Field {
	if f.Type == Array && len(f.Children) == 1 {
		return f.Children[0]
	}
	return nil
}

// IsLeaf reports a field with no children.
func (f *Field) IsLeaf() bool { return len(f.Children) == 0 }

// Schema is a loaded field tree.
type Schema struct {
	// Name: the table, component, sheet or file stem.
	Name string
	// File and Selector as the user gave them ("ddl.sql", "orders").
	File     string
	Selector string
	// Format is the loader that read it: jsonschema, openapi, json, jsonl,
	// csv, xlsx, sql, avro, seam.
	Format string
	Fields []*Field
	// Charset of the whole target, when narrower than Unicode.
	Charset string
	// Hints of the root record (Avro arg.properties options: whole
	// records to draw from); nil when none.
	Hints *Hints

	index map[string]*Field
}

// Ref renders FILE#SELECTOR or FILE.
func (s *Schema) Ref() string {
	if s.Selector != "" {
		return s.File + "#" + s.Selector
	}
	return s.File
}

// Walk visits every field, parents before children, in declaration order.
func (s *Schema) Walk(fn func(*Field)) {
	var walk func([]*Field)
	walk = func(fs []*Field) {
		for _, f := range fs {
			fn(f)
			walk(f.Children)
		}
	}
	walk(s.Fields)
}

// Flatten returns every field, parents before children.
func (s *Schema) Flatten() []*Field {
	var out []*Field
	s.Walk(func(f *Field) { out = append(out, f) })
	return out
}

// Leaves returns the fields without children.
func (s *Schema) Leaves() []*Field {
	var out []*Field
	s.Walk(func(f *Field) {
		if f.IsLeaf() {
			out = append(out, f)
		}
	})
	return out
}

// Lookup finds a field by its full path; nil when missing.
func (s *Schema) Lookup(path string) *Field {
	if s.index == nil {
		s.Reindex()
	}
	return s.index[path]
}

// Reindex rebuilds the path index; call it after editing Fields.
func (s *Schema) Reindex() {
	s.index = make(map[string]*Field)
	s.Walk(func(f *Field) { s.index[f.Path] = f })
}

// Fingerprint is "sha256:" over the canonical JSON of the fields without
// origins or descriptions, so reformatting a file does not change it but
// any change of name, type or constraint does.
func (s *Schema) Fingerprint() string {
	h := sha256.New()
	for _, f := range s.Flatten() {
		j := f.jsonForm(false)
		b, _ := json.Marshal(j)
		h.Write(b)
		h.Write([]byte{'\n'})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// FieldJSON is the stable JSON form of one field (`seam schema show --json`).
type FieldJSON struct {
	Path        string   `json:"path"`
	Type        Type     `json:"type"`
	Bits        int      `json:"bits,omitempty"`
	Required    bool     `json:"required"`
	Nullable    bool     `json:"nullable"`
	MaxLength   *int     `json:"max_length,omitempty"`
	MinLength   *int     `json:"min_length,omitempty"`
	Precision   *int     `json:"precision,omitempty"`
	Scale       *int     `json:"scale,omitempty"`
	Min         *float64 `json:"min,omitempty"`
	Max         *float64 `json:"max,omitempty"`
	Pattern     string   `json:"pattern,omitempty"`
	Format      string   `json:"format,omitempty"`
	Enum        []string `json:"enum,omitempty"`
	Union       []Type   `json:"union,omitempty"`
	Default     *string  `json:"default,omitempty"`
	PrimaryKey  bool     `json:"primary_key,omitempty"`
	Unique      bool     `json:"unique,omitempty"`
	ReadOnly    bool     `json:"readonly,omitempty"`
	Generated   bool     `json:"generated,omitempty"`
	References  string   `json:"references,omitempty"`
	Charset     string   `json:"charset,omitempty"`
	Description string   `json:"description,omitempty"`
	Examples    []string `json:"examples,omitempty"`
	// ObservedMaxLength: the longest value of a sample (not a limit).
	ObservedMaxLength *int `json:"observed_max_length,omitempty"`
	// ObservedPrecision, ObservedScale: the widest decimal of a sample.
	ObservedPrecision *int `json:"observed_precision,omitempty"`
	ObservedScale     *int `json:"observed_scale,omitempty"`
	// Sampled: required, nullable and pattern are what a sample showed.
	Sampled bool   `json:"sampled,omitempty"`
	Origin  string `json:"origin,omitempty"`
	// Hints: how realistic values look (Avro arg.properties).
	Hints *Hints `json:"hints,omitempty"`
}

func (f *Field) jsonForm(withDocs bool) FieldJSON {
	j := FieldJSON{
		Path: f.Path, Type: f.Type, Bits: f.Bits, Required: f.Required, Nullable: f.Nullable,
		MaxLength: f.MaxLength, MinLength: f.MinLength, Precision: f.Precision, Scale: f.Scale,
		Min: f.Min, Max: f.Max, Pattern: f.Pattern, Format: f.Format, Enum: f.EnumValues,
		Union: f.Union, Default: f.Default, PrimaryKey: f.PrimaryKey, Unique: f.Unique,
		ReadOnly: f.ReadOnly, Generated: f.Generated, References: f.References, Charset: f.Charset,
	}
	if withDocs {
		j.Description = f.Description
		j.Examples = f.Examples
		j.ObservedMaxLength = f.ObservedMaxLength
		j.ObservedPrecision, j.ObservedScale = f.ObservedPrecision, f.ObservedScale
		j.Sampled = f.Sampled
		j.Hints = f.Hints
		if !f.Origin.IsZero() {
			j.Origin = f.Origin.String()
		}
	}
	return j
}

// JSON returns the stable JSON form of the schema:
// {"schema": NAME, "fields": [...]}, parents before children.
func (s *Schema) JSON() ([]byte, error) {
	out := struct {
		Schema string      `json:"schema"`
		Fields []FieldJSON `json:"fields"`
	}{Schema: s.Name, Fields: []FieldJSON{}}
	for _, f := range s.Flatten() {
		out.Fields = append(out.Fields, f.jsonForm(true))
	}
	return json.MarshalIndent(out, "", "  ")
}

// TypeString renders the type with its size: "decimal(10,2)", "integer(32)",
// "string(15)", "enum(P|S|C)".
func (f *Field) TypeString() string {
	switch f.Type {
	case Decimal:
		if f.Precision != nil && f.Scale != nil {
			return "decimal(" + strconv.Itoa(*f.Precision) + "," + strconv.Itoa(*f.Scale) + ")"
		}
		if f.Precision != nil {
			return "decimal(" + strconv.Itoa(*f.Precision) + ")"
		}
	case Integer:
		if f.Bits != 0 {
			return "integer(" + strconv.Itoa(f.Bits) + ")"
		}
	case String:
		if f.MaxLength != nil {
			return "string(" + strconv.Itoa(*f.MaxLength) + ")"
		}
	case Enum:
		if len(f.EnumValues) > 0 && len(f.EnumValues) <= 4 {
			return "enum(" + strings.Join(f.EnumValues, "|") + ")"
		}
	default:
	}
	return string(f.Type)
}

// Constraints renders the constraints compactly for tables:
// "req", "null", "max 15", "min 0", "pattern ...", "format email".
func (f *Field) Constraints() string {
	var parts []string
	if f.Required {
		parts = append(parts, "required")
	}
	if f.Nullable {
		parts = append(parts, "nullable")
	}
	if f.PrimaryKey {
		parts = append(parts, "pk")
	} else if f.Unique {
		parts = append(parts, "unique")
	}
	if f.Generated {
		parts = append(parts, "generated")
	}
	if f.ReadOnly {
		parts = append(parts, "readonly")
	}
	if f.MinLength != nil {
		parts = append(parts, "minlen "+strconv.Itoa(*f.MinLength))
	}
	if f.ObservedMaxLength != nil && f.MaxLength == nil {
		parts = append(parts, "observed max "+strconv.Itoa(*f.ObservedMaxLength))
	}
	if f.ObservedPrecision != nil && f.ObservedScale != nil && f.Precision == nil {
		parts = append(parts, "observed decimal("+strconv.Itoa(*f.ObservedPrecision)+","+strconv.Itoa(*f.ObservedScale)+")")
	}
	if f.Min != nil {
		parts = append(parts, "min "+boundText(*f.Min))
	}
	if f.Max != nil {
		parts = append(parts, "max "+boundText(*f.Max))
	}
	if f.Format != "" {
		parts = append(parts, "format "+f.Format)
	}
	if f.Pattern != "" {
		parts = append(parts, "pattern "+f.Pattern)
	}
	if f.Type == Enum && len(f.EnumValues) > 4 {
		parts = append(parts, strconv.Itoa(len(f.EnumValues))+" values")
	}
	if f.Default != nil {
		parts = append(parts, "default "+*f.Default)
	}
	if f.References != "" {
		parts = append(parts, "-> "+f.References)
	}
	return strings.Join(parts, ", ")
}

// IntP returns a pointer to i; a helper for optional sizes.
func IntP(i int) *int { return &i }

// FloatP returns a pointer to f.
func FloatP(f float64) *float64 { return &f }

// StrP returns a pointer to s.
func StrP(s string) *string { return &s }

// SortedPaths returns every path, sorted; handy in tests.
func (s *Schema) SortedPaths() []string {
	var out []string
	s.Walk(func(f *Field) { out = append(out, f.Path) })
	sort.Strings(out)
	return out
}

// boundText spells a min or max: whole numbers below 2^53 in full
// (4294967295, not 4.294967295e+09), others as Go's shortest form.
func boundText(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
