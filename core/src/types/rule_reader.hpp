#pragma once
// Helpers for reading a type's rules from its definition with SchemaErrors that name the rule.
#include "dynamap/error_codes.hpp"
#include <cstddef>
#include <optional>
#include <string>

#include "dynamap/error.hpp"
#include "dynamap/json.hpp"
#include "dynamap/model.hpp"
#include "dynamap/type_handler.hpp"
#include "dynamap/number_text.hpp"
#include "dynamap/path.hpp"

namespace dynamap::detail {

inline std::optional<double> read_number_rule(const json& def, const char* rule,
                                              const std::string& path) {
  auto it = def.find(rule);
  if (it == def.end()) return std::nullopt;
  if (!it->is_number()) throw_schema(child_path(path, rule), codes::schema::invalid_rule, "expected a number");
  return it->get<double>();
}

// A bound for decimal and bigint: a numeric string (exact) or a JSON number.
inline std::optional<decimal_text> read_decimal_rule(const json& def, const char* rule,
                                                     const std::string& path) {
  auto it = def.find(rule);
  if (it == def.end()) return std::nullopt;
  std::optional<decimal_text> d;
  if (it->is_string()) d = parse_decimal(it->get<std::string>());
  else if (it->is_number()) d = parse_decimal(it->dump());
  if (!d) throw_schema(child_path(path, rule), codes::schema::invalid_rule, "expected a number or a numeric string");
  return d;
}

inline std::optional<std::size_t> read_count_rule(const json& def, const char* rule,
                                                  const std::string& path) {
  auto it = def.find(rule);
  if (it == def.end()) return std::nullopt;
  if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<long long>() >= 0)) {
    throw_schema(child_path(path, rule), codes::schema::invalid_rule, "expected a whole number >= 0");
  }
  return it->get<std::size_t>();
}

template <typename T>
void check_order(const std::optional<T>& low, const std::optional<T>& high, const char* low_name,
                 const char* high_name, const std::string& path) {
  if (low && high && *high < *low) {
    throw_schema(child_path(path, low_name), codes::schema::invalid_rule,
                 std::string(low_name) + " is greater than " + high_name);
  }
}

inline void check_decimal_order(const std::optional<decimal_text>& low,
                                const std::optional<decimal_text>& high, const std::string& path) {
  if (low && high && compare_decimal(*low, *high) > 0) {
    throw_schema(child_path(path, "min"), codes::schema::invalid_rule, "min is greater than max");
  }
}

// minItems/maxItems for containers.
inline void read_item_counts(attribute_rules& rules, const json& def, const std::string& path) {
  rules.min_items = read_count_rule(def, "minItems", path);
  rules.max_items = read_count_rule(def, "maxItems", path);
  check_order(rules.min_items, rules.max_items, "minItems", "maxItems", path);
}

// Adds minItems/maxItems issues for a container of `count` elements; false if any.
inline std::string items(std::size_t n) { return std::to_string(n) + (n == 1 ? " item" : " items"); }

inline bool check_item_count(const attribute& attr, std::size_t count, const std::string& path,
                             value_context& ctx) {
  if (attr.rules.min_items && count < *attr.rules.min_items) {
    ctx.issues.push_back({path, codes::validation::min_items,
                          "expected at least " + items(*attr.rules.min_items) + ", got " + std::to_string(count)});
    return false;
  }
  if (attr.rules.max_items && count > *attr.rules.max_items) {
    ctx.issues.push_back({path, codes::validation::max_items,
                          "expected at most " + items(*attr.rules.max_items) + ", got " + std::to_string(count)});
    return false;
  }
  return true;
}

// Enters one level of map or list nesting; false (with an issue) past DynamoDB's 32 levels.
inline bool enter_nesting(const std::string& path, value_context& ctx) {
  if (++ctx.depth <= max_nesting_depth) return true;
  ctx.issues.push_back({path, codes::validation::depth, "nested deeper than DynamoDB's 32 levels of maps and lists"});
  return false;
}

// The single `{"<type>": payload}` of an AttributeValue of the wanted type, or nullptr after an
// issue naming what came instead.
// The payload's JSON shape is checked too ({"S": 5} is as wrong as {"N": "5"}), so every reader
// can rely on it: strings for S, N and B, a boolean for BOOL, an array (of strings for sets) for
// L, SS, NS and BS, an object for M.
inline bool payload_fits(const std::string& type, const json& payload) {
  if (type == "S" || type == "N" || type == "B") return payload.is_string();
  if (type == "BOOL") return payload.is_boolean();
  if (type == "L") return payload.is_array();
  if (type == "M") return payload.is_object();
  if (type == "SS" || type == "NS" || type == "BS") {
    if (!payload.is_array()) return false;
    for (const json& member : payload) {
      if (!member.is_string()) return false;
    }
    return true;
  }
  return true;
}

inline const json* expect_attribute_value(const json& av, const char* type, const std::string& path,
                                          value_context& ctx) {
  const bool right_type = av.is_object() && av.size() == 1 && av.begin().key() == type;
  if (right_type && payload_fits(type, av.begin().value())) return &av.begin().value();
  const std::string article = type[0] == 'N' || type[0] == 'S' || type[0] == 'M' || type[0] == 'L' ? "an " : "a ";
  ctx.issues.push_back({path, codes::validation::attribute_type,
                        right_type ? "the " + std::string(type) + " attribute value holds " + describe_value(av.begin().value())
                                   : "expected " + article + type + " attribute value, got " + describe_attribute_value(av)});
  return nullptr;
}

}  // namespace dynamap::detail
