#pragma once
// Schemaless mapping between JSON values and AttributeValues, as util-dynamodb maps them but
// without losing digits: kept unknown attributes use it.
#include <string>

#include "dynamap/error.hpp"
#include "dynamap/json.hpp"

namespace dynamap {

// Adds issues for values that cannot be stored (non-finite numbers, unsupported tags).
json any_to_attribute_value(const json& value, const std::string& path, issue_list& issues);
json any_from_attribute_value(const json& av, const std::string& path, issue_list& issues);

}  // namespace dynamap
