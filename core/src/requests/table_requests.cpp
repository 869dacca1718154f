// Table-level requests beyond CreateTable: DeleteTable, DescribeTable, UpdateTimeToLive.
#include "dynamap/error_codes.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

json build_delete_table(const model& m, const json& options) {
  detail::check_options(options, {"tablePrefix"}, "deleteTable");
  return {{"operation", "DeleteTable"}, {"request", {{"TableName", table_name(m, options)}}}};
}

json build_describe_table(const model& m, const json& options) {
  detail::check_options(options, {"tablePrefix"}, "describeTable");
  return {{"operation", "DescribeTable"}, {"request", {{"TableName", table_name(m, options)}}}};
}

json build_update_ttl(const model& m, const json& options) {
  detail::check_options(options, {"tablePrefix", "enabled"}, "updateTimeToLive");
  const attribute* ttl = nullptr;
  for (const attribute& a : m.root.fields) {
    if (a.type->name() == "ttl") {
      if (ttl != nullptr) {
        throw dynamap_error(error_kind::usage, codes::usage::invalid_argument, a.name,
                            "model " + m.name + " has two ttl attributes; DynamoDB's TTL uses one");
      }
      ttl = &a;
    }
  }
  if (ttl == nullptr) {
    throw dynamap_error(error_kind::usage, codes::usage::invalid_argument, "",
                        "model " + m.name + " has no attribute of type ttl");
  }
  const bool enabled = !(options.is_object() && options.contains("enabled")) || detail::read_bool(options, "enabled");
  return {{"operation", "UpdateTimeToLive"},
          {"request",
           {{"TableName", table_name(m, options)},
            {"TimeToLiveSpecification", {{"AttributeName", ttl->stored_name}, {"Enabled", enabled}}}}}};
}

}  // namespace dynamap
