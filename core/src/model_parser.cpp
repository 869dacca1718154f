#include <algorithm>
#include <initializer_list>
#include <map>

#include "dynamap/error.hpp"
#include "dynamap/model.hpp"
#include "dynamap/path.hpp"
#include "dynamap/type_handler.hpp"

namespace dynamap {

namespace {

// DynamoDB's rules for table and index names.
bool valid_table_name(const std::string& s) {
  if (s.size() < 3 || s.size() > 255) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
  });
}

const json& require_object(const json& value, const std::string& path) {
  if (!value.is_object()) throw_schema(path, "invalid", "expected an object, got " + describe_value(value));
  return value;
}

const std::string& require_string(const json& parent, const char* key, const std::string& path) {
  auto it = parent.find(key);
  const std::string at = child_path(path, key);
  if (it == parent.end()) throw_schema(at, "missing", "is required");
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    throw_schema(at, "invalid", "expected a non-empty string, got " + describe_value(*it));
  }
  return it->get_ref<const std::string&>();
}

bool read_flag(const json& def, const char* key, const std::string& path) {
  auto it = def.find(key);
  if (it == def.end()) return false;
  if (!it->is_boolean()) throw_schema(child_path(path, key), "invalid", "expected true or false");
  return it->get<bool>();
}

void reject_unknown(const json& obj, std::initializer_list<const char*> known,
                    const std::string& path) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const bool listed = std::any_of(known.begin(), known.end(),
                                    [&](const char* k) { return it.key() == k; });
    if (!listed) throw_schema(child_path(path, it.key()), "unknownProperty", "is not a known property");
  }
}

constexpr std::initializer_list<const char*> common_rules = {
    "type", "optional", "nullable", "default", "attributeName", "description"};

attribute parse_attribute(const std::string& name, const json& def, const std::string& path) {
  require_object(def, path);
  attribute attr;
  attr.name = name;
  const std::string& type_name = require_string(def, "type", path);
  attr.type = find_type(type_name);
  if (attr.type == nullptr) {
    throw_schema(child_path(path, "type"), "unknownType", "unknown type '" + type_name + "'");
  }
  for (auto it = def.begin(); it != def.end(); ++it) {
    const bool common = std::any_of(common_rules.begin(), common_rules.end(),
                                    [&](const char* k) { return it.key() == k; });
    if (!common && !attr.type->accepts_rule(it.key())) {
      throw_schema(child_path(path, it.key()), "unknownRule",
                   "is not a rule of type '" + type_name + "'");
    }
  }
  attr.optional = read_flag(def, "optional", path);
  attr.nullable = read_flag(def, "nullable", path);
  attr.stored_name = def.contains("attributeName") ? require_string(def, "attributeName", path) : name;
  attr.type->parse_rules(attr, def, path);

  if (auto it = def.find("default"); it != def.end()) {
    const std::string at = child_path(path, "default");
    if (it->is_null()) {
      if (!attr.nullable) throw_schema(at, "invalidDefault", "null is not allowed: the attribute is not nullable");
      attr.default_value = nullptr;
    } else {
      issue_list issues;
      json normalized = attr.type->normalize(attr, *it, at, issues);
      if (!issues.empty()) throw_schema(at, "invalidDefault", issues.front().message);
      attr.default_value = std::move(normalized);
    }
  }
  return attr;
}

void check_key_attribute(const model& m, const std::string& name, const std::string& path,
                         bool table_key) {
  const attribute* attr = m.find(name);
  if (attr == nullptr) throw_schema(path, "unknownAttribute", "'" + name + "' is not a declared attribute");
  if (attr->type->key_type().empty()) {
    throw_schema(path, "invalidKey", "'" + name + "' has type '" + std::string(attr->type->name()) +
                                         "', which cannot be a key (use string, number or binary)");
  }
  if (attr->nullable) throw_schema(path, "invalidKey", "key attribute '" + name + "' cannot be nullable");
  if (table_key && attr->optional) {
    throw_schema(path, "invalidKey", "key attribute '" + name + "' cannot be optional");
  }
}

projection_kind parse_projection(const json& def, std::vector<std::string>& include,
                                 const model& m, const std::string& path) {
  auto it = def.find("projection");
  if (it == def.end()) return projection_kind::all;
  const std::string at = child_path(path, "projection");
  if (it->is_string()) {
    if (*it == "all") return projection_kind::all;
    if (*it == "keys") return projection_kind::keys_only;
  } else if (it->is_array() && !it->empty()) {
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& name = (*it)[i];
      if (!name.is_string() || m.find(name.get<std::string>()) == nullptr) {
        throw_schema(index_path(at, i), "unknownAttribute", "expected the name of a declared attribute");
      }
      include.push_back(name.get<std::string>());
    }
    return projection_kind::include;
  }
  throw_schema(at, "invalid", "expected 'all', 'keys' or a non-empty list of attribute names");
}

