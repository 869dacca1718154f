#include "dynamap/any_value.hpp"

#include <cmath>
#include <cstdlib>

#include "dynamap/number_text.hpp"
#include "dynamap/path.hpp"
#include "dynamap/type_handler.hpp"
#include "dynamap/value_tags.hpp"

namespace dynamap {

json any_to_attribute_value(const json& value, const std::string& path, issue_list& issues) {
  switch (value.type()) {
    case json::value_t::null: return json{{"NULL", true}};
    case json::value_t::boolean: return json{{"BOOL", value}};
    case json::value_t::string: return json{{"S", value}};
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return json{{"N", value.dump()}};
    case json::value_t::number_float: return json{{"N", format_js_number(value.get<double>())}};
    case json::value_t::array: {
      json list = json::array();
      for (std::size_t i = 0; i < value.size(); ++i) {
        list.push_back(any_to_attribute_value(value[i], index_path(path, i), issues));
      }
      return json{{"L", std::move(list)}};
    }
    case json::value_t::object: {
      if (!value_tag(value).empty()) break;
      json map = json::object();
      for (auto it = value.begin(); it != value.end(); ++it) {
        std::string key = unescape_key(it.key());
        json av = any_to_attribute_value(it.value(), child_path(path, key), issues);
        map.emplace(std::move(key), std::move(av));
      }
      return json{{"M", std::move(map)}};
    }
    default: break;
  }
  issues.push_back({path, "type", "cannot store " + describe_value(value)});
  return nullptr;
}

json any_from_attribute_value(const json& av, const std::string& path, issue_list& issues) {
  if (av.is_object() && av.size() == 1) {
    const std::string& type = av.begin().key();
    const json& v = av.begin().value();
    if (type == "S" && v.is_string()) return v;
    if (type == "BOOL" && v.is_boolean()) return v;
    if (type == "NULL") return nullptr;
    if (type == "N" && v.is_string()) {
      const std::string& text = v.get_ref<const std::string&>();
      const auto exact = parse_decimal(text);
      const double d = std::strtod(text.c_str(), nullptr);
      if (exact && std::isfinite(d) && parse_decimal(format_js_number(d)) == exact) {
        if (std::trunc(d) == d && std::fabs(d) <= 9007199254740991.0) return static_cast<long long>(d);
        return d;
      }
      issues.push_back({path, "precision", "the stored number " + text +
                                               " cannot be held exactly by a JS number"});
      return nullptr;
    }
    if (type == "L" && v.is_array()) {
      json list = json::array();
      for (std::size_t i = 0; i < v.size(); ++i) {
        list.push_back(any_from_attribute_value(v[i], index_path(path, i), issues));
      }
      return list;
    }
    if (type == "M" && v.is_object()) {
      json map = json::object();
      for (auto it = v.begin(); it != v.end(); ++it) {
        map.emplace(escape_key(it.key()),
                    any_from_attribute_value(it.value(), child_path(path, it.key()), issues));
      }
      return map;
    }
  }
  issues.push_back({path, "attributeType", "cannot read " + describe_attribute_value(av)});
  return nullptr;
}

}  // namespace dynamap
