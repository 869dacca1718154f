#pragma once
// Helpers for reading a type's rules from its definition with SchemaErrors that name the rule.
#include <cstddef>
#include <optional>
#include <string>

#include "dynamap/error.hpp"
#include "dynamap/json.hpp"
#include "dynamap/path.hpp"

namespace dynamap::detail {

inline std::optional<double> read_number_rule(const json& def, const char* rule,
                                              const std::string& path) {
  auto it = def.find(rule);
  if (it == def.end()) return std::nullopt;
  if (!it->is_number()) throw_schema(child_path(path, rule), "invalidRule", "expected a number");
  return it->get<double>();
}

inline std::optional<std::size_t> read_length_rule(const json& def, const char* rule,
                                                   const std::string& path) {
  auto it = def.find(rule);
  if (it == def.end()) return std::nullopt;
  if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<long long>() >= 0)) {
    throw_schema(child_path(path, rule), "invalidRule", "expected a whole number >= 0");
  }
  return it->get<std::size_t>();
}

inline void check_range(const std::optional<double>& low, const std::optional<double>& high,
                        const char* low_name, const std::string& path) {
  if (low && high && *low > *high) {
    throw_schema(child_path(path, low_name), "invalidRule",
                 "the lower bound is greater than the upper bound");
  }
}

}  // namespace dynamap::detail
