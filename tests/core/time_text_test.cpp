#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>

#include "dynamap/time_text.hpp"
#include "fixture_runner.hpp"

using dynamap::format_iso_date_days;
using dynamap::format_iso_datetime_millis;
using dynamap::format_iso_duration_millis;
using dynamap::js_date_max_millis;
using dynamap::json;
using dynamap::parse_iso_date_days;
using dynamap::parse_iso_datetime_millis;
using dynamap::parse_iso_duration_millis;

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

}  // namespace

// --- date-times, against V8 (tests/fixtures/time/generate.mjs) ------------------------------

TEST_CASE("format_iso_datetime_millis prints as Date#toISOString", "[time][fixtures]") {
  const json fixture = dynamap::test::load_fixture("time/cases.json");
  REQUIRE(fixture["format"].size() >= 200);
  for (const json& c : fixture["format"]) {
    const auto millis = c["millis"].get<std::int64_t>();
    const std::string iso = c["iso"].get<std::string>();
    INFO(millis << " " << iso);
    CHECK(format_iso_datetime_millis(millis) == iso);
    CHECK(parse_iso_datetime_millis(iso) == millis);
  }
}

TEST_CASE("parse_iso_datetime_millis agrees with Date.parse", "[time][fixtures]") {
  const json fixture = dynamap::test::load_fixture("time/cases.json");
  REQUIRE(fixture["parse"].size() >= 200);
  for (const json& c : fixture["parse"]) {
    const std::string text = c["text"].get<std::string>();
    INFO(text);
    CHECK(parse_iso_datetime_millis(text) == c["millis"].get<std::int64_t>());
  }
}

TEST_CASE("parse_iso_datetime_millis refuses the listed invalid texts", "[time][fixtures]") {
  const json fixture = dynamap::test::load_fixture("time/cases.json");
  REQUIRE(fixture["invalid"].size() >= 50);
  for (const json& c : fixture["invalid"]) {
    const std::string text = c.get<std::string>();
    INFO(json(text).dump());
    CHECK_FALSE(parse_iso_datetime_millis(text).has_value());
  }
}

// --- date-times, by hand --------------------------------------------------------------------

