#include "dynamap/expression.hpp"
#include "dynamap/item.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

json build_get_item(const model& m, const json& key, const json& options) {
  detail::check_options(options, {"tablePrefix", "consistent", "select", "returnConsumedCapacity"}, "get");
  validation_result checked = validate_key(m, key);
  if (!checked.ok()) throw_validation(std::move(checked.issues));
  json request(json::value_t::object);
  request.get_ref<json::object_t&>().emplace("TableName", table_name(m, options));
  request.get_ref<json::object_t&>().emplace("Key", to_attribute_map(m, checked.value));
  if (detail::read_bool(options, "consistent")) request["ConsistentRead"] = true;
  placeholders ph;
  if (options.is_object() && options.contains("select")) {
    std::string projection = compile_projection(m, options["select"], ph);
    check_expression_length(projection, "the projection expression");
    request["ProjectionExpression"] = std::move(projection);
  }
  const std::string capacity = detail::read_choice(options, "returnConsumedCapacity", {"NONE", "TOTAL", "INDEXES"}, "NONE");
  if (capacity != "NONE") request["ReturnConsumedCapacity"] = capacity;
  ph.attach_last(request);
  return detail::planned_request("GetItem", std::move(request));
}

}  // namespace dynamap
