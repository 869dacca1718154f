#pragma once
// The reader of every operation's JSON text. It accepts exactly the texts json::parse(text,
// nullptr, false) accepts and builds the same value, number types included, because replies and
// error codes were settled against nlohmann's parser; it exists because nlohmann's lexer copies
// each character into a token buffer on its own, which was a quarter of a large put.
#include <limits>
#include <string_view>

#include "dynamap/json.hpp"

namespace dynamap {

enum class json_read_status { ok, invalid, too_deep };

struct json_read_result {
  json value;  // discarded unless status is ok
  json_read_status status = json_read_status::invalid;
};

constexpr int unlimited_json_depth = std::numeric_limits<int>::max();

// Objects and arrays may nest at most max_depth levels (a scalar is 0 levels, `[]` is 1), as
// nests_within counts them. Past that the rest is still read, without keeping anything, so that
// text that is not JSON is invalid however deep it goes: too_deep means valid JSON, too deep.
// Nesting costs heap, never C stack, so a text 100,000 levels deep is safe on the WASM stack.
json_read_result read_json(std::string_view text, int max_depth = unlimited_json_depth);

}  // namespace dynamap