TEST_CASE("parse_iso_datetime_millis hand cases", "[time]") {
  CHECK(parse_iso_datetime_millis("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_iso_datetime_millis("1970-01-01T01:00:00+01:00") == 0);
  CHECK(parse_iso_datetime_millis("1970-01-01T01:00:00+0100") == 0);
  CHECK(parse_iso_datetime_millis("1969-12-31T23:00:00-01:00") == 0);
  CHECK(parse_iso_datetime_millis("1970-01-01 00:00:00.001z") == 1);
  CHECK(parse_iso_datetime_millis("1970-01-01t00:01Z") == 60000);
  // Fractions truncate, which is toward the past also before 1970.
  CHECK(parse_iso_datetime_millis("1970-01-01T00:00:00.0019Z") == 1);
  CHECK(parse_iso_datetime_millis("1969-12-31T23:59:59.9999Z") == -1);
  CHECK(parse_iso_datetime_millis("1970-01-01T00:00:00.123456789Z") == 123);
  CHECK_FALSE(parse_iso_datetime_millis("1970-01-01T00:00:00.1234567890Z"));
  CHECK(parse_iso_datetime_millis("2024-02-29T00:00:00Z") == 1709164800000);
  CHECK_FALSE(parse_iso_datetime_millis("2023-02-29T00:00:00Z"));
  CHECK_FALSE(parse_iso_datetime_millis("2016-12-31T23:59:60Z"));
  CHECK_FALSE(parse_iso_datetime_millis("2020-01-01T00:00:00"));
  // The ends of the JavaScript Date range, reached from either side of an offset.
  CHECK(parse_iso_datetime_millis("+275760-09-13T00:00:00Z") == js_date_max_millis);
  CHECK(parse_iso_datetime_millis("+275760-09-13T00:00:00.000+00:01") ==
        js_date_max_millis - 60000);
  CHECK_FALSE(parse_iso_datetime_millis("+275760-09-12T23:59:00-00:02"));
  CHECK(parse_iso_datetime_millis("-271821-04-20T00:00:00Z") == -js_date_max_millis);
  CHECK_FALSE(parse_iso_datetime_millis("-271821-04-20T00:00:00+00:01"));
}

TEST_CASE("format_iso_datetime_millis hand cases", "[time]") {
  CHECK(format_iso_datetime_millis(0) == "1970-01-01T00:00:00.000Z");
  CHECK(format_iso_datetime_millis(-1) == "1969-12-31T23:59:59.999Z");
  CHECK(format_iso_datetime_millis(-62167219200000) == "0000-01-01T00:00:00.000Z");
  CHECK(format_iso_datetime_millis(-62167219200001) == "-000001-12-31T23:59:59.999Z");
  CHECK(format_iso_datetime_millis(253402300799999) == "9999-12-31T23:59:59.999Z");
  CHECK(format_iso_datetime_millis(253402300800000) == "+010000-01-01T00:00:00.000Z");
  CHECK(format_iso_datetime_millis(js_date_max_millis) == "+275760-09-13T00:00:00.000Z");
  CHECK(format_iso_datetime_millis(-js_date_max_millis) == "-271821-04-20T00:00:00.000Z");
  // Where toISOString throws a RangeError.
  CHECK(format_iso_datetime_millis(js_date_max_millis + 1).empty());
  CHECK(format_iso_datetime_millis(-js_date_max_millis - 1).empty());
  CHECK(format_iso_datetime_millis(int64_max).empty());
  CHECK(format_iso_datetime_millis(int64_min).empty());
}

TEST_CASE("date-times round-trip across the whole Date range", "[time]") {
  std::mt19937_64 bits(20240229);
  const auto span = static_cast<std::uint64_t>(2 * js_date_max_millis + 1);
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t millis = static_cast<std::int64_t>(bits() % span) - js_date_max_millis;
    const std::string text = format_iso_datetime_millis(millis);
    INFO(millis << " " << text);
    REQUIRE(text.size() == (text[0] == '+' || text[0] == '-' ? 27u : 24u));
    CHECK(parse_iso_datetime_millis(text) == millis);
  }
}

// --- calendar dates ----------------------------------------------------------------------------

TEST_CASE("iso dates agree with toISOString's date part", "[time][fixtures]") {
  const json fixture = dynamap::test::load_fixture("time/cases.json");
  REQUIRE(fixture["dates"].size() >= 50);
  for (const json& c : fixture["dates"]) {
    const auto days = c["days"].get<std::int32_t>();
    const std::string text = c["text"].get<std::string>();
    INFO(days << " " << text);
    CHECK(parse_iso_date_days(text) == days);
    CHECK(format_iso_date_days(days) == text);
  }
}

TEST_CASE("every date of years 0000-9999 round-trips and sorts as text", "[time]") {
  std::string previous;
  for (std::int32_t days = -719528; days <= 2932896; ++days) {
    const std::string text = format_iso_date_days(days);
    if (parse_iso_date_days(text) != days || !(previous < text)) {
      FAIL_CHECK(days << " " << text << " after " << previous);
      break;
    }
    previous = std::move(text);
  }
  CHECK(previous == "9999-12-31");
  CHECK(format_iso_date_days(-719529).empty());
  CHECK(format_iso_date_days(2932897).empty());
  CHECK(format_iso_date_days(std::numeric_limits<std::int32_t>::min()).empty());
  CHECK(format_iso_date_days(std::numeric_limits<std::int32_t>::max()).empty());
}

TEST_CASE("parse_iso_date_days hand cases", "[time]") {
  CHECK(parse_iso_date_days("1970-01-01") == 0);
  CHECK(parse_iso_date_days("1969-12-31") == -1);
  CHECK(parse_iso_date_days("2000-03-01") == 11017);
  CHECK(parse_iso_date_days("0000-01-01") == -719528);
  CHECK(parse_iso_date_days("9999-12-31") == 2932896);
  CHECK(parse_iso_date_days("2000-02-29") == 11016);
  CHECK(parse_iso_date_days("0000-02-29") == -719469);  // year 0 is a leap year
  for (const char* bad : {
           "", "2020", "2020-01", "2020-1-01", "2020-01-1", "20200101", "2020/01/01",
           "+002020-01-01",
           "-0001-01-01", "10000-01-01", "2020-01-01T00:00:00Z", "2020-01-01Z", "2020-01-01 ",
           " 2020-01-01", "2020-02-30", "2019-02-29", "1900-02-29", "2100-02-29", "2020-04-31",
           "2020-06-31", "2020-09-31", "2020-11-31", "2020-00-10", "2020-13-10", "2020-01-00",
           "2020-01-32", "2020-0a-01", "2020--1-01", "２０２０-01-01",
       }) {
    INFO(bad);
    CHECK_FALSE(parse_iso_date_days(bad).has_value());
  }
}

// --- durations -------------------------------------------------------------------------------

TEST_CASE("parse_iso_duration_millis accepts exact-length durations", "[time][duration]") {
  const std::pair<const char*, std::int64_t> cases[] = {
      {"PT0S", 0},
      {"P0D", 0},
      {"P0W", 0},
      {"PT0H0M0.000S", 0},
      {"-PT0S", 0},
      {"PT1S", 1000},
      {"PT1.5S", 1500},
      {"PT0.001S", 1},
      {"PT0.0019S", 1},
      {"PT0.999999999S", 999},
      {"PT1M", 60000},
      {"PT90M", 5400000},
      {"PT1H30M", 5400000},
      {"PT36H", 129600000},
      {"P1D", 86400000},
      {"P1DT12H", 129600000},
      {"P1DT1H1M1.001S", 90061001},
      {"P1W", 604800000},
      {"P2W3D", 1468800000},
      {"P1WT1S", 604801000},
      {"PT01H", 3600000},
      {"P00000000000000000000001D", 86400000},
      {"PT1H1S", 3601000},
      {"PT1000000S", 1000000000},
      {"-PT1S", -1000},
      {"-P1DT0.5S", -86400500},
      {"PT9223372036854775.807S", int64_max},
      {"-PT9223372036854775.808S", int64_min},
      {"P106751991167DT7H12M55.807S", int64_max},
      {"-P106751991167DT7H12M55.808S", int64_min},
  };
  for (const auto& [text, millis] : cases) {
    INFO(text);
    CHECK(parse_iso_duration_millis(text) == millis);
  }
}

TEST_CASE("parse_iso_duration_millis refuses the rest", "[time][duration]") {
  for (const char* bad : {
           "", "P", "PT", "-P", "-PT", "P1DT", "P1WT", "T1H", "1D", "+P1D", "--P1D", "P-1D",
           "P1DT-1H", "P1Y", "P1M", "P1Y2M3D", "P0Y", "P1MT1H", "P1.5D", "P1.5W", "PT1.5H",
           "PT1.5M", "PT.5S", "PT1.S", "PT1,5S", "PT1.0000000001S", "pt1h", "p1d", "P1d", "PT1h",
           "PT1s", "P1H", "P1S", "PT1D", "PT1W", "P1D1W", "PT1S1M", "PT1M1H", "PT1H1H", "P1W1W",
           "P1D1D", "PTS", "PTH", "PT1", "P1", "P1DT1H1M1S1", " P1D", "P1D ", "P 1D", "PT1H 1M",
           "P1DT1H1M1S1S", "PT9223372036854775.808S", "-PT9223372036854775.809S",
           "PT9223372036854775807S", "P99999999999999999999D", "PT18446744073709551616S",
           "P106751991168D", "P106751991167DT7H12M55.808S", "P\xef\xbc\x91" "D",
       }) {
    INFO(bad);
    CHECK_FALSE(parse_iso_duration_millis(bad).has_value());
  }
}

TEST_CASE("format_iso_duration_millis prints the canonical form", "[time][duration]") {
  const std::pair<std::int64_t, const char*> cases[] = {
      {0, "PT0S"},
      {1, "PT0.001S"},
      {10, "PT0.01S"},
      {100, "PT0.1S"},
      {120, "PT0.12S"},
      {1500, "PT1.5S"},
      {60000, "PT1M"},
      {3600000, "PT1H"},
      {5400000, "PT1H30M"},
      {86399999, "PT23H59M59.999S"},
      {86400000, "P1D"},
      {86400001, "P1DT0.001S"},
      {90061001, "P1DT1H1M1.001S"},
      {604800000, "P7D"},
      {-500, "-PT0.5S"},
      {-86400000, "-P1D"},
      {int64_max, "P106751991167DT7H12M55.807S"},
      {int64_min, "-P106751991167DT7H12M55.808S"},
  };
  for (const auto& [millis, text] : cases) {
    INFO(millis);
    CHECK(format_iso_duration_millis(millis) == text);
  }
}

TEST_CASE("durations round-trip", "[time][duration]") {
  std::mt19937_64 bits(5400000);
  for (int i = 0; i < 20000; ++i) {
    // Shifting by a random amount spreads the values over every magnitude, not just huge ones.
    const auto raw = static_cast<std::int64_t>(bits());
    const std::int64_t millis = raw >> (bits() % 64);
    const std::string text = format_iso_duration_millis(millis);
    INFO(millis << " " << text);
    CHECK(parse_iso_duration_millis(text) == millis);
  }
}
