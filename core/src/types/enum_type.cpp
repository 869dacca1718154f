#include "dynamap/error_codes.hpp"
#include <algorithm>

#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {
std::string listing(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "'" : ", '") + v + "'";
  return out;
}
}  // namespace

std::string_view enum_type::name() const { return "enum"; }

bool enum_type::accepts_rule(std::string_view rule) const { return rule == "values"; }

void enum_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                            const schema_reader&) const {
  const std::string at = child_path(path, "values");
  auto it = def.find("values");
  if (it == def.end()) throw_schema(at, codes::schema::missing, "an enum lists its values");
  if (!it->is_array() || it->empty()) throw_schema(at, codes::schema::invalid_rule, "expected a non-empty list of strings");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    if (!v.is_string()) throw_schema(index_path(at, i), codes::schema::invalid_rule, "expected a string");
    if (std::find(attr.rules.values.begin(), attr.rules.values.end(), v.get<std::string>()) !=
        attr.rules.values.end()) {
      throw_schema(index_path(at, i), codes::schema::invalid_rule, "'" + v.get<std::string>() + "' is listed twice");
    }
    attr.rules.values.push_back(v.get<std::string>());
  }
}

json enum_type::normalize(const attribute& attr, const json& value, const std::string& path,
                          value_context& ctx) const {
  if (value.is_string() && std::find(attr.rules.values.begin(), attr.rules.values.end(),
                                     value.get_ref<const std::string&>()) != attr.rules.values.end()) {
    return value;
  }
  const std::string got = value.is_string() ? "'" + value.get<std::string>() + "'" : describe_value(value);
  ctx.issues.push_back({path, value.is_string() ? codes::validation::enum_ : codes::validation::type,
                        "expected one of " + listing(attr.rules.values) + ", got " + got});
  return nullptr;
}

json enum_type::to_attribute_value(const attribute&, const json& value) const {
  return one_key_object("S", value);
}

json enum_type::from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                     value_context& ctx) const {
  const json* s = expect_attribute_value(av, "S", path, ctx);
  if (s == nullptr) return nullptr;
  // A value outside the list is reported rather than passed on: the model says it cannot be.
  return normalize(attr, *s, path, ctx);
}

}  // namespace dynamap::detail
