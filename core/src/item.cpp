#include "dynamap/error_codes.hpp"
#include "dynamap/item.hpp"

#include "dynamap/path.hpp"
#include "dynamap/random_bits.hpp"
#include "dynamap/value_tags.hpp"
#include "dynamap/values.hpp"

namespace dynamap {

namespace {

// DynamoDB's limits on key values: not empty, and at most 2048 (partition) or 1024 (sort) bytes.
// Index keys are held to the same, since DynamoDB refuses the write that would break them.
void check_key_value(const model& m, const json& item, const std::string& name, std::size_t limit,
                     issue_list& issues) {
  const attribute* attr = m.find(name);
  auto it = item.find(attr->stored_name);
  if (it == item.end() || !it->is_object() || it->size() != 1) return;
  const std::size_t size = attribute_value_size(*it);
  const std::string& type = it->begin().key();
  if ((type == "S" || type == "B") && size == 0) {
    issues.push_back({name, codes::validation::empty_key, std::string("a key attribute cannot be an empty ") +
                                            (type == "S" ? "string" : "binary value")});
  } else if (size > limit) {
    issues.push_back({name, codes::validation::key_size, "the key value is " + std::to_string(size) + " bytes; DynamoDB allows " +
                                           std::to_string(limit)});
  }
}

// `keys` holds at least the AttributeValues of the table's and indexes' key attributes; `size` is
// the whole item's.
void check_limits(const model& m, const json& keys, std::size_t size, issue_list& issues) {
  check_key_value(m, keys, m.partition_key, max_partition_key_bytes, issues);
  if (m.sort_key) check_key_value(m, keys, *m.sort_key, max_sort_key_bytes, issues);
  for (const index_def& index : m.indexes) {
    if (index.global) check_key_value(m, keys, index.partition, max_partition_key_bytes, issues);
    if (index.sort) check_key_value(m, keys, *index.sort, max_sort_key_bytes, issues);
  }
  if (size > max_item_bytes) {
    issues.push_back({"", codes::validation::item_size, "the item is " + std::to_string(size) +
                                          " bytes as DynamoDB counts them; the limit is 409600 (400 KB)"});
  }
}

}  // namespace

validation_result validate_item(const model& m, const json& item, const write_inputs& inputs) {
  validation_result result;
  random_bits random(inputs.seed);
  value_context ctx{result.issues, inputs.now_millis, &random};
  json out = normalize_object(m.root, item, "", ctx);
  if (!result.ok()) return result;
  // The limits are DynamoDB's sizes of the stored item: the map is made once and kept for the
  // request, which needs it too.
  json av = to_attribute_map(m, out);
  check_limits(m, av, item_size(av), result.issues);
  if (result.ok()) {
    result.value = std::move(out);
    result.item = std::move(av);
  }
  return result;
}

validation_result normalize_item(const model& m, const json& item, const write_inputs& inputs) {
  validation_result result;
  random_bits random(inputs.seed);
  value_context ctx{result.issues, inputs.now_millis, &random};
  json out = normalize_object(m.root, item, "", ctx);
  if (result.ok()) result.value = std::move(out);
  return result;
}

namespace {

// The AttributeValues of the key attributes of the table and its indexes, all check_limits reads.
json key_attribute_map(const model& m, const json& normalized) {
  json keys = json::object();
  auto add = [&](const std::string& name) {
    const attribute* attr = m.find(name);
    if (attr == nullptr || keys.contains(attr->stored_name)) return;
    auto it = normalized.find(escape_key(attr->name));
    if (it == normalized.end()) return;
    json av = value_to_attribute_value(*attr, *it);
    if (!av.is_discarded()) keys.emplace(attr->stored_name, std::move(av));
  };
  add(m.partition_key);
  if (m.sort_key) add(*m.sort_key);
  for (const index_def& index : m.indexes) {
    add(index.partition);
    if (index.sort) add(*index.sort);
  }
  return keys;
}

// What one top-level attribute adds to item_size, 0 when it is absent or stores nothing.
std::size_t attribute_bytes(const attribute& attr, const json& normalized_value) {
  if (normalized_value.is_discarded()) return 0;
  const json av = value_to_attribute_value(attr, normalized_value);
  return av.is_discarded() ? 0 : attr.stored_name.size() + attribute_value_size(av);
}

}  // namespace

std::string print_item(const model& m, json normalized, const attribute* replaced, const json& replacement,
                       issue_list& issues) {
  const json keys = key_attribute_map(m, normalized);
  std::size_t replaced_bytes = 0;
  if (replaced != nullptr) {
    // Changed in place: a copy of the item would cost about what printing it does.
    const std::string key = escape_key(replaced->name);
    auto before = normalized.find(key);
    replaced_bytes = before == normalized.end() ? 0 : attribute_bytes(*replaced, *before);
    normalized[key] = replacement;
  }
  av_text out;
  write_object_attribute_map(m.root, normalized, out);
  std::size_t size = out.bytes;
  if (replaced != nullptr) size = size - attribute_bytes(*replaced, replacement) + replaced_bytes;
  check_limits(m, keys, size, issues);
  return std::move(out.text);
}

validation_result validate_key(const model& m, const json& key) {
  validation_result result;
  if (!key.is_object() || !value_tag(key).empty()) {
    result.issues.push_back({"", codes::validation::type, "expected a key object, got " + describe_value(key)});
    return result;
  }
  value_context ctx{result.issues};
  json out = json::object();
  auto check = [&](const attribute& attr) {
    const std::string k = escape_key(attr.name);
    auto it = key.find(k);
    if (it == key.end()) {
      result.issues.push_back({attr.name, codes::validation::required, "is required in a key"});
      return;
    }
    out.emplace(k, normalize_value(attr, *it, attr.name, ctx));
  };
  check(m.partition());
  if (const attribute* sort = m.sort()) check(*sort);
  for (auto it = key.begin(); it != key.end(); ++it) {
    const std::string name = unescape_key(it.key());
    if (!m.is_key(name)) result.issues.push_back({name, codes::validation::not_key, "is not part of the key of model " + m.name});
  }
  if (result.ok()) {
    const json av = to_attribute_map(m, out);
    check_key_value(m, av, m.partition_key, max_partition_key_bytes, result.issues);
    if (m.sort_key) check_key_value(m, av, *m.sort_key, max_sort_key_bytes, result.issues);
  }
  if (result.ok()) result.value = std::move(out);
  return result;
}

json to_attribute_map(const model& m, const json& normalized) {
  return object_to_attribute_map(m.root, normalized);
}

validation_result from_attribute_map(const model& m, const json& item, bool partial) {
  validation_result result;
  value_context ctx{result.issues};
  ctx.partial = partial;
  json out = object_from_attribute_map(m.root, item, "", ctx);
  if (result.ok()) result.value = std::move(out);
  return result;
}

}  // namespace dynamap
