#include "types/builtin_types.hpp"

namespace dynamap::detail {

std::string_view boolean_type::name() const { return "boolean"; }

json boolean_type::normalize(const attribute&, const json& value, const std::string& path,
                             issue_list& issues) const {
  if (value.is_boolean()) return value;
  issues.push_back({path, "type", "expected a boolean, got " + describe_value(value)});
  return nullptr;
}

json boolean_type::to_attribute_value(const attribute&, const json& value) const {
  return json{{"BOOL", value}};
}

json boolean_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                        issue_list& issues) const {
  auto it = av.find("BOOL");
  if (it != av.end() && it->is_boolean()) return *it;
  issues.push_back({path, "attributeType",
                    "expected a BOOL attribute value, got " + describe_attribute_value(av)});
  return nullptr;
}

}  // namespace dynamap::detail
