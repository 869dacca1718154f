#pragma once
#include "dynamap/error.hpp"
#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

struct validation_result {
  json value;  // the normalized item (defaults applied); null when there are issues
  issue_list issues;
  bool ok() const { return issues.empty(); }
};

// Checks a whole item from JS against the model and lists every problem.
validation_result validate_item(const model& m, const json& item);

// Checks a key (exactly the key attributes) and lists every problem.
validation_result validate_key(const model& m, const json& key);

// Maps a normalized item or key (from validate_item / validate_key) to an AttributeValue map.
json to_attribute_map(const model& m, const json& normalized);

// Maps an AttributeValue map read from DynamoDB to a JS value, listing every problem (a missing
// required attribute, a wrong AttributeValue type, a number a JS number cannot hold exactly).
validation_result from_attribute_map(const model& m, const json& item);

}  // namespace dynamap
