#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "dynamap/error.hpp"
#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

struct validation_result {
  json value;  // the normalized value (defaults applied); null when there are issues
  json item;   // validate_item: the AttributeValue map of `value` (made for the size checks)
  issue_list issues;
  bool ok() const { return issues.empty(); }
};

// What defaults need from outside the core: the time for 'now', a random seed for 'uuid'.
struct write_inputs {
  std::int64_t now_millis = 0;
  std::string seed;  // hex
};

// Checks a whole item from JS against the model and lists every problem, DynamoDB's limits on
// item and key sizes included.
validation_result validate_item(const model& m, const json& item, const write_inputs& inputs);

// Checks a key (exactly the key attributes) and lists every problem.
validation_result validate_key(const model& m, const json& key);

// Maps a normalized item or key (from validate_item / validate_key) to an AttributeValue map.
json to_attribute_map(const model& m, const json& normalized);

// Maps an AttributeValue map read from DynamoDB to a JS value, listing every problem (a missing
// required attribute, a wrong AttributeValue type, a number a JS number cannot hold exactly).
// `partial`: the map is a projection, so absent attributes are fine.
validation_result from_attribute_map(const model& m, const json& item, bool partial = false);

// DynamoDB's size of an attribute value and of a whole item, in bytes, as its documentation
// defines them (names and values in UTF-8, numbers by significant digits).
std::size_t attribute_value_size(const json& av);
std::size_t item_size(const json& attribute_map);

// The same size from an N value's digits.
std::size_t number_value_size(const std::string& digits);

// validate_item in two steps, for a put whose request is printed rather than read: normalize
// (result.item stays null), then print the AttributeValue map as JSON text (for json_text_value)
// instead of building it, with validate_item's checks of DynamoDB's limits and the same issues.
validation_result normalize_item(const model& m, const json& item, const write_inputs& inputs);

// `replaced` (if not null) is a top-level attribute whose value in the text is `replacement`
// rather than its value in `normalized`; the limits are checked on `normalized` as it is, as
// validate_item checks them (a put's next version number replaces the one it read).
std::string print_item(const model& m, json normalized, const attribute* replaced, const json& replacement,
                       issue_list& issues);

constexpr std::size_t max_item_bytes = 400 * 1024;
constexpr std::size_t max_partition_key_bytes = 2048;
constexpr std::size_t max_sort_key_bytes = 1024;

}  // namespace dynamap
