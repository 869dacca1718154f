#include "dynamap/error_codes.hpp"
#include "dynamap/values.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamap/json_text.hpp"
#include "dynamap/path.hpp"
#include "dynamap/random_bits.hpp"
#include "dynamap/value_tags.hpp"

namespace dynamap {

namespace {

// One member of an AttributeValue map being printed.
struct av_entry {
  std::string_view name;  // as stored
  std::size_t order;      // its place among the normalized value's keys
  const attribute* attr;
  const json* value;
};

// The entries in the order the std::map of object_to_attribute_map prints them; among equal names
// (which that map holds once) the one it would have taken first comes first.
void sort_entries(std::vector<av_entry>& entries) {
  std::sort(entries.begin(), entries.end(), [](const av_entry& a, const av_entry& b) {
    const int c = a.name.compare(b.name);
    return c != 0 ? c < 0 : a.order < b.order;
  });
}

// The name a normalized key stands for: the key itself unless its leading '$' was doubled, in
// which case the unescaped copy is kept in `owned` (reserved by the caller, so views stay valid).
const std::string& unescaped_name(const std::string& key, std::vector<std::string>& owned) {
  if (key.size() < 2 || key[0] != '$' || key[1] != '$') return key;
  owned.push_back(unescape_key(key));
  return owned.back();
}

// Prints sorted entries as a JSON object. An entry whose value stores nothing is dropped
// (`keep_unstored` false, as object_to_attribute_map leaves it out) or printed as the discarded
// value a record's map holds. Returns the number of entries printed.
std::size_t write_entries(const std::vector<av_entry>& entries, bool keep_unstored, av_text& out) {
  out.text.push_back('{');
  std::size_t written = 0;
  std::string_view last;
  for (const av_entry& e : entries) {
    if (written > 0 && e.name == last) continue;  // the map kept the first
    const std::size_t text_mark = out.text.size();
    const std::size_t bytes_mark = out.bytes;
    if (written > 0) out.text.push_back(',');
    write_json_string(e.name, out.text);
    out.text.push_back(':');
    out.bytes += e.name.size();
    if (!write_value_attribute_value(*e.attr, *e.value, out)) {
      if (!keep_unstored) {
        out.text.resize(text_mark);
        out.bytes = bytes_mark;
        continue;
      }
      write_unstored_value(out);
    }
    last = e.name;
    ++written;
  }
  out.text.push_back('}');
  return written;
}

std::string not_declared(const object_shape& shape) {
  return "is not declared in " + shape.label + " (declare it, or set the unknown policy to 'strip' or 'keep')";
}

}  // namespace

const attribute& schemaless_attribute() {
  static const attribute any = [] {
    attribute a;
    a.type_name = "any";
    a.type = find_type("any");
    a.nullable = true;
    return a;
  }();
  return any;
}

json default_value(const attribute& attr, value_context& ctx) {
  switch (attr.default_from) {
    case default_kind::none: return json(json::value_t::discarded);
    case default_kind::value: return attr.default_value;
    case default_kind::now: return one_key_object("$date", ctx.now_millis);
    case default_kind::uuid:
      if (ctx.random == nullptr) return json(json::value_t::discarded);
      return ctx.random->uuid_v4();
  }
  return json(json::value_t::discarded);
}

bool cut_too_deep(const json& value, const std::string& path, value_context& ctx) {
  if (value_tag(value) != "deep") return false;
  ctx.issues.push_back({path, codes::validation::depth, "nested deeper than DynamoDB's 32 levels of maps and lists"});
  return true;
}

json normalize_value(const attribute& attr, const json& value, const std::string& path,
                     value_context& ctx) {
  if (cut_too_deep(value, path, ctx)) return nullptr;
  if (value.is_null()) {
    if (attr.nullable) return nullptr;
    ctx.issues.push_back({path, codes::validation::type, "expected " + attr.type_name +
                                            ", got null (the attribute is not nullable)"});
    return nullptr;
  }
  return attr.type->normalize(attr, value, path, ctx);
}

json normalize_object(const object_shape& shape, const json& value, const std::string& path,
                      value_context& ctx) {
  if (!value.is_object() || !value_tag(value).empty()) {
    ctx.issues.push_back({path, codes::validation::type, "expected an object, got " + describe_value(value)});
    return nullptr;
  }
  json out = json::object();
  std::size_t declared_found = 0;
  for (const attribute& field : shape.fields) {
    const std::string key = escape_key(field.name);
    const std::string at = child_path(path, field.name);
    auto it = value.find(key);
    if (it == value.end()) {
      json fallback = default_value(field, ctx);
      if (!fallback.is_discarded()) {
        // A 'now' default is the raw clock reading: let the type shape it (ISO, epoch, date).
        out.emplace(key, field.default_from == default_kind::value
                             ? std::move(fallback)
                             : normalize_value(field, fallback, at, ctx));
      } else if (!field.optional) {
        ctx.issues.push_back({at, codes::validation::required, "is required"});
      }
      continue;
    }
    ++declared_found;
    out.emplace(key, normalize_value(field, *it, at, ctx));
  }
  // Each declared attribute matched one key of its own: when they account for every key, there
  // is nothing undeclared to look for (the usual case, and a second lookup per key saved).
  if (declared_found == value.size()) return out;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string name = unescape_key(it.key());
    if (shape.find(name) != nullptr) continue;
    const std::string at = child_path(path, name);
    switch (shape.unknown) {
      case unknown_policy::reject:
        ctx.issues.push_back({at, codes::validation::unknown_attribute, not_declared(shape)});
        break;
      case unknown_policy::strip: break;
      case unknown_policy::keep:
        if (shape.find_stored(name) != nullptr) {
          ctx.issues.push_back({at, codes::validation::unknown_attribute,
                                "has the stored name of a declared attribute; it cannot be kept"});
        } else {
          out.emplace(it.key(), normalize_value(schemaless_attribute(), it.value(), at, ctx));
        }
        break;
    }
  }
  return out;
}

