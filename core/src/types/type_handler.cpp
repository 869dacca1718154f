#include "dynamap/type_handler.hpp"

#include "dynamap/item.hpp"
#include "dynamap/json_text.hpp"
#include "dynamap/value_tags.hpp"

namespace dynamap {

void type_handler::parse_rules(attribute&, const json&, const std::string&,
                               const schema_reader&) const {}

bool type_handler::accepts_rule(std::string_view) const { return false; }

bool type_handler::write_attribute_value(const attribute& attr, const json& value, av_text& out) const {
  const json av = to_attribute_value(attr, value);
  if (av.is_discarded()) return false;
  write_json(av, out.text);
  out.bytes += attribute_value_size(av);
  return true;
}

std::string describe_value(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::array: return "an array";
    case json::value_t::object: {
      const std::string_view tag = value_tag(value);
      if (tag.empty()) return "an object";
      if (tag == "nonfinite") return "a non-finite number (" + value.begin()->get<std::string>() + ")";
      if (tag == "bigint") return "a BigInt";
      if (tag == "number") return "a NumberValue";
      if (tag == "date") return value.begin()->is_null() ? "an invalid Date" : "a Date";
      if (tag == "bytes") return "binary data";
      if (tag == "set") return "a Set";
      if (tag == "undefined") return "undefined";
      if (tag == "deep") return "a value nested too deeply";
      if (tag == "unsupported") return "a value of type " + value.begin()->get<std::string>();
      return "an object";
    }
    default: return "an unsupported value";
  }
}

std::string describe_attribute_value(const json& av) {
  if (!av.is_object() || av.size() != 1) return "a malformed attribute value";
  const std::string& type = av.begin().key();
  if (type.size() > 4) return "a malformed attribute value";
  const bool vowel = type == "N" || type == "M" || type == "L" || type == "S" || type == "SS" ||
                     type == "NS" || type == "NULL";
  return std::string(vowel ? "an " : "a ") + type + " attribute value";
}

}  // namespace dynamap
