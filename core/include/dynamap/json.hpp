#pragma once
// One alias so every file agrees on the JSON type. nlohmann::json keeps object keys sorted, which
// makes every request the core builds byte-identical for the same input.
#include <string>
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
}  // namespace dynamap
