#pragma once
// JS values that JSON cannot carry (BigInt, NaN, Date, Uint8Array, Set, ...) cross the boundary as
// objects with exactly one key that starts with '$' (e.g. {"$nonfinite":"NaN"}). So that such a tag
// can never be confused with user data, the JS side escapes every object key that starts with '$'
// by doubling the '$', and the core does the same on the way out.
#include <string>
#include <string_view>

#include "dynamap/json.hpp"

namespace dynamap {

// The tag name ("nonfinite", ...) if `value` is a tagged value, else an empty view.
std::string_view value_tag(const json& value);

inline std::string unescape_key(std::string_view key) {
  if (key.size() >= 2 && key[0] == '$' && key[1] == '$') return std::string(key.substr(1));
  return std::string(key);
}

inline std::string escape_key(std::string_view key) {
  if (!key.empty() && key[0] == '$') return "$" + std::string(key);
  return std::string(key);
}

}  // namespace dynamap
