#include "dynamap/path.hpp"
#include "dynamap/values.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

std::string_view map_type::name() const { return "map"; }

bool map_type::accepts_rule(std::string_view rule) const { return rule == "fields" || rule == "unknown"; }

void map_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                           const schema_reader& reader) const {
  static const json no_fields = json::object();
  static const json no_policy;
  auto fields = def.find("fields");
  auto unknown = def.find("unknown");
  attr.shape = reader.read_shape(fields == def.end() ? no_fields : *fields,
                                 unknown == def.end() ? no_policy : *unknown, path);
}

json map_type::normalize(const attribute& attr, const json& value, const std::string& path,
                         value_context& ctx) const {
  if (!enter_nesting(path, ctx)) return nullptr;
  json out = normalize_object(*attr.shape, value, path, ctx);
  --ctx.depth;
  return out;
}

json map_type::to_attribute_value(const attribute& attr, const json& value) const {
  return one_key_object("M", object_to_attribute_map(*attr.shape, value));
}

bool map_type::write_attribute_value(const attribute& attr, const json& value, av_text& out) const {
  return write_map_attribute_value(*attr.shape, value, out);
}

json map_type::from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                    value_context& ctx) const {
  const json* map = expect_attribute_value(av, "M", path, ctx);
  if (map == nullptr) return nullptr;
  if (!enter_nesting(path, ctx)) return nullptr;
  json out = object_from_attribute_map(*attr.shape, *map, path, ctx);
  --ctx.depth;
  return out;
}

}  // namespace dynamap::detail
