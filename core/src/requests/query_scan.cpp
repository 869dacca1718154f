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

// Whether `node` is a string equal to `text`, without making a json of `text` to compare with.
bool is_text(const json& node, std::string_view text) {
  return node.is_string() && node.get_ref<const std::string&>() == text;
}

// The key attributes (JS names) a query reads: the table's, or an index's.
struct key_names {
  const index_def* index = nullptr;
  std::string partition;
  std::optional<std::string> sort;
};

key_names resolve_index(const model& m, const json& options) {
  key_names out{nullptr, m.partition_key, m.sort_key};
  const json& name = detail::member_or_null(options, "index");
  if (name.is_null()) return out;
  for (const index_def& ix : m.indexes) {
    if (is_text(name, ix.name)) {
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
  const json& filter_node = detail::member_or_null(options, "filter");
  if (!filter_node.is_null()) {
    std::vector<std::string> queried_keys;
    if (is_query) {
      queried_keys.reserve(2);
      queried_keys.push_back(m.find(keys.partition)->stored_name);
      if (keys.sort) queried_keys.push_back(m.find(*keys.sort)->stored_name);
    }
    std::string filter = compile_condition(m, filter_node, ph, is_query ? &queried_keys : nullptr);
    check_expression_length(filter, "the filter expression");
    request["FilterExpression"] = std::move(filter);
  }
  const bool count = detail::read_bool(options, "count");
  const json& select = detail::member_or_null(options, "select");
  if (!select.is_null()) {
    if (count) throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "select", "count() returns no attributes to select");
    std::string projection = compile_projection(m, select, ph);
    check_expression_length(projection, "the projection expression");
    request["ProjectionExpression"] = std::move(projection);
  }
  if (count) request["Select"] = "COUNT";
  const json& limit = detail::member_or_null(options, "limit");
  if (!limit.is_null()) {
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
  const json& start_key = detail::member_or_null(options, "startKey");
  if (!start_key.is_null()) {
    check_start_key(m, keys, start_key);
    request["ExclusiveStartKey"] = start_key;
  }
  const std::string capacity = detail::read_choice(options, "returnConsumedCapacity", {"NONE", "TOTAL", "INDEXES"}, "NONE");
  if (capacity != "NONE") request["ReturnConsumedCapacity"] = capacity;
}

// The sort key condition: eq lt lte gt gte between begins_with on the sort key only.
std::string sort_condition(const model& m, const key_names& keys, const json& node, placeholders& ph) {
  if (!keys.sort) key_condition_error("", "this table or index has no sort key to query on");
  auto names_sort_key = [&](const json& path) { return is_text(path, *keys.sort); };
  auto has = [](const json& object, std::string_view name) { return object.contains(name); };
  bool ok = false;
  if (has(node, "cmp")) {
    static const char* allowed[] = {"eq", "lt", "lte", "gt", "gte"};
    ok = std::any_of(std::begin(allowed), std::end(allowed), [&](const char* a) { return is_text(node["cmp"], a); }) &&
         has(node, "left") && has(node["left"], "path") && names_sort_key(node["left"]["path"]) &&
         has(node, "right") && has(node["right"], "value");
  } else if (has(node, "between")) {
    ok = has(node["between"], "path") && names_sort_key(node["between"]["path"]) && has(node, "low") &&
         has(node["low"], "value") && has(node, "high") && has(node["high"], "value");
  } else if (has(node, "fn")) {
    ok = is_text(node["fn"], "begins_with") && has(node, "path") && names_sort_key(node["path"]);
  }
  if (!ok) {
    key_condition_error(*keys.sort, "a query narrows the sort key '" + *keys.sort +
                                        "' with eq, lt, lte, gt, gte, between or beginsWith against a value");
  }
  return compile_condition(m, node, ph);
}

// The key condition: the partition key's value, and the sort key's as a value in `key` or as a
// condition in `sort`.
std::string key_condition(const model& m, const key_names& keys, const json& input, placeholders& ph) {
  const json& key = detail::member_or_null(input, "key");
  if (!key.is_object() || !value_tag(key).empty()) key_condition_error("", "a query takes the partition key value as an object");
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
  std::string expression = compile_equality(m, keys.partition, *partition, ph);
  const json& sort = detail::member_or_null(input, "sort");
  if (sort_value != nullptr && !sort.is_null()) key_condition_error(*keys.sort, "the sort key is given twice");
  if (sort_value != nullptr) {
    expression += " AND ";
    expression += compile_equality(m, *keys.sort, *sort_value, ph);
  } else if (!sort.is_null()) {
    expression += " AND ";
    expression += sort_condition(m, keys, sort, ph);
  }
  check_expression_length(expression, "the key condition expression");
  return expression;
}

}  // namespace

json build_query(const model& m, const json& input) {
  const json& options = detail::member_or_null(input, "options");
  detail::check_options(options,
                        {"tablePrefix", "index", "filter", "select", "limit", "reverse", "consistent", "startKey",
                         "count", "returnConsumedCapacity"},
                        "query");
  const key_names keys = resolve_index(m, options);
  placeholders ph;
  std::string expression = key_condition(m, keys, input, ph);
  json request(json::value_t::object);
  request.get_ref<json::object_t&>().emplace("TableName", table_name(m, options));
  request.get_ref<json::object_t&>().emplace("KeyConditionExpression", std::move(expression));
  apply_read_options(request, m, keys, options, ph, true);
  if (detail::read_bool(options, "reverse")) request["ScanIndexForward"] = false;
  ph.attach_last(request);
  return detail::planned_request("Query", std::move(request));
}

json build_scan(const model& m, const json& input) {
  const json& options = detail::member_or_null(input, "options");
  detail::check_options(options,
                        {"tablePrefix", "index", "filter", "select", "limit", "consistent", "startKey", "count",
                         "segment", "totalSegments", "returnConsumedCapacity"},
                        "scan");
  const key_names keys = resolve_index(m, options);
  placeholders ph;
  json request = one_key_object("TableName", table_name(m, options));
  apply_read_options(request, m, keys, options, ph, false);
  const bool has_segment = options.is_object() && options.contains("segment");
  const bool has_total = options.is_object() && options.contains("totalSegments");
  if (has_segment || has_total) {
    const json& total = detail::member_or_null(options, "totalSegments");
    const json& segment = detail::member_or_null(options, "segment");
    if (!total.is_number_integer() || total.get<long long>() < 1 || total.get<long long>() > 1000000 ||
        !segment.is_number_integer() || segment.get<long long>() < 0 || segment.get<long long>() >= total.get<long long>()) {
      throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "segment",
                          "a parallel scan takes totalSegments from 1 to 1000000 and a segment from 0 to totalSegments - 1");
    }
    request["Segment"] = segment;
    request["TotalSegments"] = total;
  }
  ph.attach_last(request);
  return detail::planned_request("Scan", std::move(request));
}

}  // namespace dynamap
