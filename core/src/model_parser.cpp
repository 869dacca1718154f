#include "dynamap/error_codes.hpp"
#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <map>
#include <set>

#include "dynamap/error.hpp"
#include "dynamap/model.hpp"
#include "dynamap/path.hpp"
#include "dynamap/type_handler.hpp"
#include "dynamap/values.hpp"

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
  if (!value.is_object()) throw_schema(path, codes::schema::invalid, "expected an object, got " + describe_value(value));
  return value;
}

const std::string& require_string(const json& parent, const char* key, const std::string& path) {
  auto it = parent.find(key);
  const std::string at = child_path(path, key);
  if (it == parent.end()) throw_schema(at, codes::schema::missing, "is required");
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    throw_schema(at, codes::schema::invalid, "expected a non-empty string, got " + describe_value(*it));
  }
  return it->get_ref<const std::string&>();
}

bool read_flag(const json& def, const char* key, const std::string& path) {
  auto it = def.find(key);
  if (it == def.end()) return false;
  if (!it->is_boolean()) throw_schema(child_path(path, key), codes::schema::invalid, "expected true or false");
  return it->get<bool>();
}

bool listed(std::initializer_list<const char*> names, const std::string& key) {
  return std::any_of(names.begin(), names.end(), [&](const char* k) { return key == k; });
}

void reject_unknown(const json& obj, std::initializer_list<const char*> known, const std::string& path) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (!listed(known, it.key())) throw_schema(child_path(path, it.key()), codes::schema::unknown_property, "is not a known property");
  }
}

unknown_policy read_policy(const json& value, const std::string& path) {
  if (value.is_null()) return unknown_policy::reject;
  if (value == "reject") return unknown_policy::reject;
  if (value == "strip") return unknown_policy::strip;
  if (value == "keep") return unknown_policy::keep;
  throw_schema(path, codes::schema::invalid, "expected 'reject', 'strip' or 'keep'");
}

// A definition is read recursively, and parts of it are copied; nothing a model needs nests
// anywhere near this deep (32 levels of maps are 66), so a deeper one is refused before any
// recursion could exhaust the stack (WebAssembly's is small).
constexpr std::size_t max_definition_depth = 512;

// Named types built on named types ({"type": "A"}, A = {"type": "B"}, ...): far more than any
// model needs, and a bound on how deep resolving them recurses.
constexpr std::size_t max_named_type_chain = 32;

// Refuses a definition nested deeper than max_definition_depth, naming where; iterative, so the
// check itself cannot overflow.
void check_definition_depth(const json& definition) {
  struct frame {
    const json* node;
    json::const_iterator next;
  };
  if (!definition.is_structured()) return;
  std::vector<frame> stack{{&definition, definition.cbegin()}};
  while (!stack.empty()) {
    frame& top = stack.back();
    if (top.next == top.node->cend()) {
      stack.pop_back();
      continue;
    }
    const json& child = *top.next;
    ++top.next;
    if (!child.is_structured()) continue;
    if (stack.size() >= max_definition_depth) {
      std::string path;
      for (const frame& f : stack) {
        const auto at = std::prev(f.next);
        path = f.node->is_array() ? index_path(path, static_cast<std::size_t>(at - f.node->cbegin()))
                                  : child_path(path, at.key());
      }
      throw_schema(path, codes::schema::too_deep,
                   "the definition is nested deeper than " + std::to_string(max_definition_depth) + " levels");
    }
    stack.push_back({&child, child.cbegin()});
  }
}

constexpr std::initializer_list<const char*> common_rules = {
    "type", "optional", "nullable", "default", "attributeName", "description"};

class model_parser final : public schema_reader {
 public:
  explicit model_parser(const json* types) : types_(types) {}

  mutable bool uses_clock = false;
  mutable bool uses_random = false;

