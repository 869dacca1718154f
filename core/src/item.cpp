#include "dynamap/item.hpp"

#include "dynamap/any_value.hpp"
#include "dynamap/path.hpp"
#include "dynamap/type_handler.hpp"
#include "dynamap/value_tags.hpp"

namespace dynamap {

namespace {

// Checks one present value (possibly null) of a declared attribute.
json normalize_present(const attribute& attr, const json& value, const std::string& path,
                       issue_list& issues) {
  if (value.is_null()) {
    if (attr.nullable) return nullptr;
    issues.push_back({path, "type", "expected " + std::string(attr.type->name()) +
                                        ", got null (the attribute is not nullable)"});
    return nullptr;
  }
  return attr.type->normalize(attr, value, path, issues);
}

std::string not_declared(const model& m) {
  return "is not declared in model " + m.name +
         " (declare it, or set the model's unknown policy to 'strip' or 'keep')";
}

}  // namespace

validation_result validate_item(const model& m, const json& item) {
  validation_result result;
  if (!item.is_object() || !value_tag(item).empty()) {
    result.issues.push_back({"", "type", "expected an object, got " + describe_value(item)});
    return result;
  }
  json out = json::object();
  for (const attribute& attr : m.attributes) {
    const std::string key = escape_key(attr.name);
    auto it = item.find(key);
    if (it == item.end()) {
      if (attr.default_value) {
        out.emplace(key, *attr.default_value);
      } else if (!attr.optional) {
        result.issues.push_back({attr.name, "required", "is required"});
      }
      continue;
    }
    json normalized = normalize_present(attr, *it, attr.name, result.issues);
    out.emplace(key, std::move(normalized));
  }
  for (auto it = item.begin(); it != item.end(); ++it) {
    const std::string name = unescape_key(it.key());
    if (m.find(name) != nullptr) continue;
    switch (m.unknown) {
      case unknown_policy::reject:
        result.issues.push_back({name, "unknownAttribute", not_declared(m)});
        break;
      case unknown_policy::strip: break;
      case unknown_policy::keep:
        if (m.find_stored(name) != nullptr) {
          result.issues.push_back({name, "unknownAttribute",
                                   "collides with the stored name of a declared attribute"});
        } else {
          any_to_attribute_value(it.value(), name, result.issues);  // checks it can be stored
          out.emplace(it.key(), it.value());
        }
        break;
    }
  }
  if (result.ok()) result.value = std::move(out);
  return result;
}

validation_result validate_key(const model& m, const json& key) {
  validation_result result;
  if (!key.is_object() || !value_tag(key).empty()) {
    result.issues.push_back({"", "type", "expected a key object, got " + describe_value(key)});
    return result;
  }
  json out = json::object();
  auto check = [&](const attribute& attr) {
    const std::string k = escape_key(attr.name);
    auto it = key.find(k);
    if (it == key.end()) {
      result.issues.push_back({attr.name, "required", "is required in a key"});
      return;
    }
    json normalized = normalize_present(attr, *it, attr.name, result.issues);
    if (normalized.is_string() && normalized.get_ref<const std::string&>().empty()) {
      result.issues.push_back({attr.name, "emptyKey", "a key attribute cannot be an empty string"});
    }
    out.emplace(k, std::move(normalized));
  };
  check(m.partition());
  if (const attribute* sort = m.sort()) check(*sort);
  for (auto it = key.begin(); it != key.end(); ++it) {
    const std::string name = unescape_key(it.key());
    if (!m.is_key(name)) {
      result.issues.push_back({name, "notKey", "is not part of the key of model " + m.name});
    }
  }
  if (result.ok()) result.value = std::move(out);
  return result;
}

json to_attribute_map(const model& m, const json& normalized) {
  json item = json::object();
  issue_list unused;  // values were checked by validate_*: nothing can fail here
  for (auto it = normalized.begin(); it != normalized.end(); ++it) {
    const std::string name = unescape_key(it.key());
    const attribute* attr = m.find(name);
    if (attr == nullptr) {
      item.emplace(name, any_to_attribute_value(it.value(), name, unused));
    } else if (it->is_null()) {
      item.emplace(attr->stored_name, json{{"NULL", true}});
    } else {
      item.emplace(attr->stored_name, attr->type->to_attribute_value(*attr, it.value()));
    }
  }
  return item;
}

validation_result from_attribute_map(const model& m, const json& item) {
  validation_result result;
  if (!item.is_object()) {
    result.issues.push_back({"", "attributeType", "expected an attribute value map"});
    return result;
  }
  json out = json::object();
  for (auto it = item.begin(); it != item.end(); ++it) {
    const attribute* attr = m.find_stored(it.key());
    if (attr == nullptr) {
      switch (m.unknown) {
        case unknown_policy::reject:
          result.issues.push_back({it.key(), "unknownAttribute", "the stored item has attribute '" +
                                                                     it.key() + "', which " +
                                                                     not_declared(m)});
          break;
        case unknown_policy::strip: break;
        case unknown_policy::keep:
          out.emplace(escape_key(it.key()),
                      any_from_attribute_value(it.value(), it.key(), result.issues));
          break;
      }
      continue;
    }
    const json& av = it.value();
    if (av.is_object() && av.size() == 1 && av.begin().key() == "NULL") {
      if (!attr->nullable) {
        result.issues.push_back({attr->name, "type",
                                 "the stored value is NULL but the attribute is not nullable"});
      }
      out.emplace(escape_key(attr->name), nullptr);
      continue;
    }
    out.emplace(escape_key(attr->name),
                attr->type->from_attribute_value(*attr, av, attr->name, result.issues));
  }
  for (const attribute& attr : m.attributes) {
    const std::string key = escape_key(attr.name);
    if (out.contains(key)) continue;
    if (attr.default_value) {
      out.emplace(key, *attr.default_value);
    } else if (!attr.optional) {
      result.issues.push_back({attr.name, "required", "the stored item lacks this required attribute"});
    }
  }
  if (result.ok()) result.value = std::move(out);
  return result;
}

}  // namespace dynamap
