#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <version>

#include "dynamap/number_text.hpp"

using dynamap::decimal_text;
using dynamap::exact_js_number;
using dynamap::format_js_number;
using dynamap::js_number_decimal;
using dynamap::parse_decimal;
using dynamap::to_plain_string;

namespace {

double from_bits(std::uint64_t bits) {
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

std::uint64_t to_bits(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

std::string hex(std::uint64_t bits) {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(bits));
  return buffer;
}

// xorshift64: a fixed, seeded stream, so a failure reproduces.
struct xorshift {
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
};

// A double that is exactly halfway between two numerals with j decimals (N + odd / 2^(j+1)), near
// 2^E. Where both read back and no shorter numeral does, JS takes the even one.
double tie_candidate(xorshift& rng) {
  const int j = 1 + static_cast<int>(rng.next() % 40);
  // E + j + 1, from 52 down to 52 - 2j (where the halfway numerals are too close to read back)
  int top_exponent = 52 - static_cast<int>(rng.next() % static_cast<std::uint64_t>(2 * j + 1));
  if (top_exponent < 2) top_exponent = 2;
  const std::uint64_t top = std::uint64_t{1} << top_exponent;
  const std::uint64_t odd = (rng.next() % (top / 2)) * 2 + 1;
  return std::ldexp(static_cast<double>(top + odd), -(j + 1));
}

}  // namespace

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

// tests/fixtures/core/js_number_strings.tsv: doubles (bit patterns) and what node's String() gives
// for them, written by gen-js-number-strings.mjs beside it. tests/js/number_text.test.js checks the
// same file through the WASM build.
TEST_CASE("format_js_number gives node's String(x) for every double of the fixture", "[number]") {
  std::ifstream file(std::string(DYNAMAP_FIXTURES_DIR) + "/core/js_number_strings.tsv");
  REQUIRE(file.good());
  std::string line;
  std::size_t count = 0, mismatches = 0;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    REQUIRE(tab == 16);
    const std::uint64_t bits = std::strtoull(line.substr(0, tab).c_str(), nullptr, 16);
    const std::string js = line.substr(tab + 1);
    const double x = from_bits(bits);
    ++count;
    const std::string ours = format_js_number(x);
    const decimal_text digits = js_number_decimal(x);
    const auto read = exact_js_number(digits);
    // -0 prints and reads as 0; every other text reads back as exactly the same double.
    const bool ok = ours == js && digits == *parse_decimal(js) && read && to_bits(*read) == to_bits(x == 0 ? 0.0 : x);
    if (!ok && ++mismatches <= 20) {
      INFO(hex(bits) << ": JS " << js << ", format_js_number " << ours);
      CHECK(ok);
    }
  }
  CHECK(mismatches == 0);
  CHECK(count > 10000);
}

#if defined(__cpp_lib_to_chars)
// The standard library's shortest round-trip form (scientific, so that no exact integer digits are
// printed instead) has the same digits: the fewest that read back, the nearest of those, ties to
// even. Random bit patterns, short decimals, and halfway cases.
TEST_CASE("js_number_decimal has std::to_chars's shortest digits for random doubles", "[number]") {
  xorshift rng{0x9e3779b97f4a7c15ull};
  std::size_t mismatches = 0;
  for (int i = 0; i < 300000; ++i) {
    double x = 0;
    switch (i % 4) {
      case 0: x = from_bits(rng.next()); break;
      case 1: {
        char text[48];
        std::snprintf(text, sizeof text, "%llue%d", static_cast<unsigned long long>(rng.next() % 1000000),
                      static_cast<int>(rng.next() % 40) - 25);
        x = std::strtod(text, nullptr);
        break;
      }
      case 2: {
        char text[48];
        const int k = 1 + static_cast<int>(rng.next() % 17);
        std::uint64_t d = rng.next() % 100000000000000000ull;
        for (int drop = 17 - k; drop > 0; --drop) d /= 10;
        std::snprintf(text, sizeof text, "%llue%d", static_cast<unsigned long long>(d),
                      static_cast<int>(rng.next() % 660) - 340);
        x = std::strtod(text, nullptr);
        break;
      }
      default: x = tie_candidate(rng); break;
    }
    if (!std::isfinite(x) || x == 0) continue;
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific);
    const decimal_text expected = *parse_decimal(std::string_view(buffer, static_cast<std::size_t>(r.ptr - buffer)));
    const decimal_text ours = js_number_decimal(x);
    const bool ok = ours == expected && *parse_decimal(format_js_number(x)) == expected;
    if (!ok && ++mismatches <= 20) {
      INFO(hex(to_bits(x)) << ": to_chars " << std::string(buffer, r.ptr) << ", format_js_number " << format_js_number(x));
      CHECK(ok);
    }
  }
  CHECK(mismatches == 0);
}
#endif

