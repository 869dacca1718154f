#pragma once
// One alias so every file agrees on the JSON type. nlohmann::json keeps object keys sorted, which
// makes every request the core builds byte-identical for the same input.
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace dynamap {
using json = nlohmann::json;

// {key: value}, the shape of every AttributeValue ({"S": ...}) and value tag ({"$date": ...}).
// Built directly: the initializer-list form json{{key, value}} first makes a two-element array
// per pair, which made it about twice as slow on the item paths.
inline json one_key_object(std::string key, json value) {
  json out(json::value_t::object);
  out.get_ref<json::object_t&>().emplace(std::move(key), std::move(value));
  return out;
}

// The member `key` of `node`, or nullptr when absent or `node` is no object. A string_view key
// compares without the strlen a `const char*` key costs at every node of the map.
inline const json* find_member(const json& node, std::string_view key) {
  if (!node.is_object()) return nullptr;
  auto it = node.find(key);
  return it != node.end() ? &*it : nullptr;
}

// Whether `value` nests no more than `depth_left` levels of objects and arrays. Recursion is
// bounded by that depth, so it is safe on any input, unlike a copy, dump() or any walk.
inline bool nests_within(const json& value, int depth_left) {
  if (!value.is_structured()) return true;
  if (depth_left == 0) return false;
  for (const json& child : value) {
    if (!nests_within(child, depth_left - 1)) return false;
  }
  return true;
}

// A value for a message, never more than a level deep: dump() recurses through the whole value,
// and a hostile one may nest 100,000 levels. Objects show their first keys, arrays their length.
inline std::string shallow_text(const json& value) {
  if (value.is_object()) {
    std::string out = "{";
    std::size_t shown = 0;
    for (auto it = value.begin(); it != value.end() && shown < 4; ++it, ++shown) {
      out += (shown ? ", " : "") + json(it.key()).dump() + ": ...";
    }
    return out + (value.size() > shown ? ", ...}" : "}");
  }
  if (value.is_array()) return "[" + std::to_string(value.size()) + " items]";
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() <= 80 ? text : text.substr(0, 77) + "...";
}
}  // namespace dynamap
