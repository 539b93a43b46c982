// Package export hands a mapping on and takes it back:
//
//   - WriteXLSX / ImportXLSX / ImportXLSXFile: the Excel mapping sheet
//     analysts already use (Mapping, Source, Target, "Lookup NAME",
//     Findings, About sheets), edited by people and imported again; import
//     errors name the sheet and cell ("Mapping!E7").
//   - WriteCSV / ImportCSV: the Mapping sheet's columns as CSV.
//   - SQL: a SELECT or CREATE VIEW for PostgreSQL, SQLite, MySQL or Spark
//     that implements the mapping, with seam's rejection semantics.
//   - Markdown / HTML: the data contract for reviewers (lineage, rules,
//     lookups, unmapped targets, ignored sources, acknowledged findings).
//   - YAML: the normalised mapping file (mapping.Marshal).
//
// Spreadsheets and CSVs written here never contain formulas: every cell is
// written as a string or a number, and CSV cells that a spreadsheet would
// take for a formula (starting with = + - @, tab or carriage return) are
// prefixed with an apostrophe that the importers strip again.
package export
