#include "dynamap/error.hpp"
#include "dynamap/error_codes.hpp"
#include "dynamap/expression.hpp"

namespace dynamap {

const std::string& placeholders::name(const std::string& raw) {
  auto [it, added] = by_name_.try_emplace(raw);
  if (added) {
    it->second = "#n" + std::to_string(by_name_.size() - 1);
    names_.get_ref<json::object_t&>().emplace(it->second, raw);
  }
  return it->second;  // unordered_map nodes stay put, so the reference outlives later names
}

std::string placeholders::value(json attribute_value) {
  std::string token = ":v" + std::to_string(values_.size());
  values_.get_ref<json::object_t&>().emplace(token, std::move(attribute_value));
  return token;
}

void placeholders::attach(json& request) const {
  if (!names_.empty()) request["ExpressionAttributeNames"] = names_;
  if (!values_.empty()) request["ExpressionAttributeValues"] = values_;
}

void placeholders::attach_last(json& request) {
  if (!names_.empty()) request["ExpressionAttributeNames"] = std::move(names_);
  if (!values_.empty()) request["ExpressionAttributeValues"] = std::move(values_);
}

void check_expression_length(const std::string& expression, const char* which) {
  if (expression.size() > max_expression_bytes) {
    throw dynamap_error(error_kind::expression, codes::expression::too_long, "",
                        std::string(which) + " is " + std::to_string(expression.size()) +
                            " bytes; DynamoDB allows 4096 per expression");
  }
}

}  // namespace dynamap
