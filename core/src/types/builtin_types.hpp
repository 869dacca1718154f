#pragma once
// The attribute types the core knows, one class each (one .cpp each); registry.cpp lists them.
#include "dynamap/type_handler.hpp"

namespace dynamap::detail {

// The members every handler overrides; each class adds what else it needs.
#define DYNAMAP_TYPE_HANDLER_BODY                                                              \
 public:                                                                                       \
  std::string_view name() const override;                                                     \
  json normalize(const attribute& attr, const json& value, const std::string& path,           \
                 value_context& ctx) const override;                                           \
  json to_attribute_value(const attribute& attr, const json& value) const override;           \
  json from_attribute_value(const attribute& attr, const json& av, const std::string& path,   \
                            value_context& ctx) const override;

#define DYNAMAP_TYPE_HANDLER_RULES                                                             \
  bool accepts_rule(std::string_view rule) const override;                                    \
  void parse_rules(attribute& attr, const json& def, const std::string& path,                 \
                   const schema_reader& reader) const override;

class string_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  bool write_attribute_value(const attribute& attr, const json& value, av_text& out) const override;
  DYNAMAP_TYPE_HANDLER_RULES
  std::string_view key_type(const attribute&) const override { return "S"; }
};

// A JS number (an IEEE double). `integer` narrows it to safe integers; `version` is an integer
// counter for optimistic locking.
class number_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  bool write_attribute_value(const attribute& attr, const json& value, av_text& out) const override;
  DYNAMAP_TYPE_HANDLER_RULES
  std::string_view key_type(const attribute&) const override { return "N"; }

 public:
  enum class flavor { number, integer, version };
  explicit number_type(flavor f) : flavor_(f) {}

 private:
  flavor flavor_;
};

// Exact decimals as strings; `bigint` narrows them to integers held as JS BigInt.
class decimal_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  DYNAMAP_TYPE_HANDLER_RULES
  std::string_view key_type(const attribute&) const override { return "N"; }

 public:
  explicit decimal_type(bool integral) : integral_(integral) {}

 private:
  bool integral_;
};

class boolean_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  bool write_attribute_value(const attribute& attr, const json& value, av_text& out) const override;
};

class enum_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  DYNAMAP_TYPE_HANDLER_RULES
  std::string_view key_type(const attribute&) const override { return "S"; }
};

class uuid_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  std::string_view key_type(const attribute&) const override { return "S"; }
  bool accepts_default(default_kind kind) const override { return kind == default_kind::uuid; }
};

// Instants: a Date or an ISO-8601 string with an offset; stored as ISO text or epoch numbers.
class datetime_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  DYNAMAP_TYPE_HANDLER_RULES
  std::string_view key_type(const attribute& attr) const override;
  bool accepts_default(default_kind kind) const override { return kind == default_kind::now; }
};

// Calendar dates, YYYY-MM-DD.
class date_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  DYNAMAP_TYPE_HANDLER_RULES
  std::string_view key_type(const attribute&) const override { return "S"; }
  bool accepts_default(default_kind kind) const override { return kind == default_kind::now; }
};

// Lengths of time: an ISO-8601 duration or seconds; stored as N seconds.
class duration_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  DYNAMAP_TYPE_HANDLER_RULES
  std::string_view key_type(const attribute&) const override { return "N"; }
};

// DynamoDB's time-to-live: epoch seconds in N, read back as a Date.
class ttl_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  std::string_view key_type(const attribute&) const override { return "N"; }
};

class binary_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  DYNAMAP_TYPE_HANDLER_RULES
  std::string_view key_type(const attribute&) const override { return "B"; }
};

class list_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  bool write_attribute_value(const attribute& attr, const json& value, av_text& out) const override;
  DYNAMAP_TYPE_HANDLER_RULES
};

class map_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  bool write_attribute_value(const attribute& attr, const json& value, av_text& out) const override;
  DYNAMAP_TYPE_HANDLER_RULES
};

class record_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  bool write_attribute_value(const attribute& attr, const json& value, av_text& out) const override;
  DYNAMAP_TYPE_HANDLER_RULES
};

class set_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
  DYNAMAP_TYPE_HANDLER_RULES
  bool absent_value(json& out) const override;
};

// Schemaless values, mapped as @aws-sdk/util-dynamodb maps them but without losing digits.
class any_type final : public type_handler {
  DYNAMAP_TYPE_HANDLER_BODY
};

#undef DYNAMAP_TYPE_HANDLER_BODY
#undef DYNAMAP_TYPE_HANDLER_RULES

}  // namespace dynamap::detail
