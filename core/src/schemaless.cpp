#include "dynamap/schemaless.hpp"

#include "dynamap/error.hpp"
#include "dynamap/type_handler.hpp"
#include "dynamap/value_tags.hpp"
#include "dynamap/values.hpp"

namespace dynamap {

namespace {
object_shape keep_everything() {
  object_shape shape;
  shape.unknown = unknown_policy::keep;
  return shape;
}
}  // namespace

json marshall(const json& value) {
  issue_list issues;
  value_context ctx{issues};
  const bool is_map = value.is_object() && value_tag(value).empty();
  static const object_shape open = keep_everything();
  json normalized = is_map ? normalize_object(open, value, "", ctx) : normalize_value(schemaless_attribute(), value, "", ctx);
  if (!issues.empty()) throw_validation(std::move(issues));
  return is_map ? object_to_attribute_map(open, normalized) : value_to_attribute_value(schemaless_attribute(), normalized);
}

json unmarshall(const json& attribute_map) {
  issue_list issues;
  value_context ctx{issues};
  static const object_shape open = keep_everything();
  json value = object_from_attribute_map(open, attribute_map, "", ctx);
  if (!issues.empty()) throw_validation(std::move(issues));
  return value;
}

}  // namespace dynamap
