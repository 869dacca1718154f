#include "dynamap/item.hpp"
#include "dynamap/json_text.hpp"
#include "dynamap/requests.hpp"
#include "dynamap/value_tags.hpp"
#include "dynamap/values.hpp"
#include "requests/request_options.hpp"
#include "requests/write_conditions.hpp"

namespace dynamap {

namespace {

enum class item_form { tree, text };

json build_put(const model& m, const json& item, const json& options, const write_inputs& inputs, item_form form) {
  detail::check_options(options,
                        {"tablePrefix", "returnValues", "condition", "create", "returnValuesOnConditionCheckFailure",
                         "returnConsumedCapacity"},
                        "put");
  validation_result checked = form == item_form::tree ? validate_item(m, item, inputs) : normalize_item(m, item, inputs);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  // Optimistic locking: a put carries the version it read and stores the next one; without a
  // version it may only create the item.
  const attribute* version = detail::version_attribute(m);
  json read_version;  // null when the item brings none: it may only be created
  if (version != nullptr) {
    auto it = checked.value.find(escape_key(version->name));
    if (it != checked.value.end()) read_version = *it;
  }
  const long long next = read_version.is_null() ? 1 : read_version.get<long long>() + 1;
  if (form == item_form::text) {
    // Printed before the options are read, so an item over DynamoDB's limits fails first, as
    // validate_item makes it fail. The version's type prints an integer as std::to_string does.
    std::string text = print_item(m, std::move(checked.value), version, json(next), checked.issues);
    if (!checked.ok()) throw_validation(std::move(checked.issues));
    checked.item = json_text_value(std::move(text));
  } else if (version != nullptr) {
    checked.item[version->stored_name] = one_key_object("N", std::to_string(next));
  }
  placeholders ph;
  std::vector<std::string> added;
  const bool create = detail::read_bool(options, "create");
  if (create) added.push_back(detail::must_not_exist(m, ph));
  if (version != nullptr) {
    if (read_version.is_null()) {
      if (!create) added.push_back(detail::must_not_exist(m, ph));
    } else {
      added.push_back(detail::version_matches(*version, read_version, ph));
    }
  }
  json request = {{"TableName", table_name(m, options)}, {"Item", std::move(checked.item)}};
  const std::string returns = detail::read_choice(options, "returnValues", {"NONE", "ALL_OLD"}, "NONE");
  if (returns != "NONE") request["ReturnValues"] = returns;
  detail::apply_return_options(request, options);
  detail::finish_conditions(request, m, options, added, ph);
  return {{"operation", "PutItem"}, {"request", std::move(request)}};
}

}  // namespace

json build_put_item(const model& m, const json& item, const json& options, const write_inputs& inputs) {
  return build_put(m, item, options, inputs, item_form::tree);
}

json build_put_item_printed(const model& m, const json& item, const json& options, const write_inputs& inputs) {
  return build_put(m, item, options, inputs, item_form::text);
}

}  // namespace dynamap
