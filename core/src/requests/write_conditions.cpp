#include "requests/write_conditions.hpp"

#include "dynamap/value_tags.hpp"
#include "dynamap/values.hpp"
#include "requests/request_options.hpp"

namespace dynamap::detail {

const attribute* version_attribute(const model& m) {
  for (const attribute& a : m.root.fields) {
    if (a.type->name() == "version") return &a;
  }
  return nullptr;
}

json split_version(const model& m, const json& key, json& version) {
  const attribute* attr = version_attribute(m);
  version = json(json::value_t::discarded);
  if (attr == nullptr || !key.is_object()) return key;
  const std::string name = escape_key(attr->name);
  auto it = key.find(name);
  if (it == key.end()) return key;
  issue_list issues;
  value_context ctx{issues};
  version = normalize_value(*attr, *it, attr->name, ctx);
  if (!issues.empty()) throw_validation(std::move(issues));
  json rest = key;
  rest.erase(name);
  return rest;
}

std::string must_not_exist(const model& m, placeholders& ph) {
  return "attribute_not_exists(" + ph.name(m.partition().stored_name) + ")";
}

std::string version_matches(const attribute& version, const json& expected, placeholders& ph) {
  return ph.name(version.stored_name) + " = " + ph.value(value_to_attribute_value(version, expected));
}

void finish_conditions(json& request, const model& m, const json& options, const std::vector<std::string>& added,
                       placeholders& ph) {
  std::vector<std::string> parts;
  if (options.is_object() && options.contains("condition") && !options["condition"].is_null()) {
    parts.push_back(compile_condition(m, options["condition"], ph));
  }
  parts.insert(parts.end(), added.begin(), added.end());
  if (!parts.empty()) {
    std::string expression;
    if (parts.size() == 1) {
      expression = parts[0];
    } else {
      for (const std::string& p : parts) expression += (expression.empty() ? "(" : " AND (") + p + ")";
    }
    check_expression_length(expression, "the condition expression");
    request["ConditionExpression"] = expression;
  }
  ph.attach(request);
}

void apply_return_options(json& request, const json& options) {
  const std::string on_failure = read_choice(options, "returnValuesOnConditionCheckFailure", {"NONE", "ALL_OLD"}, "NONE");
  if (on_failure != "NONE") request["ReturnValuesOnConditionCheckFailure"] = on_failure;
  const std::string capacity = read_choice(options, "returnConsumedCapacity", {"NONE", "TOTAL", "INDEXES"}, "NONE");
  if (capacity != "NONE") request["ReturnConsumedCapacity"] = capacity;
}

}  // namespace dynamap::detail
