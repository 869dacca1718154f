#include "dynamap/error_codes.hpp"
#include "dynamap/time_text.hpp"
#include "dynamap/value_tags.hpp"
#include "types/builtin_types.hpp"
#include "types/rule_reader.hpp"

namespace dynamap::detail {

namespace {
constexpr std::int64_t millis_per_day = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::optional<std::int32_t> read_bound(const json& def, const char* rule, const std::string& path) {
  auto it = def.find(rule);
  if (it == def.end()) return std::nullopt;
  auto days = it->is_string() ? parse_iso_date_days(it->get<std::string>()) : std::nullopt;
  if (!days) throw_schema(child_path(path, rule), codes::schema::invalid_rule, "expected a date as YYYY-MM-DD");
  return days;
}
}  // namespace

std::string_view date_type::name() const { return "date"; }

bool date_type::accepts_rule(std::string_view rule) const { return rule == "min" || rule == "max"; }

void date_type::parse_rules(attribute& attr, const json& def, const std::string& path,
                            const schema_reader&) const {
  if (auto low = read_bound(def, "min", path)) attr.rules.min_time = *low;
  if (auto high = read_bound(def, "max", path)) attr.rules.max_time = *high;
  check_order(attr.rules.min_time, attr.rules.max_time, "min", "max", path);
}

json date_type::normalize(const attribute& attr, const json& value, const std::string& path,
                          value_context& ctx) const {
  std::optional<std::int32_t> days;
  if (value.is_string()) {
    days = parse_iso_date_days(value.get<std::string>());
  } else if (value_tag(value) == "date" && value.begin()->is_number_integer()) {
    // A Date stands for its UTC calendar day (documented: no local time zone in the core).
    days = static_cast<std::int32_t>(floor_div(value.begin()->get<std::int64_t>(), millis_per_day));
  }
  const std::string text = days ? format_iso_date_days(*days) : "";
  if (text.empty()) {
    ctx.issues.push_back({path, codes::validation::type, "expected a date as YYYY-MM-DD, got " +
                                            (value.is_string() ? "'" + value.get<std::string>().substr(0, 60) + "'"
                                                               : describe_value(value))});
    return nullptr;
  }
  bool ok = true;
  if (attr.rules.min_time && *days < *attr.rules.min_time) {
    ctx.issues.push_back({path, codes::validation::min, "expected " + format_iso_date_days(static_cast<std::int32_t>(*attr.rules.min_time)) +
                                           " or later, got " + text});
    ok = false;
  }
  if (attr.rules.max_time && *days > *attr.rules.max_time) {
    ctx.issues.push_back({path, codes::validation::max, "expected " + format_iso_date_days(static_cast<std::int32_t>(*attr.rules.max_time)) +
                                           " or earlier, got " + text});
    ok = false;
  }
  return ok ? json(text) : json(nullptr);
}

json date_type::to_attribute_value(const attribute&, const json& value) const {
  return one_key_object("S", value);
}

json date_type::from_attribute_value(const attribute&, const json& av, const std::string& path,
                                     value_context& ctx) const {
  const json* s = expect_attribute_value(av, "S", path, ctx);
  if (s == nullptr) return nullptr;
  if (!parse_iso_date_days(s->get<std::string>())) {
    ctx.issues.push_back({path, codes::validation::attribute_type, "the stored value is not a date as YYYY-MM-DD"});
    return nullptr;
  }
  return *s;
}

}  // namespace dynamap::detail
