#pragma once
// Numbers quoted in messages, and the range check of numbers read back from DynamoDB.
#include <cstddef>
#include <string>

#include "dynamap/error_codes.hpp"
#include "dynamap/number_text.hpp"
#include "dynamap/type_handler.hpp"

namespace dynamap::detail {

// The length to_plain_string(d) would have, without building it: "1e999999" is 10 bytes of
// input and a million digits of plain text.
inline std::size_t plain_length(const decimal_text& d) {
  if (d.is_zero()) return 1;
  const long k = static_cast<long>(d.digits.size());
  const long n = d.exponent;
  const long sign = d.negative ? 1 : 0;
  if (n <= 0) return static_cast<std::size_t>(sign + 2 - n + k);  // 0.000ddd
  if (n >= k) return static_cast<std::size_t>(sign + n);          // ddd000
  return static_cast<std::size_t>(sign + k + 1);                  // dd.d
}

// The text display_number gives (plain up to 40 characters, else digits with an exponent),
// built without the plain detour, so a hostile exponent costs nothing. display_number itself
// builds the plain text first.
inline std::string message_number(const decimal_text& d) {
  if (plain_length(d) <= 40) return to_plain_string(d);
  std::string out = d.negative ? "-" : "";
  out += d.digits.substr(0, 1);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1, 38);
  return out + "E" + std::to_string(static_cast<long>(d.exponent) - 1);
}

// A number read from DynamoDB outside what DynamoDB stores (38 significant digits, magnitudes
// from 1E-130 to below 1E+126) did not come from DynamoDB: refused (validation.range) rather than
// expanded into a string of a million digits or passed on as data no write could store again.
// False after adding the issue.
inline bool stored_number_in_range(const decimal_text& d, const std::string& path, value_context& ctx) {
  const std::string problem = dynamodb_number_problem(d);
  if (problem.empty()) return true;
  ctx.issues.push_back({path, codes::validation::range, "the stored number " + message_number(d) + " " + problem});
  return false;
}

}  // namespace dynamap::detail