TEST_CASE("format_js_number: halfway cases take the even digit, as V8 does", "[number]") {
  // Expected strings are what node prints for String(x).
  CHECK(format_js_number(1125899906842624.25) == "1125899906842624.2");
  CHECK(format_js_number(1125899906842624.75) == "1125899906842624.8");
  CHECK(format_js_number(70368744177664.125) == "70368744177664.12");
  CHECK(format_js_number(70368744177664.375) == "70368744177664.38");
  CHECK(format_js_number(17592186044416.0625) == "17592186044416.062");
  // Powers of two have a nearer neighbour below: 5.960464477539062e-8 is halfway too, but does not
  // read back as 2^-24 (an earlier printf-based implementation printed it).
  CHECK(format_js_number(std::ldexp(1.0, -24)) == "5.960464477539063e-8");
  CHECK(format_js_number(std::ldexp(1.0, 89)) == "6.189700196426902e+26");
  CHECK(format_js_number(std::ldexp(1.0, -1022)) == "2.2250738585072014e-308");
  CHECK(format_js_number(std::ldexp(1.0, 63)) == "9223372036854776000");
  CHECK(format_js_number(-std::ldexp(1.0, 70)) == "-1.1805916207174113e+21");
}

TEST_CASE("js_number_decimal is the decimal of format_js_number's text", "[number]") {
  for (const double x : {0.0, -0.0, 1.0, -19.95, 1e21, 1e-7, 5e-324, 123456789012345680000.0, 0.1 + 0.2}) {
    INFO(x);
    const decimal_text d = js_number_decimal(x);
    CHECK(d == *parse_decimal(format_js_number(x)));
    CHECK(d.negative == (x < 0));
  }
}

TEST_CASE("exact_js_number reads a decimal as the double that prints as it, or refuses", "[number]") {
  const auto read = [](const char* text) { return exact_js_number(*parse_decimal(text)); };
  CHECK(read("19.95") == 19.95);
  CHECK(read("-0.000") == 0.0);
  CHECK(read("0.30000000000000004") == 0.1 + 0.2);
  CHECK(read("1e21") == 1e21);
  CHECK(read("8e23") == 8e23);
  CHECK(read("5e-324") == 5e-324);
  CHECK(read("1.7976931348623157e308") == std::numeric_limits<double>::max());
  CHECK(read("123456789012345680000") == 123456789012345680000.0);
  CHECK(read("9007199254740991") == 9007199254740991.0);
  CHECK_FALSE(read("9007199254740993").has_value());       // reads as ...992
  CHECK_FALSE(read("0.3000000000000000444").has_value());  // more digits than the double prints
  CHECK_FALSE(read("123456789012345678").has_value());
  CHECK_FALSE(read("1e400").has_value());
  CHECK_FALSE(read("1e-400").has_value());
  CHECK_FALSE(read("2.4703282292062327e-324").has_value());  // rounds to 0
}

// The quick path (at most 15 digits, one exact scaling) against what it replaces: strtod, then a
// check that the double prints as the same decimal.
TEST_CASE("exact_js_number agrees with strtod and a round trip through format_js_number", "[number]") {
  xorshift rng{0x2545f4914f6cdd1dull};
  std::size_t mismatches = 0;
  for (int i = 0; i < 200000; ++i) {
    const int k = 1 + static_cast<int>(rng.next() % 20);
    std::string digits;
    for (int n = 0; n < k; ++n) digits.push_back(static_cast<char>('0' + rng.next() % 10));
    const int e = (i % 3 == 0) ? static_cast<int>(rng.next() % 700) - 360 : static_cast<int>(rng.next() % 60) - 30;
    const std::string text = (i % 2 ? "-" : "") + digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(e);
    const decimal_text d = *parse_decimal(text);
    const double v = std::strtod(text.c_str(), nullptr);
    const bool round_trips = std::isfinite(v) && *parse_decimal(format_js_number(v)) == d;
    const auto ours = exact_js_number(d);
    const bool ok = round_trips ? (ours && (*ours == v || (d.is_zero() && *ours == 0))) : !ours;
    if (!ok && ++mismatches <= 20) {
      INFO(text);
      CHECK(ok);
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("parse_decimal: layouts of the same number", "[number]") {
  CHECK(*parse_decimal("+1.50e+2") == *parse_decimal("150"));
  CHECK(*parse_decimal("00.0010e3") == *parse_decimal("1"));
  CHECK(*parse_decimal("5.") == *parse_decimal("5"));
  CHECK(to_plain_string(*parse_decimal("-.5")) == "-0.5");
  CHECK(to_plain_string(*parse_decimal("1000.0001")) == "1000.0001");
  CHECK(parse_decimal("0.000")->is_zero());
  CHECK_FALSE(parse_decimal("-0")->negative);
  CHECK(parse_decimal("120.50")->digits == "1205");
  CHECK(parse_decimal("120.50")->exponent == 3);
  CHECK(parse_decimal("0.0012e-3")->exponent == -5);
}
