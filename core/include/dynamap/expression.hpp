#pragma once
// Expressions compiled from the plain-data trees the JS builders make (conditions, filters, key
// conditions, updates, projections). Every name becomes a #placeholder and every value a typed
// :placeholder converted through the attribute's declared type; placeholders are numbered in
// order of appearance, so the same input always gives byte-identical requests, and no user text
// ever reaches an expression string.
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

// The placeholders of one request, shared by all its expressions so none collide.
class placeholders {
 public:
  std::string name(const std::string& raw);  // "#n0", the same one for the same name
  std::string value(json attribute_value);   // ":v0", a new one each time
  // Adds ExpressionAttributeNames / ExpressionAttributeValues to `request` when not empty.
  void attach(json& request) const;

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

// DynamoDB's limit on each expression string.
constexpr std::size_t max_expression_bytes = 4096;
void check_expression_length(const std::string& expression, const char* which);

}  // namespace dynamap
