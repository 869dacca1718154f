#pragma once
// Expressions compiled from the plain-data trees the JS builders make (conditions, filters, key
// conditions, updates, projections). Every name becomes a #placeholder and every value a typed
// :placeholder converted through the attribute's declared type; placeholders are numbered in
// order of appearance, so the same input always gives byte-identical requests, and no user text
// ever reaches an expression string.
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

// The placeholders of one request, shared by all its expressions so none collide.
class placeholders {
 public:
  const std::string& name(const std::string& raw);  // "#n0", the same one for the same name
  std::string value(json attribute_value);          // ":v0", a new one each time
  // Adds ExpressionAttributeNames / ExpressionAttributeValues to `request` when not empty.
  void attach(json& request) const;
  // attach() for the request that uses these placeholders last: it moves the maps instead of
  // copying them (values can be whole items), so nothing may be added afterwards.
  void attach_last(json& request);

 private:
  std::unordered_map<std::string, std::string> by_name_;
  json names_ = json::object();
  json values_ = json::object();
};

// One step of a document path: a map key (name) or a list index.
struct path_segment {
  std::string name;
  std::size_t index = 0;
  bool is_index = false;
};

// A path resolved against the model: the expression text, the attribute it reaches (its type
// drives value conversion; the schemaless `any` where the model leaves it open), and how users
// read it ("address.zip", "items[2]").
struct resolved_path {
  std::string text;
  const attribute* target = nullptr;
  std::vector<path_segment> segments;  // stored names
  std::string display;
  bool top_level_key = false;  // the table's partition or sort key
};

// Reads a path given as "a.b[2].c" or as an array of raw segments (strings are names, numbers
// indexes) and resolves it; ExpressionError (expression.unknownAttribute, expression.invalidPath)
// when the model has no such place.
resolved_path resolve_path(const model& m, const json& path, placeholders& ph);

// Converts a value for a place in a condition: checked against the attribute's type (an enum
// value outside `values` is an error) but not its rules, since `gt(0)` on an attribute with
// `min: 1` is a sensible question. ValidationError naming the path otherwise.
json condition_value(const resolved_path& where, const json& value);

// Converts a value to be stored at a place (updates): the attribute's type and rules.
json stored_value(const resolved_path& where, const json& value);

// `refused_roots`: stored names of attributes no path may start with (a query's index keys).
std::string compile_condition(const model& m, const json& condition, placeholders& ph,
                              const std::vector<std::string>* refused_roots = nullptr);
std::string compile_projection(const model& m, const json& paths, placeholders& ph);

// {"actions": [{set, value}, {remove}, {add, value}, {delete, value}]} where a set's value is
// {value}, {path}, {plus|minus: [a, b]}, {ifNotExists: [path, e]} or {listAppend: [a, b]}.
// ExpressionError for overlapping paths, key attributes, removing a required attribute, and
// operations the attribute's type does not have; ValidationError for values that do not fit.
// With `version` (the model's optimistic-locking attribute), the update also adds 1 to it, and
// refuses actions that write it by hand.
std::string compile_update(const model& m, const json& update, placeholders& ph, const attribute* version = nullptr);

// `path = :v`, as compile_condition compiles {cmp: "eq", left: {path}, right: {value}}, without
// building that tree (a query's key condition).
std::string compile_equality(const model& m, const std::string& path, const json& value, placeholders& ph);

// The parts joined in one allocation: expression text is built from many short pieces, and each
// `a + b` makes a temporary.
inline std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (std::string_view part : parts) out.append(part);
  return out;
}

// Helpers the expression compilers share for reading their plain-data trees.
namespace expression_detail {

// The text of a string node; empty for any other node, which then matches no keyword.
inline std::string_view text_of(const json& node) {
  return node.is_string() ? std::string_view(node.get_ref<const std::string&>()) : std::string_view();
}

// The member of `node` named by the first of `keys` it has, and that key's position: one pass
// over the node instead of a lookup per key, with the same precedence when it has several. A
// node that is no object has none.
struct keyword_member {
  std::size_t which;  // keys.size() when none
  const json* body = nullptr;
};

inline keyword_member first_keyword(const json& node, std::initializer_list<std::string_view> keys) {
  keyword_member found{keys.size()};
  if (!node.is_object()) return found;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string_view key = it.key();
    std::size_t rank = 0;
    for (std::string_view k : keys) {
      if (rank >= found.which) break;
      if (key == k) {
        found = {rank, &it.value()};
        break;
      }
      ++rank;
    }
  }
  return found;
}

}  // namespace expression_detail

// DynamoDB's limit on each expression string.
constexpr std::size_t max_expression_bytes = 4096;
void check_expression_length(const std::string& expression, const char* which);

}  // namespace dynamap
