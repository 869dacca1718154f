#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dynamap/json.hpp"

namespace dynamap {

class type_handler;

// Rules a type may take. Each type reads only the ones it declares (see its handler); a rule that
// is not declared for a type is a SchemaError, so typos never pass silently.
struct attribute_rules {
  std::optional<double> min;
  std::optional<double> max;
  std::optional<std::size_t> min_length;
  std::optional<std::size_t> max_length;
};

struct attribute {
  std::string name;         // the name in JS values
  std::string stored_name;  // the DynamoDB attribute name (`attributeName`, else `name`)
  const type_handler* type = nullptr;
  bool optional = false;
  bool nullable = false;
  std::optional<json> default_value;  // already normalized through the type
  attribute_rules rules;
};

enum class unknown_policy { reject, strip, keep };

enum class projection_kind { all, keys_only, include };

struct index_def {
  std::string name;
  bool global = true;
  std::string partition;  // attribute names (JS side); the table's partition for a local index
  std::optional<std::string> sort;
  projection_kind projection = projection_kind::all;
  std::vector<std::string> include;  // for projection_kind::include
};

class model {
 public:
  std::string name;
  std::string table;
  std::string partition_key;
  std::optional<std::string> sort_key;
  unknown_policy unknown = unknown_policy::reject;
  std::vector<attribute> attributes;  // declaration order
  std::vector<index_def> indexes;

  const attribute* find(const std::string& js_name) const;
  const attribute* find_stored(const std::string& stored_name) const;
  const attribute& partition() const { return *find(partition_key); }
  const attribute* sort() const { return sort_key ? find(*sort_key) : nullptr; }
  bool is_key(const std::string& js_name) const {
    return js_name == partition_key || (sort_key && js_name == *sort_key);
  }

  void index_names();  // builds the lookup tables once attributes are final

 private:
  std::unordered_map<std::string, std::size_t> by_name_;
  std::unordered_map<std::string, std::size_t> by_stored_name_;
};

// Reads a model definition (the plain data a user writes). Throws dynamap_error of kind schema
// naming the path of the first problem, e.g. `attributes.total.min`.
std::shared_ptr<const model> parse_model(const json& definition);

}  // namespace dynamap