  // One attribute: a definition object, or a type name as shorthand for {"type": name}.
  attribute read_attribute(const std::string& name, const json& given, const std::string& path) const {
    const json def = given.is_string() ? one_key_object("type", given) : given;
    require_object(def, path);
    const std::string& written_type = require_string(def, "type", path);
    // A named type that contains itself (a list of itself, a map holding one) would describe
    // infinite items: refused, where reading it would otherwise never end.
    if (std::find(reading_.begin(), reading_.end(), written_type) != reading_.end()) {
      throw_schema(child_path("types", written_type), codes::schema::cyclic_type,
                   "the named type '" + written_type + "' contains itself");
    }
    const bool named = find_type(written_type) == nullptr;
    if (named) reading_.push_back(written_type);
    struct pop_guard {
      std::vector<std::string>& stack;
      bool active;
      ~pop_guard() {
        if (active) stack.pop_back();
      }
    } guard{reading_, named};
    const json effective = resolve(def, path);
    const std::string& type_name = effective["type"].get_ref<const std::string&>();

    attribute attr;
    attr.name = name;
    attr.type_name = written_type;
    attr.type = find_type(type_name);
    if (attr.type == nullptr) {
      throw_schema(child_path(path, "type"), codes::schema::unknown_type, "unknown type '" + written_type + "'");
    }
    // Maps, lists and records nest as values do: a container declared below 32 others could
    // never hold a value DynamoDB stores (a 33rd level is refused on every write). Counting
    // here also bounds how deep reading nested definitions and named types recurses.
    const bool container = type_name == "list" || type_name == "map" || type_name == "record";
    if (container && nesting_ >= max_nesting_depth) {
      throw_schema(path, codes::schema::too_deep, "maps, lists and records nested deeper than DynamoDB's 32 levels");
    }
    struct nesting_guard {
      int& depth;
      bool active;
      ~nesting_guard() {
        if (active) --depth;
      }
    } nesting{nesting_, container};
    if (container) ++nesting_;
    for (auto it = effective.begin(); it != effective.end(); ++it) {
      if (!listed(common_rules, it.key()) && !attr.type->accepts_rule(it.key())) {
        throw_schema(child_path(path, it.key()), codes::schema::unknown_rule, "is not a rule of type '" + type_name + "'");
      }
    }
    // A version is absent until the first write stores 1, so it is never required on input.
    attr.optional = read_flag(effective, "optional", path) || attr.type->name() == "version";
    attr.nullable = read_flag(effective, "nullable", path);
    attr.stored_name = effective.contains("attributeName") ? require_string(effective, "attributeName", path) : name;
    attr.type->parse_rules(attr, effective, path, *this);
    if (auto it = effective.find("default"); it != effective.end()) read_default(attr, *it, child_path(path, "default"));
    return attr;
  }

  attribute read_element(const json& definition, const std::string& path) const override {
    if (definition.is_object()) {
      for (const char* rule : {"optional", "attributeName", "default"}) {
        if (definition.contains(rule)) {
          throw_schema(child_path(path, rule), codes::schema::unknown_rule, "has no meaning for list, set or record members");
        }
      }
    }
    return read_attribute("", definition, path);
  }

  std::shared_ptr<const object_shape> read_shape(const json& fields, const json& unknown,
                                                 const std::string& path) const override {
    auto shape = std::make_shared<object_shape>();
    read_fields(*shape, fields, child_path(path, "fields"));
    shape->unknown = read_policy(unknown, child_path(path, "unknown"));
    return shape;
  }

  void read_fields(object_shape& shape, const json& fields, const std::string& path) const {
    require_object(fields, path);
    std::map<std::string, std::string> stored_names;  // stored name -> attribute name
    for (auto it = fields.begin(); it != fields.end(); ++it) {
      // DynamoDB refuses an empty attribute name (and map key) in every request.
      if (it.key().empty()) throw_schema(path, codes::schema::invalid_name, "an attribute needs a name: DynamoDB refuses an empty one");
      attribute attr = read_attribute(it.key(), it.value(), child_path(path, it.key()));
      auto [seen, fresh] = stored_names.emplace(attr.stored_name, attr.name);
      if (!fresh) {
        // Blame the attribute that chose the name with attributeName, not the one named so.
        const bool current_renamed = attr.stored_name != attr.name;
        const std::string& culprit = current_renamed ? attr.name : seen->second;
        const std::string& other = current_renamed ? seen->second : attr.name;
        throw_schema(child_path(child_path(path, culprit), "attributeName"), codes::schema::duplicate_attribute_name,
                     "'" + attr.stored_name + "' is already the stored name of attribute '" + other + "'");
      }
      shape.fields.push_back(std::move(attr));
    }
    shape.index_names();
  }

