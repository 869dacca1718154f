#pragma once
// JSON text of a reply, byte for byte what json::dump(-1, ' ', false, replace) writes, faster:
// a reply is mostly plain ASCII strings (names, AttributeValue type keys, digits, base64), which
// are appended whole instead of one character at a time through nlohmann's UTF-8 escaper.
#include <string>

#include "dynamap/json.hpp"

namespace dynamap {

std::string json_text(const json& value);

}  // namespace dynamap
