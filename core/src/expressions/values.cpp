#include "dynamap/error.hpp"
#include "dynamap/expression.hpp"
#include "dynamap/values.hpp"

namespace dynamap {

namespace {

json convert(const attribute& attr, const json& value, const std::string& display) {
  issue_list issues;
  value_context ctx{issues};
  json normalized = normalize_value(attr, value, display, ctx);
  if (!issues.empty()) throw_validation(std::move(issues));
  return value_to_attribute_value(attr, normalized);
}

}  // namespace

json condition_value(const resolved_path& where, const json& value) {
  // The type without its rules: an enum's values and a datetime's storage stay, bounds, lengths,
  // patterns and formats go (they constrain what is stored, not what may be asked about).
  attribute relaxed = *where.target;
  attribute_rules rules;
  rules.values = relaxed.rules.values;
  rules.storage = relaxed.rules.storage;
  relaxed.rules = std::move(rules);
  relaxed.nullable = true;  // comparing with null asks whether the stored value is NULL
  return convert(relaxed, value, where.display);
}

json stored_value(const resolved_path& where, const json& value) {
  return convert(*where.target, value, where.display);
}

}  // namespace dynamap