 private:
  // The definition with named types expanded: the named type's rules, overridden by the
  // attribute's own. Named types may build on each other, but not in a cycle.
  json resolve(const json& def, const std::string& path) const {
    const std::string& type = def["type"].get_ref<const std::string&>();
    if (find_type(type) != nullptr) return def;
    if (types_ == nullptr || !types_->contains(type)) {
      throw_schema(child_path(path, "type"), codes::schema::unknown_type, "unknown type '" + type + "'");
    }
    if (std::find(resolving_.begin(), resolving_.end(), type) != resolving_.end()) {
      throw_schema(child_path("types", type), codes::schema::cyclic_type, "the named type '" + type + "' refers to itself");
    }
    if (resolving_.size() >= max_named_type_chain) {
      throw_schema(child_path("types", type), codes::schema::too_deep,
                   "named types build on each other more than " + std::to_string(max_named_type_chain) + " deep");
    }
    const json& named = (*types_)[type];
    const std::string named_path = child_path("types", type);
    require_object(named, named_path);
    require_string(named, "type", named_path);
    resolving_.push_back(type);
    json merged = resolve(named, named_path);
    resolving_.pop_back();
    for (auto it = def.begin(); it != def.end(); ++it) {
      if (it.key() != "type") merged[it.key()] = it.value();
    }
    return merged;
  }

  void read_default(attribute& attr, const json& value, const std::string& at) const {
    if (value.is_null()) {
      if (!attr.nullable) throw_schema(at, codes::schema::invalid_default, "null is not allowed: the attribute is not nullable");
      attr.default_from = default_kind::value;
      attr.default_value = nullptr;
      return;
    }
    if (value == "now" && attr.type->accepts_default(default_kind::now)) {
      attr.default_from = default_kind::now;
      uses_clock = true;
      return;
    }
    if (value == "uuid" && attr.type->accepts_default(default_kind::uuid)) {
      attr.default_from = default_kind::uuid;
      uses_random = true;
      return;
    }
    issue_list issues;
    value_context ctx{issues};
    json normalized = normalize_value(attr, value, at, ctx);
    if (!issues.empty()) throw_schema(at, codes::schema::invalid_default, issues.front().message);
    attr.default_from = default_kind::value;
    attr.default_value = std::move(normalized);
  }

  const json* types_;
  mutable std::vector<std::string> resolving_;  // named types being expanded into one another
  mutable std::vector<std::string> reading_;    // named types whose members are being read
  mutable int nesting_ = 0;                      // maps, lists and records around the attribute read
};

void check_key_attribute(const model& m, const std::string& name, const std::string& path, bool table_key) {
  const attribute* attr = m.find(name);
  if (attr == nullptr) throw_schema(path, codes::schema::unknown_attribute, "'" + name + "' is not a declared attribute");
  if (attr->type->key_type(*attr).empty()) {
    throw_schema(path, codes::schema::invalid_key, "'" + name + "' has type '" + attr->type_name +
                                         "', which cannot be a key (keys are strings, numbers or binary)");
  }
  if (attr->nullable) throw_schema(path, codes::schema::invalid_key, "key attribute '" + name + "' cannot be nullable");
  if (table_key && attr->optional) throw_schema(path, codes::schema::invalid_key, "key attribute '" + name + "' cannot be optional");
}

projection_kind parse_projection(const json& def, std::vector<std::string>& include, const model& m,
                                 const std::string& path) {
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
        throw_schema(index_path(at, i), codes::schema::unknown_attribute, "expected the name of a declared attribute");
      }
      include.push_back(name.get<std::string>());
    }
    return projection_kind::include;
  }
  throw_schema(at, codes::schema::invalid, "expected 'all', 'keys' or a non-empty list of attribute names");
}

