#pragma once
// JSON text of a reply, byte for byte what json::dump(-1, ' ', false, replace) writes, faster:
// a reply is mostly plain ASCII strings (names, AttributeValue type keys, digits, base64), which
// are appended whole instead of one character at a time through nlohmann's UTF-8 escaper.
#include <string>
#include <string_view>

#include "dynamap/json.hpp"

namespace dynamap {

// A binary value holds JSON text printed ahead of time (an item's AttributeValue map, written
// straight from its normalized value): it is copied as it is. Nothing else in a reply is binary.
std::string json_text(const json& value);

// The pieces of json_text, appending to `out`, for writers that print JSON without a json tree.
void write_json(const json& value, std::string& out);
void write_json_string(std::string_view s, std::string& out);
void write_json_double(double x, std::string& out);

// JSON text made ahead of time, to stand in a tree for json_text to copy.
inline json json_text_value(std::string text) {
  return json::binary(json::binary_t::container_type(text.begin(), text.end()));
}

}  // namespace dynamap
