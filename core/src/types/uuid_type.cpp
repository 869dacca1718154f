#include "dynamap/error_codes.hpp"
#include <algorithm>
#include <cctype>

#include "dynamap/string_formats.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

std::string_view uuid_type::name() const { return "uuid"; }

json uuid_type::normalize(const attribute&, const json& value, const std::string& path,
                          value_context& ctx) const {
  if (!value.is_string() || !is_uuid(value.get_ref<const std::string&>())) {
    ctx.issues.push_back({path, value.is_string() ? codes::validation::format : codes::validation::type, "expected a UUID (8-4-4-4-12 hex digits), got " +
                                              (value.is_string() ? "'" + value.get<std::string>() + "'"
                                                                 : describe_value(value))});
    return nullptr;
  }
  // One spelling per UUID, so equal UUIDs are equal keys.
  std::string lower = value.get<std::string>();
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

json uuid_type::to_attribute_value(const attribute&, const json& value) const {
  return one_key_object("S", value);
}

json uuid_type::from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                     value_context& ctx) const {
  const json* s = expect_attribute_value(av, "S", path, ctx);
  return s == nullptr ? json(nullptr) : normalize(attr, *s, path, ctx);
}

}  // namespace dynamap::detail
