// Package mtest runs the example-based tests of a mapping: the `tests:`
// section of a *.seam.yaml file, or the NAME.seam.test.yaml file beside
// it. A test gives input records and expects output rows (all columns or
// only those listed), rejected rows with their rule and kind, or
// findings of a kind; `seam test` runs them.
//
// Values are compared by the output value's type: decimals exactly
// (1.50 equals 1.5), integers and floats as numbers, booleans as
// booleans, dates and date-times as instants, text as written in the
// test file (the literal `05021` is the text 05021). null, absent and
// "" are three different expectations: `null` wants a null, `""` an
// empty text, and a column listed under `absent:` wants no value at all.
package mtest
