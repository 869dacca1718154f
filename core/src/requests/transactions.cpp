// TransactWriteItems and TransactGetItems across models: each operation is built as its single
// request would be, then reshaped into a TransactItem. At most 100 operations, one per key.
#include <set>

#include "dynamap/error_codes.hpp"
#include "dynamap/path.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"
#include "requests/write_conditions.hpp"

namespace dynamap {

namespace {

constexpr std::size_t max_transaction_items = 100;

[[noreturn]] void fail(const char* code, const std::string& path, const std::string& message) {
  throw dynamap_error(error_kind::expression, code, path, path + ": " + message);
}

// Copies the fields a TransactItem takes from a single-item request.
json reshape(const json& request, std::initializer_list<const char*> fields) {
  json out = json::object();
  for (const char* f : fields) {
    if (request.contains(f)) out[f] = request[f];
  }
  return out;
}

const json& field(const json& node, const char* name) {
  static const json null_value;
  return node.is_object() && node.contains(name) ? node[name] : null_value;
}

json options_of(const json& op, const json& shared) {
  json options = field(op, "options");
  if (options.is_null()) options = json::object();
  if (shared.is_object() && shared.contains("tablePrefix")) options["tablePrefix"] = shared["tablePrefix"];
  return options;
}

void check_count(const json& items) {
  if (!items.is_array() || items.empty()) fail(codes::expression::invalid, "items", "a transaction needs at least one operation");
  if (items.size() > max_transaction_items) {
    fail(codes::expression::too_many_items, "items",
         std::to_string(items.size()) + " operations; DynamoDB allows 100 in one transaction");
  }
}

}  // namespace

json build_transact_write(const model_lookup& lookup, const json& input, const write_inputs& inputs) {
  const json& items = field(input, "items");
  const json& options = field(input, "options");
  detail::check_options(options, {"token", "tablePrefix", "returnConsumedCapacity"}, "transactWrite");
  check_count(items);
  json transact = json::array();
  std::map<std::string, std::string> keys;  // table + key -> place
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string place = index_path("items", i);
    const json& op = items[i];
    const model& m = lookup(field(op, "model"));
    json built;
    const char* kind = nullptr;
    if (op.contains("put")) {
      kind = "Put";
      built = build_put_item(m, field(op["put"], "item"), options_of(op["put"], options), inputs)["request"];
      json key = json::object();
      key[m.partition().stored_name] = built["Item"][m.partition().stored_name];
      if (const attribute* s = m.sort()) key[s->stored_name] = built["Item"][s->stored_name];
      built["Key"] = std::move(key);  // only to detect duplicates; dropped by reshape
    } else if (op.contains("update")) {
      kind = "Update";
      built = build_update_item(m, field(op["update"], "key"), field(op["update"], "update"), options_of(op["update"], options))["request"];
    } else if (op.contains("delete")) {
      kind = "Delete";
      built = build_delete_item(m, field(op["delete"], "key"), options_of(op["delete"], options))["request"];
    } else if (op.contains("check")) {
      kind = "ConditionCheck";
      if (field(op["check"], "condition").is_null()) fail(codes::expression::invalid, place, "check() needs a condition");
      json check_options = options_of(op["check"], options);
      check_options["condition"] = op["check"]["condition"];
      built = build_delete_item(m, field(op["check"], "key"), check_options)["request"];
    } else {
      fail(codes::expression::invalid, place, "an operation is put, update, delete or check");
    }
    if (built.contains("ReturnValues")) {
      fail(codes::expression::invalid, place, "transactions return no values (use returnValuesOnConditionCheckFailure)");
    }
    const std::string identity = built["TableName"].get<std::string>() + " " + built["Key"].dump();
    auto [seen, fresh] = keys.emplace(identity, place);
    if (!fresh) {
      fail(codes::expression::duplicate_key, place,
           "operates on the key " + built["Key"].dump() + " that " + seen->second + " operates on too; a transaction takes one operation per item");
    }
    static const std::initializer_list<const char*> common = {
        "TableName", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
        "ReturnValuesOnConditionCheckFailure"};
    json item;
    if (std::string(kind) == "Put") {
      item = reshape(built, common);
      item["Item"] = built["Item"];
    } else {
      item = reshape(built, common);
      item["Key"] = built["Key"];
      if (built.contains("UpdateExpression")) item["UpdateExpression"] = built["UpdateExpression"];
    }
    transact.push_back({{kind, std::move(item)}});
  }
  json request = {{"TransactItems", std::move(transact)}};
  if (options.is_object() && options.contains("token")) {
    const json& token = options["token"];
    if (!token.is_string() || token.get_ref<const std::string&>().empty() || token.get_ref<const std::string&>().size() > 36) {
      throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "token", "token: 1 to 36 characters (DynamoDB's ClientRequestToken)");
    }
    request["ClientRequestToken"] = token;
  }
  const std::string capacity = detail::read_choice(options, "returnConsumedCapacity", {"NONE", "TOTAL", "INDEXES"}, "NONE");
  if (capacity != "NONE") request["ReturnConsumedCapacity"] = capacity;
  return {{"operation", "TransactWriteItems"}, {"request", std::move(request)}};
}

json build_transact_get(const model_lookup& lookup, const json& input) {
  const json& items = field(input, "items");
  const json& options = field(input, "options");
  detail::check_options(options, {"tablePrefix", "returnConsumedCapacity"}, "transactGet");
  check_count(items);
  json transact = json::array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& op = items[i];
    const model& m = lookup(field(op, "model"));
    if (!op.contains("get")) fail(codes::expression::invalid, index_path("items", i), "transactGet takes get operations");
    json get_options = options_of(op["get"], options);
    const json built = build_get_item(m, field(op["get"], "key"), get_options)["request"];
    transact.push_back({{"Get", reshape(built, {"TableName", "Key", "ProjectionExpression", "ExpressionAttributeNames"})}});
  }
  json request = {{"TransactItems", std::move(transact)}};
  const std::string capacity = detail::read_choice(options, "returnConsumedCapacity", {"NONE", "TOTAL", "INDEXES"}, "NONE");
  if (capacity != "NONE") request["ReturnConsumedCapacity"] = capacity;
  return {{"operation", "TransactGetItems"}, {"request", std::move(request)}};
}

}  // namespace dynamap
