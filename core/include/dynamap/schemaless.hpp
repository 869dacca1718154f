#pragma once
// marshall / unmarshall without a model, mapped as @aws-sdk/util-dynamodb maps values except
// that numbers never lose digits. Both throw ValidationError listing every problem.
#include "dynamap/json.hpp"

namespace dynamap {

// A JS object -> AttributeValue map; any other value -> one AttributeValue.
json marshall(const json& value);

// An AttributeValue map -> JS object (numbers a JS number cannot hold come back as
// {"$number": digits}).
json unmarshall(const json& attribute_map);

}  // namespace dynamap
