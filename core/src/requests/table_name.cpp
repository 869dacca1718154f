#include "dynamap/error_codes.hpp"
#include "dynamap/requests.hpp"

#include "dynamap/error.hpp"

namespace dynamap {

std::string table_name(const model& m, const json& options) {
  if (!options.is_object() || !options.contains("tablePrefix")) return m.table;
  const json& prefix = options["tablePrefix"];
  if (!prefix.is_string()) {
    throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "tablePrefix",
                        "option tablePrefix: expected a string");
  }
  std::string name = prefix.get<std::string>() + m.table;
  if (name.size() > 255) {
    throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "tablePrefix",
                        "the prefixed table name is longer than DynamoDB's 255 characters");
  }
  return name;
}

}  // namespace dynamap
