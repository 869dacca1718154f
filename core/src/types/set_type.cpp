#include "dynamap/error_codes.hpp"
#include <unordered_set>

#include "dynamap/path.hpp"
#include "dynamap/value_tags.hpp"
#include "dynamap/values.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {
std::string set_code(const attribute& element) {
  return std::string(element.type->key_type(element)) + "S";  // SS, NS or BS
}

// The text DynamoDB compares set members by: the member's AttributeValue payload.
std::string member_text(const attribute& element, const json& normalized) {
  const json av = element.type->to_attribute_value(element, normalized);
  const json& payload = av.begin().value();
  return payload.is_string() ? payload.get<std::string>() : payload.dump();
}
}  // namespace

std::string_view set_type::name() const { return "set"; }

bool set_type::accepts_rule(std::string_view rule) const {
  return rule == "of" || rule == "minItems" || rule == "maxItems";
}

void set_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                           const schema_reader& reader) const {
  const std::string at = child_path(path, "of");
  if (!def.contains("of")) throw_schema(at, codes::schema::missing, "a set declares its members' type: 'string', 'number' or 'binary'");
  attribute element = reader.read_element(def["of"], at);
  if (element.type->key_type(element).empty()) {
    throw_schema(at, codes::schema::invalid_rule, "set members are strings, numbers or binary (DynamoDB's SS, NS and BS), not " +
                                        element.type_name);
  }
  if (element.nullable) throw_schema(at, codes::schema::invalid_rule, "set members cannot be null");
  attr.element = std::make_shared<const attribute>(std::move(element));
  read_item_counts(attr.rules, def, path);
}

json set_type::normalize(const attribute& attr, const json& value, const std::string& path,
                         value_context& ctx) const {
  // A JS Set crosses as {"$set": [...]}; a plain array is accepted too.
  const json* members = value_tag(value) == "set" ? &value.begin().value() : (value.is_array() ? &value : nullptr);
  if (members == nullptr || !members->is_array()) {
    ctx.issues.push_back({path, codes::validation::type, "expected a Set, got " + describe_value(value)});
    return nullptr;
  }
  if (members->empty() && attr.name.empty()) {
    // Inside a list or record there is no attribute to leave out, and DynamoDB stores no empty set.
    ctx.issues.push_back({path, codes::validation::empty_set, "DynamoDB cannot store an empty set inside a list or record"});
    return nullptr;
  }
  check_item_count(attr, members->size(), path, ctx);
  json out = json::array();
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < members->size(); ++i) {
    const std::string at = index_path(path, i);
    const std::size_t before = ctx.issues.size();
    json member = normalize_value(*attr.element, (*members)[i], at, ctx);
    if (ctx.issues.size() != before) continue;  // this member is wrong; the others are still checked
    if (!seen.insert(member_text(*attr.element, member)).second) {
      ctx.issues.push_back({at, codes::validation::duplicate, "the set already holds this value (DynamoDB refuses duplicate members)"});
      continue;
    }
    out.push_back(std::move(member));
  }
  return one_key_object("$set", std::move(out));
}

json set_type::to_attribute_value(const attribute& attr, const json& value) const {
  const json& members = value.begin().value();
  // DynamoDB cannot store an empty set: the attribute is left out, and reads back as empty.
  if (members.empty()) return json(json::value_t::discarded);
  json payloads = json::array();
  for (const json& member : members) {
    payloads.push_back(attr.element->type->to_attribute_value(*attr.element, member).begin().value());
  }
  return json{{set_code(*attr.element), std::move(payloads)}};
}

json set_type::from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                    value_context& ctx) const {
  const std::string code = set_code(*attr.element);
  const json* members = expect_attribute_value(av, code.c_str(), path, ctx);
  if (members == nullptr) return nullptr;
  const std::string member_type = code.substr(0, 1);
  json out = json::array();
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < members->size(); ++i) {
    const std::string at = index_path(path, i);
    const std::size_t before = ctx.issues.size();
    json member = attr.element->type->from_attribute_value(*attr.element, one_key_object(member_type, (*members)[i]), at, ctx);
    if (ctx.issues.size() != before) continue;
    // DynamoDB never returns a set holding one value twice (it refuses them on write). A response
    // that does is not read: a JS Set would silently merge the two, or keep two members that
    // DynamoDB counts as one (1 and 1.0, "-0" and "0").
    if (!seen.insert(member_text(*attr.element, member)).second) {
      ctx.issues.push_back({at, codes::validation::duplicate, "the set holds this value twice (DynamoDB never stores duplicates)"});
      continue;
    }
    out.push_back(std::move(member));
  }
  return one_key_object("$set", std::move(out));
}

bool set_type::absent_value(json& out) const {
  out = one_key_object("$set", json::array());
  return true;
}

}  // namespace dynamap::detail
