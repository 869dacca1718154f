#pragma once
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace dynamap {

// One problem with one field. `code` is the short name within the family of the error that
// carries it (a ValidationError's issues use "required", "type", "minLength", ...).
struct issue {
  std::string path;
  std::string code;
  std::string message;
};

using issue_list = std::vector<issue>;

// The families of errors that the core reports; each maps to one JS error class.
enum class error_kind { schema, validation, expression, response, usage };

const char* error_kind_name(error_kind kind);  // "SchemaError", "ValidationError", ...
const char* error_family(error_kind kind);     // "schema", "validation", ...

// Thrown inside the core only (model parsing, request building); the engine turns it into data
// before anything reaches the boundary. Hot paths collect issues instead of throwing.
class dynamap_error : public std::runtime_error {
 public:
  // `name` is the code within the kind's family ("unknownType"); code() qualifies it.
  dynamap_error(error_kind kind, const std::string& name, std::string path, std::string message,
                issue_list issues = {})
      : std::runtime_error(message),
        kind_(kind),
        code_(std::string(error_family(kind)) + "." + name),
        path_(std::move(path)),
        issues_(std::move(issues)) {}

  error_kind kind() const noexcept { return kind_; }
  // Family-qualified code, e.g. "schema.unknownType".
  const std::string& code() const noexcept { return code_; }
  const std::string& path() const noexcept { return path_; }
  const issue_list& issues() const noexcept { return issues_; }

 private:
  error_kind kind_;
  std::string code_;
  std::string path_;
  issue_list issues_;
};

[[noreturn]] inline void throw_schema(const std::string& path, const std::string& code,
                                      const std::string& message) {
  throw dynamap_error(error_kind::schema, code, path, path + ": " + message);
}

// Throws a ValidationError that lists every issue; the message names the first.
[[noreturn]] void throw_validation(issue_list issues);

}  // namespace dynamap
