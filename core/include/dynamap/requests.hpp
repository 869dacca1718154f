#pragma once
// Builders of DynamoDB request JSON. Each returns {"operation": "PutItem", "request": {...}} and
// throws dynamap_error (ValidationError, SchemaError) when the input cannot make a valid request.
#include <functional>

#include "dynamap/item.hpp"
#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

// Options shared by every request: {"tablePrefix": "..."}.
std::string table_name(const model& m, const json& options);

json build_put_item(const model& m, const json& item, const json& options, const write_inputs& inputs);
// The same request with its "Item" as JSON text already printed (json_text_value), for a reply
// that is printed and not read: the AttributeValue map is never built as a json tree.
json build_put_item_printed(const model& m, const json& item, const json& options, const write_inputs& inputs);
json build_get_item(const model& m, const json& key, const json& options);
json build_delete_item(const model& m, const json& key, const json& options);
json build_update_item(const model& m, const json& key, const json& update, const json& options);
// {key: {partition value [, sort value]}, sort: condition on the sort key, options}
json build_query(const model& m, const json& input);
// {options}
json build_scan(const model& m, const json& input);
json build_create_table(const model& m, const json& options);
json build_delete_table(const model& m, const json& options);
json build_describe_table(const model& m, const json& options);
json build_update_ttl(const model& m, const json& options);

// Several requests each: arrays of {operation, request}.
json build_batch_get(const model& m, const json& input);
json build_batch_write(const model& m, const json& input, const write_inputs& inputs);

// Transactions span models: `lookup` turns an operation's {"model": handle} into its model (and
// throws a UsageError for a handle that is not live).
using model_lookup = std::function<const model&(const json& handle)>;
// {items: [{model, put: {item, options}} | {model, update: {key, update, options}} |
//          {model, delete: {key, options}} | {model, check: {key, condition}}], options: {token}}
json build_transact_write(const model_lookup& lookup, const json& input, const write_inputs& inputs);
// {items: [{model, get: {key, options}}]}
json build_transact_get(const model_lookup& lookup, const json& input);

}  // namespace dynamap
