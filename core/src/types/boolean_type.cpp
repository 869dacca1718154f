#include "dynamap/error_codes.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

std::string_view boolean_type::name() const { return "boolean"; }

json boolean_type::normalize(const attribute&, const json& value, const std::string& path,
                             value_context& ctx) const {
  if (value.is_boolean()) return value;
  ctx.issues.push_back({path, codes::validation::type, "expected a boolean, got " + describe_value(value)});
  return nullptr;
}

json boolean_type::to_attribute_value(const attribute&, const json& value) const {
  return one_key_object("BOOL", value);
}

bool boolean_type::write_attribute_value(const attribute&, const json& value, av_text& out) const {
  out.text.append(value.get<bool>() ? R"({"BOOL":true})" : R"({"BOOL":false})");
  out.bytes += 1;
  return true;
}

json boolean_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                        value_context& ctx) const {
  const json* b = expect_attribute_value(av, "BOOL", path, ctx);
  return b != nullptr && b->is_boolean() ? *b : json(nullptr);
}

}  // namespace dynamap::detail
