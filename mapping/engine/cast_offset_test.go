package engine

import (
	"testing"
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// TestCastTimestampBasicOffset: Salesforce's REST API writes timestamps
// with an offset without a colon (2024-02-01T12:30:00.000+0000, ISO 8601's
// basic offset); the checked cast reads them like RFC 3339.
func TestCastTimestampBasicOffset(t *testing.T) {
	for in, want := range map[string]string{
		"2024-02-01T12:30:00.000+0000": "2024-02-01T12:30:00Z",
		"2024-03-31T23:30:00.000-0700": "2024-04-01T06:30:00Z",
		"2024-03-31T23:30:00-0700":     "2024-04-01T06:30:00Z",
	} {
		v, err := castTo(value.Str(in), schema.TimestampTZ, dateLayout{}, true)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := v.T.UTC().Format(time.RFC3339); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
	if _, err := castTo(value.Str("2024-02-01T12:30:00+00"), schema.TimestampTZ, dateLayout{}, true); err == nil {
		t.Error("a two-digit offset is no timestamp")
	}
}
