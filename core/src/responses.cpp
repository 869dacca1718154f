#include "dynamap/error_codes.hpp"
#include "dynamap/responses.hpp"

#include <algorithm>
#include <optional>

#include "dynamap/item.hpp"
#include "dynamap/json_reader.hpp"
#include "dynamap/number_text.hpp"
#include "dynamap/path.hpp"
#include "dynamap/type_handler.hpp"

namespace dynamap {

namespace {

// A response is the server's text and is trusted for nothing: every part the readers use is
// checked for its shape first, and a part of the wrong shape is a response.malformed error whose
// path names it ("Items[2]", "LastEvaluatedKey"), never a silently empty or shortened result.
[[noreturn]] void malformed(const std::string& path, const std::string& message) {
  throw dynamap_error(error_kind::response, codes::response::malformed, path,
                      path.empty() ? message : path + ": " + message);
}

// Deeper JSON than any DynamoDB answer holds (an item nests at most 32 maps and lists, two JSON
// levels each, inside an envelope of a few more). Checked once per response before anything
// copies, reads or prints it: those recurse, and recursion on a hostile 100,000-level body
// would exhaust the WebAssembly stack and leave the module unusable.
constexpr int max_response_depth = 128;

// At most `limit` bytes of `text`, cut before a UTF-8 continuation byte, with a note of the cut.
std::string excerpt(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size()) + " bytes)";
}

void require_object(const json& response, const char* operation) {
  if (!response.is_object()) malformed("", std::string(operation) + " response is not a JSON object");
  if (!nests_within(response, max_response_depth)) {
    malformed("", std::string(operation) + " response nests deeper than " + std::to_string(max_response_depth) +
                      " levels, which no DynamoDB answer does");
  }
  // DynamoDB sends errors with an error status; a result never holds __type. An error body read
  // as a result would be "no item" or "done", when whether anything happened is unknown.
  if (auto type = response.find("__type"); type != response.end()) {
    malformed("__type", std::string(operation) + " result holds an error (" +
                            (type->is_string() ? excerpt(type->get_ref<const std::string&>(), 100) : describe_value(*type)) +
                            "): whether it took effect is unknown");
  }
}

// Where the walk below is, as a chain of frames on the stack: the path's text is built only for
// an issue, not for each of the thousands of values a page holds.
struct walk_path {
  const walk_path* parent;
  std::string_view name;  // a field's name, or the root's
  std::size_t index;      // a list element's, when is_index
  bool is_index;

