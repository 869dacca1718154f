#pragma once
// The walk every value takes: null and defaults, then the attribute's type, recursing through
// maps, lists, records and sets. Items are objects at the root; map attributes reuse the same
// object walk with their own fields and unknown policy.
#include <string>

#include "dynamap/json.hpp"
#include "dynamap/model.hpp"
#include "dynamap/type_handler.hpp"

namespace dynamap {

// The attribute of schemaless places: kept unknown attributes, `marshall`, paths below `any`.
const attribute& schemaless_attribute();

// JS hands the core at most 1000 levels of nesting (js/core/value_codec.js): deeper parts of a
// value, which DynamoDB's 32 levels refuse anyway, cross as {"$deep": true} instead of
// overflowing the JS stack. Adds the depth issue at `path` and returns true for that tag. The
// walks below stop at level 33 first, so this is a guard, not a path taken by valid input.
bool cut_too_deep(const json& value, const std::string& path, value_context& ctx);

// Checks one present value (null included) of an attribute; returns its normalized form.
json normalize_value(const attribute& attr, const json& value, const std::string& path,
                     value_context& ctx);

// Checks an object against a shape: every field (defaults applied), and the unknown policy.
json normalize_object(const object_shape& shape, const json& value, const std::string& path,
                      value_context& ctx);

// The default of an attribute ('now', 'uuid' or the literal), or a discarded json if none.
json default_value(const attribute& attr, value_context& ctx);

// Normalized value -> AttributeValue, and a normalized object -> AttributeValue map.
json value_to_attribute_value(const attribute& attr, const json& value);
json object_to_attribute_map(const object_shape& shape, const json& value);

// AttributeValue -> JS value, and an AttributeValue map -> object, listing every problem.
json value_from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                value_context& ctx);
json object_from_attribute_map(const object_shape& shape, const json& map, const std::string& path,
                               value_context& ctx);

}  // namespace dynamap
