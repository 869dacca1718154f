#include "dynamap/item.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

json build_put_item(const model& m, const json& item, const json& options, const write_inputs& inputs) {
  detail::check_options(options, {"tablePrefix", "returnValues"}, "put");
  validation_result checked = validate_item(m, item, inputs);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  json request = {{"TableName", table_name(m, options)},
                  {"Item", to_attribute_map(m, checked.value)}};
  const std::string returns = detail::read_choice(options, "returnValues", {"NONE", "ALL_OLD"}, "NONE");
  if (returns != "NONE") request["ReturnValues"] = returns;
  return {{"operation", "PutItem"}, {"request", std::move(request)}};
}

}  // namespace dynamap
