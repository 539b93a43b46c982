package check

import (
	"strings"
	"testing"
	"time"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestValueLoss: the data checks compare each output value with the
// source value it came from through the rule (#13.2).
func TestValueLoss(t *testing.T) {
	long := strings.Repeat("x", 45)
	tests := []struct {
		name, expr, src string
		dst             *schema.Field
		in, out         string
		want            kind.Kind // "" none
	}{
		{"leading zeros", "to_string(to_int(zip))", "zip", F("postal", schema.String), "05021", "5021", kind.CodeAsNumber},
		{"zeros kept", "trim(zip)", "zip", F("postal", schema.String), " 05021", "05021", ""},
		{"country name cut to a code", "upper(substr(country, 0, 2))", "country", F("country", schema.String, maxlen(80)), "Germany", "GE", kind.CodeSystem},
		{"a title cut", "substr(jobtitle, 0, 10)", "jobtitle", F("Title", schema.String, maxlen(128)), "Sales Representative", "Sales Repr", kind.Truncation},
		{"cut to fit the target is the idiom", "substr(name, 0, 40)", "name", F("name", schema.String, maxlen(40)), long, long[:40], ""},
		{"a first name is a split, not a cut", "first_name(name)", "name", F("name", schema.String), "Ada Lovelace", "Ada", ""},
		{"case only", "lower(name)", "name", F("name", schema.String), "ADA", "ada", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := S("s", F(tt.src, schema.String))
			dst := S("d", tt.dst)
			d := NewDataFor(M(R(tt.dst.Path, tt.expr)), src, dst, DataOptions{})
			d.ObserveOut(1, rec(tt.src, tt.in), rec(tt.dst.Path, tt.out), nil, nil)
			fs := d.Findings()
			if tt.want == "" {
				for _, f := range fs {
					if f.Kind == kind.CodeAsNumber || f.Kind == kind.Truncation {
						t.Errorf("false alarm %s: %s", f.Kind, f.Message)
					}
				}
				return
			}
			f := find(fs, tt.want)
			if f == nil || f.Count != 1 || len(f.Examples) != 1 || !strings.Contains(f.Examples[0].Reason, tt.out) {
				t.Fatalf("no %s with an example: %+v", tt.want, fs)
			}
		})
	}
}

// TestWallClockIntoZoned: a wall-clock string without an offset into a
// zoned timestamp is read as UTC: timezone_loss, unless the rule names
// the zone.
func TestWallClockIntoZoned(t *testing.T) {
	src := S("s", F("at", schema.String))
	dst := S("d", F("at", schema.TimestampTZ))
	for _, tt := range []struct {
		rule *mapping.Rule
		in   string
		want bool
	}{
		{R("at", "", "at"), "2024-03-09 22:30:00", true},
		{R("at", "", "at"), "2024-03-09T22:30:00-05:00", false},
		{R("at", "", "at"), "2024-03-09", false},
		{R("at", `parse_datetime(at, "2006-01-02 15:04:05", "America/New_York")`), "2024-03-09 22:30:00", false},
	} {
		d := NewDataFor(M(tt.rule), src, dst, DataOptions{})
		out := value.Value{K: value.TimestampTZ, T: time.Date(2024, 3, 9, 22, 30, 0, 0, time.UTC)}
		d.ObserveOut(1, rec("at", tt.in), &value.Record{Keys: []string{"at"}, Vals: []value.Value{out}}, nil, nil)
		if got := find(d.Findings(), kind.TimezoneLoss) != nil; got != tt.want {
			t.Errorf("%s from %q: timezone_loss %v, want %v", tt.rule.Expr, tt.in, got, tt.want)
		}
	}
}
