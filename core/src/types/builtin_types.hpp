#pragma once
// The attribute types the core knows, one class each; find_type() in registry.cpp lists them.
#include "dynamap/type_handler.hpp"

namespace dynamap::detail {

class string_type final : public type_handler {
 public:
  std::string_view name() const override;
  std::string_view key_type() const override;
  bool accepts_rule(std::string_view rule) const override;
  void parse_rules(attribute& attr, const json& def, const std::string& path) const override;
  json normalize(const attribute& attr, const json& value, const std::string& path,
                 issue_list& issues) const override;
  json to_attribute_value(const attribute& attr, const json& value) const override;
  json from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                            issue_list& issues) const override;
};

// A JS number (an IEEE double). `integer` narrows it to safe integers.
class number_type : public type_handler {
 public:
  explicit number_type(bool integral = false) : integral_(integral) {}
  std::string_view name() const override;
  std::string_view key_type() const override;
  bool accepts_rule(std::string_view rule) const override;
  void parse_rules(attribute& attr, const json& def, const std::string& path) const override;
  json normalize(const attribute& attr, const json& value, const std::string& path,
                 issue_list& issues) const override;
  json to_attribute_value(const attribute& attr, const json& value) const override;
  json from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                            issue_list& issues) const override;

 private:
  bool integral_;
};

class boolean_type final : public type_handler {
 public:
  std::string_view name() const override;
  json normalize(const attribute& attr, const json& value, const std::string& path,
                 issue_list& issues) const override;
  json to_attribute_value(const attribute& attr, const json& value) const override;
  json from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                            issue_list& issues) const override;
};

}  // namespace dynamap::detail
