// BatchGetItem (chunks of 100 keys, duplicates merged) and BatchWriteItem (chunks of 25, a key
// written twice refused, since DynamoDB refuses it and the order of the two would be lost).
#include <set>

#include "dynamap/error_codes.hpp"
#include "dynamap/expression.hpp"
#include "dynamap/item.hpp"
#include "dynamap/path.hpp"
#include "dynamap/requests.hpp"
#include "requests/request_options.hpp"
#include "requests/write_conditions.hpp"

namespace dynamap {

namespace {

constexpr std::size_t batch_get_limit = 100;
constexpr std::size_t batch_write_limit = 25;

const json& list_field(const json& input, const char* name) {
  static const json empty = json::array();
  if (!input.is_object() || !input.contains(name) || input[name].is_null()) return empty;
  const json& list = input[name];
  if (!list.is_array()) {
    throw dynamap_error(error_kind::usage, codes::usage::invalid_argument, name, std::string(name) + ": expected an array");
  }
  return list;
}

// Issues of one member of a batch, with the member's place in front: put[3].address.zip.
void prefix_issues(issue_list& issues, const std::string& prefix) {
  for (issue& i : issues) i.path = i.path.empty() ? prefix : prefix + "." + i.path;
}

json key_of(const model& m, const json& key, const std::string& place, issue_list& all) {
  validation_result checked = validate_key(m, key);
  if (!checked.ok()) {
    prefix_issues(checked.issues, place);
    all.insert(all.end(), checked.issues.begin(), checked.issues.end());
    return nullptr;
  }
  return to_attribute_map(m, checked.value);
}

// The key attributes of an item's AttributeValue map.
json key_from_item(const model& m, const json& item) {
  json key = json::object();
  key[m.partition().stored_name] = item[m.partition().stored_name];
  if (const attribute* s = m.sort()) key[s->stored_name] = item[s->stored_name];
  return key;
}

}  // namespace

json build_batch_get(const model& m, const json& input) {
  const json& options = input.is_object() && input.contains("options") ? input["options"] : json();
  detail::check_options(options, {"tablePrefix", "consistent", "select"}, "batchGet");
  const json& keys = list_field(input, "keys");
  issue_list issues;
  std::vector<json> unique;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    json key = key_of(m, keys[i], index_path("keys", i), issues);
    if (!key.is_null() && seen.insert(key.dump()).second) unique.push_back(std::move(key));
  }
  if (!issues.empty()) throw_validation(std::move(issues));
  const std::string table = table_name(m, options);
  json requests = json::array();
  for (std::size_t start = 0; start < unique.size(); start += batch_get_limit) {
    json entry = {{"Keys", json::array()}};
    for (std::size_t i = start; i < std::min(unique.size(), start + batch_get_limit); ++i) entry["Keys"].push_back(unique[i]);
    if (detail::read_bool(options, "consistent")) entry["ConsistentRead"] = true;
    placeholders ph;
    if (options.is_object() && options.contains("select")) {
      // The key attributes come back too, so results can be matched to the keys asked for
      // (asked once, even when the caller listed them: compile_projection drops repeats).
      json paths = options["select"];
      if (paths.is_array()) {
        paths.push_back(m.partition_key);
        if (m.sort_key) paths.push_back(*m.sort_key);
      }
      entry["ProjectionExpression"] = compile_projection(m, paths, ph);
    }
    ph.attach(entry);
    requests.push_back({{"operation", "BatchGetItem"}, {"request", {{"RequestItems", {{table, std::move(entry)}}}}}});
  }
  return requests;
}

json build_batch_write(const model& m, const json& input, const write_inputs& inputs) {
  const json& options = input.is_object() && input.contains("options") ? input["options"] : json();
  detail::check_options(options, {"tablePrefix"}, "batchWrite");
  if (const attribute* version = detail::version_attribute(m)) {
    throw dynamap_error(error_kind::expression, codes::expression::invalid_operation, version->name,
                        "model " + m.name + " has a version attribute, and BatchWriteItem cannot check versions: "
                        "use put/delete or a transaction");
  }
  const json& puts = list_field(input, "put");
  const json& deletes = list_field(input, "delete");
  issue_list issues;
  std::vector<json> writes;
  std::map<std::string, std::string> places;  // key -> where it was first written
  auto remember = [&](const json& key, const std::string& place) {
    auto [it, fresh] = places.emplace(key.dump(), place);
    if (!fresh) {
      throw dynamap_error(error_kind::expression, codes::expression::duplicate_key, place,
                          place + ": writes the key " + key.dump() + " that " + it->second +
                              " writes too; DynamoDB refuses two writes to one key in a batch");
    }
  };
  for (std::size_t i = 0; i < puts.size(); ++i) {
    const std::string place = index_path("put", i);
    validation_result checked = validate_item(m, puts[i], inputs);
    if (!checked.ok()) {
      prefix_issues(checked.issues, place);
      issues.insert(issues.end(), checked.issues.begin(), checked.issues.end());
      continue;
    }
    json item = std::move(checked.item);
    remember(key_from_item(m, item), place);
    writes.push_back({{"PutRequest", {{"Item", std::move(item)}}}});
  }
  for (std::size_t i = 0; i < deletes.size(); ++i) {
    const std::string place = index_path("delete", i);
    json key = key_of(m, deletes[i], place, issues);
    if (key.is_null()) continue;
    remember(key, place);
    writes.push_back({{"DeleteRequest", {{"Key", std::move(key)}}}});
  }
  if (!issues.empty()) throw_validation(std::move(issues));
  const std::string table = table_name(m, options);
  json requests = json::array();
  for (std::size_t start = 0; start < writes.size(); start += batch_write_limit) {
    json chunk = json::array();
    for (std::size_t i = start; i < std::min(writes.size(), start + batch_write_limit); ++i) chunk.push_back(std::move(writes[i]));
    requests.push_back({{"operation", "BatchWriteItem"}, {"request", {{"RequestItems", {{table, std::move(chunk)}}}}}});
  }
  return requests;
}

}  // namespace dynamap
