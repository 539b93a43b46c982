package common

import "github.com/seamhq/seam/mapping/schema"

// TableSet is every table of a source schema's file with several tables
// (a DDL such as Northwind's): what the Generate screen shows and
// generates together (#15.5).
type TableSet struct {
	// File is the schema file the tables come from.
	File string
	// Schemas are the tables' schemas, in file order.
	Schemas []*schema.Schema
	// Tables are in generation order: parents first.
	Tables []TableInfo
	// Relations are the foreign keys between the tables.
	Relations []Relation
}

// TableInfo is one table of a TableSet.
type TableInfo struct {
	Name    string
	Columns int
	// Owner is the parent a child table's rows are made per row of (""
	// for a table of the plan's rows); Min, Max and Dist its cardinality.
	Owner    string
	Min, Max int
	Dist     string
}

// Relation is a foreign key: Child's Cols reference Parent's RefCols.
type Relation struct {
	Child, Cols, Parent, RefCols string
	// Owner: the child's rows are made per parent row (1..N); else every
	// child row picks a parent (N..1). Self: a table referencing itself.
	Owner, Self, Nullable bool
}

// TablesPlan is a generation of every table of a TableSet into a folder.
type TablesPlan struct {
	GenPlan
	// Dir is the folder the files go to: DIR/<table>.csv and
	// DIR/labels.csv (the edge cases by table, row and field).
	Dir string
}

// TablesResult is what a generation of several tables wrote.
type TablesResult struct {
	Dir string
	// Rows per table, in generation order.
	Tables []string
	Rows   []int64
}
