#pragma once
// What every conditional write shares: the caller's condition, the conditions dynamap adds
// itself (create's "must not exist", a version check), and the placeholders they use.
#include <string>
#include <vector>

#include "dynamap/expression.hpp"
#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap::detail {

// The model's `version` attribute (optimistic locking), or nullptr.
const attribute* version_attribute(const model& m);

// A key as callers give it to update and delete: the key attributes, plus optionally the version
// attribute (the version they read). Returns the key alone; `version` gets the version if given.
json split_version(const model& m, const json& key, json& version);

// "attribute_not_exists(#pk)": the item must not exist yet.
std::string must_not_exist(const model& m, placeholders& ph);

// "#version = :v": the stored version is the one the caller read.
std::string version_matches(const attribute& version, const json& expected, placeholders& ph);

// Sets ConditionExpression from the caller's `condition` option and `added` conditions, and the
// placeholders, on `request`.
void finish_conditions(json& request, const model& m, const json& options, const std::vector<std::string>& added,
                       placeholders& ph);

// ReturnValuesOnConditionCheckFailure and ReturnConsumedCapacity, shared by the writes.
void apply_return_options(json& request, const json& options);

}  // namespace dynamap::detail