  std::string text() const {
    if (parent == nullptr) return std::string(name);
    return is_index ? index_path(parent->text(), index) : child_path(parent->text(), name);
  }
};

// What the item readers must never be handed, because DynamoDB can store neither: a number
// beyond its range (38 significant digits, magnitudes 1E-130 to below 1E+126) and maps and lists
// nested deeper than 32 levels. A reader would expand "1e999999999" into a billion digits for a
// decimal or `any` attribute; refused here, it names the attribute instead.
void check_number_text(const json& text, const walk_path& path, issue_list& issues) {
  if (!text.is_string()) return;  // the reader reports the payload's type
  const std::string& s = text.get_ref<const std::string&>();
  // Every item read walks here, and nearly every number is short: 38 characters without an
  // exponent hold at most 38 digits, below 1E+38 and, unless zero, at least 1E-36.
  if (s.size() <= 38 && s.find_first_of("eE") == std::string::npos) return;
  const std::optional<decimal_text> d = parse_decimal(s);
  if (!d) return;  // the reader reports text that is not a number
  const std::string problem = dynamodb_number_problem(*d);
  if (problem.empty()) return;
  const std::string shown = s.size() <= 40 ? s : s.substr(0, 40) + "...";
  issues.push_back({path.text(), codes::validation::range, "the stored number " + shown + " " + problem});
}

// `attr` is the attribute the value is read as (nullptr where the model says nothing): it gives
// the path its JS names.
void check_stored_value(const json& av, const attribute* attr, const walk_path& path, int depth,
                        issue_list& issues) {
  if (!av.is_object() || av.size() != 1) return;  // the reader reports a malformed AttributeValue
  const auto only = av.begin();
  const std::string& type = only.key();
  const json& payload = only.value();
  const bool is_list = type.size() == 1 && type[0] == 'L';
  const bool is_map = type.size() == 1 && type[0] == 'M';
  if (type.size() == 1 && type[0] == 'N') return check_number_text(payload, path, issues);
  if (type.size() == 2 && type[0] == 'N' && type[1] == 'S' && payload.is_array()) {
    for (const json& member : payload) check_number_text(member, path, issues);
    return;
  }
  if ((!is_map || !payload.is_object()) && (!is_list || !payload.is_array())) return;
  if (depth + 1 > max_nesting_depth) {
    issues.push_back({path.text(), codes::validation::depth, "nested deeper than DynamoDB's 32 levels of maps and lists"});
    return;
  }
  const attribute* element = attr != nullptr && attr->element ? attr->element.get() : nullptr;
  if (is_list) {
    for (std::size_t i = 0; i < payload.size(); ++i) {
      check_stored_value(payload[i], element, walk_path{&path, {}, i, true}, depth + 1, issues);
    }
    return;
  }
  for (auto it = payload.begin(); it != payload.end(); ++it) {
    const attribute* field = attr != nullptr && attr->shape ? attr->shape->find_stored(it.key()) : element;
    const std::string& name = field != nullptr && !field->name.empty() ? field->name : it.key();
    check_stored_value(it.value(), field, walk_path{&path, name, 0, false}, depth + 1, issues);
  }
}

json read_item(const model& m, const json& attributes, bool partial, const std::string& where) {
  if (!attributes.is_object()) {
    malformed(where, "expected an item (a map of attribute values), got " + describe_value(attributes));
  }
  issue_list stored;
  for (auto it = attributes.begin(); it != attributes.end(); ++it) {
    const attribute* attr = m.find_stored(it.key());
    check_stored_value(it.value(), attr, walk_path{nullptr, attr != nullptr ? attr->name : it.key(), 0, false}, 0, stored);
  }
  validation_result read;
  if (stored.empty()) read = from_attribute_map(m, attributes, partial);
  else read.issues = std::move(stored);
  if (!read.ok()) {
    // The server sent data the model cannot read: say so instead of returning a partial item.
    for (issue& i : read.issues) i.message = "stored item: " + i.message;
    throw_validation(std::move(read.issues));
  }
  return std::move(read.value);
}

// A key as DynamoDB sends one back (LastEvaluatedKey, UnprocessedKeys): a non-empty map of
// AttributeValues, each an object of one type.
void require_key(const json& key, const std::string& where) {
  if (!key.is_object() || key.empty()) {
    malformed(where, "expected a key (a map of attribute values), got " +
                         (key.is_object() ? std::string("an empty object") : describe_value(key)));
  }
  for (auto it = key.begin(); it != key.end(); ++it) {
    if (!it.value().is_object() || it.value().size() != 1) {
      malformed(child_path(where, it.key()), "expected an attribute value, got " + describe_value(it.value()));
    }
  }
}

// LastEvaluatedKey names where the next page starts: the table's key attributes, plus an
// index's when reading one. Anything else would be sent back as ExclusiveStartKey and fail there,
// or start the next page somewhere else.
void check_last_key(const model& m, const json& key) {
  const std::string where = "LastEvaluatedKey";
  require_key(key, where);
  auto is_key_attribute = [&](const std::string& name) {
    if (m.is_key(name)) return true;
    for (const index_def& index : m.indexes) {
      if (index.partition == name || (index.sort && *index.sort == name)) return true;
    }
    return false;
  };
  for (auto it = key.begin(); it != key.end(); ++it) {
    const attribute* attr = m.find_stored(it.key());
    if (attr == nullptr || !is_key_attribute(attr->name)) {
      malformed(child_path(where, it.key()), "not a key attribute of the table or of an index of model " + m.name);
    }
  }
  for (const attribute* attr : {&m.partition(), m.sort()}) {
    if (attr != nullptr && !key.contains(attr->stored_name)) {
      malformed(where, "lacks the table's key attribute " + attr->stored_name);
    }
  }
  read_item(m, key, true, where);  // the values, through their types
}

void read_count(const json& response, const char* name, const char* to, json& out) {
  auto it = response.find(name);
  if (it == response.end() || it->is_null()) return;
  if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<std::int64_t>() >= 0)) {
    malformed(name, "expected a count (an integer >= 0), got " + describe_value(*it));
  }
  out[to] = *it;
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

// An error name becomes part of a code (`service.<type>`): letters, digits and _ only.
bool is_error_name(const std::string& type) {
  return !type.empty() && type.size() <= 100 && std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// CancellationReasons as the client reads them: one {Code, Message} object per operation.
json cancellation_reasons(const json& reasons) {
  json out = json::array();
  if (!reasons.is_array()) return out;
  for (const json& reason : reasons) {
    json kept = json::object();
    if (reason.is_object()) {
      for (const char* key : {"Code", "Message"}) {
        auto it = reason.find(key);
        if (it != reason.end() && it->is_string()) kept[key] = excerpt(it->get_ref<const std::string&>(), 1000);
      }
    }
    out.push_back(std::move(kept));
  }
  return out;
}

}  // namespace

json parse_get_item(const model& m, const json& response, bool partial) {
  require_object(response, "GetItem");
  auto it = response.find("Item");
  if (it == response.end() || it->is_null()) return json::object();
  return {{"item", read_item(m, *it, partial, "Item")}};
}

json parse_write_item(const model& m, const json& response, bool partial) {
  require_object(response, "write");
  auto it = response.find("Attributes");
  if (it == response.end() || it->is_null()) return json::object();
  return {{"attributes", read_item(m, *it, partial, "Attributes")}};
}

