package edge

import (
	"time"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

func date(y int, m time.Month, d int) value.Value {
	return value.TimeV(value.Date, time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func clock(h, m, s, ns int) value.Value {
	return value.TimeV(value.Time, time.Date(0, 1, 1, h, m, s, ns, time.UTC))
}

func wall(y int, mo time.Month, d, h, mi, s, ns int) value.Value {
	return value.TimeV(value.Timestamp, time.Date(y, mo, d, h, mi, s, ns, time.UTC))
}

func zoned(y int, mo time.Month, d, h, mi, s, ns int, name string, offset int) value.Value {
	return value.TimeV(value.TimestampTZ, time.Date(y, mo, d, h, mi, s, ns, time.FixedZone(name, offset)))
}

func dateCases(f *schema.Field) []Case {
	return []Case{
		mk("date.leap_day", Rare, "29 February of a leap year", date(2024, 2, 29)),
		mk("date.epoch", Rare, "1970-01-01: a sentinel that looks real", date(1970, 1, 1)),
		mk("date.feb_29_non_leap", Edge, "29 February of a common year; 1900-02-29 is accepted by Excel only", value.Str("2023-02-29"), value.Str("1900-02-29")),
		mk("date.feb_30", Edge, "a day that no month has", value.Str("2024-02-30")),
		mk("date.year_0001", Edge, "the first representable day: out of range for many targets", date(1, 1, 1)),
		mk("date.year_9999", Edge, "9999-12-31: the \"forever\" sentinel", date(9999, 12, 31)),
		mk("date.sql_server_min", Edge, "1753-01-01, SQL Server datetime's minimum", date(1753, 1, 1)),
		mk("date.mysql_zero", Edge, "MySQL's zero date", value.Str("0000-00-00")),
		mk("date.ambiguous_day_month", Edge, "US vs EU reading; day 13 reveals the order", value.Str("03/04/2024"), value.Str("13/04/2024"), value.Str("04/13/2024")),
		mk("date.two_digit_year", Edge, "two-digit years: pivot 1969 vs 2069", value.Str("24-03-04"), value.Str("69-01-01")),
		mk("date.as_midnight_datetime", Edge, "a date carried as a zoned midnight: off by one day in UTC", value.Str("2024-03-10T00:00:00-08:00"), value.Str("2024-03-10T00:00:00+01:00")),
	}
}

func timeCases(f *schema.Field) []Case {
	return []Case{
		mk("time.midnight", Rare, "00:00:00", clock(0, 0, 0, 0)),
		mk("time.end_of_day", Rare, "the last nanosecond of the day", clock(23, 59, 59, 999999999)),
		mk("time.leap_second", Edge, "second 60", value.Str("23:59:60")),
		mk("time.hour_24", Edge, "24:00:00, legal in ISO 8601, rejected by most parsers", value.Str("24:00:00")),
		mk("time.with_offset", Edge, "a time of day with a zone offset", value.Str("09:30:00+05:30")),
	}
}

func timestampCases(f *schema.Field, zonedField bool) []Case {
	ny := func(offset int) string {
		if offset == -4*3600 {
			return "EDT"
		}
		return "EST"
	}
	var out []Case
	if zonedField {
		out = []Case{
			mk("datetime.non_hour_offset", Rare, "offsets that are not whole hours: +05:30, +05:45, -03:30, +14:00",
				zoned(2024, 6, 1, 12, 0, 0, 0, "IST", 5*3600+1800), zoned(2024, 6, 1, 12, 0, 0, 0, "NPT", 5*3600+2700),
				zoned(2024, 6, 1, 12, 0, 0, 0, "NST", -(3*3600+1800)), zoned(2024, 6, 1, 12, 0, 0, 0, "LINT", 14*3600)),
			mk("datetime.dst_gap", Edge, "the two sides of the spring-forward gap in America/New_York (02:00-03:00 does not exist)",
				zoned(2024, 3, 10, 1, 59, 59, 0, ny(-5*3600), -5*3600), zoned(2024, 3, 10, 3, 0, 0, 0, ny(-4*3600), -4*3600)),
			mk("datetime.dst_overlap", Edge, "01:30 on 2024-11-03 in America/New_York, which happens twice",
				zoned(2024, 11, 3, 1, 30, 0, 0, ny(-4*3600), -4*3600), zoned(2024, 11, 3, 1, 30, 0, 0, ny(-5*3600), -5*3600)),
			mk("datetime.no_zone", Edge, "a naive timestamp in a zoned field: read in the server's zone", value.Str("2024-03-10T02:30:00"), value.Str("2024-11-03 01:30:00")),
			mk("datetime.utc_spellings", Edge, "Z, +00:00, -00:00 (offset unknown), UTC, GMT", value.Str("2024-03-10T12:00:00-00:00"), value.Str("2024-03-10 12:00:00 UTC"), value.Str("2024-03-10T12:00:00 GMT")),
			mk("datetime.y2038", Rare, "one second past the int32 epoch limit", zoned(2038, 1, 19, 3, 14, 8, 0, "UTC", 0)),
		}
	} else {
		out = []Case{
			mk("datetime.dst_gap", Edge, "a wall-clock time that does not exist in US (2024-03-10 02:30) or EU (2024-03-31 02:30) zones",
				wall(2024, 3, 10, 2, 30, 0, 0), wall(2024, 3, 31, 2, 30, 0, 0)),
			mk("datetime.dst_overlap", Edge, "a wall-clock time that happens twice (2024-11-03 01:30 in New York)", wall(2024, 11, 3, 1, 30, 0, 0), wall(2024, 10, 27, 2, 30, 0, 0)),
			mk("datetime.offset_zone", Edge, "a zoned value in a zoneless field: the offset is dropped or applied", value.Str("2024-03-10T02:30:00-05:00"), value.Str("2024-06-01T12:00:00+05:45")),
			mk("datetime.y2038", Rare, "one second past the int32 epoch limit", wall(2038, 1, 19, 3, 14, 8, 0)),
		}
	}
	out = append(out,
		mk("datetime.subsecond_nanos", Rare, "nanosecond precision into millisecond columns", tsv(zonedField, 2024, 5, 17, 8, 15, 30, 123456789)),
		mk("datetime.epoch", Rare, "1970-01-01T00:00:00, a sentinel", tsv(zonedField, 1970, 1, 1, 0, 0, 0, 0)),
		mk("datetime.year_9999", Edge, "9999-12-31T23:59:59, the forever sentinel", tsv(zonedField, 9999, 12, 31, 23, 59, 59, 0)),
		mk("datetime.epoch_seconds", Edge, "Unix seconds as a number (Stripe created)", value.IntV(1710000000)),
		mk("datetime.epoch_millis", Edge, "Unix milliseconds: read as seconds it lands in year 56,000", value.IntV(1710000000000)),
		mk("datetime.leap_second", Edge, "second 60", value.Str("2016-12-31T23:59:60Z")),
	)
	return out
}

func tsv(zonedField bool, y int, mo time.Month, d, h, mi, s, ns int) value.Value {
	if zonedField {
		return zoned(y, mo, d, h, mi, s, ns, "UTC", 0)
	}
	return wall(y, mo, d, h, mi, s, ns)
}
