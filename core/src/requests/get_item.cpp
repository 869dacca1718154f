#include "dynamap/expression.hpp"
#include "dynamap/item.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

json build_get_item(const model& m, const json& key, const json& options) {
  detail::check_options(options, {"tablePrefix", "consistent", "select", "returnConsumedCapacity"}, "get");
  validation_result checked = validate_key(m, key);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  json request = {{"TableName", table_name(m, options)}, {"Key", to_attribute_map(m, checked.value)}};
  if (detail::read_bool(options, "consistent")) request["ConsistentRead"] = true;
  placeholders ph;
  if (options.is_object() && options.contains("select")) {
    std::string projection = compile_projection(m, options["select"], ph);
    check_expression_length(projection, "the projection expression");
    request["ProjectionExpression"] = std::move(projection);
  }
  const std::string capacity = detail::read_choice(options, "returnConsumedCapacity", {"NONE", "TOTAL", "INDEXES"}, "NONE");
  if (capacity != "NONE") request["ReturnConsumedCapacity"] = capacity;
  ph.attach(request);
  return {{"operation", "GetItem"}, {"request", std::move(request)}};
}

}  // namespace dynamap
