#include "dynamap/error_codes.hpp"
#include <cmath>
#include <cstdlib>
#include <unordered_set>

#include "dynamap/number_text.hpp"
#include "dynamap/path.hpp"
#include "dynamap/time_text.hpp"
#include "dynamap/value_tags.hpp"
#include "dynamap/values.hpp"
#include "types/base64_text.hpp"
#include "types/builtin_types.hpp"
#include "types/number_display.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {

constexpr double max_safe_integer = 9007199254740991.0;

// The DynamoDB scalar type a schemaless value maps to ("S", "N", "B"), or "" for others.
std::string_view scalar_kind(const json& v) {
  if (v.is_string()) return "S";
  if (v.is_number()) return "N";
  const std::string_view tag = value_tag(v);
  if (tag == "bigint" || tag == "number") return "N";
  if (tag == "bytes") return "B";
  return "";
}

// The exact digits of a schemaless number as DynamoDB text. A BigInt or NumberValue keeps its
// digits as written, except zero: "-0" (or "0.00") is written "0", what DynamoDB stores and
// returns for it, as a JS -0 is (JSON has no -0) and as the decimal type writes it. Pinned in
// tests/fixtures/core/hostile.json.
std::string number_text(const json& v) {
  if (v.is_number_float()) return format_js_number(v.get<double>());
  if (v.is_number()) return v.dump();
  const json& payload = v.begin().value();
  if (!payload.is_string()) return "";
  const std::string& text = payload.get_ref<const std::string&>();
  const auto d = parse_decimal(text);
  return d && d->is_zero() ? "0" : text;
}

std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (scalar_kind(v) == "N") return to_plain_string(*parse_decimal(number_text(v)));
  return v.begin().value().get<std::string>();
}

json check(const json& v, const std::string& path, value_context& ctx);

json check_number(const json& v, const std::string& path, value_context& ctx) {
  // A JS number's decimal without printing and reading it back; other numbers through their text.
  const auto d = v.is_number_float() ? std::optional<decimal_text>(js_number_decimal(v.get<double>()))
                                     : parse_decimal(number_text(v));
  if (!d) {
    ctx.issues.push_back({path, codes::validation::type, "expected a number, got " + describe_value(v)});
    return nullptr;
  }
  if (const std::string problem = dynamodb_number_problem(*d); !problem.empty()) {
    ctx.issues.push_back({path, codes::validation::range, message_number(*d) + " " + problem});
    return nullptr;
  }
  return v;
}

json check_set(const json& members, const std::string& path, value_context& ctx) {
  if (!members.is_array() || members.empty()) {
    ctx.issues.push_back({path, codes::validation::empty_set, "DynamoDB cannot store an empty set"});
    return nullptr;
  }
  const std::string_view kind = scalar_kind(members[0]);
  std::unordered_set<std::string> seen;
  json out = json::array();
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string at = index_path(path, i);
    const json& m = members[i];
    if (kind.empty() || scalar_kind(m) != kind) {
      ctx.issues.push_back({at, codes::validation::type, "set members must all be strings, all numbers or all binary; got " +
                                            describe_value(m)});
      continue;
    }
    json checked = kind == "N" ? check_number(m, at, ctx) : kind == "B" ? check(m, at, ctx) : m;
    if (checked.is_null()) continue;
    if (!seen.insert(scalar_text(m)).second) {
      ctx.issues.push_back({at, codes::validation::duplicate, "the set already holds this value (DynamoDB refuses duplicate members)"});
      continue;
    }
    out.push_back(std::move(checked));
  }
  return one_key_object("$set", std::move(out));
}

json check(const json& v, const std::string& path, value_context& ctx) {
  switch (v.type()) {
    case json::value_t::null:
    case json::value_t::boolean:
    case json::value_t::string: return v;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return check_number(v, path, ctx);
    case json::value_t::array: {
      if (!enter_nesting(path, ctx)) return nullptr;
      json out = json::array();
      for (std::size_t i = 0; i < v.size(); ++i) out.push_back(check(v[i], index_path(path, i), ctx));
      --ctx.depth;
      return out;
    }
    case json::value_t::object: break;
    default: return nullptr;
  }
  const std::string_view tag = value_tag(v);
  if (cut_too_deep(v, path, ctx)) return nullptr;
  if (tag.empty()) {
    if (!enter_nesting(path, ctx)) return nullptr;
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      out.emplace(it.key(), check(it.value(), child_path(path, unescape_key(it.key())), ctx));
    }
    --ctx.depth;
    return out;
  }
  if (tag == "bigint" || tag == "number") return check_number(v, path, ctx);
  if (tag == "bytes") {
    // JS always sends canonical base64, but the core trusts no input (found by fuzzing).
    if (v.begin()->is_string() && base64_length(v.begin()->get<std::string>())) return v;
    ctx.issues.push_back({path, codes::validation::type, "binary data that is not base64"});
    return nullptr;
  }
  if (tag == "set") return check_set(v.begin().value(), path, ctx);
  if (tag == "date" && v.begin()->is_number_integer()) {
    // Schemaless Dates are stored as their ISO-8601 text (util-dynamodb refuses them).
    return format_iso_datetime_millis(v.begin()->get<std::int64_t>());
  }
  if (tag == "nonfinite") {
    ctx.issues.push_back({path, codes::validation::non_finite, "DynamoDB cannot store " + v.begin()->get<std::string>()});
  } else {
    ctx.issues.push_back({path, codes::validation::type, "cannot store " + describe_value(v)});
  }
  return nullptr;
}

