package check

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/value"
	"github.com/shopspring/decimal"
)

// TestValidEmailMatchesRegexp: the hand-written matcher agrees with the
// regular expression it replaces.
func TestValidEmailMatchesRegexp(t *testing.T) {
	cases := []string{"", "a@b.co", "a@b", "@b.co", "a@.co", "a@b.", "a@b..co", "a.b@c.d.e", "a b@c.de", "a@b c.de",
		"a@@b.co", "a@b@c.de", "é@ü.de", "a@b.co\n", "\ta@b.co", "a@b.c\fo", "x@y.z.", ".@a.b", "a.@b.c", "a@b.c.d\r",
		"\xff@b.co", "a@\xff.co", strings.Repeat("a", 300) + "@b.co"}
	parts := []string{"a", "@", ".", " ", "\t", "é", "b", "\n"}
	for i := 0; i < 8*8*8*8*8; i++ { // every 5-part combination of parts
		var b strings.Builder
		for n, j := 0, i; n < 5; n, j = n+1, j/8 {
			b.WriteString(parts[j%8])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := validEmail(s), reEmail.MatchString(s); got != want {
			t.Errorf("validEmail(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

// TestNumChangedFastPath: the fast path for numeric text agrees with
// comparing full decimals.
func TestNumChangedFastPath(t *testing.T) {
	slow := func(sv, ov value.Value) bool {
		ds, ok1 := asDecimal(sv)
		dv, ok2 := asDecimal(ov)
		return ok1 && ok2 && !ds.Equal(dv)
	}
	texts := []string{"0", "-0", "+0", "00", "7", "007", "+7", "-7", " 12 ", "12.0", "12.50", "12.5", "1.", ".5", "-.5", "0.000",
		"123456789012345678", "1234567890123456789", "99999999999999999999", "1e3", "1.2.3", "", " ", "-", "+", "x", "1,5", "0.1"}
	outs := []value.Value{value.IntV(0), value.IntV(7), value.IntV(-7), value.IntV(12), value.IntV(1000), value.IntV(123456789012345678),
		value.Dec(decimal.RequireFromString("0")), value.Dec(decimal.RequireFromString("0.00")), value.Dec(decimal.RequireFromString("12.5")),
		value.Dec(decimal.RequireFromString("12.50")), value.Dec(decimal.RequireFromString("-0.5")), value.Dec(decimal.RequireFromString("0.1")),
		value.Dec(decimal.RequireFromString("99999999999999999999")), value.Dec(decimal.RequireFromString("1234567890123456789")), value.FloatV(0.1)}
	for _, s := range texts {
		for _, ov := range outs {
			if got, want := numChanged(value.Str(s), ov), slow(value.Str(s), ov); got != want {
				t.Errorf("numChanged(%q, %s) = %v, decimals say %v", s, ov.Text(), got, want)
			}
		}
	}
}
