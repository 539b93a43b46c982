package schema

import "testing"

// TestDDLUnsignedRanges: MySQL's UNSIGNED and MEDIUMINT bound a column's
// range; before, UNSIGNED was read and dropped, so -5 into an INT
// UNSIGNED passed every check, and 3,000,000,000 was called an overflow.
func TestDDLUnsignedRanges(t *testing.T) {
	ddl := "CREATE TABLE `t` (\n" +
		"  a INT UNSIGNED NOT NULL,\n" +
		"  b SMALLINT(5) UNSIGNED,\n" +
		"  c TINYINT UNSIGNED,\n" +
		"  d BIGINT UNSIGNED ZEROFILL,\n" +
		"  e MEDIUMINT,\n" +
		"  f MEDIUMINT UNSIGNED,\n" +
		"  g DECIMAL(10,2) UNSIGNED,\n" +
		"  h INT SIGNED\n" +
		");"
	s, err := Parse("t.sql", []byte(ddl), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type rng struct {
		bits     int
		min, max string
	}
	want := map[string]rng{
		"a": {64, "0", "4294967295"},
		"b": {32, "0", "65535"},
		"c": {32, "0", "255"},
		"d": {64, "0", ""},
		"e": {32, "-8388608", "8388607"},
		"f": {32, "0", "16777215"},
		"g": {0, "0", ""},
		"h": {32, "", ""},
	}
	for name, w := range want {
		f := s.Lookup(name)
		if f == nil {
			t.Fatalf("no field %s", name)
		}
		got := rng{bits: f.Bits}
		if f.Min != nil {
			got.min = boundText(*f.Min)
		}
		if f.Max != nil {
			got.max = boundText(*f.Max)
		}
		if got != w {
			t.Errorf("%s: got bits %d min %q max %q, want %+v", name, got.bits, got.min, got.max, w)
		}
	}
}
