package transform

import "testing"

// TestISODateTimeDate: the one shape rule by which an ISO date-time is
// read as a date, its date as written (#19 leftovers, item 5).
func TestISODateTimeDate(t *testing.T) {
	for s, want := range map[string]string{
		"2024-03-09T15:30:00Z":                "2024-03-09",
		"2024-03-09 15:30":                    "2024-03-09",
		"2024-03-09T23:30:00-05:00":           "2024-03-09",
		"2024-03-09T00:30:00+14:00":           "2024-03-09",
		"2024-03-09T00:30:00+24:00":           "", // offset hours 00-23
		"2024-03-09T15:30:00.123456789+02:00": "2024-03-09",
		"2024-03-09T15:30:00.1234567890Z":     "",
		"2024-03-09T24:00:00":                 "",
		"2024-03-09T15:60:00":                 "",
		"2024-03-09t15:30:00":                 "",
		"2024-03-09T5:30:00":                  "",
		"2024-03-09T15:30:00+0200":            "",
		"2024-03-09T15:30:00,5Z":              "",
		"2024-03-09T15:30:00.Z":               "",
		"2023-02-29T10:00:00":                 "",
		"2024-02-29T00:00:00Z":                "2024-02-29",
		"0000-01-01T00:00:00":                 "",
		"2024-03-09":                          "", // a date alone is the date rule's
		" 2024-03-09T15:30:00":                "",
		"2024-03-09T15:30:00Z ":               "",
	} {
		got := ""
		if d, ok := ISODateTimeDate(s); ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("ISODateTimeDate(%q) = %q, want %q", s, got, want)
		}
	}
}
