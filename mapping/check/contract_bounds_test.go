package check

import (
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// TestContractBounds: a value the source schema itself rules out (longer
// than its VARCHAR, beyond its integer width) is the source's problem,
// contract_violation; a value the source allows and the target does not
// is still the mapping's (truncation, range_violation).
func TestContractBounds(t *testing.T) {
	src := S("s", F("name", schema.String, maxlen(40)), F("qty", schema.Integer, bits(32)))
	dst := S("d", F("name", schema.String, maxlen(20)), F("qty", schema.Integer, bits(16)))
	m := M(R("name", "", "name"), R("qty", "", "qty"))
	for _, c := range []struct {
		name string
		in   any
		want kind.Kind
	}{
		{"name", strings.Repeat("x", 41), kind.ContractViolation},
		{"name", strings.Repeat("x", 30), kind.Truncation},
		{"qty", int64(1) << 31, kind.ContractViolation},
		{"qty", int64(40000), kind.RangeViolation},
	} {
		d := NewDataFor(m, src, dst, DataOptions{})
		d.ObserveOut(1, rec(c.name, c.in), rec(c.name, c.in), nil, nil)
		fs := d.Findings()
		if find(fs, c.want) == nil {
			logFindings(t, fs)
			t.Errorf("%s=%v: no %s", c.name, c.in, c.want)
		}
		other := kind.Truncation
		if c.name == "qty" {
			other = kind.RangeViolation
		}
		if c.want == kind.ContractViolation && find(fs, other) != nil {
			t.Errorf("%s=%v: the source's own violation also reported as %s", c.name, c.in, other)
		}
	}
}
