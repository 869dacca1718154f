#include "dynamap/error_codes.hpp"
#include "dynamap/path.hpp"
#include "dynamap/regex.hpp"
#include "dynamap/string_formats.hpp"
#include "dynamap/json_text.hpp"
#include "types/builtin_types.hpp"
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

struct format_entry {
  const char* name;
  string_format format;
  bool (*check)(std::string_view);
};

constexpr format_entry formats[] = {
    {"email", string_format::email, is_email}, {"url", string_format::url, is_url},
    {"uuid", string_format::uuid, is_uuid},    {"ipv4", string_format::ipv4, is_ipv4},
    {"ipv6", string_format::ipv6, is_ipv6},    {"ip", string_format::ip, is_ip},
};
}  // namespace

std::string_view string_type::name() const { return "string"; }

bool string_type::accepts_rule(std::string_view rule) const {
  return rule == "minLength" || rule == "maxLength" || rule == "pattern" || rule == "format";
}

void string_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                              const schema_reader&) const {
  attr.rules.min_length = read_count_rule(def, "minLength", path);
  attr.rules.max_length = read_count_rule(def, "maxLength", path);
  check_order(attr.rules.min_length, attr.rules.max_length, "minLength", "maxLength", path);
  if (auto it = def.find("pattern"); it != def.end()) {
    const std::string at = child_path(path, "pattern");
    if (!it->is_string()) throw_schema(at, codes::schema::invalid_rule, "expected a regular expression as a string");
    std::string error;
    auto compiled = regex::compile(it->get<std::string>(), error);
    if (!compiled) throw_schema(at, codes::schema::invalid_pattern, error);
    attr.rules.pattern = std::make_shared<const regex>(std::move(*compiled));
    attr.rules.pattern_source = it->get<std::string>();
  }
  if (auto it = def.find("format"); it != def.end()) {
    for (const format_entry& f : formats) {
      if (*it == f.name) attr.rules.format = f.format;
    }
    if (attr.rules.format == string_format::none) {
      throw_schema(child_path(path, "format"), codes::schema::invalid_rule,
                   "expected one of 'email', 'url', 'uuid', 'ipv4', 'ipv6', 'ip'");
    }
  }
}

json string_type::normalize(const attribute& attr, const json& value, const std::string& path,
                            value_context& ctx) const {
  if (!value.is_string()) {
    ctx.issues.push_back({path, codes::validation::type, "expected a string, got " + describe_value(value)});
    return nullptr;
  }
  const std::string& text = value.get_ref<const std::string&>();
  const std::size_t before = ctx.issues.size();
  // Counting code points walks the whole string: only for a length rule.
  const std::size_t length = attr.rules.min_length || attr.rules.max_length ? code_points(text) : 0;
  if (attr.rules.min_length && length < *attr.rules.min_length) {
    ctx.issues.push_back({path, codes::validation::min_length, "expected at least " + characters(*attr.rules.min_length) +
                                                 ", got " + std::to_string(length)});
  }
  if (attr.rules.max_length && length > *attr.rules.max_length) {
    ctx.issues.push_back({path, codes::validation::max_length, "expected at most " + characters(*attr.rules.max_length) +
                                                 ", got " + std::to_string(length)});
  }
  if (attr.rules.pattern && !attr.rules.pattern->search(text)) {
    ctx.issues.push_back({path, codes::validation::pattern, "does not match the pattern " + attr.rules.pattern_source});
  }
  if (attr.rules.format != string_format::none) {
    for (const format_entry& f : formats) {
      if (f.format == attr.rules.format && !f.check(text)) {
        ctx.issues.push_back({path, codes::validation::format, std::string("is not a valid ") + f.name});
      }
    }
  }
  return ctx.issues.size() == before ? value : json(nullptr);
}

json string_type::to_attribute_value(const attribute&, const json& value) const {
  return one_key_object("S", value);
}

bool string_type::write_attribute_value(const attribute&, const json& value, av_text& out) const {
  const std::string& text = value.get_ref<const std::string&>();
  out.text.append(R"({"S":)");
  write_json_string(text, out.text);
  out.text.push_back('}');
  out.bytes += text.size();
  return true;
}

json string_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                       value_context& ctx) const {
  const json* s = expect_attribute_value(av, "S", path, ctx);
  if (s == nullptr) return nullptr;
  return *s;
}

}  // namespace dynamap::detail
