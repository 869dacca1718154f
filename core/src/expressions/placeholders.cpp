#include "dynamap/error.hpp"
#include "dynamap/error_codes.hpp"
#include "dynamap/expression.hpp"

namespace dynamap {

std::string placeholders::name(const std::string& raw) {
  auto it = by_name_.find(raw);
  if (it != by_name_.end()) return it->second;
  std::string token = "#n" + std::to_string(by_name_.size());
  by_name_.emplace(raw, token);
  names_[token] = raw;
  return token;
}

std::string placeholders::value(json attribute_value) {
  std::string token = ":v" + std::to_string(values_.size());
  values_[token] = std::move(attribute_value);
  return token;
}

void placeholders::attach(json& request) const {
  if (!names_.empty()) request["ExpressionAttributeNames"] = names_;
  if (!values_.empty()) request["ExpressionAttributeValues"] = values_;
}

void check_expression_length(const std::string& expression, const char* which) {
  if (expression.size() > max_expression_bytes) {
    throw dynamap_error(error_kind::expression, codes::expression::too_long, "",
                        std::string(which) + " is " + std::to_string(expression.size()) +
                            " bytes; DynamoDB allows 4096 per expression");
  }
}

}  // namespace dynamap
