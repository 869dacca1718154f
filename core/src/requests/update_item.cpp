#include "dynamap/item.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"
#include "requests/write_conditions.hpp"

namespace dynamap {

json build_update_item(const model& m, const json& key, const json& update, const json& options) {
  detail::check_options(options,
                        {"tablePrefix", "returnValues", "condition", "returnValuesOnConditionCheckFailure",
                         "returnConsumedCapacity"},
                        "update");
  json version;
  const json bare_key = detail::split_version(m, key, version);
  validation_result checked = validate_key(m, bare_key);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  placeholders ph;
  // Every update moves the version on; with the version the caller read, it must still match.
  const attribute* version_attr = detail::version_attribute(m);
  std::string expression = compile_update(m, update, ph, version_attr);
  std::vector<std::string> added;
  if (!version.is_discarded()) added.push_back(detail::version_matches(*version_attr, version, ph));
  check_expression_length(expression, "the update expression");
  json request(json::value_t::object);
  auto& members = request.get_ref<json::object_t&>();
  members.emplace("TableName", table_name(m, options));
  members.emplace("Key", to_attribute_map(m, checked.value));
  members.emplace("UpdateExpression", std::move(expression));
  const std::string returns = detail::read_choice(options, "returnValues",
                                                  {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"}, "NONE");
  if (returns != "NONE") request["ReturnValues"] = returns;
  detail::apply_return_options(request, options);
  detail::finish_conditions(request, m, options, added, ph);
  return detail::planned_request("UpdateItem", std::move(request));
}

}  // namespace dynamap
