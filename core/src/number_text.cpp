#include "dynamap/number_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

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

std::size_t significant_digits(std::string_view text) {
  std::size_t counted = 0;   // digits from the first non-zero one up to the last non-zero one
  std::size_t pending = 0;   // zeros seen since the last non-zero digit
  for (const char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (c == '0') {
      if (counted > 0) ++pending;
    } else {
      counted += pending + 1;
      pending = 0;
    }
  }
  return counted;
}

int compare_decimal(const decimal_text& a, const decimal_text& b) {
  if (a.is_zero() && b.is_zero()) return 0;
  const int sign_a = a.is_zero() ? 0 : (a.negative ? -1 : 1);
  const int sign_b = b.is_zero() ? 0 : (b.negative ? -1 : 1);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  // Same sign, both non-zero: compare magnitudes, then flip for negatives.
  int magnitude = 0;
  if (a.exponent != b.exponent) {
    magnitude = a.exponent < b.exponent ? -1 : 1;
  } else {
    const int c = a.digits.compare(b.digits);  // no trailing zeros: lexicographic is numeric
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return sign_a < 0 ? -magnitude : magnitude;
}

std::string dynamodb_number_problem(const decimal_text& d) {
  if (d.is_zero()) return "";
  if (d.digits.size() > 38) {
    return "has " + std::to_string(d.digits.size()) +
           " significant digits; DynamoDB keeps at most 38";
  }
  if (d.exponent > 126) return "is too large for DynamoDB (the largest magnitude is below 1E+126)";
  if (d.exponent < -129) return "is too small for DynamoDB (the smallest magnitude is 1E-130)";
  return "";
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

std::string display_number(const decimal_text& d) {
  std::string plain = to_plain_string(d);
  if (plain.size() <= 40) return plain;
  std::string out = d.negative ? "-" : "";
  out += d.digits.substr(0, 1);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1, 38);
  return out + "E" + std::to_string(d.exponent - 1);
}

namespace {

// The p-significant-digit decimal nearest to `value` (printf rounds correctly), as digits.
decimal_text nearest_decimal(double value, int p) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.*e", p - 1, value);
  return *parse_decimal(buffer);
}

bool reads_back_as(const decimal_text& d, double value) {
  return std::strtod(to_plain_string(d).c_str(), nullptr) == value;
}

// ECMAScript's Number::toString digits: the fewest significant digits that read back as the
// same double, and of those the decimal nearest to it. Reading back succeeds for every p at or
// above the shortest length, so the search only walks down from a length known to work.
decimal_text shortest_decimal(double value) {
  if (std::fabs(value) < 9007199254740992.0 && std::trunc(value) == value) {
    return *parse_decimal(std::to_string(static_cast<long long>(value)));  // exact integers
  }
  // nlohmann's Grisu2 is almost always shortest; its length bounds the search from above.
  char grisu[64];
  const char* end = nlohmann::detail::to_chars(grisu, grisu + sizeof grisu, value);
  int p = static_cast<int>(significant_digits(std::string_view(grisu, static_cast<std::size_t>(end - grisu))));
  decimal_text best = nearest_decimal(value, p);
  while (p > 1) {
    decimal_text shorter = nearest_decimal(value, p - 1);
    if (!reads_back_as(shorter, value)) break;
    best = std::move(shorter);
    --p;
  }
  return best;
}

}  // namespace

std::string format_js_number(double value) {
  if (value == 0) return "0";
  const decimal_text d = shortest_decimal(value);
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
