#include "dynamap/item.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

json build_delete_item(const model& m, const json& key, const json& options) {
  detail::check_options(options, {"tablePrefix", "returnValues"}, "delete");
  validation_result checked = validate_key(m, key);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  json request = {{"TableName", table_name(m, options)},
                  {"Key", to_attribute_map(m, checked.value)}};
  const std::string returns = detail::read_choice(options, "returnValues", {"NONE", "ALL_OLD"}, "NONE");
  if (returns != "NONE") request["ReturnValues"] = returns;
  return {{"operation", "DeleteItem"}, {"request", std::move(request)}};
}

}  // namespace dynamap
