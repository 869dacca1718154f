#pragma once
// Readers of DynamoDB responses. Item data is mapped back through the model; anything the model
// cannot read is a ValidationError naming the attribute, never a silent change. `partial` reads
// are projections (select, an index projection, UPDATED_* values): absent attributes are fine.
// A response is trusted for nothing: a part of the wrong shape (Item not a map, Items not a list,
// Count not a count, a LastEvaluatedKey that is not a key of the table or an index, BatchGetItem
// without Responses, a result holding __type) is response.malformed with the part as `path`;
// JSON nested deeper than any DynamoDB answer (128 levels) is refused before anything recurses
// on it; a stored number outside DynamoDB's range or nesting past 32 levels is a ValidationError
// (validation.range, validation.depth) before the item readers see it.
#include <string_view>

#include "dynamap/json.hpp"
#include "dynamap/model.hpp"

namespace dynamap {

// GetItem: {"item": value} when the item exists, {} when it does not.
json parse_get_item(const model& m, const json& response, bool partial);

// PutItem, UpdateItem, DeleteItem: {"attributes": value} when ReturnValues brought some.
json parse_write_item(const model& m, const json& response, bool partial);

// Query, Scan: {"items": [...], "count": n, "scannedCount": n, "lastKey": AttributeValue map?}.
json parse_page(const model& m, const json& response, bool partial);

// BatchGetItem: {"items": [...], "unprocessed": UnprocessedKeys or absent}.
json parse_batch_get(const model& m, const json& response, bool partial);

// The write requests of a BatchWriteItem's UnprocessedItems, as values for a BatchError:
// {"put": [items], "delete": [keys]}.
json parse_unprocessed_writes(const model& m, const json& writes);

// An HTTP error answer: {"type": "ConditionalCheckFailedException", "message": "...",
// "errorClass": "ConditionFailedError", "retryable": bool, "cancellationReasons"?: [{Code?,
// Message?}]}. Bodies that are not DynamoDB's JSON error shape still give a usable answer (type
// "UnknownError" with the status and a 200-byte body excerpt); messages are cut at 2,000 bytes.
// A __type that is not a plain error name is read as UnknownError.
json parse_error_response(int status, std::string_view body);

}  // namespace dynamap
