#include "dynamap/item.hpp"
#include "dynamap/requests.hpp"
#include "dynamap/value_tags.hpp"
#include "dynamap/values.hpp"
#include "requests/request_options.hpp"
#include "requests/write_conditions.hpp"

namespace dynamap {

json build_put_item(const model& m, const json& item, const json& options, const write_inputs& inputs) {
  detail::check_options(options,
                        {"tablePrefix", "returnValues", "condition", "create", "returnValuesOnConditionCheckFailure",
                         "returnConsumedCapacity"},
                        "put");
  validation_result checked = validate_item(m, item, inputs);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  placeholders ph;
  std::vector<std::string> added;
  const bool create = detail::read_bool(options, "create");
  if (create) added.push_back(detail::must_not_exist(m, ph));
  // Optimistic locking: a put carries the version it read and stores the next one; without a
  // version it may only create the item.
  if (const attribute* version = detail::version_attribute(m)) {
    const std::string key = escape_key(version->name);
    auto it = checked.value.find(key);
    long long next = 1;
    if (it == checked.value.end() || it->is_null()) {
      if (!create) added.push_back(detail::must_not_exist(m, ph));
    } else {
      added.push_back(detail::version_matches(*version, *it, ph));
      next = it->get<long long>() + 1;
    }
    checked.item[version->stored_name] = one_key_object("N", std::to_string(next));
  }
  json request = {{"TableName", table_name(m, options)}, {"Item", std::move(checked.item)}};
  const std::string returns = detail::read_choice(options, "returnValues", {"NONE", "ALL_OLD"}, "NONE");
  if (returns != "NONE") request["ReturnValues"] = returns;
  detail::apply_return_options(request, options);
  detail::finish_conditions(request, m, options, added, ph);
  return {{"operation", "PutItem"}, {"request", std::move(request)}};
}

}  // namespace dynamap
