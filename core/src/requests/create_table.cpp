#include "dynamap/error_codes.hpp"
#include <map>

#include "dynamap/requests.hpp"
#include "dynamap/type_handler.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

namespace {

json key_schema(const model& m, const std::string& partition, const std::optional<std::string>& sort) {
  json schema = json::array();
  schema.push_back({{"AttributeName", m.find(partition)->stored_name}, {"KeyType", "HASH"}});
  if (sort) schema.push_back({{"AttributeName", m.find(*sort)->stored_name}, {"KeyType", "RANGE"}});
  return schema;
}

json projection(const model& m, const index_def& index) {
  switch (index.projection) {
    case projection_kind::all: return {{"ProjectionType", "ALL"}};
    case projection_kind::keys_only: return {{"ProjectionType", "KEYS_ONLY"}};
    case projection_kind::include: {
      json names = json::array();
      for (const std::string& name : index.include) names.push_back(m.find(name)->stored_name);
      return {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", std::move(names)}};
    }
  }
  return nullptr;
}

json read_throughput(const json& options) {
  const json* t = options.is_object() && options.contains("throughput") ? &options["throughput"] : nullptr;
  auto units = [&](const char* name) -> long long {
    if (t && t->is_object() && t->contains(name) && (*t)[name].is_number_integer() && (*t)[name] > 0) {
      return (*t)[name].get<long long>();
    }
    throw dynamap_error(error_kind::usage, codes::usage::invalid_option, std::string("throughput.") + name,
                        std::string("PROVISIONED billing needs throughput.") + name +
                            ": a whole number of capacity units > 0");
  };
  return {{"ReadCapacityUnits", units("read")}, {"WriteCapacityUnits", units("write")}};
}

}  // namespace

json build_create_table(const model& m, const json& options) {
  detail::check_options(options, {"tablePrefix", "billing", "throughput", "stream"}, "createTable");
  const std::string billing =
      detail::read_choice(options, "billing", {"PAY_PER_REQUEST", "PROVISIONED"}, "PAY_PER_REQUEST");
  const bool provisioned = billing == "PROVISIONED";

  // Every attribute used by a key of the table or of an index is declared once, with its type.
  std::map<std::string, std::string> definitions;
  auto define = [&](const std::string& name) {
    const attribute* attr = m.find(name);
    definitions.emplace(attr->stored_name, std::string(attr->type->key_type(*attr)));
  };
  define(m.partition_key);
  if (m.sort_key) define(*m.sort_key);

  json request = {{"TableName", table_name(m, options)},
                  {"KeySchema", key_schema(m, m.partition_key, m.sort_key)},
                  {"BillingMode", billing}};
  json throughput = provisioned ? read_throughput(options) : json();
  if (provisioned) request["ProvisionedThroughput"] = throughput;

  json global = json::array();
  json local = json::array();
  for (const index_def& index : m.indexes) {
    define(index.partition);
    if (index.sort) define(*index.sort);
    json entry = {{"IndexName", index.name},
                  {"KeySchema", key_schema(m, index.partition, index.sort)},
                  {"Projection", projection(m, index)}};
    if (index.global && provisioned) entry["ProvisionedThroughput"] = throughput;
    (index.global ? global : local).push_back(std::move(entry));
  }
  if (!global.empty()) request["GlobalSecondaryIndexes"] = std::move(global);
  if (!local.empty()) request["LocalSecondaryIndexes"] = std::move(local);

  if (options.is_object() && options.contains("stream") && !options["stream"].is_null()) {
    const std::string view = detail::read_choice(options, "stream", {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"}, "");
    request["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", view}};
  }

  json attribute_definitions = json::array();
  for (const auto& [name, type] : definitions) {
    attribute_definitions.push_back({{"AttributeName", name}, {"AttributeType", type}});
  }
  request["AttributeDefinitions"] = std::move(attribute_definitions);
  return {{"operation", "CreateTable"}, {"request", std::move(request)}};
}

}  // namespace dynamap
