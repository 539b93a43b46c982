// Package export hands a mapping on: as the Excel mapping sheet analysts
// already use (and back again), as CSV, as SQL for several dialects, as
// Markdown and HTML documentation, and as normalised YAML.
//
// Spreadsheets and CSVs written here never contain formulas: every cell is
// written as a string or a number, and CSV cells that a spreadsheet would
// take for a formula (starting with = + - @, tab or carriage return) are
// prefixed with an apostrophe that the importers strip again.
package export
