#pragma once
// Dates, date-times and durations as ISO-8601 text, converted to and from plain integers. The
// proleptic Gregorian calendar, UTC only, no leap seconds, no time-zone database: the same
// arithmetic as a JavaScript Date, so the native and WASM builds and the JS layer all agree.
// The comments below are the normative definition of each form; the README quotes them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dynamap {

// The range of a JavaScript Date: ±100,000,000 days around 1970-01-01T00:00:00Z.
inline constexpr std::int64_t js_date_max_millis = 8'640'000'000'000'000;

// Parses an RFC 3339 / ISO-8601 extended date-time with an explicit offset:
//   date ("T" | "t" | " ") HH ":" MM [":" SS ["." fraction]] offset
//   date: YYYY "-" MM "-" DD, or the JavaScript expanded year ("+" | "-") YYYYYY "-" MM "-" DD
//         ("-000000" is refused, as in JavaScript); a valid day of the proleptic Gregorian
//         calendar (no Feb 30, Feb 29 only in leap years).
//   HH 00-23, MM 00-59, SS 00-59: "24:00" and the leap second ":60" are refused, since neither
//         has a distinct instant on a JavaScript (POSIX) time line.
//   fraction: 1-9 digits after "."; digits beyond milliseconds are truncated (as JavaScript does),
//         which rounds toward the past. "," is not accepted as the decimal sign.
//   offset: "Z" | "z" | ("+" | "-") HH ":" MM | ("+" | "-") HHMM, with HH 00-23 and MM 00-59;
//         "-00:00" means UTC. A date-time without an offset is refused: it names no instant.
// Returns milliseconds since 1970-01-01T00:00:00Z, or nothing for any other text and for
// instants outside the JavaScript Date range [-js_date_max_millis, js_date_max_millis].
std::optional<std::int64_t> parse_iso_datetime_millis(std::string_view text);

// Exactly JavaScript's Date.prototype.toISOString(): "YYYY-MM-DDTHH:MM:SS.sssZ" for years
// 0000-9999, and "+YYYYYY-..." / "-YYYYYY-..." for the other years of the Date range. Returns ""
// outside [-js_date_max_millis, js_date_max_millis], where toISOString throws. Every non-empty
// result parses back to `millis` with parse_iso_datetime_millis.
std::string format_iso_datetime_millis(std::int64_t millis);

// Parses exactly "YYYY-MM-DD": four-digit years 0000-9999 (the range in which such dates sort as
// plain strings, which a DynamoDB key relies on) and a valid day of the proleptic Gregorian
// calendar. Returns days since 1970-01-01 (negative before), from -719528 (0000-01-01) to
// 2932896 (9999-12-31).
std::optional<std::int32_t> parse_iso_date_days(std::string_view text);

// The "YYYY-MM-DD" form of `days` since 1970-01-01; "" outside the years 0000-9999, which
// parse_iso_date_days would refuse.
std::string format_iso_date_days(std::int32_t days);

// Parses an ISO-8601 duration of exact length:
//   ["-"] "P" [n "W"] [n "D"] ["T" [n "H"] [n "M"] [n ["." fraction] "S"]]
//   with at least one component, each at most once and in this order, and "T" only when a time
//   component follows. n is one or more ASCII digits; the fraction (1-9 digits, seconds only) is
//   truncated to milliseconds. Designators are upper case only.
//   A week is 7 days and a day exactly 24 hours (there is no time zone, hence no DST day).
//   Years and months ("P1Y", "P1M") are refused: their length depends on the date they start
//   from. ("PT1M" is one minute and passes.)
//   A leading "-" negates the whole duration; "+" is not accepted.
// Returns the length in milliseconds, or nothing for any other text and when the length does
// not fit a std::int64_t.
std::optional<std::int64_t> parse_iso_duration_millis(std::string_view text);

// The canonical form of a duration: ["-"] "P" [d "D"] ["T" [h "H"] [m "M"] [s[.fff] "S"]], days
// as 24 hours, no weeks, hours 0-23, minutes 0-59, zero components left out, the fraction of
// seconds without trailing zeros; zero is "PT0S". For example 5400000 -> "PT1H30M",
// 90061001 -> "P1DT1H1M1.001S", -500 -> "-PT0.5S". Parses back to `millis` for every value.
std::string format_iso_duration_millis(std::int64_t millis);

}  // namespace dynamap
