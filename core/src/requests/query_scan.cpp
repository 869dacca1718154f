// Query and Scan: the key condition (query only), filter, projection, paging and index options.
#include <algorithm>

#include "dynamap/error_codes.hpp"
#include "dynamap/expression.hpp"
#include "dynamap/requests.hpp"
#include "dynamap/value_tags.hpp"
#include "requests/request_options.hpp"

namespace dynamap {

namespace {

[[noreturn]] void key_condition_error(const std::string& path, const std::string& message) {
  throw dynamap_error(error_kind::expression, codes::expression::key_condition, path, message);
}

// The key attributes (JS names) a query reads: the table's, or an index's.
struct key_names {
  const index_def* index = nullptr;
  std::string partition;
  std::optional<std::string> sort;
};

key_names resolve_index(const model& m, const json& options) {
  key_names out{nullptr, m.partition_key, m.sort_key};
  if (!options.is_object() || !options.contains("index") || options["index"].is_null()) return out;
  const json& name = options["index"];
  for (const index_def& ix : m.indexes) {
    if (name == ix.name) {
      out.index = &ix;
      out.partition = ix.partition;
      out.sort = ix.sort;
      return out;
    }
  }
  throw dynamap_error(error_kind::expression, codes::expression::unknown_index, "index",
                      "model " + m.name + " has no index " + shallow_text(name));
}

// ExclusiveStartKey must be exactly the key attributes DynamoDB returns as LastEvaluatedKey.
void check_start_key(const model& m, const key_names& keys, const json& start) {
  std::vector<std::string> expected = {m.partition().stored_name};
  if (const attribute* s = m.sort()) expected.push_back(s->stored_name);
  if (keys.index != nullptr) {
    expected.push_back(m.find(keys.partition)->stored_name);
    if (keys.sort) expected.push_back(m.find(*keys.sort)->stored_name);
  }
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  bool ok = start.is_object() && start.size() == expected.size();
  for (const std::string& name : expected) {
    auto it = ok ? start.find(name) : start.end();
    ok = ok && it != start.end() && it->is_object() && it->size() == 1 &&
         (it->begin().key() == "S" || it->begin().key() == "N" || it->begin().key() == "B") &&
         it->begin().value().is_string();
  }
  if (!ok) {
    throw dynamap_error(error_kind::usage, codes::usage::invalid_cursor, "startKey",
                        "the start key is not a key of table " + m.table +
                            (keys.index ? " and index " + keys.index->name : std::string()));
  }
}

// `is_query`: a query's filter may not read the keys of what it queries (a scan's may).
void apply_read_options(json& request, const model& m, const key_names& keys, const json& options, placeholders& ph,
                        bool is_query) {
  if (keys.index != nullptr) request["IndexName"] = keys.index->name;
  if (options.is_object() && options.contains("filter") && !options["filter"].is_null()) {
    std::vector<std::string> queried_keys;
    if (is_query) {
      queried_keys.push_back(m.find(keys.partition)->stored_name);
      if (keys.sort) queried_keys.push_back(m.find(*keys.sort)->stored_name);
    }
    std::string filter = compile_condition(m, options["filter"], ph, is_query ? &queried_keys : nullptr);
    check_expression_length(filter, "the filter expression");
    request["FilterExpression"] = std::move(filter);
  }
  const bool count = detail::read_bool(options, "count");
  if (options.is_object() && options.contains("select") && !options["select"].is_null()) {
    if (count) throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "select", "count() returns no attributes to select");
    std::string projection = compile_projection(m, options["select"], ph);
    check_expression_length(projection, "the projection expression");
    request["ProjectionExpression"] = std::move(projection);
  }
  if (count) request["Select"] = "COUNT";
  if (options.is_object() && options.contains("limit") && !options["limit"].is_null()) {
    const json& limit = options["limit"];
    if (!limit.is_number_integer() || limit.get<long long>() < 1) {
      throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "limit", "limit: expected a whole number >= 1");
    }
    request["Limit"] = limit;
  }
  if (detail::read_bool(options, "consistent")) {
    if (keys.index != nullptr && keys.index->global) {
      throw dynamap_error(error_kind::expression, codes::expression::consistent_index, "consistent",
                          "global index " + keys.index->name + " offers no consistent reads");
    }
    request["ConsistentRead"] = true;
  }
  if (options.is_object() && options.contains("startKey") && !options["startKey"].is_null()) {
    check_start_key(m, keys, options["startKey"]);
    request["ExclusiveStartKey"] = options["startKey"];
  }
  const std::string capacity = detail::read_choice(options, "returnConsumedCapacity", {"NONE", "TOTAL", "INDEXES"}, "NONE");
  if (capacity != "NONE") request["ReturnConsumedCapacity"] = capacity;
}

