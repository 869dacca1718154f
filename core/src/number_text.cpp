#include "dynamap/number_text.hpp"

#include <cctype>
#include <cmath>

#include "dynamap/json.hpp"

namespace dynamap {

namespace {
// Exponents beyond this are far outside DynamoDB's range (1E-130 .. 1E+126); clamping keeps the
// arithmetic in int while still telling such numbers apart from representable ones.
constexpr long exponent_clamp = 1000000;
}  // namespace

std::optional<decimal_text> parse_decimal(std::string_view text) {
  std::size_t i = 0;
  decimal_text d;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';

  std::string all_digits;
  long point = -1;  // number of digits before the decimal point
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      all_digits.push_back(c);
      any_digit = true;
    } else if (c == '.' && point < 0) {
      point = static_cast<long>(all_digits.size());
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  if (point < 0) point = static_cast<long>(all_digits.size());

  long exp_value = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    bool exp_digit = false;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      exp_digit = true;
      if (exp_value < exponent_clamp) exp_value = exp_value * 10 + (text[i] - '0');
    }
    if (!exp_digit) return std::nullopt;
    if (exp_negative) exp_value = -exp_value;
  }
  if (i != text.size()) return std::nullopt;

  std::size_t first = all_digits.find_first_not_of('0');
  if (first == std::string::npos) return decimal_text{};  // zero, and -0 is 0
  std::size_t last = all_digits.find_last_not_of('0');
  d.digits = all_digits.substr(first, last - first + 1);
  d.exponent = static_cast<int>(point - static_cast<long>(first) + exp_value);
  return d;
}

std::string to_plain_string(const decimal_text& d) {
  if (d.is_zero()) return "0";
  std::string out = d.negative ? "-" : "";
  const long k = static_cast<long>(d.digits.size());
  const long n = d.exponent;
  if (n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += d.digits;
  } else if (n >= k) {
    out += d.digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else {
    out.append(d.digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(d.digits, static_cast<std::size_t>(n), std::string::npos);
  }
  return out;
}

std::string format_js_number(double value) {
  if (value == 0) return "0";
  // nlohmann's serializer prints the shortest digits that read back as the same double; only the
  // layout differs from JS, and that follows ECMAScript's Number::toString below.
  const auto parsed = parse_decimal(json(value).dump());
  const decimal_text& d = *parsed;
  const long k = static_cast<long>(d.digits.size());
  const long n = d.exponent;
  std::string out = d.negative ? "-" : "";
  if (k <= n && n <= 21) {
    out += d.digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(d.digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(d.digits, static_cast<std::size_t>(n), std::string::npos);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += d.digits;
  } else {
    out.push_back(d.digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(d.digits, 1, std::string::npos);
    }
    out += n - 1 >= 0 ? "e+" : "e-";
    out += std::to_string(std::labs(n - 1));
  }
  return out;
}

}  // namespace dynamap
