#include "types/builtin_types.hpp"

#include "dynamap/path.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {
// Lengths count Unicode code points, as JSON Schema does, so a browser and the server agree
// whatever their string encoding (UTF-16 in JS, UTF-8 here).
std::size_t code_points(const std::string& s) {
  std::size_t count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count;
}

std::string characters(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " character" : " characters");
}
}  // namespace

std::string_view string_type::name() const { return "string"; }
std::string_view string_type::key_type() const { return "S"; }

bool string_type::accepts_rule(std::string_view rule) const {
  return rule == "minLength" || rule == "maxLength";
}

void string_type::parse_rules(attribute& attr, const json& def, const std::string& path) const {
  attr.rules.min_length = read_length_rule(def, "minLength", path);
  attr.rules.max_length = read_length_rule(def, "maxLength", path);
  if (attr.rules.min_length && attr.rules.max_length &&
      *attr.rules.min_length > *attr.rules.max_length) {
    throw_schema(child_path(path, "minLength"), "invalidRule", "minLength is greater than maxLength");
  }
}

json string_type::normalize(const attribute& attr, const json& value, const std::string& path,
                            issue_list& issues) const {
  if (!value.is_string()) {
    issues.push_back({path, "type", "expected a string, got " + describe_value(value)});
    return nullptr;
  }
  const std::size_t length = code_points(value.get_ref<const std::string&>());
  const bool too_short = attr.rules.min_length && length < *attr.rules.min_length;
  const bool too_long = attr.rules.max_length && length > *attr.rules.max_length;
  if (too_short) {
    issues.push_back({path, "minLength", "expected at least " + characters(*attr.rules.min_length) +
                                             ", got " + std::to_string(length)});
  }
  if (too_long) {
    issues.push_back({path, "maxLength", "expected at most " + characters(*attr.rules.max_length) +
                                             ", got " + std::to_string(length)});
  }
  return too_short || too_long ? json(nullptr) : value;
}

json string_type::to_attribute_value(const attribute&, const json& value) const {
  return json{{"S", value}};
}

json string_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                       issue_list& issues) const {
  auto it = av.find("S");
  if (it == av.end() || !it->is_string()) {
    issues.push_back({path, "attributeType", "expected an S attribute value, got " + describe_attribute_value(av)});
    return nullptr;
  }
  return *it;
}

}  // namespace dynamap::detail