json value_to_attribute_value(const attribute& attr, const json& value) {
  if (value.is_null()) return one_key_object("NULL", true);
  return attr.type->to_attribute_value(attr, value);
}

json object_to_attribute_map(const object_shape& shape, const json& value) {
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string name = unescape_key(it.key());
    const attribute* attr = shape.find(name);
    const attribute& as = attr != nullptr ? *attr : schemaless_attribute();
    json av = value_to_attribute_value(as, it.value());
    // A type may store nothing for a value (an empty set, which DynamoDB cannot hold).
    if (!av.is_discarded()) out.emplace(attr != nullptr ? attr->stored_name : name, std::move(av));
  }
  return out;
}

bool write_value_attribute_value(const attribute& attr, const json& value, av_text& out) {
  if (value.is_null()) {
    out.text.append(R"({"NULL":true})");
    out.bytes += 1;
    return true;
  }
  return attr.type->write_attribute_value(attr, value, out);
}

namespace {

// Prints a map's entries in the order the std::map of object_to_attribute_map would: `entry_of`
// gives each unescaped name's stored name and attribute.
template <typename EntryOf>
std::size_t write_map_entries(const json& value, bool keep_unstored, av_text& out, EntryOf entry_of) {
  std::vector<av_entry> entries;
  entries.reserve(value.size());
  std::vector<std::string> owned;
  owned.reserve(value.size());
  std::size_t order = 0;
  for (auto it = value.begin(); it != value.end(); ++it, ++order) {
    const auto [stored, attr] = entry_of(unescaped_name(it.key(), owned));
    entries.push_back({stored, order, attr, &it.value()});
  }
  sort_entries(entries);
  return write_entries(entries, keep_unstored, out);
}

using map_entry = std::pair<std::string_view, const attribute*>;

// {"M": ...}: DynamoDB counts 3 bytes for a map and one per entry beyond what the entries hold.
template <typename WriteEntries>
bool write_m(av_text& out, WriteEntries write_entries_of_map) {
  out.text.append(R"({"M":)");
  const std::size_t entries = write_entries_of_map();
  out.text.push_back('}');
  out.bytes += 3 + entries;
  return true;
}

}  // namespace

std::size_t write_object_attribute_map(const object_shape& shape, const json& value, av_text& out) {
  return write_map_entries(value, false, out, [&](const std::string& name) {
    const attribute* attr = shape.find(name);
    return attr != nullptr ? map_entry{attr->stored_name, attr} : map_entry{name, &schemaless_attribute()};
  });
}

bool write_map_attribute_value(const object_shape& shape, const json& value, av_text& out) {
  return write_m(out, [&] { return write_object_attribute_map(shape, value, out); });
}

bool write_record_attribute_value(const attribute& element, const json& value, av_text& out) {
  return write_m(out, [&] {
    return write_map_entries(value, true, out, [&](const std::string& name) { return map_entry{name, &element}; });
  });
}

void write_unstored_value(av_text& out) {
  static const json unstored(json::value_t::discarded);
  write_json(unstored, out.text);
}

json value_from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                value_context& ctx) {
  if (cut_too_deep(av, path, ctx)) return nullptr;
  if (av.is_object() && av.size() == 1 && av.begin().key() == "NULL") {
    if (!attr.nullable) {
      ctx.issues.push_back({path, codes::validation::type, "the stored value is NULL but the attribute is not nullable"});
    }
    return nullptr;
  }
  return attr.type->from_attribute_value(attr, av, path, ctx);
}

json object_from_attribute_map(const object_shape& shape, const json& map, const std::string& path,
                               value_context& ctx) {
  if (!map.is_object()) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "expected an attribute value map"});
    return nullptr;
  }
  json out = json::object();
  for (auto it = map.begin(); it != map.end(); ++it) {
    const attribute* attr = shape.find_stored(it.key());
    const std::string at = child_path(path, attr != nullptr ? attr->name : it.key());
    if (attr == nullptr) {
      switch (shape.unknown) {
        case unknown_policy::reject:
          ctx.issues.push_back({at, codes::validation::unknown_attribute, "the stored item has it, but it " +
                                                            not_declared(shape)});
          break;
        case unknown_policy::strip: break;
        case unknown_policy::keep:
          out.emplace(escape_key(it.key()),
                      value_from_attribute_value(schemaless_attribute(), it.value(), at, ctx));
          break;
      }
      continue;
    }
    out.emplace(escape_key(attr->name), value_from_attribute_value(*attr, it.value(), at, ctx));
  }
  // A projection (select, an index's projection, UPDATED_* return values) brings part of an
  // item: what is absent was not asked for, so it is neither an error nor given a default.
  if (ctx.partial) return out;
  for (const attribute& field : shape.fields) {
    const std::string key = escape_key(field.name);
    if (out.contains(key)) continue;
    json absent;
    if (field.type->absent_value(absent)) {
      out.emplace(key, std::move(absent));
    } else if (field.default_from == default_kind::value) {
      // A field added to the model after the item was written reads as its default; a clock or
      // random default would invent data, so those read as missing.
      out.emplace(key, field.default_value);
    } else if (!field.optional) {
      ctx.issues.push_back({child_path(path, field.name), codes::validation::required,
                            "the stored item lacks this required attribute"});
    }
  }
  return out;
}

}  // namespace dynamap
