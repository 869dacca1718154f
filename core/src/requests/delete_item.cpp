#include "dynamap/item.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"
#include "requests/write_conditions.hpp"

namespace dynamap {

json build_delete_item(const model& m, const json& key, const json& options) {
  detail::check_options(options,
                        {"tablePrefix", "returnValues", "condition", "returnValuesOnConditionCheckFailure",
                         "returnConsumedCapacity"},
                        "delete");
  json version;
  const json bare_key = detail::split_version(m, key, version);
  validation_result checked = validate_key(m, bare_key);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  json request = {{"TableName", table_name(m, options)}, {"Key", to_attribute_map(m, checked.value)}};
  const std::string returns = detail::read_choice(options, "returnValues", {"NONE", "ALL_OLD"}, "NONE");
  if (returns != "NONE") request["ReturnValues"] = returns;
  detail::apply_return_options(request, options);
  placeholders ph;
  std::vector<std::string> added;
  if (!version.is_discarded()) added.push_back(detail::version_matches(*detail::version_attribute(m), version, ph));
  detail::finish_conditions(request, m, options, added, ph);
  return {{"operation", "DeleteItem"}, {"request", std::move(request)}};
}

}  // namespace dynamap
