#include "dynamap/error_codes.hpp"
#include "dynamap/time_text.hpp"
#include "types/builtin_types.hpp"
#include "types/number_display.hpp"
#include "types/rule_reader.hpp"
#include "types/time_units.hpp"

namespace dynamap::detail {

namespace {

// A duration from JS: ISO-8601 text or a number of seconds (exact to the millisecond).
// Whether an ISO duration's seconds carry digits beyond the millisecond, which would be cut.
bool finer_than_millis(const std::string& text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string::npos) return false;
  for (std::size_t i = dot + 4; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (text[i] != '0') return true;
  }
  return false;
}

std::optional<std::int64_t> read_duration(const json& value) {
  if (value.is_string()) {
    if (finer_than_millis(value.get<std::string>())) return std::nullopt;  // exact to the millisecond, or refused
    return parse_iso_duration_millis(value.get<std::string>());
  }
  if (value.is_number()) {
    const auto d = parse_decimal(value.is_number_float() ? format_js_number(value.get<double>()) : value.dump());
    return d ? scaled_integer(*d, 3) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::int64_t> read_bound(const json& def, const char* rule, const std::string& path) {
  auto it = def.find(rule);
  if (it == def.end()) return std::nullopt;
  auto ms = read_duration(*it);
  if (!ms) throw_schema(child_path(path, rule), codes::schema::invalid_rule, "expected an ISO-8601 duration or seconds");
  return ms;
}

}  // namespace

std::string_view duration_type::name() const { return "duration"; }

bool duration_type::accepts_rule(std::string_view rule) const { return rule == "min" || rule == "max"; }

void duration_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                                const schema_reader&) const {
  attr.rules.min_time = read_bound(def, "min", path);
  attr.rules.max_time = read_bound(def, "max", path);
  check_order(attr.rules.min_time, attr.rules.max_time, "min", "max", path);
}

json duration_type::normalize(const attribute& attr, const json& value, const std::string& path,
                              value_context& ctx) const {
  const auto ms = read_duration(value);
  if (!ms) {
    ctx.issues.push_back({path, codes::validation::type, "expected an ISO-8601 duration such as 'PT1H30M' or a number of seconds "
                                        "with at most 3 decimals, got " +
                                            (value.is_string() ? "'" + value.get<std::string>().substr(0, 60) + "'"
                                                               : describe_value(value))});
    return nullptr;
  }
  bool ok = true;
  if (attr.rules.min_time && *ms < *attr.rules.min_time) {
    ctx.issues.push_back({path, codes::validation::min, "expected at least " + format_iso_duration_millis(*attr.rules.min_time) +
                                           ", got " + format_iso_duration_millis(*ms)});
    ok = false;
  }
  if (attr.rules.max_time && *ms > *attr.rules.max_time) {
    ctx.issues.push_back({path, codes::validation::max, "expected at most " + format_iso_duration_millis(*attr.rules.max_time) +
                                           ", got " + format_iso_duration_millis(*ms)});
    ok = false;
  }
  return ok ? json(format_iso_duration_millis(*ms)) : json(nullptr);
}

json duration_type::to_attribute_value(const attribute&, const json& value) const {
  // Seconds in N, so durations compare and sort numerically in conditions and keys.
  return one_key_object("N", millis_to_seconds_text(*parse_iso_duration_millis(value.get<std::string>())));
}

json duration_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                         value_context& ctx) const {
  const json* n = expect_attribute_value(av, "N", path, ctx);
  if (n == nullptr) return nullptr;
  const auto d = parse_decimal(n->get<std::string>());
  if (!d) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "the N attribute value is not a number"});
    return nullptr;
  }
  const auto ms = scaled_integer(*d, 3);
  if (!ms) {
    ctx.issues.push_back({path, codes::validation::precision,
                          "the stored duration " + message_number(*d) + " is not a whole number of milliseconds within range"});
    return nullptr;
  }
  return format_iso_duration_millis(*ms);
}

}  // namespace dynamap::detail