// The sort key condition: eq lt lte gt gte between begins_with on the sort key only.
std::string sort_condition(const model& m, const key_names& keys, const json& node, placeholders& ph) {
  if (!keys.sort) key_condition_error("", "this table or index has no sort key to query on");
  auto names_sort_key = [&](const json& path) { return path.is_string() && path == *keys.sort; };
  bool ok = false;
  if (node.contains("cmp")) {
    static const char* allowed[] = {"eq", "lt", "lte", "gt", "gte"};
    ok = std::any_of(std::begin(allowed), std::end(allowed), [&](const char* a) { return node["cmp"] == a; }) &&
         node.contains("left") && node["left"].contains("path") && names_sort_key(node["left"]["path"]) &&
         node.contains("right") && node["right"].contains("value");
  } else if (node.contains("between")) {
    ok = node["between"].contains("path") && names_sort_key(node["between"]["path"]) && node.contains("low") &&
         node["low"].contains("value") && node.contains("high") && node["high"].contains("value");
  } else if (node.contains("fn")) {
    ok = node["fn"] == "begins_with" && node.contains("path") && names_sort_key(node["path"]);
  }
  if (!ok) {
    key_condition_error(*keys.sort, "a query narrows the sort key '" + *keys.sort +
                                        "' with eq, lt, lte, gt, gte, between or beginsWith against a value");
  }
  return compile_condition(m, node, ph);
}

}  // namespace

json build_query(const model& m, const json& input) {
  const json& options = input.is_object() && input.contains("options") ? input["options"] : json();
  detail::check_options(options,
                        {"tablePrefix", "index", "filter", "select", "limit", "reverse", "consistent", "startKey",
                         "count", "returnConsumedCapacity"},
                        "query");
  const key_names keys = resolve_index(m, options);
  const json key = input.is_object() && input.contains("key") ? input["key"] : json();
  if (!key.is_object() || !value_tag(key).empty()) key_condition_error("", "a query takes the partition key value as an object");
  placeholders ph;
  std::string expression;
  const json* sort_value = nullptr;
  for (auto it = key.begin(); it != key.end(); ++it) {
    const std::string name = unescape_key(it.key());
    if (name == keys.partition) continue;
    if (keys.sort && name == *keys.sort) {
      sort_value = &it.value();
      continue;
    }
    key_condition_error(name, "'" + name + "' is not a key attribute of " +
                                  (keys.index ? "index " + keys.index->name : "table " + m.table));
  }
  auto partition = key.find(escape_key(keys.partition));
  if (partition == key.end()) key_condition_error(keys.partition, "a query needs the partition key '" + keys.partition + "'");
  const json eq_partition = {{"cmp", "eq"}, {"left", {{"path", keys.partition}}}, {"right", {{"value", *partition}}}};
  expression = compile_condition(m, eq_partition, ph);
  const bool has_sort = input.contains("sort") && !input["sort"].is_null();
  if (sort_value != nullptr && has_sort) key_condition_error(*keys.sort, "the sort key is given twice");
  if (sort_value != nullptr) {
    expression += " AND " + compile_condition(m, {{"cmp", "eq"}, {"left", {{"path", *keys.sort}}}, {"right", {{"value", *sort_value}}}}, ph);
  } else if (has_sort) {
    expression += " AND " + sort_condition(m, keys, input["sort"], ph);
  }
  check_expression_length(expression, "the key condition expression");
  json request = {{"TableName", table_name(m, options)}, {"KeyConditionExpression", expression}};
  apply_read_options(request, m, keys, options, ph, true);
  if (detail::read_bool(options, "reverse")) request["ScanIndexForward"] = false;
  ph.attach(request);
  return {{"operation", "Query"}, {"request", std::move(request)}};
}

json build_scan(const model& m, const json& input) {
  const json& options = input.is_object() && input.contains("options") ? input["options"] : json();
  detail::check_options(options,
                        {"tablePrefix", "index", "filter", "select", "limit", "consistent", "startKey", "count",
                         "segment", "totalSegments", "returnConsumedCapacity"},
                        "scan");
  const key_names keys = resolve_index(m, options);
  placeholders ph;
  json request = {{"TableName", table_name(m, options)}};
  apply_read_options(request, m, keys, options, ph, false);
  const bool has_segment = options.is_object() && options.contains("segment");
  const bool has_total = options.is_object() && options.contains("totalSegments");
  if (has_segment || has_total) {
    const json& total = has_total ? options["totalSegments"] : json();
    const json& segment = has_segment ? options["segment"] : json();
    if (!total.is_number_integer() || total.get<long long>() < 1 || total.get<long long>() > 1000000 ||
        !segment.is_number_integer() || segment.get<long long>() < 0 || segment.get<long long>() >= total.get<long long>()) {
      throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "segment",
                          "a parallel scan takes totalSegments from 1 to 1000000 and a segment from 0 to totalSegments - 1");
    }
    request["Segment"] = segment;
    request["TotalSegments"] = total;
  }
  ph.attach(request);
  return {{"operation", "Scan"}, {"request", std::move(request)}};
}

}  // namespace dynamap
