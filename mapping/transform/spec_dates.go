package transform

import (
	"strings"
	"time"
)

var layoutDoc = "Layouts: " + strings.Join(layoutNames, ", ") + " (one-digit days and months parse), or a Go layout such as 02-Jan-2006."

func init() {
	register(&def{
		spec: Spec{Name: "parse_date", Signature: "parse_date(s string [, layout string]) date", Category: "date",
			Doc: "Parses a calendar date (00:00 UTC). Layout defaults to ISO, which also takes a date-time (YYYY-MM-DD, T or space, hh:mm[:ss[.f]], optional Z or ±hh:mm) and keeps the date as written, as the exported SQL does. Impossible dates (2023-02-29) are errors. " + layoutDoc,
			Examples: []Example{{Expr: `parse_date("3/7/2024", "MM/DD/YYYY")`, Want: `2024-03-07`}, {Expr: `parse_date("29.02.2024", "DD.MM.YYYY")`, Want: `2024-02-29`},
				{Expr: `parse_date("2024-03-09T23:30:00-05:00")`, Want: `2024-03-09`},
				{Expr: `parse_date("2023-02-29")`, Want: `error: day out of range`}, {Expr: `parse_date("1709251200", "epoch_s")`, Want: `2024-03-01`},
				{Expr: `parse_date("2024-01-01", "YYYY/MM/DD")`, Want: `error: unknown layout "YYYY/MM/DD"`}}},
		impl:  fn(func(a []any) (any, error) { return parseAny("parse_date", true, a) }),
		types: []any{new(func(string) time.Time), new(func(string, string) time.Time), new(func(int, string) time.Time), new(func(time.Time) time.Time)},
	})
	register(&def{
		spec: Spec{Name: "parse_datetime", Signature: "parse_datetime(s string [, layout string [, zone string]]) timestamp", Category: "date",
			Doc: "Parses a timestamp. ISO accepts RFC 3339 with or without offset, T or space, fractional seconds. Input without an offset is read in zone (default UTC); a local time inside a daylight saving gap is an error; one that occurs twice (clocks fall back) is the earlier instant. " + layoutDoc,
			Examples: []Example{{Expr: `parse_datetime("2024-03-31 02:30", "ISO", "Europe/Berlin")`, Want: `error: daylight saving gap`},
				{Expr: `parse_datetime("2024-03-31 03:30", "ISO", "Europe/Berlin")`, Want: `2024-03-31T03:30:00+02:00`},
				{Expr: `parse_datetime("2024-07-01T12:00:00.5-04:00")`, Want: `2024-07-01T12:00:00.5-04:00`},
				{Expr: `parse_datetime("1709251200123", "epoch_ms")`, Want: `2024-03-01T00:00:00.123Z`}}},
		impl: fn(func(a []any) (any, error) { return parseAny("parse_datetime", false, a) }),
		types: []any{new(func(string) time.Time), new(func(string, string) time.Time), new(func(string, string, string) time.Time),
			new(func(int, string) time.Time), new(func(time.Time) time.Time)},
	})
	register(&def{
		spec: Spec{Name: "format_date", Signature: "format_date(t date|timestamp, layout string) string", Category: "date",
			Doc: "Formats a date or timestamp in its own zone (use to_zone first to change it). ISO prints the date, RFC3339 the full timestamp, epoch_s/epoch_ms the Unix time. " + layoutDoc,
			Examples: []Example{{Expr: `format_date(parse_date("2024-03-07"), "DD.MM.YYYY")`, Want: `"07.03.2024"`},
				{Expr: `format_date(parse_datetime("2024-03-01T00:00:00Z"), "epoch_ms")`, Want: `"1709251200000"`},
				{Expr: `format_date(parse_date("2024-03-07"), "Jan 2, 2006")`, Want: `"Mar 7, 2024"`}}},
		impl:  fn(formatDate),
		types: []any{new(func(time.Time, string) string)},
	})
	register(&def{
		spec: Spec{Name: "to_utc", Signature: "to_utc(t timestamp) timestamp", Category: "date",
			Doc:      "The same instant in UTC.",
			Examples: []Example{{Expr: `to_utc(parse_datetime("2024-07-01T12:00:00+02:00"))`, Want: `2024-07-01T10:00:00Z`}}},
		impl:  fn(toUTC),
		types: []any{new(func(time.Time) time.Time)},
	})
	register(&def{
		spec: Spec{Name: "to_zone", Signature: "to_zone(t timestamp, zone string) timestamp", Category: "date",
			Doc:      "The same instant in an IANA zone (\"Europe/Berlin\"); daylight saving applies per instant. Unknown zones are errors.",
			Examples: []Example{{Expr: `to_zone(parse_datetime("2024-01-15T12:00:00Z"), "Europe/Berlin")`, Want: `2024-01-15T13:00:00+01:00`}, {Expr: `to_zone(parse_datetime("2024-07-15T12:00:00Z"), "Europe/Berlin")`, Want: `2024-07-15T14:00:00+02:00`}, {Expr: `to_zone(parse_datetime("2024-01-15T12:00:00Z"), "Mars/Olympus")`, Want: `error: unknown time zone "Mars/Olympus"`}}},
		impl:  fn(toZone),
		types: []any{new(func(time.Time, string) time.Time)},
	})
}
