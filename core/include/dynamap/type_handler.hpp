#pragma once
#include <string>
#include <string_view>

#include "dynamap/error.hpp"
#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

// Where one attribute type lives: how it reads its rules, checks and normalizes a JS value, and
// maps to and from a DynamoDB AttributeValue. One implementation per file in src/types/.
class type_handler {
 public:
  virtual ~type_handler() = default;

  virtual std::string_view name() const = 0;

  // The AttributeValue type code a key of this type uses ("S", "N", "B"), or "" if the type
  // cannot be a key.
  virtual std::string_view key_type() const { return ""; }

  // Reads the type's own rules from the attribute definition. The model parser has already
  // refused any rule for which accepts_rule() is false.
  virtual void parse_rules(attribute& attr, const json& definition, const std::string& path) const;
  virtual bool accepts_rule(std::string_view rule) const;

  // Checks a (non-null) value from JS and returns its normalized form; on failure adds issues
  // and returns null.
  virtual json normalize(const attribute& attr, const json& value, const std::string& path,
                         issue_list& issues) const = 0;

  // Maps a normalized value to its AttributeValue.
  virtual json to_attribute_value(const attribute& attr, const json& value) const = 0;

  // Maps an AttributeValue read from DynamoDB back to a JS value; on failure adds issues and
  // returns null.
  virtual json from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                    issue_list& issues) const = 0;
};

// The handler for a type name, or nullptr.
const type_handler* find_type(std::string_view name);

// A readable name for the JSON type of a JS value, for messages ("a string", "null", ...).
std::string describe_value(const json& value);

// The same for an AttributeValue read from DynamoDB ("an N attribute value", ...).
std::string describe_attribute_value(const json& av);

}  // namespace dynamap
