#pragma once
// Reading the options object each builder takes. An option a builder does not know is an error,
// so a misspelt `consistant: true` never turns into a silently inconsistent read.
#include "dynamap/error_codes.hpp"
#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

#include "dynamap/error.hpp"
#include "dynamap/json.hpp"
#include "dynamap/path.hpp"
#include "dynamap/type_handler.hpp"

namespace dynamap::detail {

// The member `name` of `object`, or null when absent. By reference: binding
// `cond ? input["options"] : json()` to a reference copies the options, filter and all.
inline const json& member_or_null(const json& object, std::string_view name) {
  static const json absent;
  const json* found = find_member(object, name);
  return found != nullptr ? *found : absent;
}

// {"operation": ..., "request": ...}, what every builder returns, built without the
// initializer-list form (which makes a two-element array per member first).
inline json planned_request(const char* operation, json request) {
  json out(json::value_t::object);
  auto& members = out.get_ref<json::object_t&>();
  members.emplace("operation", operation);
  members.emplace("request", std::move(request));
  return out;
}

inline void check_options(const json& options, std::initializer_list<std::string_view> known,
                          const char* operation) {
  if (options.is_null()) return;
  if (!options.is_object()) {
    throw dynamap_error(error_kind::usage, codes::usage::invalid_option, "options",
                        std::string(operation) + " options: expected an object, got " +
                            describe_value(options));
  }
  for (auto it = options.begin(); it != options.end(); ++it) {
    const std::string_view key = it.key();
    if (std::none_of(known.begin(), known.end(), [&](std::string_view k) { return key == k; })) {
      throw dynamap_error(error_kind::usage, codes::usage::unknown_option, it.key(),
                          std::string(operation) + " has no option '" + it.key() + "'");
    }
  }
}

// The value of a string option restricted to `allowed`, or `fallback` when absent.
inline std::string read_choice(const json& options, const char* name,
                               std::initializer_list<const char*> allowed, const char* fallback) {
  const json* found = find_member(options, name);
  if (found == nullptr) return fallback;
  const json& v = *found;
  if (v.is_string() && std::any_of(allowed.begin(), allowed.end(), [&](const char* a) {
        return v.get_ref<const std::string&>() == a;
      })) {
    return v.get<std::string>();
  }
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "'" : ", '") + std::string(a) + "'";
  throw dynamap_error(error_kind::usage, codes::usage::invalid_option, name,
                      std::string("option ") + name + ": expected one of " + list + ", got " +
                          (v.is_string() ? "'" + v.get<std::string>() + "'" : describe_value(v)));
}

inline bool read_bool(const json& options, const char* name) {
  const json* found = find_member(options, name);
  if (found == nullptr) return false;
  const json& v = *found;
  if (!v.is_boolean()) {
    throw dynamap_error(error_kind::usage, codes::usage::invalid_option, name,
                        std::string("option ") + name + ": expected true or false, got " +
                            describe_value(v));
  }
  return v.get<bool>();
}

}  // namespace dynamap::detail
