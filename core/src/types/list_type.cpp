#include "dynamap/error_codes.hpp"
#include "dynamap/path.hpp"
#include "dynamap/values.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

std::string_view list_type::name() const { return "list"; }

bool list_type::accepts_rule(std::string_view rule) const {
  return rule == "of" || rule == "minItems" || rule == "maxItems";
}

void list_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                            const schema_reader& reader) const {
  if (!def.contains("of")) throw_schema(child_path(path, "of"), codes::schema::missing, "a list declares the type of its items");
  attr.element = std::make_shared<const attribute>(reader.read_element(def["of"], child_path(path, "of")));
  read_item_counts(attr.rules, def, path);
}

json list_type::normalize(const attribute& attr, const json& value, const std::string& path,
                          value_context& ctx) const {
  if (!value.is_array()) {
    ctx.issues.push_back({path, codes::validation::type, "expected an array, got " + describe_value(value)});
    return nullptr;
  }
  check_item_count(attr, value.size(), path, ctx);
  if (!enter_nesting(path, ctx)) return nullptr;
  json out = json::array();
  out.get_ref<json::array_t&>().reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    out.push_back(normalize_value(*attr.element, value[i], index_path(path, i), ctx));
  }
  --ctx.depth;
  return out;
}

json list_type::to_attribute_value(const attribute& attr, const json& value) const {
  json list = json::array();
  list.get_ref<json::array_t&>().reserve(value.size());
  for (const json& element : value) list.push_back(value_to_attribute_value(*attr.element, element));
  return one_key_object("L", std::move(list));
}

bool list_type::write_attribute_value(const attribute& attr, const json& value, av_text& out) const {
  out.text.append(R"({"L":[)");
  bool first = true;
  for (const json& element : value) {
    if (!first) out.text.push_back(',');
    first = false;
    if (!write_value_attribute_value(*attr.element, element, out)) write_unstored_value(out);
  }
  out.text.append("]}");
  out.bytes += 3 + value.size();  // a list's overhead, and a byte per element
  return true;
}

json list_type::from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                     value_context& ctx) const {
  const json* list = expect_attribute_value(av, "L", path, ctx);
  if (list == nullptr) return nullptr;
  // Reads stop at DynamoDB's depth too: a hostile response nested 100,000 levels deep must not
  // recurse as deep.
  if (!enter_nesting(path, ctx)) return nullptr;
  json out = json::array();
  out.get_ref<json::array_t&>().reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    out.push_back(value_from_attribute_value(*attr.element, (*list)[i], index_path(path, i), ctx));
  }
  --ctx.depth;
  return out;
}

}  // namespace dynamap::detail