json to_av(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return one_key_object("NULL", true);
    case json::value_t::boolean: return one_key_object("BOOL", v);
    case json::value_t::string: return one_key_object("S", v);
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return one_key_object("N", number_text(v));
    case json::value_t::array: {
      json list = json::array();
      for (const json& e : v) list.push_back(to_av(e));
      return one_key_object("L", std::move(list));
    }
    default: break;
  }
  const std::string_view tag = value_tag(v);
  if (tag == "bigint" || tag == "number") return one_key_object("N", number_text(v));
  if (tag == "bytes") return one_key_object("B", v.begin().value());
  if (tag == "set") {
    const json& members = v.begin().value();
    json payloads = json::array();
    for (const json& m : members) payloads.push_back(to_av(m).begin().value());
    return json{{std::string(scalar_kind(members[0])) + "S", std::move(payloads)}};
  }
  json map = json::object();
  for (auto it = v.begin(); it != v.end(); ++it) map.emplace(unescape_key(it.key()), to_av(it.value()));
  return one_key_object("M", std::move(map));
}

// N -> a JS number when that is exact, else {"$number": digits} (a NumberValue in JS).
json read_number(const json& payload, const std::string& path, value_context& ctx) {
  static const std::string not_text;
  const std::string& text = payload.is_string() ? payload.get_ref<const std::string&>() : not_text;
  const auto exact = parse_decimal(text);
  if (!exact) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "the N attribute value is not a number"});
    return nullptr;
  }
  if (!stored_number_in_range(*exact, path, ctx)) return nullptr;
  if (const std::optional<double> number = exact_js_number(*exact)) {
    const double d = *number;
    if (std::trunc(d) == d && std::fabs(d) <= max_safe_integer) return static_cast<long long>(d);
    return d;
  }
  return one_key_object("$number", to_plain_string(*exact));
}

json from_av(const json& av, const std::string& path, value_context& ctx);

// SS, NS or BS. A member given twice (as DynamoDB compares them: bytes, or numbers by value) is
// refused: DynamoDB never returns one, and a JS Set would merge or keep both silently.
json read_set(const std::string& type, const json& v, const std::string& path, value_context& ctx) {
  json members = json::array();
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = index_path(path, i);
    const json& m = v[i];
    std::string identity;
    if (type == "NS") {
      json n = read_number(m, at, ctx);
      if (n.is_null()) continue;
      identity = to_plain_string(*parse_decimal(m.get<std::string>()));  // in range: short
      members.push_back(std::move(n));
    } else if (m.is_string() && (type == "SS" || base64_length(m.get<std::string>()))) {
      identity = m.get<std::string>();
      members.push_back(type == "SS" ? m : one_key_object("$bytes", m));
    } else {
      ctx.issues.push_back({at, codes::validation::attribute_type, type == "SS" ? "an SS member is not a string" : "a BS member is not base64"});
      continue;
    }
    if (!seen.insert(std::move(identity)).second) {
      members.erase(members.end() - 1);
      ctx.issues.push_back({at, codes::validation::duplicate, "the set holds this value twice (DynamoDB never stores duplicates)"});
    }
  }
  return one_key_object("$set", std::move(members));
}

json from_av(const json& av, const std::string& path, value_context& ctx) {
  if (cut_too_deep(av, path, ctx)) return nullptr;
  if (av.is_object() && av.size() == 1) {
    const std::string& type = av.begin().key();
    const json& v = av.begin().value();
    if (type == "S" && v.is_string()) return v;
    if (type == "BOOL" && v.is_boolean()) return v;
    if (type == "NULL") return nullptr;
    if (type == "N") return read_number(v, path, ctx);
    if (type == "B" && v.is_string() && base64_length(v.get<std::string>())) return one_key_object("$bytes", v);
    // Lists and maps count towards DynamoDB's 32 levels on reads too, so that a hostile response
    // nested 100,000 levels deep stops there instead of exhausting the stack.
    if (type == "L" && v.is_array()) {
      if (!enter_nesting(path, ctx)) return nullptr;
      json list = json::array();
      for (std::size_t i = 0; i < v.size(); ++i) list.push_back(from_av(v[i], index_path(path, i), ctx));
      --ctx.depth;
      return list;
    }
    if (type == "M" && v.is_object()) {
      if (!enter_nesting(path, ctx)) return nullptr;
      json map = json::object();
      for (auto it = v.begin(); it != v.end(); ++it) {
        map.emplace(escape_key(it.key()), from_av(it.value(), child_path(path, it.key()), ctx));
      }
      --ctx.depth;
      return map;
    }
    if ((type == "SS" || type == "NS" || type == "BS") && v.is_array()) return read_set(type, v, path, ctx);
  }
  ctx.issues.push_back({path, codes::validation::attribute_type, "cannot read " + describe_attribute_value(av)});
  return nullptr;
}

}  // namespace

std::string_view any_type::name() const { return "any"; }

json any_type::normalize(const attribute&, const json& value, const std::string& path,
                         value_context& ctx) const {
  return check(value, path, ctx);
}

json any_type::to_attribute_value(const attribute&, const json& value) const { return to_av(value); }

json any_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                    value_context& ctx) const {
  return from_av(av, path, ctx);
}

}  // namespace dynamap::detail
