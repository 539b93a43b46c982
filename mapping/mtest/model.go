package mtest

import "github.com/seamhq/seam/mapping/diag"

// Case is one test of a mapping.
type Case struct {
	Name string
	Pos  diag.Pos
	// Given are the input records, each an ordered list of fields (nested
	// objects and arrays kept), written to the engine as JSON Lines.
	Given []*Node
	// GivenFile, when set, names a data file (relative to the test file)
	// read instead of Given.
	GivenFile string
	// Expect holds, per target name ("" for a mapping's only target), the
	// rows the target must write, in order. A nil map means the test does
	// not look at output rows.
	Expect map[string][]Row
	// ExpectRejects lists rows that must be rejected.
	ExpectRejects []RejectWant
	// ExpectFindings lists findings that must be reported on the given
	// records.
	ExpectFindings []FindingWant
	// File is where the test was read from (the mapping or its sidecar).
	File string
}

// Row is one expected output row: the listed columns only, in the
// order written. Nested objects are flattened to dotted columns.
type Row struct {
	Cols []Col
	// Absent lists columns that must hold no value.
	Absent []string
	Pos    diag.Pos
}

// Col is one expected column value.
type Col struct {
	Name string
	Want *Node
}

// RejectWant is one expected reject: the input row (1-based; 0 matches
// any row), the rule (its id or target column), the kind and the target
// table ("" for any).
type RejectWant struct {
	Row    int64
	Rule   string
	Kind   string
	Target string
	Pos    diag.Pos
}

// FindingWant is one expected finding: its kind and, optionally, the
// target column and target table it is about.
type FindingWant struct {
	Kind   string
	Field  string
	Target string
	Pos    diag.Pos
}

// Node is a YAML value of a test file with the text it was written as.
type Node struct {
	// Kind is "null", "bool", "int", "float", "string", "map" or "list".
	Kind string
	// Text is the scalar as written (without quotes for strings).
	Text string
	// Quoted is set for a quoted string scalar.
	Quoted bool
	Keys   []string
	Vals   []*Node
	Pos    diag.Pos
}
