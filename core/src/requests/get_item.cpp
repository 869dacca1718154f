#include "dynamap/item.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

json build_get_item(const model& m, const json& key, const json& options) {
  detail::check_options(options, {"tablePrefix", "consistent"}, "get");
  validation_result checked = validate_key(m, key);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  json request = {{"TableName", table_name(m, options)},
                  {"Key", to_attribute_map(m, checked.value)}};
  if (detail::read_bool(options, "consistent")) request["ConsistentRead"] = true;
  return {{"operation", "GetItem"}, {"request", std::move(request)}};
}

}  // namespace dynamap
