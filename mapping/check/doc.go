// Package check finds mismatches between a source schema, a mapping and a
// target schema. Static detectors read only the schemas and the mapping;
// data detectors watch rows go through the engine. Both produce Findings in
// the shape SPEC.md fixes for `seam check --format json`.
//
// Detector families, one file each (with the D-ids of
// EDGE_CASES_AND_MISMATCHES.md):
//
//	coverage.go   D01 unmapped_required, D02 dropped_source, D03 unknown_field
//	              (with a case/underscore-folded "did you mean"), D06 collision,
//	              D07 split
//	identity.go   D04 readonly_target, D05 identity_misuse
//	types.go      D08/D09 cardinality, D10 type_incompatible, D11/D12/D15
//	              narrowing, D12 precision_loss, D13 float_money, D14
//	              code_as_number, D16 encoding_loss, D31 timezone_loss
//	presence.go   D19 nullable_into_required, D22 enum_uncovered, D28 a
//	              reference fed without a lookup (lookup_miss)
//	meaning.go    D29 unit_mismatch, D30 currency_dropped, D32 polarity,
//	              D33 name_semantics, D37 sensitive_data, D38 drift
//	data*.go      the streaming detectors (truncation in characters, UTF-8
//	              bytes and UTF-16 units, range/pattern/format/enum
//	              violations, null_into_required, duplicate_key, empty_vs_null,
//	              encoding_loss, precision_loss, code_as_number, unit_mismatch
//	              from epoch digits and value distributions, timezone_loss,
//	              collision, polarity, invariant_broken, distribution_shift,
//	              and the engine's own row errors: coercion_failure, lookup_miss)
//	parallel.go   Feed: the data detectors on goroutines sharded by target
//	              field, merged into the same findings as a serial run
//	exprcheck.go  what an expression does, from expr's syntax tree and the
//	              facts each library function declares (transform.ReadExpr,
//	              transform.FactsOf): length bounds that clear narrowing,
//	              substr cuts (truncation), codes parsed as numbers, on_error
//	              sentinels into keys; no regular expression reads an expression
//	data_loss.go  value-level loss: output against the source value it came
//	              from (leading zeros, characters cut)
//	compile.go    CompileEach: a rule that does not compile is a compile_error
//	              finding, the program keeps the others
//	diff.go       Diff and DiffMapping: schema drift, Confluent compatibility;
//	              diff_check.go DiffCheck judges a change as check would
//	lexicon.go, platform.go: the name lexicons and platform facts (Salesforce
//	              system fields, lengths stated in descriptions)
//
// Wiring `seam check` (both front ends call Run):
//
//	prog, compileFs, diags := check.CompileEach(m, src, dst)
//	rep, stats, err := check.Run(ctx, prog, reader, check.RunOptions{
//		Name: mappingPath, Mapping: m, Findings: compileFs})
//
// Run runs Static, streams the rows through the engine into the data
// detectors (NewData, NewFeed), merges a data finding into the static one
// of the same kind, rule and target (MergeEvidence), builds the report and
// applies the acknowledgements. Then:
//
//	check.Write(os.Stdout, rep, format)
//	os.Exit(rep.ExitCode(failOn))
//
// Size: every static and data check takes time linear in the number of
// rules and fields (100,000-rule mappings are in the hostile matrix);
// invariant_broken pairs at most 256 early/late date targets.
//
// Kinds come from mapping/kind. Those seam adds (SPEC.md allows new kinds
// when none fits):
// cardinality (D08 an array into a single value; D09 a grain change) and
// split (D07 one value split into several targets); value_too_large is the
// engine's row error for a value a rule built beyond 16 MiB (mapping/FORMAT.md,
// "Value size"). Static lookup_miss
// (D28) flags a reference fed from another system's id without a lookup;
// static collision with severity info flags a coalesce of several sources.
package check
