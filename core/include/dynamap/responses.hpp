#pragma once
// Readers of DynamoDB responses. Item data is mapped back through the model; anything the model
// cannot read is a ValidationError naming the attribute, never a silent change.
#include <string_view>

#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

// GetItem: {"item": value} when the item exists, {} when it does not.
json parse_get_item(const model& m, const json& response);

// PutItem, DeleteItem: {"attributes": value} when ReturnValues brought attributes back, else {}.
json parse_write_item(const model& m, const json& response);

// An HTTP error answer: {"type": "ConditionalCheckFailedException", "message": "...",
// "errorClass": "ConditionFailedError", "retryable": bool}. Bodies that are not DynamoDB's JSON
// error shape still give a usable answer (type "UnknownError" with the status and a body excerpt).
json parse_error_response(int status, std::string_view body);

}  // namespace dynamap