json parse_page(const model& m, const json& response, bool partial) {
  require_object(response, "Query or Scan");
  json items = json::array();
  if (auto it = response.find("Items"); it != response.end() && !it->is_null()) {
    if (!it->is_array()) malformed("Items", "expected a list of items, got " + describe_value(*it));
    for (std::size_t i = 0; i < it->size(); ++i) {
      items.push_back(read_item(m, (*it)[i], partial, index_path("Items", i)));
    }
  }
  json out = {{"items", std::move(items)}};
  read_count(response, "Count", "count", out);
  read_count(response, "ScannedCount", "scannedCount", out);
  if (auto it = response.find("LastEvaluatedKey"); it != response.end() && !it->is_null()) {
    check_last_key(m, *it);
    out["lastKey"] = *it;
  }
  return out;
}

json parse_batch_get(const model& m, const json& response, bool partial) {
  require_object(response, "BatchGetItem");
  // DynamoDB always sends Responses (a table with nothing found maps to []): without it, "no
  // item found" could not be told from an answer that lost its items.
  auto responses = response.find("Responses");
  if (responses == response.end()) malformed("Responses", "absent from a BatchGetItem response");
  if (!responses->is_object()) malformed("Responses", "expected a map of tables, got " + describe_value(*responses));
  json items = json::array();
  for (const auto& table : responses->items()) {
    const std::string at = child_path("Responses", table.key());
    if (!table.value().is_array()) malformed(at, "expected a list of items, got " + describe_value(table.value()));
    for (std::size_t i = 0; i < table.value().size(); ++i) {
      items.push_back(read_item(m, table.value()[i], partial, index_path(at, i)));
    }
  }
  json out = {{"items", std::move(items)}};
  auto unprocessed = response.find("UnprocessedKeys");
  if (unprocessed == response.end() || unprocessed->is_null()) return out;
  if (!unprocessed->is_object()) {
    malformed("UnprocessedKeys", "expected a map of tables, got " + describe_value(*unprocessed));
  }
  for (const auto& table : unprocessed->items()) {
    const std::string at = child_path("UnprocessedKeys", table.key());
    const json& spec = table.value();
    auto keys = spec.is_object() ? spec.find("Keys") : spec.end();
    if (!spec.is_object() || keys == spec.end() || !keys->is_array() || keys->empty()) {
      malformed(at, "expected { Keys: [key, ...] }, got " + describe_value(spec));
    }
    for (std::size_t i = 0; i < keys->size(); ++i) require_key((*keys)[i], index_path(at + ".Keys", i));
  }
  if (!unprocessed->empty()) out["unprocessed"] = *unprocessed;
  return out;
}

json parse_unprocessed_writes(const model& m, const json& writes) {
  json puts = json::array();
  json deletes = json::array();
  if (!writes.is_array()) malformed("UnprocessedItems", "expected a list of write requests, got " + describe_value(writes));
  if (!nests_within(writes, max_response_depth)) malformed("UnprocessedItems", "nests deeper than any DynamoDB answer");
  for (std::size_t i = 0; i < writes.size(); ++i) {
    const json& w = writes[i];
    const std::string at = index_path("UnprocessedItems", i);
    auto request = w.is_object() && w.size() == 1 ? w.begin() : w.end();
    const bool one = request != w.end() && request.value().is_object();
    if (one && request.key() == "PutRequest" && request.value().contains("Item")) {
      puts.push_back(read_item(m, request.value()["Item"], false, at + ".PutRequest.Item"));
    } else if (one && request.key() == "DeleteRequest" && request.value().contains("Key")) {
      deletes.push_back(read_item(m, request.value()["Key"], true, at + ".DeleteRequest.Key"));
    } else {
      malformed(at, "expected { PutRequest: { Item } } or { DeleteRequest: { Key } }");
    }
  }
  return {{"put", std::move(puts)}, {"delete", std::move(deletes)}};
}

json parse_error_response(int status, std::string_view body) {
  // Not JSON, or deeper than any DynamoDB answer: read as text.
  json_read_result read = read_json(body, max_response_depth);
  const json parsed = read.status == json_read_status::ok ? std::move(read.value) : json();
  std::string type;
  std::string message;
  if (parsed.is_object()) {
    if (auto t = parsed.find("__type"); t != parsed.end() && t->is_string()) {
      type = t->get<std::string>();
      type = type.substr(type.find('#') == std::string::npos ? 0 : type.find('#') + 1);
      if (!is_error_name(type)) type.clear();
    }
    for (const char* key : {"message", "Message"}) {
      if (auto msg = parsed.find(key); msg != parsed.end() && msg->is_string()) {
        message = excerpt(msg->get_ref<const std::string&>(), 2000);
      }
    }
  }
  json out = {{"status", status}};
  if (type.empty()) {
    // Not DynamoDB's error shape (a proxy's HTML page, a truncated body): keep an excerpt.
    type = "UnknownError";
    message = "HTTP " + std::to_string(status) + ": " + excerpt(body, 200);
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
      out["cancellationReasons"] = cancellation_reasons(*reasons);
    }
  }
  return out;
}

}  // namespace dynamap
