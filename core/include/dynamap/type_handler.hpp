#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "dynamap/error.hpp"
#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

class random_bits;
class schema_reader;

// What one check or read of a value carries along: where problems go, and what defaults need.
struct value_context {
  issue_list& issues;
  std::int64_t now_millis = 0;     // the time a default 'now' takes
  random_bits* random = nullptr;   // where a default 'uuid' draws from
  int depth = 0;                   // nesting depth of maps and lists so far
  bool partial = false;            // a projected read: absent attributes were not asked for
};

// An item's AttributeValue map being printed as JSON text, with DynamoDB's size of what has been
// written so far: the text and the size of a put come from one walk, without the json tree of
// AttributeValues that printing and sizing would otherwise need.
struct av_text {
  std::string text;
  std::size_t bytes = 0;
};

// DynamoDB refuses items nested deeper than 32 levels of maps and lists.
constexpr int max_nesting_depth = 32;

// Where one attribute type lives: how it reads its rules, checks and normalizes a JS value, and
// maps to and from a DynamoDB AttributeValue. One implementation per file in src/types/.
class type_handler {
 public:
  virtual ~type_handler() = default;

  virtual std::string_view name() const = 0;

  // The AttributeValue type code a key of this attribute uses ("S", "N", "B"), or "" if the type
  // cannot be a key (nor a set element). Per attribute: a datetime stored as epoch is an N.
  virtual std::string_view key_type(const attribute&) const { return ""; }

  // Rules the type accepts beyond the common ones (type, optional, nullable, default, ...). The
  // model parser refuses any other before parse_rules runs.
  virtual bool accepts_rule(std::string_view rule) const;

  // Reads the type's own rules; `reader` reads nested attribute definitions (for `of` and
  // `fields`), resolving named types.
  virtual void parse_rules(attribute& attr, const json& definition, const std::string& path,
                           const schema_reader& reader) const;

  // Which special defaults the type takes besides a literal value ('now', 'uuid').
  virtual bool accepts_default(default_kind) const { return false; }

  // Checks a (non-null) value from JS and returns its normalized form; on failure adds issues
  // and returns null.
  virtual json normalize(const attribute& attr, const json& value, const std::string& path,
                         value_context& ctx) const = 0;

  // Maps a normalized value to its AttributeValue.
  virtual json to_attribute_value(const attribute& attr, const json& value) const = 0;

  // Appends the AttributeValue of a normalized value to `out` as json_text prints it, adding its
  // size as attribute_value_size counts it. Returns false, having written nothing, when the type
  // stores nothing for the value (an empty set). This one builds the AttributeValue and prints it.
  virtual bool write_attribute_value(const attribute& attr, const json& value, av_text& out) const;

  // Maps an AttributeValue read from DynamoDB back to a JS value; on failure adds issues and
  // returns null.
  virtual json from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                    value_context& ctx) const = 0;

  // Whether an absent attribute reads as a value of this type: an empty set, which DynamoDB
  // cannot store, reads back as an empty set rather than as missing.
  virtual bool absent_value(json&) const { return false; }
};

// Reads nested attribute definitions for container types; implemented by the model parser.
class schema_reader {
 public:
  virtual ~schema_reader() = default;
  virtual attribute read_element(const json& definition, const std::string& path) const = 0;
  virtual std::shared_ptr<const object_shape> read_shape(const json& fields, const json& unknown,
                                                          const std::string& path) const = 0;
};

// The handler for a built-in type name, or nullptr.
const type_handler* find_type(std::string_view name);

// A readable name for the JSON type of a JS value, for messages ("a string", "null", ...).
std::string describe_value(const json& value);

// The same for an AttributeValue read from DynamoDB ("an N attribute value", ...).
std::string describe_attribute_value(const json& av);

}  // namespace dynamap
