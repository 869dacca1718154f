#include "dynamap/error_codes.hpp"
#include "dynamap/path.hpp"
#include "dynamap/value_tags.hpp"
#include "dynamap/values.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

std::string_view record_type::name() const { return "record"; }

bool record_type::accepts_rule(std::string_view rule) const {
  return rule == "of" || rule == "minItems" || rule == "maxItems";
}

void record_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                              const schema_reader& reader) const {
  if (!def.contains("of")) throw_schema(child_path(path, "of"), codes::schema::missing, "a record declares the type of its values");
  attr.element = std::make_shared<const attribute>(reader.read_element(def["of"], child_path(path, "of")));
  read_item_counts(attr.rules, def, path);
}

json record_type::normalize(const attribute& attr, const json& value, const std::string& path,
                            value_context& ctx) const {
  if (!value.is_object() || !value_tag(value).empty()) {
    ctx.issues.push_back({path, codes::validation::type, "expected an object, got " + describe_value(value)});
    return nullptr;
  }
  check_item_count(attr, value.size(), path, ctx);
  if (!enter_nesting(path, ctx)) return nullptr;
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    out.emplace(it.key(), normalize_value(*attr.element, it.value(), child_path(path, unescape_key(it.key())), ctx));
  }
  --ctx.depth;
  return out;
}

json record_type::to_attribute_value(const attribute& attr, const json& value) const {
  json map = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    map.emplace(unescape_key(it.key()), value_to_attribute_value(*attr.element, it.value()));
  }
  return one_key_object("M", std::move(map));
}

bool record_type::write_attribute_value(const attribute& attr, const json& value, av_text& out) const {
  return write_record_attribute_value(*attr.element, value, out);
}

json record_type::from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                       value_context& ctx) const {
  const json* map = expect_attribute_value(av, "M", path, ctx);
  if (map == nullptr) return nullptr;
  if (!enter_nesting(path, ctx)) return nullptr;
  json out = json::object();
  for (auto it = map->begin(); it != map->end(); ++it) {
    out.emplace(escape_key(it.key()),
                value_from_attribute_value(*attr.element, it.value(), child_path(path, it.key()), ctx));
  }
  --ctx.depth;
  return out;
}

}  // namespace dynamap::detail
