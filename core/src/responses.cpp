#include "dynamap/error_codes.hpp"
#include "dynamap/responses.hpp"

#include "dynamap/item.hpp"

namespace dynamap {

namespace {

json read_item(const model& m, const json& attributes, bool partial) {
  validation_result read = from_attribute_map(m, attributes, partial);
  if (!read.ok()) {
    // The server sent data the model cannot read: say so instead of returning a partial item.
    for (issue& i : read.issues) i.message = "stored item: " + i.message;
    throw_validation(std::move(read.issues));
  }
  return std::move(read.value);
}

void require_object(const json& response, const char* operation) {
  if (!response.is_object()) {
    throw dynamap_error(error_kind::response, codes::response::malformed, "",
                        std::string(operation) + " response is not a JSON object");
  }
}

struct known_error {
  const char* type;
  const char* error_class;
  bool retryable;
};

// DynamoDB's error names (its API reference, "Common Errors" and each operation's errors) and the
// JS error class each becomes.
constexpr known_error known_errors[] = {
    {"ConditionalCheckFailedException", "ConditionFailedError", false},
    {"TransactionCanceledException", "TransactionCanceledError", false},
    {"ProvisionedThroughputExceededException", "ThrottledError", true},
    {"ThrottlingException", "ThrottledError", true},
    {"RequestLimitExceeded", "ThrottledError", true},
    {"LimitExceededException", "ServiceError", false},
    {"InternalServerError", "ServiceError", true},
    {"ServiceUnavailable", "ServiceError", true},
    {"TransactionConflictException", "ServiceError", false},
    {"TransactionInProgressException", "ServiceError", false},
};

}  // namespace

json parse_get_item(const model& m, const json& response, bool partial) {
  require_object(response, "GetItem");
  auto it = response.find("Item");
  if (it == response.end() || it->is_null()) return json::object();
  return {{"item", read_item(m, *it, partial)}};
}

json parse_write_item(const model& m, const json& response, bool partial) {
  require_object(response, "write");
  auto it = response.find("Attributes");
  if (it == response.end() || it->is_null()) return json::object();
  return {{"attributes", read_item(m, *it, partial)}};
}

json parse_page(const model& m, const json& response, bool partial) {
  require_object(response, "Query or Scan");
  json items = json::array();
  if (auto it = response.find("Items"); it != response.end()) {
    if (!it->is_array()) throw dynamap_error(error_kind::response, codes::response::malformed, "", "Items is not a list");
    for (const json& item : *it) items.push_back(read_item(m, item, partial));
  }
  json out = {{"items", std::move(items)}};
  for (const auto& [from, to] : {std::pair{"Count", "count"}, std::pair{"ScannedCount", "scannedCount"}}) {
    if (auto it = response.find(from); it != response.end() && it->is_number_integer()) out[to] = *it;
  }
  if (auto it = response.find("LastEvaluatedKey"); it != response.end() && it->is_object()) out["lastKey"] = *it;
  return out;
}

json parse_batch_get(const model& m, const json& response, bool partial) {
  require_object(response, "BatchGetItem");
  json items = json::array();
  if (auto it = response.find("Responses"); it != response.end() && it->is_object()) {
    for (const auto& table : it->items()) {
      if (!table.value().is_array()) throw dynamap_error(error_kind::response, codes::response::malformed, "", "Responses holds a non-list");
      for (const json& item : table.value()) items.push_back(read_item(m, item, partial));
    }
  }
  json out = {{"items", std::move(items)}};
  if (auto it = response.find("UnprocessedKeys"); it != response.end() && it->is_object() && !it->empty()) {
    out["unprocessed"] = *it;
  }
  return out;
}

json parse_unprocessed_writes(const model& m, const json& writes) {
  json puts = json::array();
  json deletes = json::array();
  if (!writes.is_array()) throw dynamap_error(error_kind::response, codes::response::malformed, "", "UnprocessedItems is not a list");
  for (const json& w : writes) {
    if (w.contains("PutRequest")) puts.push_back(read_item(m, w["PutRequest"]["Item"], false));
    else if (w.contains("DeleteRequest")) deletes.push_back(read_item(m, w["DeleteRequest"]["Key"], true));
  }
  return {{"put", std::move(puts)}, {"delete", std::move(deletes)}};
}

json parse_error_response(int status, std::string_view body) {
  json parsed = json::parse(body, nullptr, false);
  std::string type;
  std::string message;
  if (parsed.is_object()) {
    if (auto t = parsed.find("__type"); t != parsed.end() && t->is_string()) {
      type = t->get<std::string>();
      type = type.substr(type.find('#') == std::string::npos ? 0 : type.find('#') + 1);
    }
    for (const char* key : {"message", "Message"}) {
      if (auto msg = parsed.find(key); msg != parsed.end() && msg->is_string()) {
        message = msg->get<std::string>();
      }
    }
  }
  json out = {{"status", status}};
  if (type.empty()) {
    // Not DynamoDB's error shape (a proxy's HTML page, a truncated body): keep an excerpt.
    constexpr std::size_t excerpt = 200;
    type = "UnknownError";
    message = "HTTP " + std::to_string(status) + ": " +
              std::string(body.substr(0, std::min(body.size(), excerpt)));
  }
  out["type"] = type;
  out["message"] = message;
  out["errorClass"] = "ServiceError";
  out["retryable"] = status >= 500 || status == 429;
  for (const known_error& known : known_errors) {
    if (type == known.type) {
      out["errorClass"] = known.error_class;
      out["retryable"] = known.retryable;
    }
  }
  if (parsed.is_object()) {
    if (auto reasons = parsed.find("CancellationReasons"); reasons != parsed.end()) {
      out["cancellationReasons"] = *reasons;
    }
  }
  return out;
}

}  // namespace dynamap
