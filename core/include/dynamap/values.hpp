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

// The same, printed: appends the text json_text would print for value_to_attribute_value and
// object_to_attribute_map, adding item_size's count (an object's entries as an item's: name and
// value, no map overhead). write_value_attribute_value returns false when nothing is stored, as
// the type's does; an object drops such an entry, as object_to_attribute_map leaves it out.
// Returns the number of entries written.
bool write_value_attribute_value(const attribute& attr, const json& value, av_text& out);
std::size_t write_object_attribute_map(const object_shape& shape, const json& value, av_text& out);

// The {"M": ...} of a map attribute (its shape's entries) and of a record (`element` for every
// value, names unescaped), with the map's size overhead.
bool write_map_attribute_value(const object_shape& shape, const json& value, av_text& out);
bool write_record_attribute_value(const attribute& element, const json& value, av_text& out);

// What json_text prints for a value no AttributeValue stands for, as a list or a record holds it.
// Validation refuses an empty set there today; this keeps the text identical if that changes.
void write_unstored_value(av_text& out);

// AttributeValue -> JS value, and an AttributeValue map -> object, listing every problem.
json value_from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                value_context& ctx);
json object_from_attribute_map(const object_shape& shape, const json& map, const std::string& path,
                               value_context& ctx);

}  // namespace dynamap
