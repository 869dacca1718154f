#pragma once
// Milliseconds <-> exact decimal seconds, for epoch storage and durations: never via a double.
#include <cstdint>
#include <optional>
#include <string>

#include "dynamap/number_text.hpp"

namespace dynamap::detail {

inline std::string millis_to_seconds_text(std::int64_t millis) {
  const bool negative = millis < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(millis)
                                           : static_cast<std::uint64_t>(millis);
  std::string out = (negative ? "-" : "") + std::to_string(magnitude / 1000);
  if (const std::uint64_t fraction = magnitude % 1000; fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 3 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

// The whole number `d * 10^scale`, or nothing if it has a fraction or does not fit.
inline std::optional<std::int64_t> scaled_integer(const decimal_text& d, int scale) {
  if (d.is_zero()) return 0;
  const long places = static_cast<long>(d.exponent) + scale;  // digits before the point
  if (places < static_cast<long>(d.digits.size()) || places > 18) return std::nullopt;
  std::int64_t value = 0;
  for (long i = 0; i < places; ++i) {
    const int digit = i < static_cast<long>(d.digits.size()) ? d.digits[static_cast<std::size_t>(i)] - '0' : 0;
    value = value * 10 + digit;
  }
  return d.negative ? -value : value;
}

}  // namespace dynamap::detail
