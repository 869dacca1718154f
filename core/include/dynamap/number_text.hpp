#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace dynamap {

// A decimal number as digits and a power of ten, without ever passing through a double:
// value = (negative ? -1 : 1) * 0.d1d2d3... * 10^exponent. `digits` has no leading or trailing
// zeros; zero is the empty digit string. Two numbers are equal exactly when their normal forms are.
struct decimal_text {
  bool negative = false;
  std::string digits;
  int exponent = 0;

  bool is_zero() const { return digits.empty(); }
  bool operator==(const decimal_text& o) const {
    return negative == o.negative && digits == o.digits && exponent == o.exponent;
  }
  bool operator!=(const decimal_text& o) const { return !(*this == o); }
};

// Parses the number syntax DynamoDB accepts in N (and JSON's): optional sign, digits with an
// optional fraction, optional exponent. Returns nothing for anything else (NaN, "", "1e", " 1").
std::optional<decimal_text> parse_decimal(std::string_view text);

// The number of significant digits of a numeral that parse_decimal accepts ("0.00120" -> 2,
// "0" -> 0), counted without building the digits.
std::size_t significant_digits(std::string_view text);

// -1, 0 or 1 as a < b, a == b, a > b, exactly.
int compare_decimal(const decimal_text& a, const decimal_text& b);

// Empty if DynamoDB can store the number, else why not: at most 38 significant digits, a magnitude
// from 1E-130 up to (but excluding) 1E+126.
std::string dynamodb_number_problem(const decimal_text& d);

// The plain text DynamoDB itself returns for a number: no exponent, no superfluous zeros.
std::string to_plain_string(const decimal_text& d);

// For messages: the plain text when short, else digits with an exponent ("1.5E-300").
std::string display_number(const decimal_text& d);

// The same text JavaScript's Number.prototype.toString gives, so a JS number crosses to N and
// back unchanged. `value` must be finite.
std::string format_js_number(double value);

// The decimal format_js_number(value) denotes, as parse_decimal would read that text (0 for -0),
// without building the text. `value` must be finite.
decimal_text js_number_decimal(double value);

// The JS number that denotes exactly the decimal `d`: the double nearest d (as strtod rounds), when
// format_js_number of that double gives d back; nothing when no double does (d has more digits than
// a double holds, or lies beyond its range). Zero gives 0.
std::optional<double> exact_js_number(const decimal_text& d);

}  // namespace dynamap