index_def parse_index(const model& m, const std::string& name, const json& def,
                      const std::string& path) {
  require_object(def, path);
  reject_unknown(def, {"type", "partition", "sort", "projection"}, path);
  if (!valid_table_name(name)) {
    throw_schema(path, "invalidName", "index names are 3 to 255 characters of a-z A-Z 0-9 _ - .");
  }
  index_def index;
  index.name = name;
  const std::string& type = require_string(def, "type", path);
  if (type != "global" && type != "local") {
    throw_schema(child_path(path, "type"), "invalid", "expected 'global' or 'local'");
  }
  index.global = type == "global";
  if (index.global) {
    index.partition = require_string(def, "partition", path);
  } else {
    if (!m.sort_key) {
      throw_schema(path, "invalid", "local indexes need a table with a sort key");
    }
    if (def.contains("partition") && def["partition"] != m.partition_key) {
      throw_schema(child_path(path, "partition"), "invalid",
                   "a local index shares the table's partition key '" + m.partition_key + "'");
    }
    index.partition = m.partition_key;
  }
  check_key_attribute(m, index.partition, child_path(path, "partition"), false);
  if (def.contains("sort")) {
    index.sort = require_string(def, "sort", path);
    check_key_attribute(m, *index.sort, child_path(path, "sort"), false);
  } else if (!index.global) {
    throw_schema(child_path(path, "sort"), "missing", "a local index needs a sort key");
  }
  index.projection = parse_projection(def, index.include, m, path);
  return index;
}

}  // namespace

std::shared_ptr<const model> parse_model(const json& definition) {
  require_object(definition, "");
  reject_unknown(definition, {"name", "table", "key", "attributes", "indexes", "unknown", "description"}, "");
  auto m = std::make_shared<model>();
  m->name = require_string(definition, "name", "");
  m->table = require_string(definition, "table", "");
  if (!valid_table_name(m->table)) {
    throw_schema("table", "invalidName", "table names are 3 to 255 characters of a-z A-Z 0-9 _ - .");
  }

  if (!definition.contains("attributes")) throw_schema("attributes", "missing", "is required");
  const json& attributes = require_object(definition["attributes"], "attributes");
  if (attributes.empty()) throw_schema("attributes", "invalid", "declare at least the key attributes");
  std::map<std::string, std::string> stored_names;  // stored name -> attribute name
  for (auto it = attributes.begin(); it != attributes.end(); ++it) {
    attribute attr = parse_attribute(it.key(), it.value(), child_path("attributes", it.key()));
    auto [seen, fresh] = stored_names.emplace(attr.stored_name, attr.name);
    if (!fresh) {
      // Blame the attribute that chose the name with attributeName, not the one named so.
      const bool current_renamed = attr.stored_name != attr.name;
      const std::string& culprit = current_renamed ? attr.name : seen->second;
      const std::string& other = current_renamed ? seen->second : attr.name;
      throw_schema(child_path(child_path("attributes", culprit), "attributeName"),
                   "duplicateAttributeName",
                   "'" + attr.stored_name + "' is already the stored name of attribute '" + other + "'");
    }
    m->attributes.push_back(std::move(attr));
  }
  m->index_names();

  if (!definition.contains("key")) throw_schema("key", "missing", "is required");
  const json& key = require_object(definition["key"], "key");
  reject_unknown(key, {"partition", "sort"}, "key");
  m->partition_key = require_string(key, "partition", "key");
  check_key_attribute(*m, m->partition_key, "key.partition", true);
  if (key.contains("sort")) {
    m->sort_key = require_string(key, "sort", "key");
    check_key_attribute(*m, *m->sort_key, "key.sort", true);
    if (*m->sort_key == m->partition_key) {
      throw_schema("key.sort", "invalidKey", "the sort key must differ from the partition key");
    }
  }

  if (auto it = definition.find("unknown"); it != definition.end()) {
    if (*it == "reject") m->unknown = unknown_policy::reject;
    else if (*it == "strip") m->unknown = unknown_policy::strip;
    else if (*it == "keep") m->unknown = unknown_policy::keep;
    else throw_schema("unknown", "invalid", "expected 'reject', 'strip' or 'keep'");
  }

  if (auto it = definition.find("indexes"); it != definition.end()) {
    require_object(*it, "indexes");
    std::size_t local = 0, global = 0;
    for (auto ix = it->begin(); ix != it->end(); ++ix) {
      index_def index = parse_index(*m, ix.key(), ix.value(), child_path("indexes", ix.key()));
      (index.global ? global : local) += 1;
      m->indexes.push_back(std::move(index));
    }
    // DynamoDB's quotas: 5 local indexes per table, 20 global ones by default.
    if (local > 5) throw_schema("indexes", "tooMany", "a table has at most 5 local indexes");
    if (global > 20) throw_schema("indexes", "tooMany", "a table has at most 20 global indexes (DynamoDB's default quota)");
  }
  return m;
}

}  // namespace dynamap
