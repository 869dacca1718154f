#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dynamap/json.hpp"
#include "dynamap/number_text.hpp"

namespace dynamap {

class type_handler;
class regex;
struct attribute;

enum class unknown_policy { reject, strip, keep };

// A set of named fields: the top level of a model, and every `map` type. Each has its own
// policy for attributes it does not declare.
class object_shape {
 public:
  std::vector<attribute> fields;  // declaration (sorted) order
  unknown_policy unknown = unknown_policy::reject;
  std::string label = "this map";  // how messages name it: "model Order", "this map"

  const attribute* find(const std::string& js_name) const;
  const attribute* find_stored(const std::string& stored_name) const;
  void index_names();  // builds the lookup tables once fields are final

 private:
  std::unordered_map<std::string, std::size_t> by_name_;
  std::unordered_map<std::string, std::size_t> by_stored_name_;
};

enum class string_format { none, email, url, uuid, ipv4, ipv6, ip };
enum class time_storage { iso, epoch, epoch_millis };
enum class default_kind { none, value, now, uuid };

// Rules a type may take. Each type reads only the ones it accepts (see its handler); a rule a
// type does not accept is a SchemaError, so typos never pass silently.
struct attribute_rules {
  std::optional<double> min;  // number, integer, version
  std::optional<double> max;
  std::optional<decimal_text> min_decimal;  // decimal, bigint
  std::optional<decimal_text> max_decimal;
  std::optional<std::int64_t> min_time;  // datetime, ttl (ms); date (days); duration (ms)
  std::optional<std::int64_t> max_time;
  std::optional<std::size_t> min_length;  // string (code points), binary (bytes)
  std::optional<std::size_t> max_length;
  std::optional<std::size_t> min_items;  // list, set, record
  std::optional<std::size_t> max_items;
  std::shared_ptr<const regex> pattern;
  std::string pattern_source;
  string_format format = string_format::none;
  std::vector<std::string> values;  // enum
  time_storage storage = time_storage::iso;
};

struct attribute {
  std::string name;         // the name in JS values ("" for list, set and record elements)
  std::string stored_name;  // the DynamoDB attribute name (`attributeName`, else `name`)
  std::string type_name;    // as written: a built-in type or a named type from `types`
  const type_handler* type = nullptr;
  bool optional = false;
  bool nullable = false;
  default_kind default_from = default_kind::none;
  json default_value;  // for default_kind::value, already normalized through the type
  attribute_rules rules;
  std::shared_ptr<const attribute> element;  // list, record and set elements
  std::shared_ptr<const object_shape> shape;  // map fields
};

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
  object_shape root;
  std::vector<index_def> indexes;
  // Whether some default is 'now' or 'uuid': only then do writes need the clock or a seed.
  bool uses_clock = false;
  bool uses_random = false;

  const attribute* find(const std::string& js_name) const { return root.find(js_name); }
  const attribute* find_stored(const std::string& stored) const { return root.find_stored(stored); }
  const attribute& partition() const { return *find(partition_key); }
  const attribute* sort() const { return sort_key ? find(*sort_key) : nullptr; }
  bool is_key(const std::string& js_name) const {
    return js_name == partition_key || (sort_key && js_name == *sort_key);
  }
};

// Reads a model definition (the plain data a user writes). Throws dynamap_error of kind schema
// naming the path of the first problem, e.g. `attributes.total.min`.
std::shared_ptr<const model> parse_model(const json& definition);

}  // namespace dynamap
