// Package engine compiles a mapping (package mapping is the document)
// against its source and target schemas into a Program and runs records
// through it: Compile type-checks every rule once and returns all
// problems as diagnostics; an Exec applies the rules to one record; Run
// streams a reader through a Program on every core, keeps input order,
// and counts read = written + rejected on every stop.
package engine
