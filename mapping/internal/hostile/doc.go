// Package hostile holds no code: its test runs the built seam command on
// hostile inputs (depth bombs, huge files and fields, special files, files
// named outside the allowed folders) under a 2 GiB address space and checks
// that each ends with a clear error (exit 2) instead of exhausting memory,
// hanging or leaking a file. Inputs are generated in a temporary folder at
// test time. Add a case to the table in hostile_test.go for each new bound.
package hostile
