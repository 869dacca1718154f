#pragma once
// Builders of DynamoDB request JSON. Each returns {"operation": "PutItem", "request": {...}} and
// throws dynamap_error (ValidationError, SchemaError) when the input cannot make a valid request.
#include "dynamap/item.hpp"
#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

// Options shared by every request: {"tablePrefix": "..."}.
std::string table_name(const model& m, const json& options);

json build_put_item(const model& m, const json& item, const json& options, const write_inputs& inputs);
json build_get_item(const model& m, const json& key, const json& options);
json build_delete_item(const model& m, const json& key, const json& options);
json build_create_table(const model& m, const json& options);
json build_delete_table(const model& m, const json& options);

}  // namespace dynamap
