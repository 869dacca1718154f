#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "dynamap/number_text.hpp"

using dynamap::format_js_number;
using dynamap::parse_decimal;
using dynamap::to_plain_string;

TEST_CASE("parse_decimal normalizes without a double", "[number]") {
  CHECK(to_plain_string(*parse_decimal("00120.500")) == "120.5");
  CHECK(to_plain_string(*parse_decimal("-0.000")) == "0");
  CHECK(to_plain_string(*parse_decimal("1E-7")) == "0.0000001");
  CHECK(to_plain_string(*parse_decimal("1.5e3")) == "1500");
  CHECK(to_plain_string(*parse_decimal("12345678901234567890123456789012345678")) ==
        "12345678901234567890123456789012345678");
  CHECK(to_plain_string(*parse_decimal(".5")) == "0.5");
  CHECK(*parse_decimal("1.0") == *parse_decimal("1"));
  CHECK(*parse_decimal("-2") != *parse_decimal("2"));
}

TEST_CASE("parse_decimal refuses what is not a number", "[number]") {
  for (const char* bad : {"", "-", "NaN", "Infinity", "1e", "1e+", "1.2.3", " 1", "1 ", "0x10", "1,5", "."}) {
    INFO(bad);
    CHECK_FALSE(parse_decimal(bad).has_value());
  }
}

TEST_CASE("format_js_number prints as JavaScript's Number#toString", "[number]") {
  // Expected strings are what node prints for String(x).
  CHECK(format_js_number(0.0) == "0");
  CHECK(format_js_number(-0.0) == "0");
  CHECK(format_js_number(1.0) == "1");
  CHECK(format_js_number(-1.5) == "-1.5");
  CHECK(format_js_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_js_number(1e21) == "1e+21");
  CHECK(format_js_number(1e20) == "100000000000000000000");
  CHECK(format_js_number(123456789012345680000.0) == "123456789012345680000");
  CHECK(format_js_number(0.000001) == "0.000001");
  CHECK(format_js_number(0.0000001) == "1e-7");
  CHECK(format_js_number(1.5e-10) == "1.5e-10");
  CHECK(format_js_number(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
  CHECK(format_js_number(5e-324) == "5e-324");
  // Grisu2 alone prints these longer than JS does.
  CHECK(format_js_number(1e23) == "1e+23");
  CHECK(format_js_number(8e23) == "8e+23");
  CHECK(format_js_number(-7e22) == "-7e+22");
  CHECK(format_js_number(3.4e-35) == "3.4e-35");
  CHECK(format_js_number(2.520299e20) == "252029900000000000000");
  CHECK(format_js_number(19479485267613270.0) == "19479485267613270");
  CHECK(format_js_number(7.999999999999999e+23) == "8e+23");  // the same double as 8e23
}

TEST_CASE("significant_digits agrees with parse_decimal", "[number]") {
  for (const char* text : {"0", "-0.000", "00120.500", "1E-7", "1.5e3", ".5", "100", "0.00120", "-7.25e-100",
                           "12345678901234567890123456789012345678", "9.9999999999999999999999999999999999999e125",
                           "1000000000000000000000000000000000000001", "5e-324", "1.7976931348623157e308"}) {
    INFO(text);
    CHECK(dynamap::significant_digits(text) == parse_decimal(text)->digits.size());
  }
}
