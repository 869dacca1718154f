#include "dynamap/error_codes.hpp"
#include "dynamap/time_text.hpp"
#include "dynamap/value_tags.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"
#include "types/time_units.hpp"

namespace dynamap::detail {

namespace {

// A Date crosses from JS as {"$date": milliseconds} ({"$date": null} when invalid).
std::optional<std::int64_t> read_instant(const json& value) {
  if (value_tag(value) == "date") {
    const json& ms = value.begin().value();
    if (ms.is_number_integer()) return ms.get<std::int64_t>();
    return std::nullopt;
  }
  if (value.is_string()) return parse_iso_datetime_millis(value.get<std::string>());
  return std::nullopt;
}

std::optional<std::int64_t> read_bound(const json& def, const char* rule, const std::string& path) {
  auto it = def.find(rule);
  if (it == def.end()) return std::nullopt;
  auto ms = it->is_string() ? parse_iso_datetime_millis(it->get<std::string>()) : std::nullopt;
  if (!ms) throw_schema(child_path(path, rule), codes::schema::invalid_rule, "expected an ISO-8601 date-time with an offset");
  return ms;
}

}  // namespace

std::string_view datetime_type::name() const { return "datetime"; }

std::string_view datetime_type::key_type(const attribute& attr) const {
  return attr.rules.storage == time_storage::iso ? "S" : "N";
}

bool datetime_type::accepts_rule(std::string_view rule) const {
  return rule == "storeAs" || rule == "min" || rule == "max";
}

void datetime_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                                const schema_reader&) const {
  if (auto it = def.find("storeAs"); it != def.end()) {
    if (*it == "iso") attr.rules.storage = time_storage::iso;
    else if (*it == "epoch") attr.rules.storage = time_storage::epoch;
    else if (*it == "epochMillis") attr.rules.storage = time_storage::epoch_millis;
    else throw_schema(child_path(path, "storeAs"), codes::schema::invalid_rule, "expected 'iso', 'epoch' or 'epochMillis'");
  }
  attr.rules.min_time = read_bound(def, "min", path);
  attr.rules.max_time = read_bound(def, "max", path);
  check_order(attr.rules.min_time, attr.rules.max_time, "min", "max", path);
}

json datetime_type::normalize(const attribute& attr, const json& value, const std::string& path,
                              value_context& ctx) const {
  const auto ms = read_instant(value);
  if (!ms) {
    ctx.issues.push_back({path, codes::validation::type, "expected a valid Date or an ISO-8601 date-time with an offset, got " +
                                            (value.is_string() ? "'" + value.get<std::string>().substr(0, 60) + "'"
                                                               : describe_value(value))});
    return nullptr;
  }
  bool ok = true;
  if (attr.rules.min_time && *ms < *attr.rules.min_time) {
    ctx.issues.push_back({path, codes::validation::min, "expected " + format_iso_datetime_millis(*attr.rules.min_time) +
                                           " or later, got " + format_iso_datetime_millis(*ms)});
    ok = false;
  }
  if (attr.rules.max_time && *ms > *attr.rules.max_time) {
    ctx.issues.push_back({path, codes::validation::max, "expected " + format_iso_datetime_millis(*attr.rules.max_time) +
                                           " or earlier, got " + format_iso_datetime_millis(*ms)});
    ok = false;
  }
  return ok ? one_key_object("$date", *ms) : json(nullptr);
}

json datetime_type::to_attribute_value(const attribute& attr, const json& value) const {
  const std::int64_t ms = value.begin().value().get<std::int64_t>();
  switch (attr.rules.storage) {
    case time_storage::iso: return one_key_object("S", format_iso_datetime_millis(ms));
    case time_storage::epoch: return one_key_object("N", millis_to_seconds_text(ms));
    case time_storage::epoch_millis: return one_key_object("N", std::to_string(ms));
  }
  return nullptr;
}

json datetime_type::from_attribute_value(const attribute& attr, const json& av, const std::string& path,
                                         value_context& ctx) const {
  std::optional<std::int64_t> ms;
  if (attr.rules.storage == time_storage::iso) {
    const json* s = expect_attribute_value(av, "S", path, ctx);
    if (s == nullptr) return nullptr;
    ms = parse_iso_datetime_millis(s->get<std::string>());
  } else {
    const json* n = expect_attribute_value(av, "N", path, ctx);
    if (n == nullptr) return nullptr;
    const auto d = parse_decimal(n->get<std::string>());
    if (d) ms = scaled_integer(*d, attr.rules.storage == time_storage::epoch ? 3 : 0);
  }
  if (!ms || *ms < -js_date_max_millis || *ms > js_date_max_millis) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "the stored value is not a date-time a JS Date can hold exactly"});
    return nullptr;
  }
  return one_key_object("$date", *ms);
}

}  // namespace dynamap::detail