index_def parse_index(const model& m, const std::string& name, const json& def, const std::string& path) {
  require_object(def, path);
  reject_unknown(def, {"type", "partition", "sort", "projection"}, path);
  if (!valid_table_name(name)) throw_schema(path, codes::schema::invalid_name, "index names are 3 to 255 characters of a-z A-Z 0-9 _ - .");
  index_def index;
  index.name = name;
  const std::string& type = require_string(def, "type", path);
  if (type != "global" && type != "local") throw_schema(child_path(path, "type"), codes::schema::invalid, "expected 'global' or 'local'");
  index.global = type == "global";
  if (index.global) {
    index.partition = require_string(def, "partition", path);
  } else {
    if (!m.sort_key) throw_schema(path, codes::schema::invalid, "local indexes need a table with a sort key");
    if (def.contains("partition") && def["partition"] != m.partition_key) {
      throw_schema(child_path(path, "partition"), codes::schema::invalid,
                   "a local index shares the table's partition key '" + m.partition_key + "'");
    }
    index.partition = m.partition_key;
  }
  check_key_attribute(m, index.partition, child_path(path, "partition"), false);
  if (def.contains("sort")) {
    index.sort = require_string(def, "sort", path);
    check_key_attribute(m, *index.sort, child_path(path, "sort"), false);
  } else if (!index.global) {
    throw_schema(child_path(path, "sort"), codes::schema::missing, "a local index needs a sort key");
  }
  index.projection = parse_projection(def, index.include, m, path);
  return index;
}

}  // namespace

std::shared_ptr<const model> parse_model(const json& definition) {
  require_object(definition, "");
  check_definition_depth(definition);
  reject_unknown(definition, {"name", "table", "key", "attributes", "indexes", "types", "unknown", "description"}, "");
  auto m = std::make_shared<model>();
  m->name = require_string(definition, "name", "");
  m->table = require_string(definition, "table", "");
  if (!valid_table_name(m->table)) throw_schema("table", codes::schema::invalid_name, "table names are 3 to 255 characters of a-z A-Z 0-9 _ - .");

  const json* types = nullptr;
  if (auto it = definition.find("types"); it != definition.end()) {
    types = &require_object(*it, "types");
    for (auto t = it->begin(); t != it->end(); ++t) {
      if (t.key().empty()) throw_schema("types", codes::schema::invalid_name, "a named type needs a name");
      if (find_type(t.key()) != nullptr) {
        throw_schema(child_path("types", t.key()), codes::schema::invalid_name, "'" + t.key() + "' is a built-in type");
      }
    }
  }
  const model_parser parser(types);
  // Every named type is read once, so a mistake in an unused one is found too.
  if (types != nullptr) {
    for (auto t = types->begin(); t != types->end(); ++t) {
      parser.read_attribute(t.key(), one_key_object("type", t.key()), child_path("types", t.key()));
    }
  }

  if (!definition.contains("attributes")) throw_schema("attributes", codes::schema::missing, "is required");
  const json& attributes = require_object(definition["attributes"], "attributes");
  if (attributes.empty()) throw_schema("attributes", codes::schema::invalid, "declare at least the key attributes");
  parser.read_fields(m->root, attributes, "attributes");
  m->root.label = "model " + m->name;
  m->uses_clock = parser.uses_clock;
  m->uses_random = parser.uses_random;
  const attribute* version = nullptr;
  for (const attribute& a : m->root.fields) {
    if (a.type->name() != "version") continue;
    if (version != nullptr) throw_schema(child_path("attributes", a.name), codes::schema::invalid, "a model has at most one version attribute");
    version = &a;
  }
  m->root.unknown = read_policy(definition.value("unknown", json()), "unknown");

  if (!definition.contains("key")) throw_schema("key", codes::schema::missing, "is required");
  const json& key = require_object(definition["key"], "key");
  reject_unknown(key, {"partition", "sort"}, "key");
  m->partition_key = require_string(key, "partition", "key");
  check_key_attribute(*m, m->partition_key, "key.partition", true);
  if (key.contains("sort")) {
    m->sort_key = require_string(key, "sort", "key");
    check_key_attribute(*m, *m->sort_key, "key.sort", true);
    if (*m->sort_key == m->partition_key) throw_schema("key.sort", codes::schema::invalid_key, "the sort key must differ from the partition key");
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
    if (local > 5) throw_schema("indexes", codes::schema::too_many, "a table has at most 5 local indexes");
    if (global > 20) throw_schema("indexes", codes::schema::too_many, "a table has at most 20 global indexes (DynamoDB's default quota)");
  }
  return m;
}

}  // namespace dynamap
