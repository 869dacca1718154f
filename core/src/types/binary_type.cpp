#include "dynamap/error_codes.hpp"
#include "dynamap/value_tags.hpp"
#include "types/base64_text.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {
std::string bytes(std::size_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }
}  // namespace

std::string_view binary_type::name() const { return "binary"; }

bool binary_type::accepts_rule(std::string_view rule) const {
  return rule == "minLength" || rule == "maxLength";
}

void binary_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                              const schema_reader&) const {
  attr.rules.min_length = read_count_rule(def, "minLength", path);
  attr.rules.max_length = read_count_rule(def, "maxLength", path);
  check_order(attr.rules.min_length, attr.rules.max_length, "minLength", "maxLength", path);
}

json binary_type::normalize(const attribute& attr, const json& value, const std::string& path,
                            value_context& ctx) const {
  // Binary crosses from JS as {"$bytes": base64}.
  const json* payload = value_tag(value) == "bytes" ? &value.begin().value() : nullptr;
  const auto length = payload && payload->is_string() ? base64_length(payload->get<std::string>()) : std::nullopt;
  if (!length) {
    ctx.issues.push_back({path, codes::validation::type, "expected a Uint8Array, got " + describe_value(value)});
    return nullptr;
  }
  const std::size_t before = ctx.issues.size();
  if (attr.rules.min_length && *length < *attr.rules.min_length) {
    ctx.issues.push_back({path, codes::validation::min_length, "expected at least " + bytes(*attr.rules.min_length) + ", got " + std::to_string(*length)});
  }
  if (attr.rules.max_length && *length > *attr.rules.max_length) {
    ctx.issues.push_back({path, codes::validation::max_length, "expected at most " + bytes(*attr.rules.max_length) + ", got " + std::to_string(*length)});
  }
  return ctx.issues.size() == before ? value : json(nullptr);
}

json binary_type::to_attribute_value(const attribute&, const json& value) const {
  return one_key_object("B", value.begin().value());
}

json binary_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                       value_context& ctx) const {
  const json* b = expect_attribute_value(av, "B", path, ctx);
  if (b == nullptr) return nullptr;
  if (!b->is_string() || !base64_length(b->get<std::string>())) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "the B attribute value is not base64"});
    return nullptr;
  }
  return one_key_object("$bytes", *b);
}

}  // namespace dynamap::detail
