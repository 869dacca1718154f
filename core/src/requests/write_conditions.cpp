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
  return concat({"attribute_not_exists(", ph.name(m.partition().stored_name), ")"});
}

std::string version_matches(const attribute& version, const json& expected, placeholders& ph) {
  const std::string& name = ph.name(version.stored_name);
  return concat({name, " = ", ph.value(value_to_attribute_value(version, expected))});
}

void finish_conditions(json& request, const model& m, const json& options, const std::vector<std::string>& added,
                       placeholders& ph) {
  const json& condition = member_or_null(options, "condition");
  std::string caller_part;
  if (!condition.is_null()) caller_part = compile_condition(m, condition, ph);
  const std::size_t part_count = (condition.is_null() ? 0 : 1) + added.size();
  if (part_count > 0) {
    std::string expression;
    if (part_count == 1) {
      expression = condition.is_null() ? added.front() : std::move(caller_part);
    } else {
      auto append = [&](const std::string& part) {
        expression += expression.empty() ? "(" : " AND (";
        expression += part;
        expression += ')';
      };
      if (!condition.is_null()) append(caller_part);
      for (const std::string& part : added) append(part);
    }
    check_expression_length(expression, "the condition expression");
    request["ConditionExpression"] = std::move(expression);
  }
  ph.attach_last(request);
}

void apply_return_options(json& request, const json& options) {
  const std::string on_failure = read_choice(options, "returnValuesOnConditionCheckFailure", {"NONE", "ALL_OLD"}, "NONE");
  if (on_failure != "NONE") request["ReturnValuesOnConditionCheckFailure"] = on_failure;
  const std::string capacity = read_choice(options, "returnConsumedCapacity", {"NONE", "TOTAL", "INDEXES"}, "NONE");
  if (capacity != "NONE") request["ReturnConsumedCapacity"] = capacity;
}

}  // namespace dynamap::detail
