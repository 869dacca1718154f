#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

json build_delete_table(const model& m, const json& options) {
  detail::check_options(options, {"tablePrefix"}, "deleteTable");
  return {{"operation", "DeleteTable"}, {"request", {{"TableName", table_name(m, options)}}}};
}

}  // namespace dynamap
