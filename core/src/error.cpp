#include "dynamap/error.hpp"

#include "dynamap/error_codes.hpp"

namespace dynamap {

const char* error_kind_name(error_kind kind) {
  switch (kind) {
    case error_kind::schema: return "SchemaError";
    case error_kind::validation: return "ValidationError";
    case error_kind::expression: return "ExpressionError";
    case error_kind::response: return "ResponseError";
    case error_kind::usage: return "UsageError";
  }
  return "DynamapError";
}

const char* error_family(error_kind kind) {
  switch (kind) {
    case error_kind::schema: return "schema";
    case error_kind::validation: return "validation";
    case error_kind::expression: return "expression";
    case error_kind::response: return "response";
    case error_kind::usage: return "usage";
  }
  return "dynamap";
}

void throw_validation(issue_list issues) {
  std::string message;
  if (issues.empty()) {
    message = "invalid value";
  } else {
    const issue& first = issues.front();
    message = (first.path.empty() ? std::string("item") : first.path) + ": " + first.message;
    if (issues.size() > 1) {
      message += " (and " + std::to_string(issues.size() - 1) + " more)";
    }
  }
  std::string path = issues.empty() ? "" : issues.front().path;
  std::string code = issues.empty() ? codes::validation::invalid : issues.front().code;
  throw dynamap_error(error_kind::validation, std::move(code), std::move(path), std::move(message),
                      std::move(issues));
}

}  // namespace dynamap
